"""Start-up: whole process, from spawning Python to the first painted frame of the window.

    python benchmarks/bench_startup.py [--runs 9] [--platforms offscreen,xvfb] [--before DIR]

Each run is a fresh process, timed from spawn until it reports the first paint of its table
(the child prints a line from its paint event and exits at once). Variants, alternating run by
run so that all of them see the same machine load:

- bare: a QMainWindow with menus, a QTableView with 30 rows and a dock (PERF-NOTES' floor);
- bare + pydantic, yaml: the same after ``import pydantic, yaml``;
- bare + pydantic, yaml, five models: PERF-NOTES' last line (five pydantic models defined);
- rolemap: ``rolemap`` with no arguments (``rolemap.cli.main([])``): the window with the
  example chart, its matrix painted with the chart's rows;
- rolemap (before): the same with the rolemap in DIR (--before), e.g. a worktree of main.

Under Xvfb (installed: ``Xvfb``) the xcb platform paints for real; offscreen skips the display
server. Then ``python -X importtime`` of what the app imports before its first frame: the
modules that cost the most, by own time and by cumulative time. With ``--phases``, where the
time to the first frame goes (offscreen, medians): importing rolemap.ui.app (with the core and
Qt), QApplication, importing the main window, ``MainWindow()``, ``show()``, the first paint.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from timing import fmt_seconds, revision, table  # noqa: E402

# Every child reports "PAINTED" from the paint event of its table and leaves with os._exit:
# what is measured ends at the first frame, not at the interpreter's teardown.
_WATCH = """
import os, sys, time
from PySide6.QtCore import QEvent, QObject

class Watch(QObject):
    def __init__(self, wanted):
        super().__init__()
        self.wanted = wanted

    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and self.wanted(obj):
            sys.stdout.write("PAINTED %r\\n" % time.process_time())
            sys.stdout.flush()
            os._exit(0)
        return False
"""

# What each variant imports comes before the watcher: the watcher imports PySide6, and once
# PySide6 is loaded every later import pays shiboken's import hook (it reads each module's
# source); rolemap imports its core before Qt for that reason (rolemap.ui.app).
BARE = (
    "{extra}\n"
    + _WATCH.replace("{", "{{").replace("}", "}}")
    + """
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QDockWidget, QListWidget, QMainWindow, QTableView
from PySide6.QtCore import Qt

app = QApplication(sys.argv[:1])
window = QMainWindow()
for title in ("&File", "&Edit", "&View", "&Review", "&Help"):
    menu = window.menuBar().addMenu(title)
    for i in range(8):
        menu.addAction(f"{{title}} item {{i}}")
model = QStandardItemModel(30, 8)
for r in range(30):
    for c in range(8):
        model.setItem(r, c, QStandardItem(f"cell {{r}} {{c}}"))
table = QTableView()
table.setModel(model)
window.setCentralWidget(table)
dock = QDockWidget("Warnings", window)
dock.setWidget(QListWidget())
window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
watch = Watch(lambda obj: obj is table.viewport())
app.installEventFilter(watch)
window.resize(1400, 860)
window.show()
app.exec()
"""
)

ROLEMAP = (
    "import rolemap.ui.app as appmod\n"
    + _WATCH
    + """

def painted_matrix(obj):
    view = obj.parent()
    if view is None or view.objectName() != "matrix" or obj is not view.viewport():
        return False
    model = view.model()
    return model is not None and model.rowCount() > 0

make_app = appmod.create_app

watches = []

def create_app():
    app = make_app()
    watches.append(Watch(painted_matrix))
    app.installEventFilter(watches[-1])
    return app

appmod.create_app = create_app
from rolemap.cli import main
main([])
"""
)

# The steps of rolemap.ui.app.run_app, each timed (wall and CPU) up to the first paint.
PHASES = """
import os, sys, time
marks = [("start", time.perf_counter(), time.process_time())]
def mark(name):
    marks.append((name, time.perf_counter(), time.process_time()))
import rolemap.ui.app as appmod
mark("import rolemap.ui.app")
from PySide6.QtCore import QEvent, QObject, QSettings
from rolemap.ui import i18n
app = appmod.create_app()
i18n.install(i18n.chosen_language(QSettings()))
mark("QApplication, language")
from rolemap.ui.firstframe import AfterFirstPaint
from rolemap.ui.mainwindow import MainWindow
mark("import the main window")
window = MainWindow()
mark("MainWindow()")
window.runner.hold()

