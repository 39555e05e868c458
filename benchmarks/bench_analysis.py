"""Time the overlap analysis on generated charts: analyse(), near-duplicates, `rolemap check`.

    python benchmarks/bench_analysis.py
    python benchmarks/bench_analysis.py --lang zh --profile

Sections:
1. analyse() at 1,000 / 5,000 / 10,000 tasks, in three situations: cold (every cache of the
   analysis emptied before each run, as on the first analysis after opening a file), again
   on the same chart, and after an edit to one task title (as when the app reruns it after an
   edit: the near-duplicate join then compares only the changed titles); with the full
   near-duplicate join and the convergence scores timed alone.
2. The full near-duplicate join (similar_pairs() with its state reset) at 1,000 to 20,000
   tasks, to show how it grows, with the planted duplicates it found and how many candidate
   pairs it verified exactly.
3. A naive all-pairs comparison with the same similarity (rolemap's similarity() over the same
   title vectors) at 1,000 and 5,000 tasks: it must find exactly the same pairs.
4. `rolemap check` on a 10,000-task chart as a subprocess, against a subprocess that only
   loads the file.
Budgets from the analysis issue: under 50 ms at 1,000 tasks, under 300 ms at 10,000; over
budget (or with --profile), a cProfile of one cold run names the hot functions. A size whose
single run is predicted (from the smaller sizes) to take longer than --max-call is skipped.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import math
import os
import platform
import pstats
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from itertools import combinations
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
for _path in (ROOT, HERE):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

from generate import generate_with_truth  # noqa: E402
from timing import fmt_seconds, measure, parse_sizes, revision, table  # noqa: E402

from rolemap.core.analysis import analyse, convergence, similarity, text  # noqa: E402
from rolemap.core.fileformat import save  # noqa: E402
from rolemap.core.model import Chart  # noqa: E402

BUDGET = {1_000: 0.050, 10_000: 0.300}
THRESHOLD = similarity.DEFAULT_THRESHOLD


def title_features(titles: list[str]) -> list[Any]:
    """The titles as similar_pairs compares them (its own vectors where the module has them)."""
    vectors = getattr(similarity, "title_vectors", None)
    if vectors is not None:
        return list(vectors(titles))
    per_title = getattr(text, "title_weights", None) or text.title_grams
    return [per_title(t) for t in titles]


def clear_caches() -> None:
    """Forget everything the analysis remembers between calls: a cold start.

    That is the lru caches of its modules (title_tokens, normalise_kpi, ...) and the previous
    near-duplicate join that similar_pairs keeps for incremental reruns (``_last``).
    """
    for module in (text, similarity, convergence):
        for value in vars(module).values():
            if callable(getattr(value, "cache_clear", None)):
                value.cache_clear()
    forget_join()


def forget_join() -> None:
    """Make the next similar_pairs() call a full join (its title caches stay warm)."""
    if hasattr(similarity, "forget"):
        similarity.forget()
    elif hasattr(similarity, "_Last") and hasattr(similarity, "_last"):
        similarity._last = similarity._Last()


def one_edit_charts(chart: Chart, count: int) -> list[Chart]:
    """Copies of ``chart`` that each differ from the previous copy by one or two task titles."""
    out = []
    step = max(1, len(chart.tasks) // (count + 1))
    for k in range(count):
        row = (k + 1) * step % len(chart.tasks)
        task = chart.tasks[row]
        tasks = list(chart.tasks)
        tasks[row] = task.model_copy(update={"title": f"{task.title} (edit {k})"})
        out.append(chart.model_copy(update={"tasks": tuple(tasks)}))
    return out


class Guard:
    """Predicts a run's time at a new size from the sizes measured so far, to skip hopeless ones."""

    def __init__(self, limit: float) -> None:
        self.limit = limit
        self.points: list[tuple[int, float]] = []

    def predict(self, n: int) -> float:
        if not self.points:
            return 0.0
        n1, t1 = self.points[-1]
        exponent = 2.0
        if len(self.points) >= 2:
            n0, t0 = self.points[-2]
            exponent = max(1.0, math.log(t1 / t0) / math.log(n1 / n0))
        return t1 * (n / n1) ** exponent

    def allows(self, n: int) -> bool:
        return self.predict(n) <= self.limit

    def skipped(self, n: int) -> str:
        return f"skipped (~{fmt_seconds(self.predict(n))} predicted)"

    def record(self, n: int, seconds: float) -> None:
        self.points.append((n, seconds))


