"""How much work does a SIGKILL lose? Edits stream into the real app; we kill it; we recover.

    python benchmarks/bench_sigkill.py [--kills 3,6,11,15] [--interval 0.1]

The child opens a chart, adds a task every ``interval`` seconds (continuous editing, the worst
case for a debounced autosave) and is killed with SIGKILL after each delay in ``--kills``.
The recovery file is then loaded and its last task tells how many edits survived: the rest,
times the interval, is the work lost. A last run stops editing and waits past the idle delay
before the kill (the usual case: a pause in the conversation).
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def child(chart: str, interval: float, stop_after: int) -> None:
    from PySide6.QtCore import QTimer

    from rolemap.ui.app import create_app
    from rolemap.ui.mainwindow import MainWindow

    app = create_app()
    window = MainWindow()
    window.open_path(chart)
    window.show()
    count = [0]

    def edit() -> None:
        if stop_after and count[0] >= stop_after:
            return
        count[0] += 1
        window.tasks.quick_add.setText(f"edit {count[0]}")
        window.editing.quick_add()
        print(f"EDIT {count[0]} {time.monotonic():.3f}", flush=True)

    timer = QTimer()
    timer.timeout.connect(edit)
    timer.start(int(interval * 1000))
    app.exec()


def run(delay: float, interval: float, stop_after: int, tmp: Path) -> tuple[int, int, float]:
    from rolemap.core.fileformat import load, loads, save
    from rolemap.resources import template_path
    from rolemap.ui.recovery import find_orphans

    work = Path(tempfile.mkdtemp(dir=tmp))
    chart = work / "chart.yaml"
    save(load(template_path("marketing-vs-operations", "en")), chart)
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        XDG_DATA_HOME=str(work / "data"),
        XDG_CONFIG_HOME=str(work / "config"),
        PYTHONPATH=str(ROOT),
    )
    proc = subprocess.Popen(
        [sys.executable, __file__, "--child", str(chart), str(interval), str(stop_after)],
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    out, _ = proc.communicate()
    edits = [line.split() for line in out.splitlines() if line.startswith("EDIT")]
    made = int(edits[-1][1]) if edits else 0
    directory = work / "data" / "rolemap" / "rolemap" / "recovery"
    if not directory.is_dir():
        directory = next(work.glob("data/**/recovery"))
    entries, _ = find_orphans(directory)
    kept = 0
    if entries:
        recovered = loads(entries[0].chart_path.read_bytes())
        titles = [t.title for t in recovered.tasks if t.title.startswith("edit ")]
        kept = int(titles[-1].split()[1]) if titles else 0
        entries[0].release()
    return made, kept, (made - kept) * interval


def main() -> None:
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2], float(sys.argv[3]), int(sys.argv[4]))
        return
    parser = argparse.ArgumentParser()
    parser.add_argument("--kills", default="3,6,11,15")
    parser.add_argument("--interval", type=float, default=0.1)
    args = parser.parse_args()
    from rolemap.ui.recovery import IDLE_MS, MAX_INTERVAL_MS

    print(
        f"autosave: {IDLE_MS} ms after edits stop, at least every {MAX_INTERVAL_MS} ms while editing"
    )
    print(f"{'scenario':>34} | {'edits made':>10} | {'in recovery':>11} | {'work lost':>9}")
    with tempfile.TemporaryDirectory() as tmp:
        for delay in (float(x) for x in args.kills.split(",")):
            made, kept, lost = run(delay, args.interval, 0, Path(tmp))
            print(
                f"{f'continuous edits, kill at {delay:.0f} s':>34} | {made:>10} | {kept:>11} | {lost:>8.1f}s"
            )
        made, kept, lost = run(5.0, args.interval, 20, Path(tmp))
        print(f"{'20 edits, pause, kill at 5 s':>34} | {made:>10} | {kept:>11} | {lost:>8.1f}s")


if __name__ == "__main__":
    main()
