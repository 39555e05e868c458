"""The near-duplicate join forked before the load (analysis.prefetch): same warnings, always."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rolemap.core.analysis import prefetch, similarity
from rolemap.core.checking import check_file
from rolemap.core.fileformat import dumps
from rolemap.core.model import Chart, Function, Task
from tests.strategies import TRICKY_TEXT, charts, one_line

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")


def _chart(titles: list[str], glossary: tuple[tuple[str, ...], ...] = ()) -> Chart:
    fs = (Function(id="mkt", name="Marketing"), Function(id="ops", name="Operations"))
    tasks = tuple(
        Task(id=f"t{i}", title=t, raci={"mkt" if i % 2 else "ops": "A"})
        for i, t in enumerate(titles)
    )
    return Chart(title="Prefetch", functions=fs, tasks=tasks, glossary=glossary)


def _titles(n: int) -> list[str]:
    words = ["launch", "spring", "campaign", "member", "referral", "Berlin", "Paris", "plan"]
    out = []
    for i in range(n):
        a, b, c = words[i % 8], words[(i // 8) % 8], words[(i // 64) % 8]
        out.append(f"{a} {b} {c} review")
    out += ["校园大使招募计划", "校园大使招募方案", "Q3 partner webinar", "Q3 partner webinars"]
    return out


def _child_env(**extra: str) -> dict[str, str]:
    """The environment of a fresh interpreter that imports this checkout's rolemap."""
    return {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2]), **extra}


def _no_children_left() -> bool:
    try:
        return os.waitpid(-1, os.WNOHANG) == (0, 0)
    except ChildProcessError:
        return True