def naive_pairs(grams: list[Any], threshold: float) -> list[tuple[int, int, float]]:
    """Every pair compared with the score similar_pairs uses: the quadratic baseline.

    Analysis v2 scores titles with score_of (substitutions weigh more than added detail), not
    with jaccard(); older versions verify with jaccard().
    """
    score_fn = similarity.similarity if hasattr(similarity, "score_of") else similarity.jaccard
    pairs = []
    for i, j in combinations(range(len(grams)), 2):
        score = score_fn(grams[i], grams[j])
        if score >= threshold - 1e-9:
            pairs.append((i, j, score))
    return pairs


VERIFIERS = (
    "jaccard",
    "_overlap",
    "overlap_of",
)  # what similar_pairs calls per candidate pair, by version


def count_candidates(titles: list[str]) -> int:
    """How many pairs similar_pairs verifies exactly (an untimed, instrumented run)."""
    calls = 0
    originals = {name: getattr(similarity, name) for name in VERIFIERS if hasattr(similarity, name)}

    def counting(original: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any) -> Any:
            nonlocal calls
            calls += 1
            return original(*args)

        return wrapper

    try:
        for name, original in originals.items():
            setattr(similarity, name, counting(original))
        forget_join()
        similarity.similar_pairs(titles)
    finally:
        for name, original in originals.items():
            setattr(similarity, name, original)
    return calls


def profile(chart: Chart, top: int) -> str:
    clear_caches()
    prof = cProfile.Profile()
    prof.enable()
    analyse(chart)
    prof.disable()
    out = io.StringIO()
    stats = pstats.Stats(prof, stream=out).strip_dirs()
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)
    return out.getvalue()


def planted_found(chart: Chart, planted: list[tuple[str, str]], pairs: list[Any]) -> str:
    index = {t.id: i for i, t in enumerate(chart.tasks)}
    found = {(i, j) for i, j, _ in pairs}
    hits = sum(tuple(sorted((index[a], index[b]))) in found for a, b in planted)
    return f"{hits}/{len(planted)}"


def section_analyse(
    sizes: list[int], lang: str, runs: int, guard: Guard, force_profile: bool
) -> list[tuple[int, Chart, float | None, float, float]]:
    rows: list[list[object]] = []
    slow = []
    for n in sizes:
        if not guard.allows(n):
            rows.append([f"{n:,}", guard.skipped(n)])
            continue
        chart, _ = generate_with_truth(n, lang=lang)
        titles = [t.title for t in chart.tasks]
        cold = measure(lambda c=chart: analyse(c), runs, setup=clear_caches)
        guard.record(n, cold.median)
        again = measure(lambda c=chart: analyse(c), runs)  # the cold runs filled the caches
        edits = iter(one_edit_charts(chart, runs))
        edited = measure(lambda e=edits: analyse(next(e)), runs)
        join = measure(lambda t=titles: similarity.similar_pairs(t), runs, setup=forget_join)
        conv = measure(lambda c=chart: convergence.convergence_scores(c), runs)
        result = cold.result
        duplicates = sum(w.rule == "duplicate-task" for w in result.warnings)
        rows.append([f"{n:,}", cold, again, edited, join, conv, len(result.warnings), duplicates])
        budget = BUDGET.get(n)
        worst = max(cold.median, again.median, edited.median)
        if force_profile or (budget and worst > budget):
            slow.append((n, chart, budget, cold.median, edited.median))
    header = [
        "tasks",
        "analyse cold",
        "analyse again",
        "analyse after 1 edit",
        "full near-dup join (warm titles)",
        "convergence",
        "warnings",
        "duplicate-task",
    ]
    print(f"\n## 1. analyse(): median (min-max) of up to {runs} runs\n")
    print(table(header, rows))
    return slow


