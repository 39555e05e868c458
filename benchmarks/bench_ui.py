"""Desktop editor timings: open a large chart, an edit until the warnings are updated, filter, sort.

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_ui.py [--sizes 1000,10000]

The second table is the RACI matrix (the main view): the chart shown again without reading
the file (every model reset and the matrix painted: the UI's share of opening), a letter typed into a cell with a real
key event until it is painted, the same edit through the task list's model for comparison,
grouping by goal, a filter keystroke, and jumping to the last row (Ctrl+End).

"Edit to warnings" is measured from the edit (setData on the task table, which pushes the undo
command) to the moment the warnings dock shows the new analysis; it includes the debounce
(AnalysisRunner.DEBOUNCE_MS) that lets typing go on without reanalysing every keystroke.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate_chart
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from rolemap.core.fileformat import save
from rolemap.ui.mainwindow import MainWindow
from rolemap.ui.models import TaskModel
from rolemap.ui.runner import AnalysisRunner


def wait_for_analysis(app: QApplication, window: MainWindow, timeout: float = 30.0) -> float:
    got: list[float] = []
    window.runner.finished.connect(lambda _a, _s: got.append(time.perf_counter()))
    deadline = time.perf_counter() + timeout
    while not got and time.perf_counter() < deadline:
        app.processEvents()
        time.sleep(0.001)
    window.runner.finished.disconnect()
    window.runner.finished.connect(window._analysis_ready)
    return got[0] if got else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    tmp = Path(tempfile.mkdtemp())
    settings = QSettings(str(tmp / "s.ini"), QSettings.Format.IniFormat)
    print(f"debounce: {AnalysisRunner.DEBOUNCE_MS} ms")
    print(
        f"{'tasks':>7} | {'open file':>10} | {'edit→warnings':>14} | {'analysis only':>13} | {'filter keystroke':>16} | {'sort by title':>13}"
    )
    matrix_rows: list[tuple[float, ...]] = []
    for n in [int(x) for x in args.sizes.split(",")]:
        path = tmp / f"chart-{n}.yaml"
        save(generate_chart(n), path)
        window = MainWindow(settings, recovery_dir=tmp / "recovery")
        window.show()
        app.processEvents()
        start = time.perf_counter()
        assert window.open_path(str(path))
        app.processEvents()
        opened = time.perf_counter() - start
        wait_for_analysis(app, window)
        edits, analysis = [], []
        model = window.tasks.model
        for i in range(args.runs):
            t0 = time.perf_counter()
            model.setData(model.index(i, TaskModel.TITLE), f"Edited task {i} 编辑")
            done = wait_for_analysis(app, window)
            app.processEvents()
            edits.append(time.perf_counter() - t0)
            a0 = time.perf_counter()
            window.runner.run_sync()
            analysis.append(time.perf_counter() - a0)
            del done
        filt = []
        for text in ("c", "ca", "cam", "camp", "campu", "campus"):
            t0 = time.perf_counter()
            window.tasks.filter.setText(text)
            app.processEvents()
            filt.append(time.perf_counter() - t0)
        window.tasks.filter.clear()
        t0 = time.perf_counter()
        window.tasks.view.sortByColumn(TaskModel.TITLE, Qt.SortOrder.AscendingOrder)
        app.processEvents()
        sort = time.perf_counter() - t0
        print(
            f"{n:>7} | {opened * 1000:>8.0f}ms | {statistics.median(edits) * 1000:>12.0f}ms | "
            f"{statistics.median(analysis) * 1000:>11.0f}ms | {statistics.median(filt) * 1000:>14.0f}ms | "
            f"{sort * 1000:>11.0f}ms"
        )
        matrix_rows.append((n, *matrix_timings(app, window, args.runs)))
        if os.environ.get("ROLEMAP_SHOT"):
            window.resize(1500, 900)
            app.processEvents()
            window.grab().save(os.environ["ROLEMAP_SHOT"].replace("N", str(n)))
        window.doc.undo_stack.setClean()
        window.close()
    print()
    print(
        f"{'tasks':>7} | {'show chart (UI)':>15} | {'letter in matrix':>16} | {'same edit, list':>15} | "
        f"{'group by goal':>13} | {'matrix filter':>13} | {'Ctrl+End':>8}"
    )
    for n, shown, letter, listed, group, filt, end in matrix_rows:
        print(
            f"{n:>7.0f} | {shown * 1000:>13.0f}ms | {letter * 1000:>14.1f}ms | {listed * 1000:>13.1f}ms | "
            f"{group * 1000:>11.0f}ms | {filt * 1000:>11.0f}ms | {end * 1000:>6.0f}ms"
        )


def matrix_timings(app: QApplication, window: MainWindow, runs: int) -> tuple[float, ...]:
    """Medians in seconds: the chart shown again (models reset and painted, no file reading),
    letter typed, list edit, group by goal, filter keystroke, Ctrl+End."""
    matrix = window.matrix
    window.show_panel(matrix.view)
    app.processEvents()
    shown = []
    for _ in range(runs):
        t0 = time.perf_counter()
        window.doc.replace(window.doc.chart, window.doc.path)
        app.processEvents()
        shown.append(time.perf_counter() - t0)
    letters, listed = [], []
    for i in range(runs):
        matrix.reveal_task(100 + i, 1)
        app.processEvents()
        t0 = time.perf_counter()
        QTest.keyClick(matrix.view, Qt.Key.Key_C)
        app.processEvents()
        letters.append(time.perf_counter() - t0)
        model = window.tasks.model
        t0 = time.perf_counter()
        model.setData(model.index(200 + i, TaskModel.TAGS), f"tag{i}")
        app.processEvents()
        listed.append(time.perf_counter() - t0)
    t0 = time.perf_counter()
    matrix.group.setCurrentIndex(matrix.group.findData("goal"))
    app.processEvents()
    group = time.perf_counter() - t0
    filt = []
    for text in ("c", "ca", "cam"):
        t0 = time.perf_counter()
        matrix.filter.setText(text)
        app.processEvents()
        filt.append(time.perf_counter() - t0)
    matrix.filter.clear()
    matrix.view.setFocus()
    app.processEvents()
    t0 = time.perf_counter()
    QTest.keyClick(matrix.view, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    app.processEvents()
    end = time.perf_counter() - t0
    return (
        statistics.median(shown),
        statistics.median(letters),
        statistics.median(listed),
        group,
        statistics.median(filt),
        end,
    )


if __name__ == "__main__":
    main()
