"""Reruns the analysis after edits, debounced and off the GUI thread, newest result wins."""

from __future__ import annotations

import threading
import time

from PySide6.QtCore import QObject, QTimer, Signal

from rolemap.core.analysis import Analysis, analyse
from rolemap.core.model import Chart
from rolemap.ui.document import Document


class AnalysisRunner(QObject):
    finished = Signal(object, float)  # Analysis, seconds since the edit that asked for it

    DEBOUNCE_MS = 120

    def __init__(self, document: Document) -> None:
        super().__init__(document)
        self.doc = document
        self.latest: Analysis | None = None
        self._generation = 0
        self._requested_at = 0.0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(self.DEBOUNCE_MS)
        self._timer.timeout.connect(self._start)
        self._lock = threading.Lock()
        self._pending: tuple[Chart, int] | None = None
        self._worker: threading.Thread | None = None
        self._done.connect(self._deliver)
        document.applied.connect(lambda _ops: self.schedule())
        document.reset.connect(self.schedule_now)

    _done = Signal(object, int, object)  # Analysis, generation, chart analysed

    def schedule(self) -> None:
        if not self._timer.isActive():
            self._requested_at = time.perf_counter()
        self._timer.start()

    def schedule_now(self) -> None:
        self._requested_at = time.perf_counter()
        self._timer.start(0)

    def run_sync(self) -> Analysis:
        """Analyse now on this thread (tests, export)."""
        self._timer.stop()
        self._generation += 1
        result = analyse(self.doc.chart)
        self.latest = result
        self.finished.emit(result, 0.0)
        return result

    def _start(self) -> None:
        # One worker at a time: a request made while it runs is picked up when it finishes
        # (the newest chart only), so analyses never pile up and fight for the GIL.
        self._generation += 1
        with self._lock:
            self._pending = (self.doc.chart, self._generation)
            if self._worker is None:
                self._worker = threading.Thread(
                    target=self._work, name="rolemap-analysis", daemon=True
                )
                self._worker.start()

    def _work(self) -> None:
        while True:
            with self._lock:
                job, self._pending = self._pending, None
                if job is None:
                    self._worker = None
                    return
            chart, generation = job
            self._done.emit(analyse(chart), generation, chart)

    def _deliver(self, result: Analysis, generation: int, chart: Chart) -> None:
        if generation != self._generation or chart is not self.doc.chart:
            return  # a newer edit is on its way
        self.latest = result
        self.finished.emit(result, time.perf_counter() - self._requested_at)
