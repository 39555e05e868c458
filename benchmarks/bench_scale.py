"""``rolemap check --format json`` and ``export --format markdown`` against the YAML floor, in one run.

    python benchmarks/bench_scale.py                                   # everything (long)
    python benchmarks/bench_scale.py --sizes 1k,10k --runs 5
    python benchmarks/bench_scale.py --kinds clustered --sizes 40k --timeout 120

For each size (tasks) and kind of chart (``en``: varied English titles and ``zh``: varied
Chinese titles, both from generate.py; ``clustered``: titles sharing common phrases in a small
vocabulary, 20% of them "<common Chinese phrase>·<English word>", from clustered.py) it runs,
each in its own process on the same file and alternating (floor, check, export, floor, ...):

- the floor: ``python -c`` reading the file and parsing it with PyYAML's C loader with the
  garbage collector paused (PERF-NOTES.md), nothing else;
- ``python -m rolemap check FILE --format json`` (stdout to a file, as CI would);
- ``python -m rolemap export FILE --format markdown -o OUT``;
- rolemap's load alone (``load_located``: hardened parse, validation, locations), so that a
  check's time splits into loading and what follows it (analysis, output).

It prints medians of wall time and the child's peak memory (ru_maxrss), and their ratios to
the floor's. A run slower than ``--timeout`` is stopped and reported as "> T s"; that command
is then skipped at the larger sizes of that kind, and so is any run whose time, extrapolated
from the smaller sizes, would exceed the timeout. Charts are generated once and kept in
``--data`` (named by kind, size, seed and a digest of the generators), so a second run starts
at once. Each finished row is appended to ``benchmarks/results/bench_scale-<time>.md`` as it
comes, then the whole table.
"""

from __future__ import annotations

import argparse
import hashlib
import math
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
for _path in (ROOT, HERE):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

from timing import parse_sizes, revision, table  # noqa: E402

KINDS = ("en", "zh", "clustered")
COMMANDS = ("check", "export", "load")
# rolemap's own load (hardened parse, validation, locations) and nothing after it.
LOAD = (
    "import sys\n"
    "from rolemap.core.locate import load_located\n"
    "chart, where = load_located(sys.argv[1])\n"
)
FLOOR = (
    "import gc, sys, yaml\n"
    "data = open(sys.argv[1], 'rb').read()\n"
    "gc.disable()\n"
    "root = yaml.load(data.decode('utf-8'), Loader=yaml.CSafeLoader)\n"
)
_MAXRSS_BYTES = 1 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, KB on Linux


@dataclass
class Run:
    seconds: float
    peak_mb: float
    timed_out: bool = False


@dataclass
class Cell:
    """The runs of one command on one chart."""

    runs: list[Run] = field(default_factory=list)
    skipped: str = ""

    @property
    def done(self) -> list[Run]:
        return [r for r in self.runs if not r.timed_out]

    @property
    def timed_out(self) -> bool:
        return any(r.timed_out for r in self.runs)

    def seconds(self) -> float | None:
        return statistics.median(r.seconds for r in self.done) if self.done else None

    def peak(self) -> float | None:
        return statistics.median(r.peak_mb for r in self.done) if self.done else None

    def text(self) -> str:
        if self.skipped:
            return self.skipped
        if not self.done:
            limit = max(r.seconds for r in self.runs)
            return f"> {limit:.0f} s (stopped)"
        s = self.seconds()
        assert s is not None
        times = [r.seconds for r in self.done]
        spread = f" ({min(times):.2f}-{max(times):.2f})" if len(times) > 1 else ""
        return f"{s:.2f} s{spread}, {self.peak():.0f} MB"


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
    env.pop("PYTHONHASHSEED", None)
    return env


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children", "rb") as f:
            return [int(c) for c in f.read().split()]
    except (OSError, ValueError):
        return []


def _pss_kb(pid: int) -> int:
    """A process's proportional set size (pages shared after a fork counted once in all)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as f:
            for line in f:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


class _TreeSampler(threading.Thread):
    """The largest sum of the memory of a process and its children (``check`` forks one to
    join titles while it loads), sampled every 50 ms while it has children: ru_maxrss sees
    one process only. Reading a large process's smaps costs a millisecond or two, so a
    process alone is not read at all (its ru_maxrss is exact)."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak_kb, self.stop = pid, 0, threading.Event()

    def run(self) -> None:
        while not self.stop.wait(0.05):
            tree, todo = [], _children(self.pid)
            while todo:
                child = todo.pop()
                tree.append(child)
                todo.extend(_children(child))
            if tree:
                total = sum(_pss_kb(p) for p in (self.pid, *tree))
                self.peak_kb = max(self.peak_kb, total)


