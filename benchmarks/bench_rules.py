"""CPU time of ``analyse()`` without the near-duplicate join, for checkouts side by side.

    python benchmarks/bench_rules.py CHART.yaml [...] --checkout /old/tree --checkout .

What ``rolemap check`` still computes after the file has loaded when the join runs elsewhere
(the lead's prefetch): the owners, the vocabulary of the chart's glossary, convergence, the
KPI rules, the per-task and per-goal rules, overload, support functions, reviews and sorting.
Each run is a new process (``python -P``, so that PYTHONPATH picks the checkout) that loads the
chart with ``load_located``, replaces ``rules._duplicates`` by a rule that finds nothing, builds
the built-in vocabulary first (its cost is measured apart: ``vocab``), then times ``analyse()``
in process CPU seconds, then once more after one task's title is edited (the app's rerun).
Runs alternate between the checkouts; the table gives medians (min-max).
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
from rolemap.core.locate import load_located
import rolemap.core.analysis.rules as rules
from rolemap.core.analysis.terms import vocabulary
chart, _ = load_located(sys.argv[1])
rules._duplicates = lambda c: iter(())
c0 = time.process_time(); vocabulary(chart.glossary); c1 = time.process_time()
first = rules.analyse(chart); c2 = time.process_time()
tasks = list(chart.tasks)
k = len(tasks) // 2
tasks[k] = tasks[k].model_copy(update={"title": tasks[k].title + " v2"})
edited = chart.model_copy(update={"tasks": tasks})
c3 = time.process_time(); rules.analyse(edited); c4 = time.process_time()
print(json.dumps({"vocab": c1 - c0, "first": c2 - c1, "edit": c4 - c3,
                  "warnings": len(first.warnings)}))
"""


def run(checkout: str, chart: str) -> dict[str, float]:
    env = dict(os.environ, PYTHONPATH=checkout, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run(
        [sys.executable, "-P", "-c", CHILD, chart, checkout],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def _cell(values: list[float], digits: int = 3) -> str:
    return f"{statistics.median(values):.{digits}f} ({min(values):.{digits}f}-{max(values):.{digits}f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("charts", nargs="+", metavar="CHART")
    parser.add_argument("--checkout", action="append", help="a rolemap tree (default: this one)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    checkouts = [os.path.abspath(c) for c in (args.checkout or [here])]
    print(f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())}; {args.runs} runs")
    print()
    print(
        "| chart | checkout | analyse() without the join, CPU s | rerun after one edit "
        "| vocab | warnings |"
    )
    print("|---|---|---|---|---|---|")
    for chart in args.charts:
        found: dict[str, list[dict[str, float]]] = {c: [] for c in checkouts}
        for _ in range(args.runs):
            for checkout in checkouts:  # alternating
                found[checkout].append(run(checkout, chart))
        for checkout, runs in found.items():
            print(
                f"| {os.path.basename(chart)} | {checkout} | {_cell([r['first'] for r in runs])} "
                f"| {_cell([r['edit'] for r in runs])} | {_cell([r['vocab'] for r in runs])} "
                f"| {int(runs[0]['warnings'])} |",
                flush=True,
            )
    print()
    print(f"load average at the end: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
