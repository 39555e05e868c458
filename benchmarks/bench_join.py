"""The near-duplicate join alone: title vectors, the Python and the compiled join, the forked
join's whole work and peak memory, and the rerun after an edit, in CPU seconds (robust on a
shared machine), on the charts given (bench_scale.py writes them to /tmp/rolemap-bench-scale).

    python benchmarks/bench_join.py /tmp/rolemap-bench-scale/zh-10000-s0-*.yaml
    python benchmarks/bench_join.py --python CHART ...   # also the Python join (slow at 40k+)

Columns: vectors (tokens of every title, typos folded), Python join and compiled join (groups,
as the analysis asks; the compiled one includes building its arrays), same (the two give the
same edges), forked join (what ``rolemap check`` runs in its second process: read the titles,
vectors, join, group scores) with its peak memory, and the rerun of ``similar_groups`` after
one title changed (median of 5, after the first, which builds the token postings).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = """
import json, resource, sys, time
from rolemap.core.analysis import prefetch
data = open(sys.argv[1], 'rb').read()
t = time.process_time()
prefetch._join(data, 0.6)
try:  # this process's own peak (ru_maxrss would count the benchmark it was forked from)
    peak = next(int(line.split()[1]) for line in open('/proc/self/status')
                if line.startswith('VmHWM:')) / 1024
except (OSError, StopIteration):
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({'cpu': time.process_time() - t, 'peak_mb': peak}))
"""


def measure(path: str, python: bool) -> dict[str, object]:
    from rolemap.core.analysis import cjoin, prefetch, similarity
    from rolemap.core.analysis import join as pyjoin
    from rolemap.core.analysis.terms import builtin_vocabulary

    titles, _ = prefetch.read_titles(Path(path).read_bytes()) or ((), ())
    clock = time.process_time
    t = clock()
    vectors = similarity._vectors(titles, builtin_vocabulary())[1]
    row: dict[str, object] = {"chart": Path(path).name, "titles": len(titles)}
    row["vectors"] = clock() - t
    t = clock()
    found = cjoin.join_vectors(vectors, 0.6, groups=True)
    row["compiled"] = clock() - t if found is not None else None
    if python:
        t = clock()
        edges = pyjoin.join(pyjoin.Prepared.of(vectors), 0.6, groups=True)
        row["python"] = clock() - t
        if found is not None:
            row["same"] = edges == found[0]
    out = subprocess.run(
        [sys.executable, "-P", "-c", CHILD, path],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    child = json.loads(out.stdout)
    row["forked"], row["peak_mb"] = child["cpu"], child["peak_mb"]
    edited = list(titles)
    similarity.forget()
    similarity.similar_groups(edited)
    times = []
    for k in range(6):
        i = (k * 997 + 7) % len(edited)
        edited[i] = edited[i] + " v2"
        t = time.perf_counter()
        similarity.similar_groups(edited)
        times.append(time.perf_counter() - t)
    row["rerun_first_ms"] = times[0] * 1000
    row["rerun_ms"] = statistics.median(times[1:]) * 1000
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("charts", nargs="+")
    parser.add_argument("--python", action="store_true", help="also time the Python join")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    print(f"load average {os.getloadavg()[0]:.2f}, CPU seconds unless marked\n")
    print(
        "| chart | vectors | Python join | compiled join | same | forked join | its peak | "
        "rerun after an edit (first) |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for path in args.charts:
        r = measure(path, args.python)
        py = f"{r['python']:.2f}" if "python" in r else "-"
        cj = f"{r['compiled']:.2f}" if r["compiled"] is not None else "not built"
        print(
            f"| {r['chart']} | {r['vectors']:.2f} | {py} | {cj} | {r.get('same', '-')} | "
            f"{r['forked']:.2f} | {r['peak_mb']:.0f} MB | {r['rerun_ms']:.1f} ms "
            f"({r['rerun_first_ms']:.0f} ms) |",
            flush=True,
        )


if __name__ == "__main__":
    main()
