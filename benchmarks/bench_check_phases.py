"""Where the time of ``rolemap check FILE --format json`` goes, with the join forked or not.

    python benchmarks/bench_check_phases.py CHART.yaml [CHART.yaml ...] [--runs 3]

Each run is a fresh process (``python -P``, so that PYTHONPATH picks this checkout) doing
what ``rolemap check FILE --format json`` does, timing: the imports; the load (with the forked
join started first when ``--fork``); the analysis without the near-duplicate rule; the wait for
the forked join (or the join itself, when not forked); the output. Medians of ``--runs``,
alternating forked and not (``ROLEMAP_FORK_JOIN=always`` / ``never``: whatever the load). The forked process's time is not on this process's clock: when
the wait is short, the process that loads is the slower side; when it is long, the join is.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = r"""
import json, sys, time
t0 = time.perf_counter()
from rolemap.core.analysis import prefetch, similarity
from rolemap.core.checking import check_file
from rolemap.core.jsontext import dumps_indented
from rolemap.core.report import check_json
from rolemap.core.terminal import json_safe
marks = {"imports": time.perf_counter() - t0}
fork = sys.argv[2] == "fork"
real_groups = similarity.similar_groups
real_load = check_file.__globals__["load_located"]

def load_located(name):
    t = time.perf_counter()
    out = real_load(name)
    marks["load"] = time.perf_counter() - t
    marks["analysis_start"] = time.perf_counter()
    return out

def similar_groups(*args, **kwargs):
    t = time.perf_counter()
    marks["analysis without the join"] = t - marks.pop("analysis_start")
    out = real_groups(*args, **kwargs)
    marks["join (wait when forked)"] = time.perf_counter() - t
    return out

check_file.__globals__["load_located"] = load_located
for module in list(sys.modules.values()):  # wherever the rules imported it from
    if getattr(module, "similar_groups", None) is real_groups:
        module.similar_groups = similar_groups
t = time.perf_counter()
c = check_file(sys.argv[1], prefetch=fork)
marks["load + analysis"] = time.perf_counter() - t
t = time.perf_counter()
text = json_safe(dumps_indented(check_json(sys.argv[1], c.result, c.locations)))
marks["output"] = time.perf_counter() - t
marks["total"] = time.perf_counter() - t0
print(json.dumps(marks))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("charts", nargs="+", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    print(f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}, {os.cpu_count()} CPUs")
    for chart in args.charts:
        runs: dict[str, list[dict[str, float]]] = {"fork": [], "here": []}
        for _ in range(args.runs):
            for how in ("fork", "here"):
                out = subprocess.run(
                    [sys.executable, "-P", "-c", CHILD, str(chart), how],
                    env={**env, "ROLEMAP_FORK_JOIN": "always" if how == "fork" else "never"},
                    capture_output=True,
                    text=True,
                    check=True,
                )
                runs[how].append(json.loads(out.stdout.strip().splitlines()[-1]))
        print(f"\n{chart.name} (medians of {args.runs}, seconds)")
        keys = list(runs["here"][0])
        print(f"| {'phase':28} | joined here | forked join |\n|---|---|---|")
        for key in keys:
            here = statistics.median(r[key] for r in runs["here"])
            fork = statistics.median(r[key] for r in runs["fork"])
            print(f"| {key:28} | {here:11.2f} | {fork:11.2f} |")


if __name__ == "__main__":
    main()
