"""Keeping a second copy of a chart in step with the first, cheaply: deltas and chunks.

The app's worker process holds its own copy of the open chart. After an edit only what
changed crosses the process boundary: a ``Delta`` found by comparing the two snapshots' rows
by identity (edits copy a chart and replace only the rows they touch, so an unchanged row is
the very same object). A whole chart is sent as a head (the chart without its tasks) and
tasks in chunks, so that the receiving side can rebuild it a slice at a time (unpickling
10,000 tasks at once takes 70-110 ms; a chunk of 1,000 about a tenth of that).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from rolemap.core.model import Chart

SECTIONS = ("functions", "goals", "tasks", "reviews")
CHUNK = 1000


@dataclass(frozen=True)
class Splice:
    """Rows ``first .. first+removed`` of a section replaced by ``items``."""

    section: str
    first: int
    removed: int
    items: tuple[Any, ...]


@dataclass(frozen=True)
class Delta:
    head: dict[str, Any]  # the chart's fields other than its sections (title, glossary, ...)
    splices: tuple[Splice, ...]


def _head(chart: Chart) -> dict[str, Any]:
    return {name: getattr(chart, name) for name in Chart.model_fields if name not in SECTIONS}


def _section_splices(section: str, old: tuple[Any, ...], new: tuple[Any, ...]) -> list[Splice]:
    if old is new:
        return []
    if len(old) == len(new):
        # Updates in place: one splice per run of changed rows (a sort sends them all).
        out: list[Splice] = []
        i, n = 0, len(new)
        while i < n:
            if old[i] is new[i]:
                i += 1
                continue
            j = i
            while j < n and old[j] is not new[j]:
                j += 1
            out.append(Splice(section, i, j - i, new[i:j]))
            i = j
        return out
    lo, n_old, n_new = 0, len(old), len(new)
    while lo < n_old and lo < n_new and old[lo] is new[lo]:
        lo += 1
    hi = 0
    while hi < n_old - lo and hi < n_new - lo and old[n_old - 1 - hi] is new[n_new - 1 - hi]:
        hi += 1
    return [Splice(section, lo, n_old - lo - hi, new[lo : n_new - hi])]


def diff(old: Chart, new: Chart) -> Delta:
    """What turns ``old`` into ``new`` (``apply(old, diff(old, new)) == new``)."""
    splices: list[Splice] = []
    for section in SECTIONS:
        splices += _section_splices(section, getattr(old, section), getattr(new, section))
    return Delta(_head(new), tuple(splices))


def apply(chart: Chart, delta: Delta) -> Chart:
    sections = {s: list(getattr(chart, s)) for s in {sp.section for sp in delta.splices}}
    # Splices of one section are in increasing row order and do not overlap: apply from the end.
    for sp in reversed(delta.splices):
        sections[sp.section][sp.first : sp.first + sp.removed] = sp.items
    update: dict[str, Any] = dict(delta.head)
    update.update({s: tuple(items) for s, items in sections.items()})
    return chart.model_copy(update=update)


def shape(chart: Chart) -> tuple[Any, ...]:
    """A cheap summary both copies must agree on before one of them is saved: the title, the
    section sizes and every row's id (a copy out of step would almost surely differ here)."""
    return (
        chart.title,
        tuple(f.id for f in chart.functions),
        tuple(g.id for g in chart.goals),
        tuple(t.id for t in chart.tasks),
        len(chart.reviews),
    )


def split(chart: Chart, chunk: int = CHUNK) -> tuple[Chart, list[tuple[Any, ...]]]:
    """The chart without its tasks, and its tasks in chunks."""
    tasks = chart.tasks
    head = chart.model_copy(update={"tasks": ()})
    return head, [tasks[i : i + chunk] for i in range(0, len(tasks), chunk)]


def join(head: Chart, chunks: Iterator[tuple[Any, ...]] | list[tuple[Any, ...]]) -> Chart:
    tasks: list[Any] = []
    for part in chunks:
        tasks.extend(part)
    return head.model_copy(update={"tasks": tuple(tasks)})
