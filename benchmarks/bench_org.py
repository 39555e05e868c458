"""Time ``rolemap check DIR`` on folders of 50, 200 and 500 generated team charts of 200 tasks.

    python benchmarks/bench_org.py                        # 50,200,500 charts
    python benchmarks/bench_org.py --charts 50,200 --tasks 200 --runs 3

Each chart comes from benchmarks/generate.py with its own seed (a fifth in Chinese), so the
charts share functions, KPIs and a vocabulary as team charts of one company do. Columns:
"whole command" is ``python -m rolemap check DIR --format json`` in a child process (output
to /dev/null); "charts" is the in-process scan, load and per-chart analysis; "organisation"
is analyse_org() alone; "per chart" divides the whole command by the number of charts, which
stays flat when growth is linear.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
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
    args = parser.parse_args(argv)
    rows = []
    base = None
    with tempfile.TemporaryDirectory() as tmp:
        for n in parse_sizes(args.charts):
            folder = Path(tmp) / f"org-{n}"
            folder.mkdir()
            make_folder(folder, n, args.tasks)
            whole = measure(lambda f=folder: _whole_command(f), args.runs, max_seconds=1)
            charts = measure(lambda f=folder: check_folder(str(f)), 1)
            checked = charts.result
            pairs = [(str(i), c) for i, c in enumerate(checked.checks)]
            org = measure(lambda p=pairs: analyse_org(p), args.runs, max_seconds=1)
            per_chart = whole.median / n
            base = base or per_chart
            rows.append(
                [
                    n,
                    f"{n * args.tasks:,}",
                    whole,
                    charts,
                    org,
                    fmt_seconds(per_chart),
                    f"{per_chart / base:.2f}",
                    len(org.result.warnings),
                ]
            )
            print(f"  {n} charts done", file=sys.stderr)
    print(f"rolemap {revision(HERE.parent)}; {args.tasks} tasks per chart\n")
    header = [
        "charts",
        "tasks",
        "whole command",
        "charts (in process)",
        "organisation",
        "per chart",
        "per chart vs first",
        "org findings",
    ]
    print(table(header, rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
