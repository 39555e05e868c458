"""Issue 13's app faults, driven with real key events: open editors, autosave, read-only files."""

from __future__ import annotations

import os
import shutil
import stat
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit

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
