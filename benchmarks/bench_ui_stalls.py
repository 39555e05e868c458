"""The stall table of bench_ui.py: each action's time and the longest event-loop stall meanwhile.

One run opens a generated chart in a fresh window and measures, in order: opening (until the
matrix is painted with the new chart), the first analysis after it (until the warnings are
shown), Ctrl+A in the task list and in the matrix, a sort of the task list by each column,
scrolling both tables, and each File > Export command (its save dialog answered at once).
With ``open_only`` it stops after the first analysis. Each row also gives the GUI thread's
CPU time within its longest stall.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QApplication
from stall_meter import StallMeter, spin

EXPORTS = (
    ("export_markdown", "markdown", ".md"),
    ("export_chart", "role chart (YAML)", ".role-chart.yaml"),
    ("export_xlsx", "Excel workbook", ".xlsx"),
    ("export_csv", "CSV matrix", ".csv"),
    ("export_map_picture", "role map PNG", "-map.png"),
    ("export_heatmap_picture", "heat maps PNG", "-heatmap.png"),
    ("export_matrix_picture", "matrix PNG", "-matrix.png"),
)

Row = tuple[str, float, float, float]  # what, seconds until done, longest stall, its CPU


class PaintWatch(QObject):
    """Counts paint events of a widget (the table shown)."""

    def __init__(self, widget: Any) -> None:
        super().__init__()
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def stall_rows(
    app: QApplication, path: Path, tmp: Path, exports: bool = True, open_only: bool = False
) -> list[Row]:
    from rolemap.ui.mainwindow import MainWindow  # the code under test: imported late

    settings = QSettings(str(tmp / "stall-settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings, recovery_dir=tmp / "stall-recovery")
    window.resize(1400, 860)
    window.show()
    spin(0.3)
    window.runner.run_sync()
    spin(0.2)
    meter = StallMeter()
    rows: list[Row] = []

    def measure(what: str, action: Callable[[], object], done: Callable[[], bool]) -> None:
        seconds, stall, ok = meter.run(action, done)
        rows.append((what if ok else f"{what} (timed out)", seconds, stall, meter.last_cpu))

    # Opening: until the matrix shows the new chart; then the first analysis, until the
    # warnings are shown (the runner's result reached the window).
    paints = PaintWatch(window.matrix.view.viewport())
    analysed: list[float] = []
    window.runner.finished.connect(lambda *_a: analysed.append(time.perf_counter()))
    seen_paints = [0]

    def opened() -> bool:
        if window.doc.path != str(path.resolve()) or window.doc.chart is None:
            return False
        if not seen_paints[0]:
            seen_paints[0] = paints.count + 1  # the next paint after the chart arrived
        return paints.count >= seen_paints[0]

    analysed.clear()
    seconds, stall, ok = meter.run(lambda: window.open_path(str(path)), opened, quiet=0.0)
    rows.append(
        ("open: matrix painted" if ok else "open (timed out)", seconds, stall, meter.last_cpu)
    )
    open_started = meter.started
    meter.run(lambda: None, lambda: bool(analysed), quiet=0.15, timeout=300)
    first = analysed[0] if analysed else float("nan")
    # meter.run started a new tick list after opening: the gap covers opened..analysed.
    gap = meter.worst_gap(0.0, first + 0.15)
    rows.append(
        ("first analysis: warnings shown (from open)", first - open_started, gap, meter.last_cpu)
    )
    if open_only:
        window.doc.undo_stack.setClean()
        window.close()
        window.deleteLater()
        spin(0.1)
        return rows

    tasks, matrix = window.tasks.view, window.matrix.view

    def select_all(view: QAbstractItemView) -> Callable[[], None]:
        def act() -> None:
            window.show_panel(view)
            QTest.keyClick(view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)

        return act

    window.show_panel(tasks)
    model = window.tasks.model
    for col in range(model.columnCount()):
        name = str(model.headerData(col, Qt.Orientation.Horizontal))
        for order, label in (
            (Qt.SortOrder.AscendingOrder, "↑"),
            (Qt.SortOrder.DescendingOrder, "↓"),
        ):
            measure(
                f"sort task list by {name} {label}",
                lambda c=col, o=order: tasks.sortByColumn(c, o),
                lambda: True,
            )
    for view, name in ((tasks, "task list"), (matrix, "matrix")):
        window.show_panel(view)
        wheel = Wheel(view)
        measure(f"scroll {name} ({Wheel.NOTCHES} notches)", wheel.start, wheel.finished)
    measure("Ctrl+A, task list", select_all(tasks), lambda: True)
    measure("Ctrl+A, matrix", select_all(matrix), lambda: True)
    window.show_panel(tasks)
    measure(
        "sort task list by Task ↑, all selected",
        lambda: tasks.sortByColumn(0, Qt.SortOrder.AscendingOrder),
        lambda: True,
    )
    window.show_panel(matrix)
    wheel = Wheel(matrix)
    measure("scroll matrix, all selected", wheel.start, wheel.finished)
    tasks.clearSelection()
    matrix.clearSelection()
    if exports:
        for ident, what, suffix in EXPORTS:
            target = tmp / f"export{suffix}"
            if target.exists():
                target.unlink()
            window.files.ask_export_path = lambda _s, _f, t=target: str(t)  # type: ignore[method-assign]
            action = window.actions_by_id.get(ident)
            if action is None:
                nan = float("nan")
                rows.append((f"export {what}: no such action", nan, nan, nan))
                continue
            measure(f"File > Export {what}", action.trigger, target.exists)
    window.doc.undo_stack.setClean()
    window.close()
    window.deleteLater()
    spin(0.1)
    return rows


class Wheel(QObject):
    """A fast flick of the mouse wheel: a notch (three rows) every 16 ms."""

    NOTCHES = 60

    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self.view = view
        self.done = 0
        self.timer = QTimer(self)
        self.timer.setInterval(16)
        self.timer.timeout.connect(self._notch)

    def start(self) -> None:
        self.done = 0
        self.timer.start()

    def finished(self) -> bool:
        return self.done >= self.NOTCHES

    def _notch(self) -> None:
        bar = self.view.verticalScrollBar()
        bar.setValue(bar.value() + 3 * self.view.verticalHeader().defaultSectionSize())
        self.done += 1
        if self.done >= self.NOTCHES:
            self.timer.stop()
