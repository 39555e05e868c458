"""Small timing helpers shared by the benchmarks: medians of repeated runs and plain tables."""

from __future__ import annotations

import gc
import hashlib
import statistics
import subprocess
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Timing:
    runs: tuple[float, ...]
    result: Any = None
    requested: int = 0

    @property
    def median(self) -> float:
        return statistics.median(self.runs)

    def __str__(self) -> str:
        text = fmt_seconds(self.median)
        if len(self.runs) > 1:
            text += f" ({fmt_seconds(min(self.runs))}-{fmt_seconds(max(self.runs))})"
        if len(self.runs) < self.requested:
            text += f" [{len(self.runs)} run{'s' if len(self.runs) > 1 else ''}]"
        return text


def measure(
    fn: Callable[[], Any],
    runs: int,
    setup: Callable[[], Any] | None = None,
    max_seconds: float = 30.0,
) -> Timing:
    """Run ``fn`` up to ``runs`` times, each after ``setup`` (untimed) and a full collection.

    Stops early once the runs so far took ``max_seconds``: a slow case gets fewer runs (at
    least one), and the table says how many.
    """
    times: list[float] = []
    result = None
    for _ in range(runs):
        if setup is not None:
            setup()
        gc.collect()
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
        if sum(times) >= max_seconds:
            break
    return Timing(tuple(times), result, runs)


def fmt_seconds(seconds: float) -> str:
    if seconds < 1:
        return f"{seconds * 1000:.1f} ms" if seconds < 0.1 else f"{seconds * 1000:.0f} ms"
    return f"{seconds:.2f} s"


def table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A Markdown table (readable in a terminal, pasteable into an issue note); short rows are padded."""
    width = len(header)
    cells = [[str(c) for c in header]]
    cells += [[str(c) for c in row] + [""] * (width - len(row)) for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(width)]

    def line(row: list[str]) -> str:
        return "| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |"

    rule = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([line(cells[0]), rule, *(line(r) for r in cells[1:])])


def parse_sizes(text: str) -> list[int]:
    return [int(x.replace("_", "").replace("k", "000")) for x in text.split(",") if x.strip()]


def revision(root: Path) -> str:
    """The commit measured, and a digest of the core's sources when they have local changes."""

    def git(*args: str) -> str:
        proc = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True)
        return proc.stdout.strip()

    head = git("rev-parse", "--short", "HEAD") or "unknown"
    if not git("status", "--porcelain", "--", "rolemap"):
        return head
    digest = hashlib.sha256()
    for source in sorted((root / "rolemap" / "core").rglob("*.py")):
        digest.update(source.read_bytes())
    return f"{head} with local changes in rolemap/ (core sources {digest.hexdigest()[:10]})"
