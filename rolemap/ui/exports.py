"""Writes File > Export's files without making the window wait.

A small chart is analysed and written here at once (milliseconds). A large one (from
``PROCESS_MIN_TASKS`` tasks) is handed to a child process (rolemap.export_worker): at 10,000
tasks the analysis, the workbook or the picture took 0.6-4 s, all of it a frozen window when
done here (a thread would hold the GIL). The chart crosses as pickled chunks of tasks, one
chunk per event-loop turn, so sending it never stalls the window either; the status bar says
when the file is written, an error box when it cannot be.
"""

from __future__ import annotations

import os
import pickle
import sys
from typing import Any

from PySide6.QtCore import QObject, QProcess, QProcessEnvironment, QTimer
from PySide6.QtWidgets import QMainWindow, QMessageBox

import rolemap
from rolemap.core import chartsync
from rolemap.core.localise import os_error_text
from rolemap.core.model import Chart
from rolemap.export_worker import write_export
from rolemap.ui.document import Document
from rolemap.ui.i18n import language, os_reason, tr
from rolemap.ui.runner import AnalysisRunner

PROCESS_MIN_TASKS = 200
CHUNK = 500  # tasks pickled per event-loop turn (about 6 ms)


class Exporter(QObject):
    def __init__(self, window: QMainWindow, document: Document, runner: AnalysisRunner) -> None:
        super().__init__(window)
        self.window = window
        self.doc = document
        self.runner = runner
        self.process_min_tasks = PROCESS_MIN_TASKS
        self.jobs: list[ExportJob] = []

    def export(self, kind: str, path: str) -> None:
        """Write export ``kind`` (rolemap.export_worker's kinds) of the chart as it is now."""
        chart = self.doc.chart
        if len(chart.tasks) >= self.process_min_tasks:
            job = ExportJob(self, kind, path, chart)
            self.jobs.append(job)
            self.window.statusBar().showMessage(f"{tr('Export')}: {path}…")
            job.start()
            return
        try:
            write_export(kind, path, chart, self.runner.run_sync())
        except OSError as exc:
            self.failed(path, os_reason(exc))
            return
        self.written(path)

    def written(self, path: str) -> None:
        self.window.statusBar().showMessage(tr("Exported %s") % path, 4000)

    def failed(self, path: str, reason: str) -> None:
        QMessageBox.critical(self.window, tr("Cannot export"), f"{path}: {reason}")

    def finished(self, job: ExportJob, error: str | None) -> None:
        self.jobs.remove(job)
        job.deleteLater()
        if error is None:
            self.written(job.path)
        else:  # the system's reason, from the child, in the app's language
            self.failed(job.path, os_error_text(error, language()))

    def wait(self, timeout_ms: int = 60_000) -> None:
        """Until every export has finished (tests, closing the window)."""
        for job in list(self.jobs):
            job.finish_now(timeout_ms)


class ExportJob(QObject):
    """One export in a child process: the chart is fed to its stdin a chunk per turn."""

    def __init__(self, exporter: Exporter, kind: str, path: str, chart: Chart) -> None:
        super().__init__(exporter)
        self.exporter = exporter
        self.kind = kind
        self.path = path
        self._done = False
        head, chunks = chartsync.split(chart, CHUNK)
        self._parts: list[Any] = [{"kind": kind, "path": path}, head, *chunks, None]
        self.process = QProcess(self)
        env = QProcessEnvironment.systemEnvironment()
        # The rolemap this app runs from, also when it is not installed.
        root = os.path.dirname(os.path.dirname(os.path.abspath(rolemap.__file__)))
        env.insert("PYTHONPATH", os.pathsep.join(p for p in (root, env.value("PYTHONPATH")) if p))
        env.insert("QT_QPA_PLATFORM", "offscreen")  # pictures are painted without a screen
        self.process.setProcessEnvironment(env)
        self.process.finished.connect(self.process_finished)
        self.process.errorOccurred.connect(self._error)
        self._feeder = QTimer(self)
        self._feeder.setInterval(0)
        self._feeder.timeout.connect(self._feed)

    def start(self) -> None:
        # -P: the current folder may hold another checkout of rolemap (see workerclient).
        self.process.start(sys.executable, ["-P", "-m", "rolemap.export_worker"])
        self._feeder.start()

    def _feed(self) -> None:
        if not self._parts:
            self._feeder.stop()
            self.process.closeWriteChannel()
            return
        part = self._parts.pop(0)
        self.process.write(pickle.dumps(part, protocol=pickle.HIGHEST_PROTOCOL))

    def finish_now(self, timeout_ms: int) -> None:
        """Send what is left of the chart and wait for the child (blocks the window)."""
        while self._parts:
            self._feed()
        self._feed()  # closes the child's stdin
        self.process.waitForFinished(timeout_ms)
        self.process_finished()

    def _error(self, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart:
            self._finish(str(self.process.errorString()))

    def process_finished(self, *_args: object) -> None:
        out = bytes(self.process.readAllStandardOutput().data()).decode("utf-8", "replace")
        last = out.strip().splitlines()[-1] if out.strip() else ""
        if last == "ok":
            self._finish(None)
        elif last.startswith("error: "):
            self._finish(last.removeprefix("error: "))
        else:
            err = bytes(self.process.readAllStandardError().data()).decode("utf-8", "replace")
            self._finish(err.strip().splitlines()[-1] if err.strip() else tr("Cannot export"))

    def _finish(self, error: str | None) -> None:
        if self._done:
            return
        self._done = True
        self._feeder.stop()
        self.exporter.finished(self, error)
