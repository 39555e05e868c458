"""Issue 13's app faults, driven with real key events: open editors, autosave, read-only files."""

from __future__ import annotations

import json
import os
import shutil
import stat
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit

from rolemap.core.fileformat import load
from rolemap.ui.models import TaskModel
from rolemap.ui.prompts import Prompts

HAND = Path(__file__).parent.parent / "data" / "hand-edited.yaml"


def _open_hand(window, tmp_path: Path) -> Path:
    path = tmp_path / "chart.yaml"
    shutil.copy(HAND, path)
    assert window.open_path(str(path))
    window.views.setCurrentWidget(window.tasks)
    return path


def _start_editing_title(window, qtbot, row: int) -> QLineEdit:
    view = window.tasks.view
    source = window.tasks.model.index(row, TaskModel.TITLE)
    index = window.tasks.proxy.mapFromSource(source)
    window.activateWindow()
    view.setFocus()
    view.setCurrentIndex(index)
    QTest.keyClick(view, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit))
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    QTest.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    return editor


def test_ctrl_s_saves_the_text_of_an_open_cell_editor(window, qtbot, tmp_path):
    path = _open_hand(window, tmp_path)
    editor = _start_editing_title(window, qtbot, 1)
    QTest.keyClicks(editor, "Rider onboarding and first ride")
    QTest.keyClick(editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.doc.is_modified())
    assert load(path).tasks[1].title == "Rider onboarding and first ride"
    # the app keeps the hand-edited file's comments: one line differs
    before = HAND.read_text(encoding="utf-8").splitlines()
    after = path.read_text(encoding="utf-8").splitlines()
    assert len(before) == len(after)
    assert [(a, b) for a, b in zip(before, after, strict=True) if a != b] == [
        ("    title: 'Rider onboarding'", "    title: Rider onboarding and first ride")
    ]


def test_closing_with_an_open_cell_editor_asks_to_save(window, qtbot, tmp_path, monkeypatch):
    _open_hand(window, tmp_path)
    asked = []
    monkeypatch.setattr(Prompts, "ask_unsaved", lambda self, path: asked.append(path) or "cancel")
    editor = _start_editing_title(window, qtbot, 0)
    QTest.keyClicks(editor, "Typed but not committed")
    window.close()
    assert asked, "closing did not ask about the typed text"
    assert window.isVisible()
    assert window.doc.chart.tasks[0].title == "Typed but not committed"


def test_autosave_includes_the_text_of_an_open_cell_editor(window, qtbot, tmp_path):
    _open_hand(window, tmp_path)
    editor = _start_editing_title(window, qtbot, 2)
    QTest.keyClicks(editor, "Weekly report, typed")
    window.recovery.autosave_now()
    window.recovery.wait()
    saved = window.recovery.chart_path
    qtbot.waitUntil(saved.exists)
    assert load(saved).tasks[2].title == "Weekly report, typed"
    assert QApplication.focusWidget() is editor  # still typing: the editor stayed open


# ------------------------------------------------------------------ fault 10


