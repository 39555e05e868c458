"""Desktop editor timings: open a large chart, an edit until the warnings are updated, filter, sort;
and the longest event-loop stall of each action.

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_ui.py [--sizes 1000,10000]
    python benchmarks/bench_ui.py --stalls --sizes 10000 [--runs 3]
    python benchmarks/bench_ui.py --stalls --sizes 10000 --before /path/to/old/checkout
    python benchmarks/bench_ui.py --stalls --open-only --lang zh --sizes 10000 --before DIR

--stalls prints, per action, the time until it is done and the longest gap of a 5 ms timer
meanwhile (bench_ui_stalls.py says what each row measures; the bar is 100 ms). Each run is a
fresh process. With --before DIR the same rows are measured with the rolemap in DIR (a git
worktree of an older commit) and with this checkout, alternating runs, and printed side by
side as medians. Each stall is followed (in brackets) by the GUI thread's CPU time within it:
on a busy machine much of a stall is waiting for a core. --open-only measures opening and the
first analysis only; --lang picks the generated chart's language (en, zh).

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
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The rolemap measured: this checkout, or (a --before run) the tree the parent names.
sys.path.insert(
    0, os.environ.get("ROLEMAP_BENCH_TREE") or str(Path(__file__).resolve().parent.parent)
)
sys.path.insert(0, str(Path(__file__).resolve().parent))

from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from timing import fmt_seconds, revision, table

from rolemap.core.fileformat import save
from rolemap.ui.mainwindow import MainWindow
from rolemap.ui.models import TaskModel
from rolemap.ui.runner import AnalysisRunner

ROOT = Path(__file__).resolve().parent.parent
STALL_BAR = 0.100


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
    parser.add_argument("--stalls", action="store_true", help="the stall table only")
    parser.add_argument("--before", metavar="DIR", help="with --stalls: also measure DIR's rolemap")
    parser.add_argument("--no-exports", action="store_true", help="with --stalls: skip exports")
    parser.add_argument(
        "--open-only", action="store_true", help="with --stalls: opening and first analysis only"
    )
    parser.add_argument("--lang", default="en", help="with --stalls: the chart's language (en, zh)")
    parser.add_argument("--one-run", metavar="CHART", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one_run:
        one_stall_run(Path(args.one_run), not args.no_exports, args.open_only)
        return
    if args.stalls:
        stalls(args)
        return
    from generate import generate_chart  # it puts this checkout on sys.path: parent only

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


def one_stall_run(chart: Path, exports: bool, open_only: bool = False) -> None:
    """One fresh process: the stall rows as JSON on the last line of stdout."""
    from bench_ui_stalls import stall_rows

    app = QApplication.instance() or QApplication([])
    rows = stall_rows(app, chart, Path(tempfile.mkdtemp()), exports, open_only)
    import rolemap

    print(f"rolemap measured: {rolemap.__file__}", file=sys.stderr)
    print(json.dumps(rows))


def stalls(args: argparse.Namespace) -> None:
    from generate import generate_chart

    tmp = Path(tempfile.mkdtemp())
    trees = {"after": ROOT}
    if args.before:
        trees = {"before": Path(args.before).resolve(), "after": ROOT}
    for name, tree in trees.items():
        print(f"{name}: {tree} at {revision(tree)}")
    for n in [int(x) for x in args.sizes.split(",")]:
        chart = tmp / f"chart-{n}-{args.lang}.yaml"
        save(generate_chart(n, lang=args.lang), chart)
        results: dict[str, list[list[Row]]] = {k: [] for k in trees}
        for _ in range(args.runs):
            for name, tree in trees.items():  # alternating: both see the same machine load
                results[name].append(_run_in(tree, chart, args.no_exports, args.open_only))
        print(
            f"\n{n:,} tasks ({args.lang}), medians of {args.runs} runs (stall: longest gap of a"
            " 5 ms timer; in brackets the GUI thread's CPU ms within it)"
        )
        print(_stall_table(results))


Row = tuple[str, float, float, float]  # what, seconds until done, longest stall, its CPU


def _run_in(tree: Path, chart: Path, no_exports: bool, open_only: bool) -> list[Row]:
    env = dict(
        os.environ, PYTHONPATH=str(tree), ROLEMAP_BENCH_TREE=str(tree), QT_QPA_PLATFORM="offscreen"
    )
    command = [sys.executable, str(Path(__file__).resolve()), "--one-run", str(chart)]
    if no_exports:
        command.append("--no-exports")
    if open_only:
        command.append("--open-only")
    proc = subprocess.run(
        command, env=env, capture_output=True, text=True, check=False, cwd=tempfile.gettempdir()
    )
    lines = proc.stdout.strip().splitlines()
    if proc.returncode != 0 or not lines:
        raise SystemExit(f"run in {tree} failed:\n{proc.stderr[-3000:]}")
    return [tuple(row) for row in json.loads(lines[-1])]  # type: ignore[misc]


def _stall_table(results: dict[str, list[list[Row]]]) -> str:
    names = list(results)
    order: list[str] = []
    for runs in results.values():
        for run in runs:
            order += [row[0] for row in run if row[0] not in order]

    def medians(name: str, what: str) -> tuple[float, float, float] | None:
        found = [row[1:] for run in results[name] for row in run if row[0] == what]
        if not found:
            return None
        return (
            statistics.median(f[0] for f in found),
            statistics.median(f[1] for f in found),
            statistics.median(f[2] for f in found),
        )

    header = ["action"]
    for name in names:
        header += [f"time ({name})", f"stall ({name})"]
    header.append(f"stall ≤ {STALL_BAR * 1000:.0f} ms")
    rows = []
    for what in order:
        row: list[object] = [what]
        last = None
        for name in names:
            m = medians(name, what)
            row += (
                [fmt_seconds(m[0]), f"{fmt_seconds(m[1])} ({m[2] * 1000:.0f})"] if m else ["", ""]
            )
            last = m or last
        row.append("" if last is None else ("yes" if last[1] <= STALL_BAR else "NO"))
        rows.append(row)
    return table(header, rows)


if __name__ == "__main__":
    main()
