"""Start the desktop app."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

# What the first window needs of the core, imported before Qt: once PySide6 is loaded, shiboken
# reads the source of every module imported after it (looking for "PySide6", for its feature
# switches): about 50 ms of CPU for the 230 modules of pydantic, yaml and the core.
import rolemap.core.analysis
import rolemap.core.edit
import rolemap.core.fileformat
import rolemap.core.roundtrip
import rolemap.core.tables
import rolemap.core.triage
import rolemap.core.worker
import rolemap.export_worker  # noqa: F401

# isort: split
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication

from rolemap import __version__
from rolemap.ui import i18n

if TYPE_CHECKING:
    from rolemap.ui.mainwindow import MainWindow
    from rolemap.ui.workerclient import WorkerClient


def create_app() -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setOrganizationName("rolemap")
    app.setApplicationName("rolemap")
    app.setApplicationVersion(__version__)
    return app


# After the first frame: the worker process (it reads, analyses and saves charts from about 200
# tasks) is started then, so that it is ready when a chart is opened: a fresh Python importing
# the core takes 0.35-0.65 s, which the first large open after start-up used to wait for.
WORKER_START_MS = 300


def after_first_frame(window: MainWindow) -> None:
    window.runner.release()
    QTimer.singleShot(WORKER_START_MS, window, window.runner.worker.ensure)


def early_worker(path: str | None) -> WorkerClient | None:
    """For a large chart named on the command line: the worker process, started before the
    window is made, so that its start (0.35-0.65 s) overlaps the window's (0.25-0.45 s)."""
    from rolemap.ui.filesession import large_file
    from rolemap.ui.workerclient import WorkerClient

    if not path or not large_file(path):
        return None
    worker = WorkerClient()
    worker.ensure()
    return worker


def run_app(path: str | None = None, lang: str | None = None) -> int:
    """The desktop app; ``lang`` ('en', 'zh') overrides View > Language and the locale this once."""
    app = create_app()
    i18n.install(lang or i18n.chosen_language(QSettings()))
    worker = early_worker(path)
    from rolemap.ui.firstframe import AfterFirstPaint
    from rolemap.ui.mainwindow import MainWindow

    window = MainWindow(worker=worker)
    # The chart is painted first; its analysis starts after that frame (a thread holding the
    # GIL delayed it), and the warnings follow when ready.
    window.runner.hold()
    if path:
        window.open_path(path)
    elif i18n.language() != "en":  # the window starts with the English example
        window.load_example(i18n.language())
    AfterFirstPaint(window.matrix.view.viewport(), lambda: after_first_frame(window))
    window.show()
    windows = [window, *window.offer_recovery()]
    code = int(app.exec())
    del windows
    return code
