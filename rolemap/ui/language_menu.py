"""View > Language: English or 中文, remembered in the settings and applied at once.

The open windows are put into the new language where they stand (rolemap.ui.retranslate): the
document, its undo history, selection and zoom stay. ``restart`` (start rolemap again with the
open file) is kept for a language whose catalogue cannot be loaded.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QProcess
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox

from rolemap.ui import i18n
from rolemap.ui.document import EditCommand
from rolemap.ui.i18n import tr
from rolemap.ui.retranslate import retranslate
from rolemap.ui.undo_text import undo_text

if TYPE_CHECKING:
    from rolemap.ui.mainwindow import MainWindow


def restart_command(path: str | None) -> list[str]:
    """How to start this rolemap again (same Python), opening ``path`` if there is one."""
    return [sys.executable, "-m", "rolemap", *([path] if path else [])]


class LanguageMenu:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.menu = QMenu(tr("&Language"), window)
        self.menu.setObjectName("languageMenu")
        self.group = QActionGroup(self.menu)
        self.actions: dict[str, QAction] = {}
        current = i18n.language()
        for lang, name in i18n.LANGUAGES.items():
            action = self.menu.addAction(name)  # each language by its own name
            action.setObjectName(f"language_{lang}")
            action.setCheckable(True)
            action.setChecked(lang == current)
            self.group.addAction(action)
            action.triggered.connect(lambda _c=False, lg=lang: self.choose(lg))
            self.actions[lang] = action
        window.menus.add_menu("view", "panels", self.menu)

    def choose(self, lang: str) -> None:
        """Remember ``lang`` and show it now; offer a restart only if that cannot be done."""
        self.window.settings.setValue(i18n.SETTING, lang)
        if lang == i18n.language():
            return
        if switch(lang):
            return
        answer = QMessageBox.question(
            self.window,
            tr("Language"),
            tr("rolemap shows the new language after a restart. Restart now?"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.restart()

    def restart(self) -> bool:
        """Close the window (asking to save as usual), then start rolemap again."""
        path = self.window.doc.path
        if not self.window.close():
            return False
        command = restart_command(path)
        return bool(QProcess.startDetached(command[0], command[1:]))


def switch(lang: str) -> bool:
    """Install ``lang`` and put every open main window into it; False if it cannot be loaded."""
    from rolemap.ui.mainwindow import MainWindow

    old = i18n.language()
    if not i18n.install(lang):
        i18n.install(old)
        return False
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, MainWindow):
            retranslate(widget, old)
            refresh(widget)
    return True


def refresh(window: MainWindow) -> None:
    """Texts a window builds from templates (counts, names, the analysis): build them again."""
    _renew_undo_actions(window)
    for lang, action in window.language.actions.items():
        action.setChecked(lang == i18n.language())
    window._update_title()
    window.matrix.update_placeholder()
    window.tasks._update_count()
    analysis = window.warnings.analysis
    if analysis is not None:
        window._analysis_ready(analysis, window.last_analysis_seconds)
    if window.changes.isVisible():
        window.changes.refresh()


def _renew_undo_actions(window: MainWindow) -> None:
    """Qt keeps the Undo/Redo prefix given when the action was made: make them again."""
    stack = window.doc.undo_stack
    for i in range(stack.count()):
        command = stack.command(i)
        if isinstance(command, EditCommand):
            command.setText(undo_text(command._edit.text))
    for key, make, prefix in (
        ("undo", stack.createUndoAction, tr("&Undo")),
        ("redo", stack.createRedoAction, tr("&Redo")),
    ):
        old = window.actions_by_id.get(key)
        if old is None:
            continue
        new = make(window, prefix)
        new.setObjectName(key)
        new.setShortcut(old.shortcut())
        for menu in old.associatedObjects():
            if isinstance(menu, QMenu):
                menu.insertAction(old, new)
                menu.removeAction(old)
        window.actions_by_id[key] = new
        old.deleteLater()
