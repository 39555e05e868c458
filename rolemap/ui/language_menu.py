"""View > Language: English or 中文, remembered in the settings, applied by a restart the app offers.

The window's texts are built once in the language loaded at start-up, so switching restarts the
app (after the usual "save changes?" question) with the open file, rather than leave half of it
in the old language.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QProcess
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QMessageBox

from rolemap.ui import i18n
from rolemap.ui.i18n import tr

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
        """Remember ``lang``; offer to restart now if it is not the language on screen."""
        self.window.settings.setValue(i18n.SETTING, lang)
        if lang == i18n.language():
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