def test_undo_back_to_the_saved_state_removes_the_autosave(window, qtbot, tmp_path):
    _open_hand(window, tmp_path)
    editor = _start_editing_title(window, qtbot, 0)
    QTest.keyClicks(editor, "Changed")
    QTest.keyClick(editor, Qt.Key.Key_Tab)
    assert window.doc.is_modified()
    window.recovery.autosave_now()
    window.recovery.wait()
    qtbot.waitUntil(window.recovery.chart_path.exists)
    window.tasks.view.setFocus()
    QTest.keyClick(window.tasks.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert not window.doc.is_modified()
    qtbot.waitUntil(lambda: not window.recovery.chart_path.exists())
    assert not window.recovery.chart_path.with_suffix(".json").exists()


# ------------------------------------------------------------------ fault 4, the app part


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_saving_a_read_only_file_asks_first(window, qtbot, tmp_path, monkeypatch):
    path = _open_hand(window, tmp_path)
    path.chmod(0o444)
    answers = ["cancel", "overwrite"]
    asked = []
    monkeypatch.setattr(
        Prompts, "ask_overwrite_read_only", lambda self, p: asked.append(p) or answers.pop(0)
    )
    editor = _start_editing_title(window, qtbot, 0)
    QTest.keyClicks(editor, "Edited")
    QTest.keyClick(editor, Qt.Key.Key_Tab)
    assert not window.files.save()
    assert asked == [str(path)]
    assert load(path).tasks[0].title == "Launch plan"  # unchanged after "cancel"
    assert window.doc.is_modified()
    assert window.files.save()
    assert load(path).tasks[0].title == "Edited"
    assert stat.S_IMODE(path.stat().st_mode) == 0o444


def test_saving_through_a_symlink_keeps_the_link(window, qtbot, tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    real = repo / "chart.yaml"
    shutil.copy(HAND, real)
    link = tmp_path / "link.yaml"
    link.symlink_to(real)
    assert window.open_path(str(link))
    window.views.setCurrentWidget(window.tasks)
    editor = _start_editing_title(window, qtbot, 0)
    QTest.keyClicks(editor, "Through the link")
    QTest.keyClick(editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.doc.is_modified())
    assert link.is_symlink()
    assert load(real).tasks[0].title == "Through the link"
    assert os.listdir(repo) == ["chart.yaml"]


# ------------------------------------------------------------------ fault 8


def _tampered_entry(directory: Path, original: str) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "abc.yaml").write_text("rolemap: 1\ntitle: Recovered\n", encoding="utf-8")
    (directory / "abc.json").write_text(
        json.dumps({"original": original, "original_sha256": None, "saved_at": "now"}),
        encoding="utf-8",
    )


def test_a_relative_original_path_in_a_sidecar_is_refused(window, tmp_path, monkeypatch):
    _tampered_entry(window.recovery.directory, "../../victim.yaml")
    offered, broken = [], []
    monkeypatch.setattr(Prompts, "ask_recovery", lambda self, e: offered.append(e) or "recover")
    monkeypatch.setattr(Prompts, "ask_discard_broken", lambda self, t: broken.append(t) or False)
    assert window.offer_recovery() == []
    assert offered == []
    assert "is not an absolute path" in broken[0]


def test_recovered_work_shows_the_full_path_and_confirms_the_first_save(
    window, qtbot, tmp_path, monkeypatch
):
    victim = tmp_path / "elsewhere" / "victim.yaml"
    victim.parent.mkdir()
    victim.write_text("precious\n", encoding="utf-8")
    _tampered_entry(window.recovery.directory, str(victim))
    texts, confirms = [], []

    def ask_recovery(self, entry):
        texts.append(entry.original)
        return "recover"

    monkeypatch.setattr(Prompts, "ask_recovery", ask_recovery)
    monkeypatch.setattr(
        Prompts, "confirm_recovered_path", lambda self, p: confirms.append(p) or False
    )
    monkeypatch.setattr(window.files, "save_as", lambda: False)
    window.offer_recovery()
    assert window.doc.chart.title == "Recovered"
    assert texts == [str(victim)]
    window.activateWindow()
    window.tasks.view.setFocus()
    QTest.keyClick(window.tasks.view, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert confirms == [str(victim)]
    assert victim.read_text(encoding="utf-8") == "precious\n"  # not overwritten unasked
    monkeypatch.setattr(Prompts, "confirm_recovered_path", lambda self, p: True)
    assert window.files.save()
    assert load(victim).title == "Recovered"
    monkeypatch.setattr(
        Prompts, "confirm_recovered_path", lambda self, p: pytest.fail("asked twice")
    )
    assert window.files.save()


def test_the_recovery_prompt_names_the_full_path(window, tmp_path, monkeypatch):
    from rolemap.ui.recovery import find_orphans

    target = tmp_path / "deep" / "chart.yaml"
    _tampered_entry(window.recovery.directory, str(target))
    shown = []
    monkeypatch.setattr(
        "PySide6.QtWidgets.QMessageBox.exec", lambda box: shown.append(box.text()) or 0
    )
    entries, _ = find_orphans(window.recovery.directory)
    Prompts(window).ask_recovery(entries[0])
    entries[0].release()
    assert str(target) in shown[0]


# ------------------------------------------------------------------ fault 9


def test_broken_recovery_data_can_be_discarded(window, tmp_path, monkeypatch):
    directory = window.recovery.directory
    (directory / "dead.json").write_text('{"original": null}', encoding="utf-8")  # no chart
    (directory / "bad.json").write_text("{garbage", encoding="utf-8")
    monkeypatch.setattr(Prompts, "ask_discard_broken", lambda self, t: True)
    window.offer_recovery()
    assert not (directory / "dead.json").exists() and not (directory / "bad.json").exists()
    monkeypatch.setattr(Prompts, "ask_discard_broken", lambda self, t: pytest.fail("asked again"))
    window.offer_recovery()


@pytest.mark.parametrize("content", [b"", b"\x00garbage\xff", b"not-a-pid\nx\n"])
def test_an_unreadable_lock_file_does_not_hide_its_entry(window, tmp_path, monkeypatch, content):
    directory = window.recovery.directory
    _tampered_entry(directory, str(tmp_path / "c.yaml"))
    (directory / "abc.lock").write_bytes(content)
    offered = []
    monkeypatch.setattr(Prompts, "ask_recovery", lambda self, e: offered.append(e) or "later")
    window.offer_recovery()
    assert len(offered) == 1


def test_stale_temporary_files_are_removed(window, tmp_path):
    directory = window.recovery.directory
    old = time.time() - 3600
    stale = directory / ".abc.yaml.x1y2.tmp"
    fresh = directory / ".def.yaml.x3y4.tmp"
    for p in (stale, fresh):
        p.write_text("partial", encoding="utf-8")
    os.utime(stale, (old, old))
    chart = tmp_path / "chart.yaml"
    shutil.copy(HAND, chart)
    beside = tmp_path / ".chart.yaml.k1l2.tmp"
    beside.write_text("partial", encoding="utf-8")
    os.utime(beside, (old, old))
    window.offer_recovery()
    assert not stale.exists() and fresh.exists()  # a running write may own the fresh one
    assert window.open_path(str(chart))
    assert not beside.exists()


# ------------------------------------------------------------------ fault 6


def test_an_unusable_data_folder_runs_without_autosave(qtbot, settings, tmp_path):
    from rolemap.ui.mainwindow import MainWindow

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be", encoding="utf-8")
    window = MainWindow(settings, recovery_dir=blocker / "recovery")
    qtbot.addWidget(window, before_close_func=lambda w: w.doc.undo_stack.setClean())
    window.show()
    assert window.recovery.disabled_reason is not None
    off = window.statusBar().findChild(QLabel, "autosaveOff")
    assert off is not None and off.isVisible()
    assert str(blocker) in off.toolTip()
    window.tasks.quick_add.setText("still works")
    window.editing.quick_add()
    window.recovery.autosave_now()  # no traceback, nothing written
    assert window.offer_recovery() == []
    assert blocker.read_text(encoding="utf-8").startswith("a file")


# ------------------------------------------------------------------ fault 11


def test_a_deleted_file_is_reported_and_closing_asks(window, qtbot, tmp_path, monkeypatch):
    path = _open_hand(window, tmp_path)
    assert not window.doc.is_modified()
    path.unlink()
    qtbot.waitUntil(lambda: window.doc.is_modified(), timeout=5000)
    assert "was deleted or moved" in window.statusBar().currentMessage()
    asked = []
    monkeypatch.setattr(Prompts, "ask_unsaved", lambda self, p: asked.append(p) or "save")
    window.close()
    assert asked
    assert load(path).title == "Campaign launch"  # written again


def test_a_file_put_back_unchanged_is_clean_again(window, qtbot, tmp_path):
    path = _open_hand(window, tmp_path)
    data = path.read_bytes()
    path.unlink()
    qtbot.waitUntil(lambda: window.doc.is_modified(), timeout=5000)
    path.write_bytes(data)
    qtbot.waitUntil(lambda: not window.doc.is_modified(), timeout=5000)
