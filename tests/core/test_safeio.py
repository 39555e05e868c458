"""Where rolemap reads and writes: only regular files, bounded, through links, never onto itself."""

from __future__ import annotations

import os
import stat
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from rolemap.core.errors import ChartLoadError
from rolemap.core.fileformat import dumps, load, save
from rolemap.core.model import Chart, Task
from rolemap.core.safeio import ReadOnlyTarget, WriteRefused, read_bounded, write_file
from tests.helpers import CliResult

Cli = Callable[..., CliResult]
MINIMAL = "rolemap: 1\ntitle: Minimal chart\n"
CHART = Chart(title="Edited", tasks=(Task(id="t1", title="Launch"),))
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file kinds")


def _fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe.yaml"
    os.mkfifo(path)
    return path


# ------------------------------------------------------------------ reading (fault 7)


@posix_only
def test_dev_zero_is_refused_as_a_device_not_as_a_big_file() -> None:
    with pytest.raises(ChartLoadError) as info:
        load("/dev/zero")
    message = info.value.format()
    assert "it is a device, not a role-chart file" in message
    assert "MiB" not in message


@posix_only
def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    path = _fifo(tmp_path)
    outcome: list[str] = []

    def read() -> None:
        try:
            read_bounded(path)
        except ChartLoadError as exc:
            outcome.append(exc.format())

    worker = threading.Thread(target=read, daemon=True)
    worker.start()
    worker.join(5)
    if worker.is_alive():  # unblock the reader so the test run can end
        fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK)
        os.close(fd)
        pytest.fail("reading a FIFO blocked")
    assert outcome and "named pipe (FIFO)" in outcome[0]


@posix_only
@pytest.mark.parametrize("target", ["/dev/zero", "fifo"])
def test_check_gives_a_clear_message_for_non_files(target: str, cli: Cli, tmp_path: Path) -> None:
    path = Path("/dev/zero") if target == "/dev/zero" else tmp_path
    if target == "fifo":
        path = _fifo(tmp_path)
    start = time.perf_counter()
    result = cli("check", path)
    assert time.perf_counter() - start < 20  # a bound, generous for a loaded machine
    assert result.code == 2
    assert result.err.startswith(f"{path}: cannot read this: it is ")
    assert "Traceback" not in result.err


@posix_only
def test_check_of_a_folder_with_a_fifo_named_like_a_chart_does_not_hang(
    cli: Cli, tmp_path: Path
) -> None:
    (tmp_path / "chart.yaml").write_text(MINIMAL, encoding="utf-8")
    _fifo(tmp_path)
    result = cli("check", tmp_path)
    assert result.code == 2
    assert f"{tmp_path / 'pipe.yaml'}: cannot read this: it is a named pipe (FIFO)" in result.err


def test_a_symlink_to_a_chart_is_read(tmp_path: Path) -> None:
    (tmp_path / "chart.yaml").write_text(MINIMAL, encoding="utf-8")
    (tmp_path / "link.yaml").symlink_to("chart.yaml")
    assert load(tmp_path / "link.yaml").title == "Minimal chart"


# ------------------------------------------------------------------ non-regular targets (fault 2)


@posix_only
@pytest.mark.parametrize("target", ["/dev/null", "fifo", "folder"])
def test_export_refuses_a_target_that_is_not_a_regular_file(
    target: str, cli: Cli, tmp_path: Path
) -> None:
    chart = tmp_path / "chart.yaml"
    chart.write_text(MINIMAL, encoding="utf-8")
    # A link in tmp_path to /dev/null: a broken rolemap replaces the link, not the device
    # (the tests may run as root).
    out = tmp_path / "d"
    if target == "/dev/null":
        out.symlink_to("/dev/null")
    elif target == "fifo":
        out = _fifo(tmp_path)
    elif target == "folder":
        out.mkdir()
    kind = os.stat(out).st_mode
    for fmt in ("role-chart", "csv"):
        result = cli("export", chart, "--format", fmt, "-o", out)
        assert result.code == 2, result
        assert "not a regular file" in result.err
    assert "Traceback" not in result.err
    assert os.stat(out).st_mode == kind  # still the device, FIFO or folder
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["chart.yaml", "pipe.yaml" if target == "fifo" else "d"]
    )


@posix_only
def test_new_force_refuses_a_device_a_fifo_and_a_folder(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "null").symlink_to("/dev/null")  # never /dev/null itself: see above
    for out in (tmp_path / "null", _fifo(tmp_path), tmp_path):
        kind = stat.S_IFMT(os.stat(out).st_mode)
        result = cli("new", out, "--force")
        assert result.code == 2, result
        assert "not a regular file" in result.err
        assert stat.S_IFMT(os.stat(out).st_mode) == kind


