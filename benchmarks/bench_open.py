"""Desktop editor responsiveness: opening, analysing, editing and saving a large chart.

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_open.py [--sizes 1000,10000] [--langs en,zh]

A timer fires every 5 ms on the GUI thread throughout; its largest gap is the longest
event-loop stall (what a user feels as a frozen window). Each action is started from the
event loop and the loop runs until the action's outcome is on screen:

- open: ``window.open_path`` until the chart's rows are painted in the view on screen (the
  matrix; "table shown") and until the warnings dock shows its first analysis ("warnings").
  Measured twice: in a window just made (its worker process not started yet: "cold", as when
  a chart is opened right after start-up from code) and in a window whose worker is running
  (as after File > Open's dialog or File > Open Recent, which start it while the user
  chooses, and after the app's start-up, which starts it once the first frame is painted);
- edit: a task title set through the task list's model (the undo command) until the warnings
  dock shows the analysis of the edited chart (debounce included);
- save: File > Save of the edited chart until the file is written;
- autosave: the recovery copy written.

Each stall is shown with the GUI thread's CPU time inside it: on a busy machine much of a
stall is waiting for a core, and the CPU figure is what rolemap itself spent there. Run it on a
quiet machine; the figures are medians of ``--runs`` repetitions where cheap.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate_chart
from PySide6.QtCore import QElapsedTimer, QEvent, QObject, QSettings, QTimer
from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget

from rolemap.core.fileformat import save
from rolemap.ui.mainwindow import MainWindow
from rolemap.ui.models import TaskModel

TICK_MS = 5
WORKER_START_S = 2.0


class StallMeter:
    """The largest gap between ticks of a 5 ms timer while ``run_until`` spins the loop."""

    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)
        self.clock = QElapsedTimer()
        self.last = 0
        self.worst = 0
        self.cpu_last = 0.0
        self.worst_cpu = 0.0
        self.ticks: list[Callable[[], None]] = []

    def _tick(self) -> None:
        now, cpu = self.clock.elapsed(), time.thread_time()
        if now - self.last > self.worst:
            self.worst, self.worst_cpu = now - self.last, cpu - self.cpu_last
        self.last, self.cpu_last = now, cpu
        for hook in list(self.ticks):
            hook()

    def start(self) -> None:
        self.clock.start()
        self.last = 0
        self.worst = 0
        self.cpu_last = time.thread_time()
        self.worst_cpu = 0.0
        self.timer.start()

    def stop(self) -> float:
        """The longest stall in seconds since ``start`` (``worst_cpu``: the GUI thread's CPU
        time within it; on a busy machine the rest is waiting for a core)."""
        self.timer.stop()
        self._tick()
        return self.worst / 1000


def run_until(app: QApplication, done: Callable[[], bool], timeout: float = 120.0) -> bool:
    deadline = time.perf_counter() + timeout
    while not done():
        if time.perf_counter() > deadline:
            return False
        app.processEvents()
        time.sleep(0.0005)
    return True


def analysis_counter(window: MainWindow) -> list[float]:
    """Times at which the window received an analysis (appended by a signal handler)."""
    got: list[float] = []
    window.runner.finished.connect(lambda *_a: got.append(time.perf_counter()))
    return got


class PaintSpy(QObject):
    """Calls ``hook`` on every paint event of ``widget``."""

    def __init__(self, widget: QWidget, hook: Callable[[], None]) -> None:
        super().__init__(widget)
        self.hook = hook
        widget.installEventFilter(self)

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.hook()
        return False


def measure_open(
    app: QApplication, window: MainWindow, path: Path, n: int
) -> tuple[float, float, tuple[float, float]]:
    """Seconds to the chart's rows painted, to the first warnings, and the longest stall."""
    meter = StallMeter()
    got = analysis_counter(window)
    shown: list[float] = []
    old = window.doc.chart

    def painted() -> None:
        chart = window.doc.chart
        if not shown and chart is not old and len(chart.tasks) == n:
            shown.append(time.perf_counter())

    view = window.views.currentWidget().findChild(QAbstractItemView)
    spy = PaintSpy(view.viewport(), painted)
    before = len(got)
    start = time.perf_counter()
    meter.start()
    QTimer.singleShot(0, lambda: window.open_path(str(path)))
    run_until(app, lambda: bool(shown) and len(got) > before and window.doc.path is not None)
    stall = meter.stop()
    view.viewport().removeEventFilter(spy)
    spy.deleteLater()
    return shown[0] - start, got[-1] - start, (stall, meter.worst_cpu)


def new_window(app: QApplication, settings: QSettings, tmp: Path) -> MainWindow:
    window = MainWindow(settings, recovery_dir=tmp / "recovery")
    window.show()
    run_until(app, lambda: window.runner.latest is not None)
    return window


