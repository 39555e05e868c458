"""The longest event-loop stall: a 5 ms timer's largest gap while the GUI does something.

A QTimer ticks every 5 ms; every tick's time is kept. Anything that keeps the GUI thread from
returning to its event loop (Python work in a slot, a worker thread holding the GIL, a long
repaint) delays the next tick, so the largest gap between two ticks around an action is the
longest time the window could not react to input. An idle loop shows gaps of about 5 ms.

Actions are started from inside the running event loop (a zero-delay single shot), as a key
press or a menu click would be, and the loop then runs until the action says it is done and
has stayed quiet for a while.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable

from PySide6.QtCore import QEventLoop, QObject, Qt, QTimer

TICK_MS = 5


class StallMeter(QObject):
    """``last_cpu``: the GUI thread's CPU time within the longest stall last measured (on a busy
    machine much of a stall is waiting for a core; this is what rolemap spent there)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ticks: list[float] = []
        self.cpu: list[float] = []  # the GUI thread's CPU time at each tick
        self.started = 0.0  # when the last action started
        self.last_cpu = 0.0
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        self.ticks.append(time.perf_counter())
        self.cpu.append(time.thread_time())

    def worst_gap(self, start: float, end: float) -> float:
        """The largest gap between ticks that overlaps [start, end], in seconds (its CPU
        time in ``last_cpu``)."""
        worst = cpu = 0.0
        ticks = self.ticks
        for (a, b), (ca, cb) in zip(
            itertools.pairwise(ticks), itertools.pairwise(self.cpu), strict=True
        ):
            if b > start and a < end and b - a > worst:
                worst, cpu = b - a, cb - ca
        self.last_cpu = cpu
        return worst

    def run(
        self,
        action: Callable[[], object],
        done: Callable[[], bool] = lambda: True,
        quiet: float = 0.15,
        timeout: float = 120.0,
    ) -> tuple[float, float, bool]:
        """Start ``action`` from the event loop; run the loop until ``done()`` and ``quiet``
        seconds more. Returns (seconds until done, longest stall meanwhile, finished in time)."""
        self.ticks = []
        self.cpu = []
        self._timer.start()
        spin(0.05)  # a few ticks before: the first gap measured starts at a tick
        started: list[float] = []
        finished: list[float] = []

        def fire() -> None:
            started.append(time.perf_counter())
            action()

        QTimer.singleShot(0, fire)

        def check() -> bool:
            if started and not finished and done():
                finished.append(time.perf_counter())
            return bool(finished) and time.perf_counter() - finished[0] >= quiet

        ok = spin(timeout, check)
        self._timer.stop()
        start = self.started = started[0] if started else time.perf_counter()
        end = finished[0] if finished else time.perf_counter()
        return end - start, self.worst_gap(start, end + quiet), ok


def spin(seconds: float, until: Callable[[], bool] | None = None) -> bool:
    """Run the event loop for ``seconds`` or until ``until()`` (polled every 2 ms) is true."""
    loop = QEventLoop()
    result = [until is None]
    limit = QTimer()
    limit.setSingleShot(True)
    limit.timeout.connect(loop.quit)
    limit.start(int(seconds * 1000))
    poll = QTimer()
    if until is not None:
        poll.setInterval(2)

        def check() -> None:
            if until():
                result[0] = True
                loop.quit()

        poll.timeout.connect(check)
        poll.start()
    loop.exec()
    limit.stop()
    poll.stop()
    return result[0]
