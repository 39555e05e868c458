"""Reruns the analysis after edits, off the GUI thread, newest result wins.

Small charts (under ``WORKER_MIN_TASKS`` tasks: the examples, most tests) are analysed on a
Python thread after a short debounce: a few milliseconds of work. Larger ones go to the worker
process (rolemap.ui.workerclient), because a thread holds the GIL and stalls the window (a
10,000-task chart: 1-2.5 s stalls while it ran). Each edit's delta is sent to the worker as
soon as it is applied, so its copy is current for saves and autosaves; the worker analyses the
newest chart whenever it is free. If the worker dies, the analysis it owed runs on the thread
and the next edit starts a new worker.
"""

from __future__ import annotations

import atexit
import threading
import time

from PySide6.QtCore import QObject, QTimer, Signal

from rolemap.core.analysis import Analysis, analyse
from rolemap.core.model import Chart
from rolemap.ui.document import Document
from rolemap.ui.workerclient import WorkerClient

WORKER_MIN_TASKS = 200

# Once the interpreter exits, the objects the analysis thread emits on are torn down: an
# analysis that finished then crashed the exiting process (seen when a script quit right after
# opening a window). atexit runs before that teardown; no emit starts after it.
_emit_lock = threading.Lock()
_exiting = False


@atexit.register
def _stop_emitting() -> None:
    global _exiting
    with _emit_lock:
        _exiting = True


class AnalysisRunner(QObject):
    finished = Signal(object, float)  # Analysis, seconds since the edit that asked for it

    DEBOUNCE_MS = 120

    def __init__(self, document: Document, worker: WorkerClient | None = None) -> None:
        super().__init__(document)
        self.doc = document
        self.worker = worker if worker is not None else WorkerClient(self)
        self.worker_min_tasks = WORKER_MIN_TASKS
        self.latest: Analysis | None = None
        self._generation = 0
        self._requested_at = 0.0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(self.DEBOUNCE_MS)
        self._timer.timeout.connect(self._start)
        self._lock = threading.Lock()
        self._pending: tuple[Chart, int] | None = None
        self._thread: threading.Thread | None = None
        self._done.connect(self._deliver)
        # The worker's answer for the chart it holds: (generation, analysis), or None.
        self._from_worker: tuple[int, Analysis] | None = None
        self._awaiting_worker = False
        self.worker.analysed.connect(self._worker_done)
        self.worker.analysis_failed.connect(lambda _gen, _tb: self._worker_lost())
        self.worker.died.connect(self._worker_lost)
        document.applied.connect(self._applied)
        document.reset.connect(self.schedule_now)
        self._held = False
        self._owed = False

    def hold(self) -> None:
        """Start no analysis until ``release()``: the app paints its first frame first (an
        analysis thread holding the GIL delayed it). Requests made meanwhile become one."""
        self._held = True

    def release(self) -> None:
        self._held = False
        if self._owed:
            self._owed = False
            self._start()

    _done = Signal(object, int, object)  # Analysis, generation, chart analysed

    def uses_worker(self, chart: Chart | None = None) -> bool:
        chart = chart if chart is not None else self.doc.chart
        return len(chart.tasks) >= self.worker_min_tasks and self.worker.starts_left()

    def worker_for(self, chart: Chart) -> WorkerClient | None:
        """The worker process when ``chart`` is large enough to be worth sending there."""
        return self.worker if self.uses_worker(chart) else None

    def _applied(self, _ops: object) -> None:
        if self.uses_worker():
            self._requested_at = time.perf_counter()
            self._to_worker()
        else:
            self.schedule()

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
        self._awaiting_worker = False
        result = analyse(self.doc.chart)
        self.latest = result
        self.finished.emit(result, 0.0)
        return result

    def _start(self) -> None:
        if self._held:
            self._owed = True
            return
        if self.uses_worker():
            self._to_worker()
        else:
            self._to_thread()

    # ------------------------------------------------------------ worker process

    def _to_worker(self) -> None:
        self._timer.stop()
        self._generation += 1
        if not self.worker.sync(self.doc.chart):
            self._to_thread()
            return
        self._awaiting_worker = True
        got = self._from_worker
        if got is not None and got[0] == self.worker.gen:
            # Nothing changed since the worker's last answer (the same chart shown again).
            QTimer.singleShot(0, lambda: self._worker_done(got[1], got[0]))

    def _worker_done(self, result: Analysis, gen: int) -> None:
        self._from_worker = (gen, result)
        if (
            not self._awaiting_worker
            or gen != self.worker.gen
            or self.worker.synced_chart is not self.doc.chart
        ):
            return  # a newer chart is on its way
        self._awaiting_worker = False
        self.latest = result
        self.finished.emit(result, time.perf_counter() - self._requested_at)

    def _worker_lost(self) -> None:
        """The worker died or failed: analyse here what it owed; it restarts on the next edit."""
        self._from_worker = None
        if self._awaiting_worker:
            self._awaiting_worker = False
            self._to_thread()

    # ------------------------------------------------------------ thread

    def _to_thread(self) -> None:
        # One thread at a time: a request made while it runs is picked up when it finishes
        # (the newest chart only), so analyses never pile up and fight for the GIL.
        self._generation += 1
        self._awaiting_worker = False
        with self._lock:
            self._pending = (self.doc.chart, self._generation)
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._work, name="rolemap-analysis", daemon=True
                )
                self._thread.start()

    def _work(self) -> None:
        while True:
            with self._lock:
                job, self._pending = self._pending, None
                if job is None:
                    self._thread = None
                    return
            chart, generation = job
            result = analyse(chart)
            with _emit_lock:
                if _exiting:
                    return
                self._done.emit(result, generation, chart)

    def _deliver(self, result: Analysis, generation: int, chart: Chart) -> None:
        if generation != self._generation or chart is not self.doc.chart:
            return  # a newer edit is on its way
        self.latest = result
        self.finished.emit(result, time.perf_counter() - self._requested_at)