def close_window(app: QApplication, window: MainWindow) -> None:
    window.doc.undo_stack.setClean()
    window.close()
    window.deleteLater()
    app.processEvents()


def start_worker(app: QApplication, window: MainWindow) -> None:
    """Start the window's worker and give it the time a user takes to choose a file."""
    window.runner.worker.ensure()
    run_until(app, lambda: False, timeout=WORKER_START_S)


def measure_edit(app: QApplication, window: MainWindow, i: int) -> tuple[float, float]:
    meter = StallMeter()
    got = analysis_counter(window)
    model = window.tasks.model
    before = len(got)
    meter.start()
    start = time.perf_counter()
    model.setData(model.index(i, TaskModel.TITLE), f"Edited task {i} 编辑 {time.time()}")
    run_until(app, lambda: len(got) > before and window.warnings.analysis is window.runner.latest)
    stall = meter.stop()
    return got[-1] - start, (stall, meter.worst_cpu)


def measure_action(
    app: QApplication, action: Callable[[], object], done: Callable[[], bool]
) -> tuple[float, float]:
    meter = StallMeter()
    meter.start()
    start = time.perf_counter()
    QTimer.singleShot(0, action)
    run_until(app, done)
    elapsed = time.perf_counter() - start
    return elapsed, (meter.stop(), meter.worst_cpu)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms"


def stall(pairs: list[tuple[float, float]]) -> str:
    """The worst stall of the runs, with the GUI thread's CPU time in it."""
    wall, cpu = max(pairs)
    return f"{wall * 1000:,.0f} ({cpu * 1000:,.0f})"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--langs", default="en,zh")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    tmp = Path(tempfile.mkdtemp())
    settings = QSettings(str(tmp / "s.ini"), QSettings.Format.IniFormat)
    header = (
        f"{'tasks':>6} {'lang':>4} | {'shown, cold':>11} | {'table shown':>11} | "
        f"{'warnings':>9} | {'open stall':>12} | "
        f"{'edit→warn':>9} | {'edit stall':>12} | {'save':>8} | {'save stall':>12} | "
        f"{'autosave stall':>14}"
    )
    print(header)
    print("-" * len(header))
    for n in [int(x) for x in args.sizes.split(",")]:
        for lang in args.langs.split(","):
            path = tmp / f"chart-{n}-{lang}.yaml"
            save(generate_chart(n, lang=lang), path)
            colds = []
            for _ in range(args.runs):
                window = new_window(app, settings, tmp)
                colds.append(measure_open(app, window, path, n))
                close_window(app, window)
            window = new_window(app, settings, tmp)
            start_worker(app, window)
            opens = [measure_open(app, window, path, n) for _ in range(args.runs)]
            edits = [measure_edit(app, window, 10 + i) for i in range(args.runs)]
            saves = []
            for _ in range(args.runs):
                window.tasks.model.setData(
                    window.tasks.model.index(3, TaskModel.TAGS), f"t{time.time()}"
                )
                run_until(app, lambda w=window: w.warnings.analysis is w.runner.latest)
                saves.append(
                    measure_action(app, window.files.save, lambda w=window: not w.doc.is_modified())
                )
            autosaves = []
            for _ in range(args.runs):
                window.tasks.model.setData(
                    window.tasks.model.index(4, TaskModel.TAGS), f"a{time.time()}"
                )
                run_until(app, lambda w=window: w.warnings.analysis is w.runner.latest)
                written: list[str] = []
                window.recovery.written.connect(written.append)
                autosaves.append(
                    measure_action(app, window.recovery.autosave_now, lambda: bool(written))  # noqa: B023
                )
                window.recovery.written.disconnect()
            med = statistics.median
            print(
                f"{n:>6} {lang:>4} | {ms(med(o[0] for o in colds)):>11} | "
                f"{ms(med(o[0] for o in opens)):>11} | "
                f"{ms(med(o[1] for o in opens)):>9} | {stall([o[2] for o in colds + opens]):>12} | "
                f"{ms(med(e[0] for e in edits)):>9} | {stall([e[1] for e in edits]):>12} | "
                f"{ms(med(s[0] for s in saves)):>8} | {stall([s[1] for s in saves]):>12} | "
                f"{stall([a[1] for a in autosaves]):>14}",
                flush=True,
            )
            close_window(app, window)
    print(
        "\nshown, cold: the rows painted, opening in a window just made (its worker not started);"
        "\ntable shown, warnings: the same with the worker running (after the Open dialog);"
        "\nstalls: the worst of the runs in ms, (in brackets) the GUI thread's CPU ms within it;"
        " other figures medians"
    )


if __name__ == "__main__":
    main()