def section_duplicates(sizes: list[int], lang: str, runs: int, guard: Guard) -> None:
    rows: list[list[object]] = []
    first = None
    for n in sizes:
        if not guard.allows(n):
            rows.append([f"{n:,}", guard.skipped(n)])
            continue
        chart, planted = generate_with_truth(n, lang=lang)
        titles = [t.title for t in chart.tasks]
        cold = measure(lambda t=titles: similarity.similar_pairs(t), runs, setup=clear_caches)
        guard.record(n, cold.median)
        warm = measure(lambda t=titles: similarity.similar_pairs(t), runs, setup=forget_join)
        first = first or (n, cold.median)
        growth = (cold.median / first[1]) / (n / first[0])
        candidates = "not counted"
        if cold.median < 10:
            verified = count_candidates(titles)
            if verified:  # counted by wrapping the verifier; 0 if this version has none of them
                share = verified / (n * (n - 1) / 2)
                candidates = f"{verified:,} ({share:.2%} of all pairs)"
        pairs = cold.result
        rows.append(
            [
                f"{n:,}",
                cold,
                warm,
                f"{growth:.2f}",
                len(pairs),
                planted_found(chart, planted, pairs),
                candidates,
            ]
        )
    header = [
        "tasks",
        "cold (tokens + join)",
        "warm tokens, full join",
        "time per task vs smallest",
        f"pairs >= {THRESHOLD}",
        "planted found",
        "candidates verified",
    ]
    print(f"\n## 2. full near-duplicate join alone: median (min-max) of up to {runs} runs\n")
    print(table(header, rows))
    print("\n'time per task vs smallest': 1.00 is linear growth, n/smallest is quadratic.")


def section_naive(sizes: list[int], lang: str, guard: Guard) -> None:
    rows: list[list[object]] = []
    for n in sizes:
        if not guard.allows(n):
            rows.append([f"{n:,}", guard.skipped(n)])
            continue
        chart, _ = generate_with_truth(n, lang=lang)
        titles = [t.title for t in chart.tasks]
        vectors = title_features(titles)  # computed beforehand, for both sides
        similarity.similar_pairs(titles)  # and the caches filled
        naive = measure(lambda v=vectors: naive_pairs(v, THRESHOLD), 3, max_seconds=10)
        guard.record(n, naive.median)
        indexed = measure(
            lambda t=titles: similarity.similar_pairs(t), 5, setup=forget_join, max_seconds=10
        )
        same = {p[:2] for p in naive.result} == {p[:2] for p in indexed.result}
        speedup = naive.median / indexed.median
        rows.append([f"{n:,}", naive, indexed, f"{speedup:.1f}x", "yes" if same else "NO"])
    print(
        "\n## 3. naive all-pairs comparison vs the full join (title vectors computed beforehand)\n"
    )
    print(table(["tasks", "all pairs", "similar_pairs", "speed-up", "same pairs"], rows))


def _run(cmd: list[str]) -> tuple[float, subprocess.CompletedProcess[str]]:
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False)
    return time.perf_counter() - start, proc


