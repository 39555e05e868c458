"""One checked file: the chart, its analysis and where things are in it, or why it did not load."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from rolemap.core.analysis import Analysis, Settings, analyse
from rolemap.core.analysis.prefetch import Pending, start_file
from rolemap.core.errors import ChartLoadError, Problem
from rolemap.core.locate import Locations, load_located, loads_located
from rolemap.core.model import Chart


@dataclass(frozen=True)
class ChartCheck:
    """``chart`` and ``result`` are None when the file failed to load (see ``problems``)."""

    file: str
    chart: Chart | None = None
    result: Analysis | None = None
    locations: Locations | None = None
    problems: tuple[Problem, ...] = field(default=())

    @property
    def loaded(self) -> bool:
        return self.chart is not None


def check_file(
    path: str | os.PathLike[str],
    settings: Settings | None = None,
    *,
    prefetch: bool = False,
    pending: Pending | None = None,
) -> ChartCheck:
    """Load and analyse one file. With ``prefetch``, the near-duplicate join of a large chart
    runs in a forked process while this one loads it (``analysis.prefetch``): only for a
    process that checks one file and runs no threads, such as ``rolemap check FILE``, which
    starts it even earlier and passes it as ``pending``."""
    name = os.fspath(path)
    if pending is None and prefetch:
        pending = start_file(name, (settings or Settings()).duplicate_threshold)
    try:
        try:
            chart, locations = load_located(name)
        except ChartLoadError as exc:
            return ChartCheck(name, problems=tuple(exc.problems))
        if pending is not None:
            pending.offer(chart.glossary)
        return ChartCheck(name, chart, analyse(chart, settings), locations)
    finally:
        if pending is not None:
            pending.close()  # unused (or already done): never left running


def check_data(data: bytes, name: str, settings: Settings | None = None) -> ChartCheck:
    """Check a file whose bytes were already read (``check DIR`` reads each file once)."""
    try:
        chart, locations = loads_located(data, name)
    except ChartLoadError as exc:
        return ChartCheck(name, problems=tuple(exc.problems))
    return ChartCheck(name, chart, analyse(chart, settings), locations)
