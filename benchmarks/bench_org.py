"""Time ``rolemap check DIR`` on folders of 50, 200 and 500 generated team charts of 200 tasks.

    python benchmarks/bench_org.py                        # 50,200,500 charts
    python benchmarks/bench_org.py --charts 50,200 --tasks 200 --runs 3

Each chart comes from benchmarks/generate.py with its own seed (a fifth in Chinese), so the
charts share functions, KPIs and a vocabulary as team charts of one company do. Columns:
"check_folder" is the whole check in process (scan, load and analyse every chart, then the
organisation); "organisation" is analyse_org() alone on the same charts; "per chart" divides
check_folder by the number of charts, which stays flat when growth is linear. Then, for the largest folder, the time each successive
tenth of the charts took inside one check_folder() run: flat when the cost of a chart does
not depend on how many were checked before it (the same moments of a noisy machine hit every
size alike, unlike separate runs). With --whole,
``python -m rolemap check DIR --format json`` also runs in a child process (output to
/dev/null), which adds start-up and writing the JSON.

Measured (49af370, shared 2-core machine, load average 3-9; separate sizes ran at different
loads): check_folder 16.7 s / 118 s / 578 s at 50 / 200 / 500 charts, organisation 1.5 s /
6.6 s / 17.7 s; inside the 500-chart run each tenth took 10.9-13.2 s (220-264 ms a chart,
flat), so the cost per chart does not grow with the folder.
"""

from __future__ import annotations

import argparse
import itertools
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
for _path in (HERE.parent, HERE):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

from generate import generate_chart  # noqa: E402
from timing import fmt_seconds, measure, parse_sizes, revision, table  # noqa: E402

from rolemap.core.fileformat import save  # noqa: E402
from rolemap.core.org import analyse_org  # noqa: E402
from rolemap.core.org_report import check_folder  # noqa: E402


def make_folder(root: Path, charts: int, tasks: int) -> None:
    for i in range(charts):
        lang = "zh" if i % 5 == 4 else "en"
        team = root / f"team-{i // 50:02d}"
        team.mkdir(exist_ok=True)
        save(generate_chart(tasks, seed=i, lang=lang), team / f"chart-{i:03d}.yaml")


def _child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(HERE.parent), env.get("PYTHONPATH")) if p)
    return env


def _whole_command(folder: Path) -> int:
    with open(os.devnull, "w") as out:
        proc = subprocess.run(
            [sys.executable, "-m", "rolemap", "check", str(folder), "--format", "json"],
            stdout=out,
            env=_child_env(),
            check=False,
        )
    return proc.returncode


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--charts", default="50,200,500")
    parser.add_argument("--tasks", type=int, default=200)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--whole", action="store_true", help="also time the command itself")
    parser.add_argument(
        "--jobs", type=int, default=None, help="processes for check_folder (default: one per core)"
    )
    args = parser.parse_args(argv)
    rows = []
    steps: list[list[object]] = []
    base = None
    with tempfile.TemporaryDirectory() as tmp:
        for n in parse_sizes(args.charts):
            folder = Path(tmp) / f"org-{n}"
            folder.mkdir()
            make_folder(folder, n, args.tasks)
            whole = (
                measure(lambda f=folder: _whole_command(f), args.runs, max_seconds=1)
                if args.whole
                else "-"
            )
            charts = measure(
                lambda f=folder: check_folder(str(f), jobs=args.jobs), args.runs, max_seconds=1
            )
            checked = charts.result
            pairs = [(str(i), c) for i, c in enumerate(checked.checks)]
            org = measure(lambda p=pairs: analyse_org(p), args.runs, max_seconds=1)
            per_chart = charts.median / n
            base = base or per_chart
            rows.append(
                [
                    n,
                    f"{n * args.tasks:,}",
                    charts,
                    org,
                    fmt_seconds(per_chart),
                    f"{per_chart / base:.2f}",
                    len(org.result.warnings),
                    whole,
                ]
            )
            del checked, pairs, charts
            print(f"  {n} charts done", file=sys.stderr)
        n = max(parse_sizes(args.charts))
        folder = Path(tmp) / f"org-{n}"
        stamps: list[tuple[int, float]] = [(0, time.perf_counter())]
        tenth = max(1, n // 10)

        def progress(done: int) -> None:
            if done % tenth == 0:
                stamps.append((done, time.perf_counter()))

        check_folder(str(folder), progress, jobs=args.jobs)
        for (a, ta), (b, tb) in itertools.pairwise(stamps):
            steps.append([f"{a + 1}-{b}", fmt_seconds(tb - ta), fmt_seconds((tb - ta) / (b - a))])
    jobs = args.jobs or "one per core"
    print(f"rolemap {revision(HERE.parent)}; {args.tasks} tasks per chart; jobs: {jobs}\n")
    header = [
        "charts",
        "tasks",
        "check_folder",
        "organisation",
        "per chart",
        "per chart vs first",
        "org findings",
        "whole command",
    ]
    print(table(header, rows))
    print()
    print(table(["charts checked", "time for these charts", "per chart"], steps))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
