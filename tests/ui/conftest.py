"""Fixtures for the desktop editor: a main window with throwaway settings and no real dialogs."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import QSettings

from rolemap.ui.editors import commit_open_editors
from rolemap.ui.mainwindow import MainWindow
from rolemap.ui.prompts import Prompts


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def _settle(win: MainWindow) -> None:
    commit_open_editors(win, close=True)
    win.doc.undo_stack.setClean()


@pytest.fixture
def window(qtbot, settings, monkeypatch, tmp_path):
    """The real main window. Any unexpected prompt fails the test instead of blocking it."""
    errors: list[tuple[str, str]] = []

    def no_prompt(*_args, **_kwargs):
        raise AssertionError("unexpected unsaved-changes prompt")

    monkeypatch.setattr(Prompts, "ask_unsaved", no_prompt)
    monkeypatch.setattr(Prompts, "ask_discard_broken", no_prompt)
    monkeypatch.setattr(Prompts, "show_error", lambda self, path, msg: errors.append((path, msg)))
    w = MainWindow(settings, recovery_dir=tmp_path / "recovery")
    w.errors = errors
    # pytest-qt closes the window before fixture teardown: never let an unsaved
    # document prompt (and block) there.
    # An editor a test left open is committed on close (fault 5 of issue 13): commit it first.
    qtbot.addWidget(w, before_close_func=_settle)
    w.show()
    w.runner.run_sync()
    return w
