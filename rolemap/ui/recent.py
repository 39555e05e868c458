"""The recent-files list: kept in the settings, shown as File > Open Recent."""

from __future__ import annotations

import os
from collections.abc import Callable

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMenu, QWidget

from rolemap.ui.i18n import tr

MAX_RECENT = 10


class RecentFiles:
    def __init__(self, settings: QSettings, parent: QWidget, open_file: Callable[[str], object]):
        self.settings = settings
        self.menu = QMenu(tr("Open Recen&t"), parent)
        self.menu.setObjectName("recentMenu")
        self._open_file = open_file
        self.update_menu()

    def files(self) -> list[str]:
        value = self.settings.value("recentFiles", [])
        if isinstance(value, str):
            return [value]
        return [str(v) for v in value] if isinstance(value, list) else []

    def add(self, path: str) -> None:
        files = [path] + [p for p in self.files() if p != path]
        self.settings.setValue("recentFiles", files[:MAX_RECENT])
        self.update_menu()

    def update_menu(self) -> None:
        self.menu.clear()
        files = self.files()
        for i, path in enumerate(files):
            action = self.menu.addAction(f"&{i + 1} {os.path.basename(path)}")
            action.setToolTip(path)
            action.triggered.connect(lambda _c=False, p=path: self._open_file(p))
        self.menu.setEnabled(bool(files))
