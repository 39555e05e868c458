"""Time loading and saving generated role charts: C and pure loaders, validation, dumps, save.

    python benchmarks/bench_load_save.py                     # 10,000 tasks
    python benchmarks/bench_load_save.py --sizes 1000,10000,100000

Each figure is the median of 5 runs (2 at 100,000 tasks, 1 for the pure loader there), with
the fastest and slowest run in brackets. "hardened parse" is rolemap's own YAML reader
(safe tags, no aliases, duplicate keys, locations); "plain CSafeLoader" is PyYAML alone with
the garbage collector paused, the floor in PERF-NOTES.md.

The parts do not add up to the total. Each is timed alone, with the collector paused only
for that part, so the collection of the many objects it built falls wherever the collector
next runs (sometimes inside the part, sometimes after it). "same, GC paused for all of
load()" shows the total when the pause covers the whole load, so that the raw YAML tree is
freed by reference counting before the collector ever sees it.
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
for _path in (HERE.parent, HERE):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

import pydantic  # noqa: E402
import yaml  # noqa: E402
from generate import generate_chart  # noqa: E402
from timing import measure, parse_sizes, revision, table  # noqa: E402

from rolemap.core import fileformat  # noqa: E402
from rolemap.core.model import Chart  # noqa: E402
from rolemap.core.roundtrip import layout_of, render  # noqa: E402
from rolemap.core.validate import semantic_problems  # noqa: E402
from rolemap.core.yamlsafe import HAS_C_LOADER, read_yaml  # noqa: E402


def _plain_c_load(text: str) -> object:
    gc.disable()
    try:
        return yaml.load(text, Loader=yaml.CSafeLoader)
    finally:
        gc.enable()


def _validate(root: object) -> Chart:
    gc.disable()  # as fileformat.loads does
    try:
        return Chart.model_validate(root)
    finally:
        gc.enable()


def _load_gc_paused(path: Path) -> Chart:
    """The whole load with the collector paused, so the raw YAML tree dies by refcount unseen."""
    gc.disable()
    try:
        return fileformat.load(path)
    finally:
        gc.enable()


def _commented(text: str) -> str:
    """The file as a team edits it by hand: a comment above every task, one after each."""
    out = []
    for line in text.splitlines(keepends=True):
        if line.startswith("- id: t"):
            out.append(f"# note on {line[6:].strip()}\n")
        out.append(line)
    return "".join(out)


def _bench_keeping_save(
    chart: Chart, data: bytes, workdir: Path, runs: int, out: dict[str, str]
) -> None:
    """Saving with the file's layout (rolemap.core.roundtrip): one task edited."""
    task = chart.tasks[len(chart.tasks) // 2]
    edited = chart.model_copy(
        update={
            "tasks": tuple(
                t.model_copy(update={"title": t.title + " (edited)"}) if t is task else t
                for t in chart.tasks
            )
        }
    )
    target = workdir / "kept.yaml"
    for label, text in (("rolemap-written", data.decode("utf-8")), ("hand-commented", None)):
        if text is None:
            text = _commented(data.decode("utf-8"))
        loaded = fileformat.loads(text)
        layout = layout_of(text, loaded)
        rendered = measure(lambda layout=layout: render(layout, edited), runs)  # type: ignore[misc]
        if fileformat.loads(rendered.result) != edited:
            raise SystemExit("keeping save: the saved text does not load as the edited chart")
        out[f"save keeping comments, {label} file, 1 task edited"] = str(
            measure(
                lambda layout=layout: fileformat.save(edited, target, layout=layout),  # type: ignore[misc]
                runs,
            )
        )
        out[f"  splice only ({label})"] = str(rendered)


def bench_size(n: int, runs: int, pure_runs: int, lang: str, workdir: Path) -> dict[str, str]:
    chart = generate_chart(n, lang=lang)
    path = workdir / f"chart-{n}.yaml"
    out: dict[str, str] = {}

    out["dumps"] = str(measure(lambda: fileformat.dumps(chart), runs))
    out["save (atomic, fsync)"] = str(measure(lambda: fileformat.save(chart, path), runs))
    size = path.stat().st_size
    out["file size"] = f"{size / 1e6:.1f} MB"
    data = path.read_bytes()
    text = data.decode("utf-8")

    _bench_keeping_save(chart, data, workdir, runs, out)

    loaded = measure(lambda: fileformat.load(path), runs)
    if loaded.result != chart:
        raise SystemExit(f"round trip failed at {n} tasks: load(save(chart)) != chart")
    out["load, C loader (total)"] = str(loaded)
    out["  same, GC paused for all of load()"] = str(measure(lambda: _load_gc_paused(path), runs))
    parsed = measure(lambda: read_yaml(text), runs)
    root, located, _ = parsed.result
    out["  hardened parse (C)"] = str(parsed)
    out["  pydantic validate"] = str(measure(lambda: _validate(root), runs))
    out["  ids and references"] = str(measure(lambda: semantic_problems(root, located), runs))
    out["plain CSafeLoader, GC paused"] = str(measure(lambda: _plain_c_load(text), runs))
    if pure_runs:
        out["load, pure loader (total)"] = str(
            measure(lambda: fileformat.load(path, pure=True), pure_runs)
        )
    else:
        out["load, pure loader (total)"] = "skipped"
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000", help="comma-separated task counts")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--lang", choices=("en", "zh"), default="en")
    parser.add_argument(
        "--pure-max", type=int, default=100_000, help="skip the pure loader above this size"
    )
    args = parser.parse_args(argv)
    sizes = parse_sizes(args.sizes)

    print(
        f"rolemap {revision(HERE.parent)}; Python {platform.python_version()}, "
        f"PyYAML {yaml.__version__} "
        f"(libyaml: {HAS_C_LOADER}), pydantic {pydantic.VERSION}, {os.cpu_count()} CPUs; "
        f"chart language {args.lang}"
    )
    results: dict[int, dict[str, str]] = {}
    with tempfile.TemporaryDirectory(prefix="rolemap-bench-") as tmp:
        for n in sizes:
            runs = args.runs if n < 50_000 else min(args.runs, 2)
            pure_runs = 0 if n > args.pure_max else (runs if n < 50_000 else 1)
            print(f"... {n:,} tasks ({runs} runs)", file=sys.stderr, flush=True)
            results[n] = bench_size(n, runs, pure_runs, args.lang, Path(tmp))
            gc.collect()
    rows = [[name, *(results[n][name] for n in sizes)] for name in results[sizes[0]]]
    print(table(["median (min-max)", *(f"{n:,} tasks" for n in sizes)], rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