class Watch(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and obj is window.matrix.view.viewport():
            mark("first paint")
            rows = [(n, w - pw, c - pc) for (n, w, c), (_, pw, pc) in zip(marks[1:], marks)]
            sys.stdout.write("PHASES %r\\n" % (rows,))
            sys.stdout.flush()
            os._exit(0)
        return False

watch = Watch()
app.installEventFilter(watch)
AfterFirstPaint(window.matrix.view.viewport(), window.runner.release)
window.show()
windows = [window, *window.offer_recovery()]
mark("show, recovery offer")
app.exec()
"""

# PERF-NOTES' last line: the bare window after importing pydantic and yaml and defining five
# models (Chart, Function, Goal, Task, Review), the least any window showing a validated chart
# can cost while the chart model is pydantic.
FIVE_MODELS = """
import yaml
from pydantic import BaseModel, ConfigDict, Field

class _M(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

class Function(_M):
    id: str = Field(pattern=r"^[A-Za-z0-9_.-]{1,64}$")
    name: str
    archetype: str = "other"
    color: str | None = None

class Goal(_M):
    id: str
    name: str
    owner: str | None = None
    kind: str = "other"
    kpis: tuple[str, ...] = ()

class Task(_M):
    id: str
    title: str
    description: str = ""
    raci: dict[str, str] = {}
    goals: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()

class Review(_M):
    fingerprint: str
    status: str
    note: str = ""

class Chart(_M):
    version: int = 2
    title: str
    functions: tuple[Function, ...] = ()
    goals: tuple[Goal, ...] = ()
    tasks: tuple[Task, ...] = ()
    reviews: tuple[Review, ...] = ()
"""

VARIANTS = {
    "bare": BARE.format(extra=""),
    "bare + pydantic, yaml": BARE.format(extra="import pydantic, yaml"),
    "bare + pydantic, yaml, five models": BARE.format(extra=FIVE_MODELS),
}


def child_env(platform: str, pythonpath: Path, home: Path, display: str | None) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(pythonpath)
    # A fresh settings and data folder: no window state or crash recovery from earlier runs.
    env["XDG_CONFIG_HOME"] = str(home / "config")
    env["XDG_DATA_HOME"] = str(home / "data")
    env["HOME"] = str(home)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if platform == "xvfb":
        env["QT_QPA_PLATFORM"] = "xcb"
        env["DISPLAY"] = display or ""
    else:
        env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def one_run(code: str, env: dict[str, str], timeout: float = 60.0) -> tuple[float, float]:
    """Seconds from spawn to the first paint, and the CPU seconds the child had used by then
    (less sensitive to other processes on a busy machine)."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", code],
        env=env,
        cwd=env["HOME"],  # not a checkout: "-c" puts the working folder first on sys.path
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    elapsed = time.perf_counter() - start
    try:
        _out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        _out, err = proc.communicate()
    if not line.startswith("PAINTED "):
        raise SystemExit(f"the child never painted its window:\n{err[-3000:]}")
    return elapsed, float(line.split()[1])


class Xvfb:
    """An X server for the runs, started here and stopped by its own process id."""

    def __init__(self) -> None:
        self.proc: subprocess.Popen[bytes] | None = None
        self.display = ""

    def __enter__(self) -> Xvfb:
        if shutil.which("Xvfb") is None:
            raise SystemExit("Xvfb is not installed")
        for number in range(90, 120):
            if (
                not Path(f"/tmp/.X11-unix/X{number}").exists()
                and not Path(f"/tmp/.X{number}-lock").exists()
            ):
                break
        self.display = f":{number}"
        self.proc = subprocess.Popen(
            ["Xvfb", self.display, "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.time() + 10
        while not Path(f"/tmp/.X11-unix/X{number}").exists() and time.time() < deadline:
            time.sleep(0.05)
        return self

    def __exit__(self, *_exc: object) -> None:
        if self.proc is not None:
            self.proc.terminate()
            self.proc.wait(timeout=10)


def measure(platform: str, runs: int, before: Path | None, display: str | None) -> list[list[str]]:
    home = Path(tempfile.mkdtemp(prefix="rolemap-startup-"))
    trees = {"rolemap": ROOT}
    if before is not None:
        trees = {"rolemap (before)": before, "rolemap": ROOT}
    codes = {name: (code, ROOT) for name, code in VARIANTS.items()}
    codes.update({name: (ROLEMAP, tree) for name, tree in trees.items()})
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in codes}
    for code, tree in codes.values():  # warm the disk cache and the .pyc files
        one_run(code, child_env(platform, tree, home, display))
    for _ in range(runs):
        for name, (code, tree) in codes.items():
            times[name].append(one_run(code, child_env(platform, tree, home, display)))
    bare = statistics.median(w for w, _ in times["bare"])
    bare_cpu = statistics.median(c for _, c in times["bare"])
    rows = []
    for name, pairs in times.items():
        wall = [w for w, _ in pairs]
        cpu = [c for _, c in pairs]
        rows.append(
            [
                platform,
                name,
                fmt_seconds(statistics.median(wall)),
                f"{fmt_seconds(min(wall))}-{fmt_seconds(max(wall))}",
                f"{statistics.median(wall) / bare:.2f}×",
                fmt_seconds(statistics.median(cpu)),
                f"{statistics.median(cpu) / bare_cpu:.2f}×",
            ]
        )
    return rows


def import_offenders(top: int) -> str:
    """``-X importtime`` of the modules the app imports before its first frame."""
    code = "import rolemap.cli, rolemap.ui.app, rolemap.ui.mainwindow"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # imports from .pyc files, as installed
    subprocess.run([sys.executable, "-c", code], env=env, cwd=tempfile.gettempdir(), check=True)
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code],
        env=env,
        cwd=tempfile.gettempdir(),
        capture_output=True,
        text=True,
        check=True,
    )
    entries = []
    for line in proc.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        parts = line[len("import time:") :].split("|")
        own, total, name = int(parts[0]), int(parts[1]), parts[2].rstrip()
        entries.append((own, total, name.strip()))
    total_us = sum(own for own, *_ in entries)
    by_own = sorted(entries, reverse=True)[:top]
    ours = sorted((e for e in entries if e[2].startswith("rolemap")), key=lambda e: -e[1])[:top]
    lines = [f"all imports: {total_us / 1e6:.3f} s (own times summed)", ""]
    lines.append(
        table(
            ["module (by own time)", "own", "cumulative"],
            [[name, f"{own / 1000:.1f} ms", f"{tot / 1000:.1f} ms"] for own, tot, name in by_own],
        )
    )
    lines.append("")
    lines.append(
        table(
            ["rolemap module (by cumulative time)", "own", "cumulative"],
            [[name, f"{own / 1000:.1f} ms", f"{tot / 1000:.1f} ms"] for own, tot, name in ours],
        )
    )
    return "\n".join(lines)


