"""Start the desktop app."""

from __future__ import annotations

import sys

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from rolemap import __version__
from rolemap.ui import i18n


def create_app() -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setOrganizationName("rolemap")
    app.setApplicationName("rolemap")
    app.setApplicationVersion(__version__)
    return app


def run_app(path: str | None = None, lang: str | None = None) -> int:
    """The desktop app; ``lang`` ('en', 'zh') overrides View > Language and the locale this once."""
    app = create_app()
    i18n.install(lang or i18n.chosen_language(QSettings()))
    from rolemap.ui.mainwindow import MainWindow

    window = MainWindow()
    if path:
        window.open_path(path)
    else:
        window.load_example(i18n.language())
    window.show()
    windows = [window, *window.offer_recovery()]
    code = int(app.exec())
    del windows
    return code
