"""Saving: deterministic bytes, Chinese as Chinese, block style, kept header, exact round-trip,
atomic writes that keep the old file and its permission bits."""

from __future__ import annotations

import datetime as dt
import os
import stat
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rolemap.core import fileformat
from rolemap.core.fileformat import DEFAULT_HEADER, dumps, load, loads, read_header, save
from rolemap.core.model import Chart, Function, Goal, Review, Task
from rolemap.resources import template_path
from tests.helpers import run_python
from tests.strategies import charts

CHART = Chart(
    title="校园单车 · 市场 vs 运营",
    functions=(
        Function(id="marketing", name="市场部", archetype="brand", color="#2f6fde"),
        Function(
            id="operations",
            name="运营部",
            archetype="operations",
            description="拉新、促活、留存。\n负责校园大使。",
        ),
    ),
    goals=(
        Goal(
            id="new-riders",
            name="拉新",
            owner="operations",
            kind="acquisition",
            kpis=("新注册用户数", "30日留存率"),
        ),
    ),
    tasks=(
        Task(
            id="校园大使",
            title="校园大使招募",
            goals=("new-riders",),
            raci={"operations": "A", "marketing": "RC"},
            tags=("campus",),
        ),
    ),
    reviews=(
        Review(
            warning="shared-kpi:新注册用户数:marketing,operations",
            status="accepted",
            note="Marketing counts sign-ups from events only.",
            date=dt.date(2024, 9, 1),
        ),
    ),
)

EXPECTED_TEXT = DEFAULT_HEADER + textwrap.dedent(
    """\
    rolemap: 1
    title: 校园单车 · 市场 vs 运营
    functions:
    - id: marketing
      name: 市场部
      archetype: brand
      color: '#2f6fde'
    - id: operations
      name: 运营部
      archetype: operations
      description: |-
        拉新、促活、留存。
        负责校园大使。
    goals:
    - id: new-riders
      name: 拉新
      owner: operations
      kind: acquisition
      kpis: [新注册用户数, 30日留存率]
    tasks:
    - id: 校园大使
      title: 校园大使招募
      goals: [new-riders]
      raci: {operations: A, marketing: RC}
      tags: [campus]
    reviews:
    - warning: shared-kpi:新注册用户数:marketing,operations
      status: accepted
      note: Marketing counts sign-ups from events only.
      date: 2024-09-01
    """
)


def test_dumps_writes_readable_block_style() -> None:
    assert dumps(CHART) == EXPECTED_TEXT


def test_dumps_writes_chinese_as_chinese() -> None:
    text = dumps(CHART)
    assert "\\u" not in text
    assert "\\x" not in text
    assert "校园大使招募" in text
    assert "校园大使招募".encode() in text.encode("utf-8")


def test_dumps_is_deterministic() -> None:
    rebuilt = Chart.model_validate(CHART.model_dump())
    assert rebuilt is not CHART
    assert dumps(CHART) == dumps(CHART) == dumps(rebuilt)


def test_dumps_does_not_depend_on_hash_seed(monkeypatch: pytest.MonkeyPatch) -> None:
    source = template_path("marketing-vs-operations", "zh")
    code = (
        "import sys; from rolemap.core.fileformat import dumps, load; "
        "sys.stdout.buffer.write(dumps(load(sys.argv[1])).encode('utf-8'))"
    )
    outputs = set()
    for seed in ("1", "2"):
        monkeypatch.setenv("PYTHONHASHSEED", seed)
        proc = run_python("-c", code, str(source))
        assert proc.returncode == 0, proc.stderr
        outputs.add(proc.stdout)
    assert outputs == {dumps(load(source))}


def test_save_writes_the_dumped_bytes(tmp_path: Path) -> None:
    path = tmp_path / "chart.yaml"
    save(CHART, path)
    first = path.read_bytes()
    save(CHART, path)
    assert path.read_bytes() == first == dumps(CHART).encode("utf-8")
    assert b"\r\n" not in first
    assert load(path) == CHART


def test_raci_is_saved_in_canonical_order(pure: bool) -> None:
    text = EXPECTED_TEXT.replace("marketing: RC}", "marketing: CR}")
    chart = loads(text, pure=pure)
    assert chart.tasks[0].raci["marketing"] == "RC"
    assert dumps(chart) == EXPECTED_TEXT


