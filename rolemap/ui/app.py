"""Start the desktop app."""

from __future__ import annotations

import sys

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

from rolemap import __version__


def create_app() -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setOrganizationName("rolemap")
    app.setApplicationName("rolemap")
    app.setApplicationVersion(__version__)
    return app


def run_app(path: str | None = None) -> int:
    app = create_app()
    from rolemap.ui.mainwindow import MainWindow

    window = MainWindow()
    if path:
        window.open_path(path)
    else:
        lang = "zh" if QLocale.system().language() == QLocale.Language.Chinese else "en"
        window.load_example(lang)
    window.show()
    windows = [window, *window.offer_recovery()]
    code = int(app.exec())
    del windows
    return code