def section_check(n: int, lang: str, runs: int, analyse_guard: Guard) -> None:
    print(f"\n## 4. whole process on a {n:,}-task chart: median of up to {runs} runs\n")
    if not analyse_guard.allows(n):
        print(
            f"skipped: analyse() alone is predicted to take ~{fmt_seconds(analyse_guard.predict(n))}"
        )
        return
    chart, _ = generate_with_truth(n, lang=lang)
    python = sys.executable
    with tempfile.TemporaryDirectory(prefix="rolemap-bench-") as tmp:
        path = os.path.join(tmp, "chart.yaml")
        save(chart, path)
        load = f"from rolemap.core.fileformat import load; chart = load({path!r})"
        commands = {
            "python -c pass": [python, "-c", "pass"],
            "load only": [python, "-c", load],
            "load + analyse": [
                python,
                "-c",
                f"{load}; from rolemap.core.analysis import analyse; analyse(chart)",
            ],
            "rolemap check": [python, "-m", "rolemap", "check", path],
            "rolemap check --format json": [
                *(python, "-m", "rolemap", "check", "--format", "json", path)
            ],
        }
        rows: list[list[object]] = []
        notes = []
        base = None
        for name, cmd in commands.items():
            times: list[float] = []
            proc = None
            for _ in range(runs):
                elapsed, proc = _run(cmd)
                times.append(elapsed)
                if sum(times) > 30:
                    break
            assert proc is not None
            times.sort()
            median = times[len(times) // 2]
            if name == "load only":
                base = median
            ok = proc.returncode in (0, 1) and "Traceback" not in proc.stderr
            if not ok:
                last = (proc.stderr.strip().splitlines() or ["(no output)"])[-1]
                notes.append(f"{name}: exit {proc.returncode}: {last}")
            extra = ""
            if base and name != "load only":
                delta = median - base
                extra = ("+" if delta >= 0 else "-") + fmt_seconds(abs(delta))
            rows.append([name, fmt_seconds(median), extra, proc.returncode if ok else "FAILED"])
    print(table(["command", "wall time", "over load only", "exit"], rows))
    for note in notes:
        print(f"  ! {note}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,5000,10000", help="for analyse()")
    parser.add_argument("--dup-sizes", default="1000,5000,10000,20000")
    parser.add_argument("--naive-sizes", default="1000,5000")
    parser.add_argument("--check-size", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--lang", choices=("en", "zh"), default="en")
    parser.add_argument("--max-call", type=float, default=60, help="seconds; see above")
    parser.add_argument("--profile", action="store_true", help="profile even within budget")
    parser.add_argument("--top", type=int, default=15, help="functions shown in a profile")
    parser.add_argument(
        "--skip", default="", help="sections to skip, e.g. 'naive,check' (analyse,dups,naive,check)"
    )
    args = parser.parse_args(argv)
    skip = set(args.skip.split(","))
    try:
        load = "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        load = ""
    print(
        f"rolemap {revision(ROOT)}; Python {platform.python_version()}, {os.cpu_count()} CPUs, "
        f"{load}; chart language {args.lang}, about 1% planted near-duplicates"
    )
    slow = []
    analyse_guard = Guard(args.max_call)
    if "analyse" not in skip:
        slow = section_analyse(
            parse_sizes(args.sizes), args.lang, args.runs, analyse_guard, args.profile
        )
    if "dups" not in skip:
        section_duplicates(parse_sizes(args.dup_sizes), args.lang, args.runs, Guard(args.max_call))
    if "naive" not in skip:
        section_naive(parse_sizes(args.naive_sizes), args.lang, Guard(args.max_call))
    if "check" not in skip:
        section_check(args.check_size, args.lang, 3, analyse_guard)
    # The smallest and the largest size over budget tell the story (if profiling is bearable).
    slow = [s for s in slow if s[3] < 20]
    if len(slow) > 2:
        slow = [slow[0], slow[-1]]
    for n, chart, budget, cold, edited in slow:
        why = f"budget {fmt_seconds(budget)}" if budget else "requested"
        print(
            f"\n## profile of one cold analyse() at {n:,} tasks "
            f"(cold {fmt_seconds(cold)}, after an edit {fmt_seconds(edited)}; {why})\n"
        )
        print(profile(chart, args.top))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