def run_child(argv: list[str], stdout: Path | None, timeout: float) -> Run:
    """Run ``argv``; wall time and peak memory, killed at ``timeout``. The memory is the
    larger of the child's own peak (os.wait4) and the sampled sum over it and the processes
    it started (proportional set sizes: what they use together)."""
    out = open(stdout, "wb") if stdout else open(os.devnull, "wb")
    try:
        start = time.perf_counter()
        proc = subprocess.Popen(
            argv, stdout=out, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL, env=_env()
        )
        killed = threading.Event()

        def kill() -> None:
            killed.set()
            proc.kill()

        timer = threading.Timer(timeout, kill)
        timer.start()
        sampler = _TreeSampler(proc.pid)
        if sys.platform.startswith("linux"):
            sampler.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
            sampler.stop.set()
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
    finally:
        out.close()
    if killed.is_set():
        return Run(seconds, 0.0, timed_out=True)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(argv)} failed with exit code {proc.returncode}")
    peak = max(usage.ru_maxrss * _MAXRSS_BYTES, sampler.peak_kb * 1024)
    return Run(seconds, peak / 1e6)


def _generators_digest() -> str:
    digest = hashlib.sha256()
    for name in ("generate.py", "vocabulary.py", "clustered.py"):
        digest.update((HERE / name).read_bytes())
    return digest.hexdigest()[:8]


def chart_file(data: Path, kind: str, n: int, seed: int) -> Path:
    """The generated chart (made once, then reused while the generators stay the same)."""
    path = data / f"{kind}-{n}-s{seed}-{_generators_digest()}.yaml"
    if path.exists():
        return path
    partial = path.with_suffix(".part")
    if kind == "clustered":
        argv = [sys.executable, str(HERE / "clustered.py"), str(n), "-o", str(partial)]
    else:
        argv = [sys.executable, str(HERE / "generate.py"), str(n), "-o", str(partial)]
        argv += ["--lang", kind]
    argv += ["--seed", str(seed)]
    print(f"... generating {kind} {n:,}", file=sys.stderr, flush=True)
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, env=_env())
    partial.replace(path)
    return path


def _argv(command: str, chart: Path, work: Path) -> tuple[list[str], Path | None]:
    py = sys.executable
    if command == "floor":
        return [py, "-c", FLOOR, str(chart)], None
    if command == "load":
        return [py, "-c", LOAD, str(chart)], None
    if command == "check":
        return [py, "-m", "rolemap", "check", str(chart), "--format", "json"], work / "check.json"
    out = work / "export.md"
    return [py, "-m", "rolemap", "export", str(chart), "--format", "markdown", "-o", str(out)], None


def _predicted(history: list[tuple[int, float]], n: int) -> float | None:
    """Time at ``n`` tasks extrapolated from smaller sizes (growth exponent from the last two)."""
    if not history:
        return None
    n1, t1 = history[-1]
    exponent = 1.0
    if len(history) >= 2:
        n0, t0 = history[-2]
        if t0 > 0 and n1 > n0:
            exponent = max(1.0, math.log(t1 / t0) / math.log(n1 / n0))
    return t1 * (n / n1) ** exponent


def _ratio(a: float | None, b: float | None) -> str:
    return f"{a / b:.2f}×" if a is not None and b else "-"


def _count_warnings(path: Path) -> str:
    if not path.exists():
        return "-"
    count = 0
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 22), b""):
            count += chunk.count(b'"rule":')
    return f"{count:,} ({path.stat().st_size / 1e6:.1f} MB)"