def phases(runs: int) -> str:
    """Medians of each start-up step (offscreen), wall and CPU milliseconds."""
    import ast

    home = Path(tempfile.mkdtemp(prefix="rolemap-phases-"))
    env = child_env("offscreen", ROOT, home, None)
    got: dict[str, list[tuple[float, float]]] = {}
    for run in range(runs + 1):  # run 0 writes .pyc files and warms the disk cache
        proc = subprocess.run(
            [sys.executable, "-c", PHASES], env=env, cwd=home, capture_output=True, text=True
        )
        line = next((x for x in proc.stdout.splitlines() if x.startswith("PHASES ")), None)
        if line is None:
            raise SystemExit(f"the phases child never painted:\n{proc.stderr[-3000:]}")
        if run == 0:
            continue
        for name, wall, cpu in ast.literal_eval(line[len("PHASES ") :]):
            got.setdefault(name, []).append((wall, cpu))
    rows = [
        [
            name,
            fmt_seconds(statistics.median(w for w, _ in pairs)),
            fmt_seconds(statistics.median(c for _, c in pairs)),
        ]
        for name, pairs in got.items()
    ]
    return table(["step (offscreen)", "wall", "CPU"], rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--platforms", default="offscreen,xvfb")
    parser.add_argument("--before", metavar="DIR", help="also measure the rolemap in DIR")
    parser.add_argument("--top", type=int, default=15, help="import offenders listed")
    parser.add_argument(
        "--phases", action="store_true", help="also time each start-up step (offscreen)"
    )
    args = parser.parse_args()
    before = Path(args.before).resolve() if args.before else None
    print(f"rolemap: {ROOT} at {revision(ROOT)}")
    if before is not None:
        print(f"before: {before} at {revision(before)}")
    rows: list[list[str]] = []
    for platform in args.platforms.split(","):
        if platform == "xvfb":
            with Xvfb() as server:
                rows += measure(platform, args.runs, before, server.display)
        else:
            rows += measure(platform, args.runs, before, None)
    print(f"\nTime to the first painted frame, whole process, medians of {args.runs} runs")
    print(table(["platform", "what", "median", "range", "× bare", "CPU", "CPU × bare"], rows))
    print("\nImports before the first frame (python -X importtime, one run):\n")
    print(import_offenders(args.top))
    if args.phases:
        print(f"\nStart-up steps of {ROOT.name}, medians of {args.runs} runs:\n")
        print(phases(args.runs))


if __name__ == "__main__":
    main()