def test_export_to_dash_writes_to_stdout(cli: Cli, tmp_path: Path) -> None:
    chart = tmp_path / "chart.yaml"
    chart.write_text(MINIMAL, encoding="utf-8")
    result = cli("export", chart, "--format", "markdown", "-o", "-")
    assert result.code == 0
    assert "Minimal chart" in result.out
    assert sorted(p.name for p in tmp_path.iterdir()) == ["chart.yaml"]


# ------------------------------------------------------------------ onto its own input (fault 3)


@pytest.mark.parametrize("how", ["same", "relative", "symlink", "hardlink"])
def test_export_refuses_to_overwrite_its_own_input(
    how: str, cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chart = tmp_path / "c.yaml"
    chart.write_text(MINIMAL, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    out: str | Path = chart
    if how == "relative":
        (tmp_path / "sub").mkdir()
        out = "sub/../c.yaml"
    elif how == "symlink":
        (tmp_path / "l.yaml").symlink_to("c.yaml")
        out = tmp_path / "l.yaml"
    elif how == "hardlink":
        os.link(chart, tmp_path / "h.yaml")
        out = tmp_path / "h.yaml"
    for fmt in ("role-chart", "markdown", "csv", "xlsx"):
        result = cli("export", "c.yaml", "--format", fmt, "-o", out)
        assert result.code == 2, result
        assert "this is the chart being exported" in result.err
        assert chart.read_text(encoding="utf-8") == MINIMAL


# ------------------------------------------------------------------ links and permissions (fault 4)


def test_save_through_a_symlink_edits_the_real_file(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    real = repo / "chart.yaml"
    real.write_text(MINIMAL, encoding="utf-8")
    real.chmod(0o640)
    link = tmp_path / "link.yaml"
    link.symlink_to(real)
    save(CHART, link)
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == dumps(CHART)
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    assert sorted(p.name for p in repo.iterdir()) == ["chart.yaml"]


def test_save_through_a_chain_of_relative_symlinks(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    real = tmp_path / "a" / "chart.yaml"
    real.write_text(MINIMAL, encoding="utf-8")
    (tmp_path / "l1.yaml").symlink_to("a/chart.yaml")
    (tmp_path / "l2.yaml").symlink_to("l1.yaml")
    save(CHART, tmp_path / "l2.yaml")
    assert (tmp_path / "l2.yaml").is_symlink() and (tmp_path / "l1.yaml").is_symlink()
    assert load(real) == CHART


def test_save_keeps_hard_links_and_permissions(tmp_path: Path) -> None:
    real = tmp_path / "chart.yaml"
    real.write_text(MINIMAL, encoding="utf-8")
    real.chmod(0o604)
    other = tmp_path / "other-name.yaml"
    os.link(real, other)
    save(CHART, other)
    assert os.path.samefile(real, other)
    assert real.read_text(encoding="utf-8") == dumps(CHART)
    assert stat.S_IMODE(real.stat().st_mode) == 0o604
    assert sorted(p.name for p in tmp_path.iterdir()) == ["chart.yaml", "other-name.yaml"]


@posix_only
def test_read_only_file_is_refused_unless_allowed(tmp_path: Path, cli: Cli) -> None:
    path = tmp_path / "chart.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    path.chmod(0o444)
    with pytest.raises(ReadOnlyTarget):
        save(CHART, path)
    assert path.read_text(encoding="utf-8") == MINIMAL

    result = cli("new", path, "--force")
    assert result.code == 2
    assert "read-only" in result.err
    assert path.read_text(encoding="utf-8") == MINIMAL

    chart = tmp_path / "src.yaml"
    chart.write_text(MINIMAL, encoding="utf-8")
    result = cli("export", chart, "--format", "markdown", "-o", path)
    assert result.code == 2 and "read-only" in result.err
    assert path.read_text(encoding="utf-8") == MINIMAL

    save(CHART, path, allow_read_only=True)  # the app, after asking
    assert load(path) == CHART
    assert stat.S_IMODE(path.stat().st_mode) == 0o444


def test_write_refused_is_an_os_error_with_a_reason(tmp_path: Path) -> None:
    with pytest.raises(WriteRefused) as info:
        write_file(tmp_path, b"x")
    assert isinstance(info.value, OSError)
    assert info.value.strerror == "it is a folder, not a regular file"


def test_write_through_a_dangling_symlink_creates_its_target(tmp_path: Path) -> None:
    (tmp_path / "link.yaml").symlink_to("new.yaml")
    save(CHART, tmp_path / "link.yaml")
    assert (tmp_path / "link.yaml").is_symlink()
    assert load(tmp_path / "new.yaml") == CHART
