"""What every run pays before the work: imports, the built-in vocabulary, the English word list.

    python benchmarks/bench_fixed_costs.py [--runs 7] [--before DIR] [--sizes 1000]

Each figure is a fresh process (``python -P``, PYTHONPATH set to the tree measured), the trees
and the floor alternating run by run so that they see the same machine load; medians:

- check: ``python -m rolemap check FILE --format json`` on the bench_scale charts (en, zh,
  clustered; generate them with ``python benchmarks/bench_scale.py --sizes 1k --runs 1``), wall
  time and peak RSS, next to the floor (PyYAML's CSafeLoader parsing the file, GC paused);
- imports: the own times of every module imported during that check, summed (``-X importtime``);
- vocabulary: ``terms.builtin_vocabulary()`` and the first ``terms.clean()``, after the imports;
- word list: ``similarity.known_words()`` loaded and asked for one word: time and the memory
  it allocated (tracemalloc peak).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from timing import fmt_seconds, revision, table  # noqa: E402

CHARTS = Path(tempfile.gettempdir()) / "rolemap-bench-scale"
SEED_TAG = "s0-196d3bbc"

FLOOR = """
import gc, sys, yaml
gc.disable()
with open(sys.argv[1], "rb") as f:
    yaml.load(f, Loader=yaml.CSafeLoader)
"""

VOCABULARY = """
import time
from rolemap.core.analysis import terms
start = time.perf_counter()
terms.builtin_vocabulary()
terms.clean("x")
print(time.perf_counter() - start)
"""

WORDS = """
import time, tracemalloc
from rolemap.core.analysis import similarity
tracemalloc.start()
start = time.perf_counter()
assert "loyal" in similarity.known_words()
elapsed = time.perf_counter() - start
print(elapsed, tracemalloc.get_traced_memory()[1])
"""


def run_measured(args: list[str], tree: Path | None, cwd: str) -> tuple[float, int, str, str]:
    """Wall seconds, peak RSS (KB), stdout and stderr of ``python -P ARGS`` run in ``cwd``
    (not a checkout: the current folder would shadow PYTHONPATH) with ``tree`` on the path."""
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # imports from .pyc files, as installed
    if tree is not None:
        env["PYTHONPATH"] = str(tree)
    out_file = tempfile.TemporaryFile(mode="w+")
    err_file = tempfile.TemporaryFile(mode="w+")
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:  # the child: into the folder, then the measured Python
        try:
            os.chdir(cwd)
            os.dup2(out_file.fileno(), 1)
            os.dup2(err_file.fileno(), 2)
            os.execve(sys.executable, [sys.executable, "-P", *args], env)
        finally:
            os._exit(127)
    _, status, rusage = os.wait4(pid, 0)
    elapsed = time.perf_counter() - start
    out_file.seek(0)
    err_file.seek(0)
    out, err = out_file.read(), err_file.read()
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"{args} failed ({code}):\n{err[-2000:]}")
    return elapsed, rusage.ru_maxrss, out, err


def import_seconds(stderr: str) -> float:
    total = 0
    for line in stderr.splitlines():
        if line.startswith("import time:") and "self [us]" not in line:
            total += int(line[len("import time:") :].split("|")[0])
    return total / 1e6


def median(values: list[float]) -> float:
    return statistics.median(values)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--before", metavar="DIR", help="also measure the rolemap in DIR")
    parser.add_argument("--sizes", default="1000", help="chart sizes, comma separated")
    parser.add_argument("--kinds", default="en,zh,clustered")
    args = parser.parse_args()
    trees = {"after": ROOT}
    if args.before:
        trees = {"before": Path(args.before).resolve(), "after": ROOT}
    cwd = tempfile.mkdtemp(prefix="rolemap-fixed-")
    print(f"after: {ROOT} at {revision(ROOT)}")
    if args.before:
        print(f"before: {trees['before']} at {revision(trees['before'])}")
    print(f"load average: {os.getloadavg()[0]:.2f}; {args.runs} runs, alternating")
    charts = [
        CHARTS / f"{kind}-{size}-{SEED_TAG}.yaml"
        for size in args.sizes.split(",")
        for kind in args.kinds.split(",")
    ]
    missing = [c for c in charts if not c.is_file()]
    if missing:
        raise SystemExit(f"missing {missing[0]}: run benchmarks/bench_scale.py --sizes 1k --runs 1")

    check: dict[tuple[str, str], list[tuple[float, int]]] = {}
    imports: dict[str, list[float]] = {name: [] for name in trees}
    vocab: dict[str, list[float]] = {name: [] for name in trees}
    words: dict[str, list[tuple[float, int]]] = {name: [] for name in trees}
    for tree in trees.values():  # write the .pyc files, warm the disk cache
        run_measured(["-m", "rolemap", "check", str(charts[0]), "--format", "json"], tree, cwd)
    for _ in range(args.runs):
        for chart in charts:
            elapsed, peak, _o, _e = run_measured(["-c", FLOOR, str(chart)], None, cwd)
            check.setdefault((chart.name, "floor"), []).append((elapsed, peak))
            for name, tree in trees.items():
                command = ["-m", "rolemap", "check", str(chart), "--format", "json"]
                elapsed, peak, _o, _e = run_measured(command, tree, cwd)
                check.setdefault((chart.name, name), []).append((elapsed, peak))
        for name, tree in trees.items():
            command = ["-X", "importtime", "-m", "rolemap", "check", str(charts[0])]
            imports[name].append(
                import_seconds(run_measured([*command, "--format", "json"], tree, cwd)[3])
            )
            vocab[name].append(float(run_measured(["-c", VOCABULARY], tree, cwd)[2]))
            seconds, allocated = run_measured(["-c", WORDS], tree, cwd)[2].split()
            words[name].append((float(seconds), int(allocated)))

    rows = []
    for chart in charts:
        floor = check[(chart.name, "floor")]
        floor_t = median([t for t, _ in floor])
        floor_m = median([m for _, m in floor])
        rows.append([chart.name, "floor", fmt_seconds(floor_t), "", f"{floor_m / 1024:.0f} MB", ""])
        for name in trees:
            got = check[(chart.name, name)]
            t = median([t for t, _ in got])
            m = median([m for _, m in got])
            rows.append(
                [
                    chart.name,
                    f"check ({name})",
                    fmt_seconds(t),
                    f"{t / floor_t:.2f}×",
                    f"{m / 1024:.0f} MB",
                    f"{m / floor_m:.2f}×",
                ]
            )
    print("\n`rolemap check FILE --format json`, whole process, medians")
    print(table(["chart", "what", "wall", "× floor", "peak RSS", "× floor"], rows))
    rows = []
    for name in trees:
        rows.append(
            [
                name,
                fmt_seconds(median(imports[name])),
                fmt_seconds(median(vocab[name])),
                fmt_seconds(median([t for t, _ in words[name]])),
                f"{median([m for _, m in words[name]]) / 2**20:.1f} MB",
            ]
        )
    print("\nFixed costs, medians")
    print(
        table(
            [
                "tree",
                f"imports of a check ({charts[0].name})",
                "built-in vocabulary",
                "word list load",
                "word list memory",
            ],
            rows,
        )
    )


if __name__ == "__main__":
    main()