def _compare(path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[list[str], object]:
    """check_file with and without the prefetch: the same result; which one answered."""
    similarity.forget()
    plain = check_file(path)
    similarity.forget()
    answered: list[str] = []
    real = prefetch.Pending.answer

    def spy(self: prefetch.Pending, *args: object) -> object:
        edges = real(self, *args)  # type: ignore[arg-type]
        answered.append("forked" if edges is not None else "here")
        return edges

    monkeypatch.setattr(prefetch, "MIN_BYTES", 0)
    monkeypatch.setattr(prefetch, "idle_cores", lambda: 1.0)
    monkeypatch.setattr(prefetch.Pending, "answer", spy)
    fast = check_file(path, prefetch=True)
    assert fast.result == plain.result
    assert fast.result is not None and fast.result.warnings == plain.result.warnings
    assert _no_children_left()
    assert similarity.prefetched is None
    return answered, fast


def test_the_forked_join_answers_and_the_warnings_are_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "chart.yaml"
    path.write_text(dumps(_chart(_titles(300))), encoding="utf-8")
    answered, fast = _compare(path, monkeypatch)
    assert answered == ["forked"]
    assert any(w.rule == "duplicate-task" for w in fast.result.warnings)  # type: ignore[union-attr]


def test_a_chart_glossary_is_read_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "chart.yaml"
    glossary = (("referral", "invite a friend"), ("校园大使", "学生代表"))
    path.write_text(dumps(_chart(_titles(100), glossary)), encoding="utf-8")
    answered, _ = _compare(path, monkeypatch)
    assert answered == ["forked"]


def test_a_title_on_several_lines_means_joining_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = dumps(_chart(_titles(100)))
    # A hand-written title folded over two lines: the line scan reads only its first line.
    folded = "title: launch\n    launch plan"
    text = text.replace("title: launch launch launch review", folded, 1)
    assert folded in text
    path = tmp_path / "chart.yaml"
    path.write_text(text, encoding="utf-8")
    answered, _ = _compare(path, monkeypatch)
    assert answered == ["here"]


def test_an_edited_glossary_block_the_scan_cannot_read_means_joining_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = dumps(_chart(_titles(100), (("referral", "invite a friend"),)))
    text = text.replace("glossary:\n", "glossary: &g\n", 1)  # an anchor the loader refuses?
    path = tmp_path / "chart.yaml"
    path.write_text(text, encoding="utf-8")
    monkeypatch.setattr(prefetch, "MIN_BYTES", 0)
    monkeypatch.setattr(prefetch, "idle_cores", lambda: 1.0)
    result = check_file(path, prefetch=True)
    assert result.result == check_file(path).result or not result.loaded
    assert _no_children_left()


def test_a_chart_that_does_not_load_leaves_no_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = dumps(_chart(_titles(100))) + "tasks: []\n"  # a repeated key: refused
    path = tmp_path / "chart.yaml"
    path.write_text(text, encoding="utf-8")
    monkeypatch.setattr(prefetch, "MIN_BYTES", 0)
    monkeypatch.setattr(prefetch, "idle_cores", lambda: 1.0)
    result = check_file(path, prefetch=True)
    assert not result.loaded and result.problems
    assert _no_children_left()


def test_small_charts_single_cores_and_busy_machines_do_not_fork(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = dumps(_chart(_titles(10))).encode("utf-8")
    monkeypatch.setattr(prefetch, "idle_cores", lambda: 1.0)
    assert prefetch.start(data, 0.6) is None  # under MIN_BYTES
    monkeypatch.setattr(prefetch, "MIN_BYTES", 0)
    monkeypatch.setattr(prefetch, "idle_cores", lambda: 0.2)
    assert prefetch.start(data, 0.6) is None  # every core busy
    monkeypatch.setattr(prefetch, "idle_cores", lambda: 1.0)
    monkeypatch.setattr(prefetch, "usable_cores", lambda: 1)
    assert prefetch.start(data, 0.6) is None
    monkeypatch.setattr(prefetch, "usable_cores", lambda: 2)
    pending = prefetch.start(data, 0.6)
    assert pending is not None
    pending.close()
    assert _no_children_left()
    monkeypatch.setenv("ROLEMAP_FORK_JOIN", "never")
    assert prefetch.start(data, 0.6) is None
    monkeypatch.setenv("ROLEMAP_FORK_JOIN", "always")
    monkeypatch.setattr(prefetch, "idle_cores", lambda: 0.0)
    pending = prefetch.start(data, 0.6)
    assert pending is not None
    pending.close()
    assert _no_children_left()


@settings(max_examples=150, deadline=None)
@given(charts(max_tasks=8))
def test_the_scan_reads_the_titles_rolemap_writes(chart: Chart) -> None:
    found = prefetch.read_titles(dumps(chart).encode("utf-8"))
    if not chart.tasks:
        assert found is None
        return
    assert found is not None
    assert found[0] == tuple(t.title for t in chart.tasks)
    assert found[1] == chart.glossary


@settings(max_examples=100, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(TRICKY_TEXT), one_line), min_size=1, max_size=12))
def test_tricky_titles_are_read_as_the_loader_reads_them(titles: list[str]) -> None:
    found = prefetch.read_titles(dumps(_chart(titles)).encode("utf-8"))
    assert found is not None and found[0] == tuple(titles)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300) | st.text(max_size=300).map(lambda s: s.encode("utf-8")))
def test_the_scan_never_fails_on_any_text(data: bytes) -> None:
    try:
        prefetch.read_titles(b"tasks:\n- id: a\n  title: " + data)
    except Exception as exc:
        # PyYAML refusing a value is fine: the forked process then sends nothing.
        import yaml

        assert isinstance(exc, (yaml.YAMLError, UnicodeDecodeError)), exc


