"""CPU time of a first analyse() of a chart, and of a rerun after one edited title, in fresh
processes, for one or more checkouts side by side (alternating, medians).

    python benchmarks/bench_first_analysis.py CHART.yaml [...] --checkout . --checkout /old/tree

Each run is a new process that loads the chart with the checkout's own loader, then times
``analyse()`` (process CPU seconds, so other work on the machine weighs less), then edits one
task title and times ``analyse()`` again (what the app does after an edit). It prints, per
chart and checkout, the medians and the number of warnings.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys

CHILD = r"""
import json, sys, time
import rolemap
assert rolemap.__file__.startswith(sys.argv[2]), rolemap.__file__
from rolemap.core.fileformat import load
from rolemap.core.analysis import analyse
chart = load(sys.argv[1])
c0 = time.process_time(); first = analyse(chart); c1 = time.process_time()
tasks = list(chart.tasks)
tasks[len(tasks) // 2] = tasks[len(tasks) // 2].model_copy(
    update={"title": tasks[len(tasks) // 2].title + " v2"})
edited = chart.model_copy(update={"tasks": tasks})
c2 = time.process_time(); analyse(edited); c3 = time.process_time()
print(json.dumps({"first": c1 - c0, "edit": c3 - c2, "warnings": len(first.warnings)}))
"""


def run(checkout: str, chart: str) -> dict[str, float]:
    env = dict(os.environ, PYTHONPATH=checkout)
    # -P: not the current folder first on the path, so PYTHONPATH picks the checkout
    out = subprocess.run(
        [sys.executable, "-P", "-c", CHILD, chart, os.path.abspath(checkout)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("charts", nargs="+", metavar="CHART")
    parser.add_argument("--checkout", action="append", help="a rolemap tree (default: this one)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    checkouts = args.checkout or [os.path.dirname(os.path.dirname(os.path.abspath(__file__)))]
    print("| chart | checkout | first analyse() CPU s | after one edit CPU s | warnings |")
    print("|---|---|---|---|---|")
    for chart in args.charts:
        found: dict[str, list[dict[str, float]]] = {c: [] for c in checkouts}
        for _ in range(args.runs):
            for checkout in checkouts:  # alternating
                found[checkout].append(run(checkout, chart))
        for checkout, runs in found.items():
            first = statistics.median(r["first"] for r in runs)
            edit = statistics.median(r["edit"] for r in runs)
            print(
                f"| {os.path.basename(chart)} | {checkout} | {first:.2f} | {edit:.3f} "
                f"| {int(runs[0]['warnings'])} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