def test_header_comments_are_kept(pure: bool) -> None:
    header = "# 校园单车 workshop, 2024-09\n# owner: 运营部\n"
    text = dumps(CHART, header=header)
    assert text.startswith(header + "rolemap: 1\n")
    assert read_header(text) == header
    assert loads(text, pure=pure) == CHART
    assert dumps(loads(text, pure=pure), header=read_header(text)) == text


def test_read_header_stops_at_the_first_non_comment_line() -> None:
    text = "# one\n#two\nrolemap: 1\n# not header\ntitle: x\n"
    assert read_header(text) == "# one\n#two\n"
    assert read_header("\ufeff# bom\nrolemap: 1\n") == "# bom\n"
    assert read_header("rolemap: 1\n") == ""
    assert read_header("# no newline") == "# no newline\n"


def test_save_without_header() -> None:
    text = dumps(CHART, header="")
    assert text.startswith("rolemap: 1\n")
    assert loads(text) == CHART


@settings(max_examples=100, deadline=None)
@given(chart=charts())
def test_round_trip(chart: Chart) -> None:
    text = dumps(chart)
    assert loads(text) == chart
    assert loads(text, pure=True) == chart
    assert dumps(loads(text), header=read_header(text)) == text


headers = st.lists(
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")), max_size=20),
    max_size=3,
).map(lambda rows: "".join(f"#{row}\n" for row in rows))


@settings(max_examples=100, deadline=None)
@given(chart=charts(max_functions=2, max_goals=2, max_tasks=2), header=headers)
def test_round_trip_keeps_any_header(chart: Chart, header: str) -> None:
    text = dumps(chart, header=header)
    assert read_header(text) == header
    assert loads(text) == chart
    assert dumps(loads(text), header=read_header(text)) == text


# ------------------------------------------------------------------ atomic writes


def test_failed_replace_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "chart.yaml"
    path.write_bytes(b"rolemap: 1\ntitle: old\n")

    def fail(src: object, dst: object) -> None:
        assert Path(str(src)).read_bytes() == dumps(CHART).encode()  # fully written first
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="No space left"):
        save(CHART, path)
    assert path.read_bytes() == b"rolemap: 1\ntitle: old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["chart.yaml"]


@pytest.mark.parametrize("error", [OSError(5, "I/O error"), KeyboardInterrupt()])
def test_failure_while_writing_keeps_the_old_file(
    error: BaseException, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "chart.yaml"
    path.write_bytes(b"rolemap: 1\ntitle: old\n")

    def fail(fd: int) -> None:
        raise error

    monkeypatch.setattr(os, "fsync", fail)
    with pytest.raises(type(error)):
        save(CHART, path)
    assert path.read_bytes() == b"rolemap: 1\ntitle: old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["chart.yaml"]


def test_failed_first_save_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(src: object, dst: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(PermissionError):
        save(CHART, tmp_path / "new.yaml")
    assert list(tmp_path.iterdir()) == []


def test_save_into_a_missing_directory_raises_oserror(tmp_path: Path) -> None:
    with pytest.raises(OSError):
        save(CHART, tmp_path / "missing" / "chart.yaml")


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
@pytest.mark.parametrize("mode", [0o600, 0o640, 0o664, 0o755])
def test_save_keeps_permission_bits(mode: int, tmp_path: Path) -> None:
    path = tmp_path / "chart.yaml"
    path.write_bytes(b"rolemap: 1\ntitle: old\n")
    path.chmod(mode)
    save(CHART, path)
    assert stat.S_IMODE(path.stat().st_mode) == mode
    assert load(path) == CHART


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
def test_new_file_gets_the_usual_permissions(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        save(CHART, tmp_path / "chart.yaml")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "chart.yaml").stat().st_mode) == 0o640


def test_write_atomic_replaces_content(tmp_path: Path) -> None:
    path = tmp_path / "out.md"
    path.write_bytes(b"old, longer content\n")
    fileformat.write_atomic(path, b"new\n")
    assert path.read_bytes() == b"new\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.md"]