def test_export_markdown_with_the_forked_join_writes_the_same_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rolemap.cli import main

    path = tmp_path / "chart.yaml"
    path.write_text(dumps(_chart(_titles(300))), encoding="utf-8")
    similarity.forget()
    assert main(["export", str(path), "--format", "markdown", "-o", str(tmp_path / "a.md")]) == 0
    similarity.forget()
    answered: list[bool] = []
    real = prefetch.Pending.answer

    def spy(self: prefetch.Pending, *args: object) -> object:
        edges = real(self, *args)  # type: ignore[arg-type]
        answered.append(edges is not None)
        return edges

    monkeypatch.setattr(prefetch, "MIN_BYTES", 0)
    monkeypatch.setattr(prefetch, "idle_cores", lambda: 1.0)
    monkeypatch.setattr(prefetch.Pending, "answer", spy)
    assert main(["export", str(path), "--format", "markdown", "-o", str(tmp_path / "b.md")]) == 0
    assert answered == [True]
    assert (tmp_path / "a.md").read_bytes() == (tmp_path / "b.md").read_bytes()
    assert "duplicate" in (tmp_path / "b.md").read_text(encoding="utf-8").lower()
    assert _no_children_left()


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_a_device_or_a_fifo_is_left_to_the_loader(tmp_path: Path) -> None:
    """Never read without bound (/dev/zero) nor block (a FIFO): in a child process limited
    to 2 GB and 60 s, so that a regression fails here instead of taking the machine."""
    import subprocess

    fifo = tmp_path / "fifo.yaml"
    os.mkfifo(fifo)
    code = (
        "import resource, sys\n"
        "resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))\n"
        "from rolemap.core.checking import check_file\n"
        "for name in sys.argv[1:]:\n"
        "    c = check_file(name, prefetch=True)\n"
        "    assert not c.loaded and c.problems, name\n"
        "print('ok')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, "/dev/zero", str(fifo)],
        capture_output=True,
        text=True,
        timeout=60,
        env=_child_env(),
    )
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr


def test_check_forks_before_the_chart_model_is_imported(tmp_path: Path) -> None:
    """The command line starts the join first: the loader, pydantic and the model are
    imported while it runs (a fresh interpreter, as ``rolemap check`` is)."""
    import subprocess

    path = tmp_path / "chart.yaml"
    path.write_text(dumps(_chart(_titles(100))), encoding="utf-8")
    code = (
        "import contextlib, io, sys\n"
        "from rolemap.core.analysis import prefetch\n"
        "real, seen = prefetch.start, []\n"
        "def start(data, t):\n"
        "    seen.append([m for m in ('pydantic', 'yaml', 'rolemap.core.model') if m in sys.modules])\n"
        "    return real(data, t)\n"
        "prefetch.start = start\n"
        "prefetch.MIN_BYTES = 0\n"
        "from rolemap.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['check', sys.argv[1], '--format', 'json'])\n"
        "print(seen)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        env=_child_env(ROLEMAP_FORK_JOIN="always"),
    )
    assert done.stdout.strip() == "[[]]", done.stdout + done.stderr


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
def test_a_killed_check_leaves_no_join_running(tmp_path: Path) -> None:
    """The forked join dies with the process that started it."""
    import signal
    import subprocess
    import time

    path = tmp_path / "chart.yaml"
    path.write_text(dumps(_chart(_titles(300))), encoding="utf-8")
    code = (
        "import sys, time\n"
        "from rolemap.core.analysis import prefetch\n"
        "prefetch.MIN_BYTES = 0\n"
        "prefetch._join = lambda data, threshold: time.sleep(60)\n"
        "pending = prefetch.start(open(sys.argv[1], 'rb').read(), 0.6)\n"
        "print(pending.pid, flush=True)\n"
        "time.sleep(60)\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code, str(path)],
        stdout=subprocess.PIPE,
        text=True,
        env=_child_env(ROLEMAP_FORK_JOIN="always"),
    )
    assert proc.stdout is not None
    child = int(proc.stdout.readline())
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    proc.stdout.close()
    for _ in range(100):
        try:
            os.kill(child, 0)
        except ProcessLookupError:
            return  # gone (reaped by init)
        with open(f"/proc/{child}/stat") as f:
            if f.read().split()[2] == "Z":
                return  # dead, waiting to be reaped
        time.sleep(0.05)
    raise AssertionError("the forked join outlived its parent")
