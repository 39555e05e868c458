"""Never lose a workshop: autosave, crash recovery, two instances, files changed on disk."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from rolemap.core.fileformat import dumps, load, loads, save
from rolemap.resources import template_path
from rolemap.ui.prompts import Prompts
from rolemap.ui.recovery import find_orphans

DRIVER = Path(__file__).with_name("app_driver.py")
ROOT = Path(__file__).resolve().parents[2]


def _env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        XDG_DATA_HOME=str(tmp_path / "data"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_CACHE_HOME=str(tmp_path / "cache"),
        PYTHONPATH=str(ROOT) + os.pathsep + env.get("PYTHONPATH", ""),
    )
    return env


def _start_editing(tmp_path: Path) -> tuple[subprocess.Popen[str], Path, Path, Path]:
    chart = tmp_path / "chart.yaml"
    save(load(template_path("marketing-vs-operations", "en")), chart)
    expected = tmp_path / "expected.yaml"
    proc = subprocess.Popen(
        [sys.executable, str(DRIVER), "edit", str(chart), str(expected)],
        env=_env(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    deadline = time.monotonic() + 60
    line = ""
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if line.startswith("RECOVERY") or not line:
            break
    if not line.startswith("RECOVERY"):
        proc.kill()
        pytest.fail(f"no autosave: {proc.stderr.read() if proc.stderr else ''}")
    return proc, chart, expected, Path(line.split(" ", 1)[1].strip())


def test_sigkill_then_restart_recovers_the_edited_chart(tmp_path):
    proc, chart, expected, recovery_file = _start_editing(tmp_path)
    assert recovery_file.is_file()
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=10)
    assert proc.returncode == -signal.SIGKILL
    out = tmp_path / "recovered.yaml"
    result = subprocess.run(
        [sys.executable, str(DRIVER), "recover", str(out)],
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert loads(out.read_bytes()) == loads(expected.read_bytes())
    assert f"MODIFIED True PATH {chart}" in result.stdout
    # The original file was never touched by autosave.
    assert load(chart) == load(template_path("marketing-vs-operations", "en"))


def test_a_running_instance_keeps_its_recovery_files(tmp_path):
    proc, _chart, _expected, recovery_file = _start_editing(tmp_path)
    try:
        entries, problems = find_orphans(recovery_file.parent)
        assert entries == [] and problems == []
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=10)
    entries, _ = find_orphans(recovery_file.parent)
    assert [e.chart_path for e in entries] == [recovery_file]
    entries[0].release()


def test_recovery_is_removed_after_save_and_after_discard(window, tmp_path):
    path = tmp_path / "c.yaml"
    assert window.files.write(str(path))
    window.tasks.quick_add.setText("autosaved task")
    window.editing.quick_add()
    window.recovery.autosave_now()
    window.recovery.wait()
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()
    assert window.recovery.chart_path.is_file()
    assert loads(window.recovery.chart_path.read_bytes()).tasks[-1].title == "autosaved task"
    assert window.files.save()
    assert not window.recovery.chart_path.exists()

    window.tasks.quick_add.setText("to be discarded")
    window.editing.quick_add()
    window.recovery.autosave_now()
    window.recovery.wait()
    assert window.recovery.chart_path.is_file()
    window.prompts.ask_unsaved = lambda _p: "discard"
    assert window.files.maybe_save()
    assert not window.recovery.chart_path.exists()


def test_corrupt_recovery_file_is_reported_not_fatal(window, tmp_path):
    directory = window.recovery.directory
    (directory / "broken.json").write_text("{not json", encoding="utf-8")
    (directory / "bad.json").write_text('{"original": null, "saved_at": "x"}', encoding="utf-8")
    (directory / "bad.yaml").write_text("rolemap: 1\ntitle: [", encoding="utf-8")
    window.prompts.ask_recovery = lambda entry: "recover"
    asked = []
    window.prompts.ask_discard_broken = lambda text: asked.append(text) or False  # keep them
    extra = window.offer_recovery()
    assert extra == []
    paths = [p for p, _ in window.errors]
    assert "broken.json" in asked[0]
    assert str(directory / "bad.yaml") in paths
    assert (directory / "bad.yaml").exists() and (directory / "broken.json").exists()


def _wait_for(qtbot, condition, timeout=5000):
    qtbot.waitUntil(condition, timeout=timeout)


def test_external_change_reloads_a_clean_document(window, qtbot, tmp_path):
    path = tmp_path / "w.yaml"
    assert window.files.write(str(path))
    chart = window.doc.chart
    other = chart.model_copy(update={"title": "Changed elsewhere"})
    save(other, path)
    _wait_for(qtbot, lambda: window.doc.chart.title == "Changed elsewhere")
    assert not window.doc.is_modified()
    # The watcher survives the atomic rename: a second outside change is seen too.
    save(other.model_copy(update={"title": "Changed again"}), path)
    _wait_for(qtbot, lambda: window.doc.chart.title == "Changed again")


def test_external_change_with_edits_asks_and_save_never_overwrites_silently(
    window, qtbot, tmp_path
):
    path = tmp_path / "w.yaml"
    assert window.files.write(str(path))
    asked = []
    window.prompts.ask_external_change = lambda _p: asked.append(1) or "keep"
    window.tasks.quick_add.setText("my unsaved edit")
    window.editing.quick_add()
    theirs = window.doc.chart.model_copy(update={"title": "Their version"})
    save(theirs, path)
    _wait_for(qtbot, lambda: asked == [1])
    assert window.doc.chart.tasks[-1].title == "my unsaved edit"  # kept mine

    window.prompts.ask_overwrite_external = lambda _p: "cancel"
    assert not window.files.save()
    assert load(path).title == "Their version"
    assert window.doc.is_modified()

    window.prompts.ask_overwrite_external = lambda _p: "overwrite"
    assert window.files.save()
    assert load(path).tasks[-1].title == "my unsaved edit"


def test_failed_save_keeps_old_file_and_document_modified(window, tmp_path, monkeypatch):
    path = tmp_path / "w.yaml"
    assert window.files.write(str(path))
    before = path.read_bytes()
    window.tasks.quick_add.setText("edit")
    window.editing.quick_add()

    def boom(*_a, **_k):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", boom)
    offered = []
    monkeypatch.setattr(Prompts, "ask_save_failed", lambda self, p, r: offered.append(r) or False)
    assert not window.files.save()
    assert offered and "Permission denied" in offered[0]
    assert path.read_bytes() == before
    assert window.doc.is_modified()
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_kill_during_save_leaves_old_or_new_file(tmp_path):
    target = tmp_path / "chart.yaml"
    base = load(template_path("marketing-vs-operations", "zh"))
    big = base.model_copy(update={"tasks": base.tasks * 1})
    old = dumps(big).encode()
    target.write_bytes(old)
    script = (
        "import sys\n"
        "from rolemap.core.fileformat import write_atomic\n"
        "a, b = open(sys.argv[2], 'rb').read(), open(sys.argv[3], 'rb').read()\n"
        "i = 0\n"
        "print('go', flush=True)\n"
        "while True:\n"
        "    write_atomic(sys.argv[1], a if i % 2 else b); i += 1\n"
    )
    new = (dumps(big.model_copy(update={"title": "新版本 " * 2000}))).encode()
    (tmp_path / "a").write_bytes(old)
    (tmp_path / "b").write_bytes(new)
    for delay in (0.05, 0.11, 0.17, 0.23, 0.31):
        proc = subprocess.Popen(
            [sys.executable, "-c", script, str(target), str(tmp_path / "a"), str(tmp_path / "b")],
            env=_env(tmp_path),
            stdout=subprocess.PIPE,
        )
        assert proc.stdout is not None
        proc.stdout.readline()
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=10)
        assert target.read_bytes() in (old, new)


def test_the_first_edit_after_a_save_is_autosaved(window, qtbot, tmp_path):
    assert window.files.write(str(tmp_path / "c.yaml"))
    window.tasks.quick_add.setText("one edit only")
    window.editing.quick_add()
    qtbot.waitUntil(window.recovery.chart_path.is_file, timeout=10_000)
    assert loads(window.recovery.chart_path.read_bytes()).tasks[-1].title == "one edit only"


def test_reload_that_fails_keeps_the_recovery_file(window, qtbot, tmp_path):
    path = tmp_path / "c.yaml"
    assert window.files.write(str(path))
    window.tasks.quick_add.setText("mine")
    window.editing.quick_add()
    window.recovery.autosave_now()
    window.recovery.wait()
    qtbot.waitUntil(window.recovery.chart_path.is_file)
    window.prompts.ask_external_change = lambda _p: "reload"
    path.write_text("rolemap: 1\ntitle: [broken\n", encoding="utf-8")
    qtbot.waitUntil(lambda: bool(window.errors), timeout=5000)
    assert window.doc.chart.tasks[-1].title == "mine"
    assert window.recovery.chart_path.is_file()