HEADER = [
    "tasks",
    "chart",
    "file",
    "floor",
    "check --format json",
    "ratio",
    "memory ratio",
    "export markdown",
    "ratio",
    "memory ratio",
    "load only",
    "ratio",
    "memory ratio",
    "warnings (json size)",
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1k,10k,40k,100k", help="comma-separated task counts")
    parser.add_argument("--kinds", default=",".join(KINDS), help=f"any of {', '.join(KINDS)}")
    parser.add_argument(
        "--commands", default=",".join(COMMANDS), help="any of check, export, load (default all)"
    )
    parser.add_argument("--runs", type=int, default=3, help="runs of each command (default 3)")
    parser.add_argument(
        "--big-runs", type=int, default=2, help="runs at 40,000 tasks and more (default 2)"
    )
    parser.add_argument(
        "--timeout", type=float, default=300, help="stop a run after this many seconds"
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--data",
        type=Path,
        default=Path(tempfile.gettempdir()) / "rolemap-bench-scale",
        help="where generated charts are kept between runs",
    )
    parser.add_argument("--results", type=Path, default=HERE / "results")
    args = parser.parse_args(argv)
    sizes = sorted(parse_sizes(args.sizes))
    kinds = [k.strip() for k in args.kinds.split(",") if k.strip()]
    commands = [c.strip() for c in args.commands.split(",") if c.strip()]
    if bad := [k for k in kinds if k not in KINDS] + [c for c in commands if c not in COMMANDS]:
        parser.error(f"unknown kind or command: {', '.join(bad)}")
    args.data.mkdir(parents=True, exist_ok=True)
    args.results.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S", time.gmtime())
    report = args.results / f"bench_scale-{stamp}.md"

    def emit(text: str) -> None:
        print(text, flush=True)
        with open(report, "a", encoding="utf-8") as f:
            f.write(text + "\n")

    import yaml

    emit(
        f"# bench_scale {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}\n\n"
        f"rolemap {revision(ROOT)}; Python {platform.python_version()}, PyYAML "
        f"{yaml.__version__}, {os.cpu_count()} CPUs, load average "
        f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}; {args.runs} runs "
        f"({args.big_runs} from 40,000 tasks), medians (min-max), alternating; timeout "
        f"{args.timeout:.0f} s.\nfloor: PyYAML CSafeLoader, GC paused, whole process. "
        "Memory: peak RSS of the child, or the sampled sum of the proportional set sizes of it "
        "and the processes it forked (check joins titles in one), whichever is larger.\n\n"
        "| " + " | ".join(HEADER) + " |\n|" + "---|" * len(HEADER)
    )
    history: dict[tuple[str, str], list[tuple[int, float]]] = {}
    stopped: set[tuple[str, str]] = set()
    rows: list[list[str]] = []
    with tempfile.TemporaryDirectory(prefix="rolemap-scale-") as tmp:
        work = Path(tmp)
        for n in sizes:
            runs = args.runs if n < 40_000 else min(args.runs, args.big_runs)
            for kind in kinds:
                chart = chart_file(args.data, kind, n, args.seed)
                cells = {c: Cell() for c in ("floor", *commands)}
                for c in commands:
                    predicted = _predicted(history.get((kind, c), []), n)
                    if (kind, c) in stopped:
                        cells[c].skipped = "skipped (stopped at a smaller size)"
                    elif predicted is not None and predicted > args.timeout:
                        cells[c].skipped = f"skipped (predicted {predicted:.0f} s)"
                print(f"... {kind} {n:,}: {runs} runs", file=sys.stderr, flush=True)
                for _ in range(runs):
                    for c, cell in cells.items():
                        if cell.skipped or cell.timed_out:
                            continue
                        command, out = _argv(c, chart, work)
                        cell.runs.append(run_child(command, out, args.timeout))
                for c in commands:
                    seconds = cells[c].seconds()
                    if cells[c].timed_out:
                        stopped.add((kind, c))
                    elif seconds is not None:
                        history.setdefault((kind, c), []).append((n, seconds))
                floor = cells["floor"]
                row = [f"{n:,}", kind, f"{chart.stat().st_size / 1e6:.1f} MB", floor.text()]
                for c in COMMANDS:
                    if c not in cells:
                        row += ["-", "-", "-"]
                        continue
                    cell = cells[c]
                    row += [
                        cell.text(),
                        _ratio(cell.seconds(), floor.seconds()),
                        _ratio(cell.peak(), floor.peak()),
                    ]
                check_out = work / "check.json"
                row.append(_count_warnings(check_out) if cells.get("check", Cell()).done else "-")
                check_out.unlink(missing_ok=True)
                rows.append(row)
                emit("| " + " | ".join(row) + " |")
    emit("\n" + table(HEADER, rows) + f"\n\nload average at the end: {os.getloadavg()[0]:.1f}")
    print(f"\nsaved to {report}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
