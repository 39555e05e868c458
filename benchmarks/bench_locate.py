"""What knowing where warnings are costs: load() against load_located() on generated charts.

    python benchmarks/bench_locate.py                  # 10,000 tasks
    python benchmarks/bench_locate.py --sizes 1000,10000

load_located() reads the positions from the YAML nodes the loader builds anyway (through
load()'s on_yaml hook), so the difference is one pass over the top-level lists. "map only"
times that pass alone on an already parsed file (with the collector paused, as it is inside
load()); "place every warning" resolves the main and
related places of every warning of the analysis.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
for _path in (HERE.parent, HERE):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

from generate import generate_chart  # noqa: E402
from timing import Timing, measure, parse_sizes, revision, table  # noqa: E402

from rolemap.core.analysis import analyse  # noqa: E402
from rolemap.core.fileformat import load, save  # noqa: E402
from rolemap.core.gcpause import gc_paused  # noqa: E402
from rolemap.core.locate import load_located, locations_of  # noqa: E402
from rolemap.core.yamlsafe import read_yaml  # noqa: E402


def _paused_map(root: object, located: object, file: str) -> object:
    with gc_paused():
        return locations_of(root, located, file)  # type: ignore[arg-type]


def _alternating(path: Path, runs: int) -> tuple[Timing, Timing]:
    """load() and load_located() alternately, so that a noisy machine hits both alike."""
    plain: list[float] = []
    located: list[float] = []
    result = None
    for _ in range(runs):
        plain.extend(measure(lambda: load(path), 1).runs)
        timing = measure(lambda: load_located(path), 1)
        located.extend(timing.runs)
        result = timing.result
    return Timing(tuple(plain), None, runs), Timing(tuple(located), result, runs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000", help="task counts, e.g. 1000,10000")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in parse_sizes(args.sizes):
            path = Path(tmp) / f"chart-{n}.yaml"
            save(generate_chart(n, seed=1), path)
            plain, located = _alternating(path, args.runs)
            root, nodes, _ = read_yaml(path.read_text(encoding="utf-8"))
            mapping = measure(
                lambda r=root, n_=nodes, p=path: _paused_map(r, n_, str(p)), args.runs
            )
            chart, where = located.result
            warnings = analyse(chart).warnings
            placing = measure(
                lambda where=where, warnings=warnings: [
                    where.for_warning(w.entities, w.fingerprint, w.rule) for w in warnings
                ],
                args.runs,
            )
            extra = (located.median - plain.median) / plain.median * 100
            rows.append(
                [f"{n:,}", plain, located, f"{extra:+.1f}%", mapping, f"{len(warnings):,}", placing]
            )
    print(f"rolemap {revision(HERE.parent)}; medians of {args.runs} runs (fastest-slowest)\n")
    header = [
        "tasks",
        "load()",
        "load_located()",
        "difference",
        "map only",
        "warnings",
        "place every warning",
    ]
    print(table(header, rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
