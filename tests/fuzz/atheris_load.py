"""Coverage-guided fuzzing of the chart loader with atheris (optional; not run by pytest).

Same properties as ``tests/core/test_fuzz.py``: ``loads`` returns a Chart or raises
ChartLoadError whose problems are one line each, within a second, and a chart it accepts
survives ``dumps``/``loads`` unchanged. The input's length picks the loader path (odd: pure Python, even: libyaml), so
seed files stay whole. Only Python code is instrumented (not libyaml), so most of the
coverage guidance comes from the pure path.

Run from the repository root (see tests/fuzz/README.md):

    python tests/fuzz/atheris_load.py -max_total_time=60 -dict=tests/fuzz/yaml.dict \
        /tmp/rolemap-corpus resources/templates
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # this checkout of rolemap

with atheris.instrument_imports(include=["rolemap", "yaml"]):
    from rolemap.core.errors import ChartLoadError
    from rolemap.core.fileformat import dumps, loads
    from rolemap.core.roundtrip import layout_of, render

LIMIT_SECONDS = 1.0


class SlowLoad(Exception):
    """loads took longer than LIMIT_SECONDS."""


class ProblemSpansLines(Exception):
    """A problem's text contains a line break (``rolemap check`` prints one problem a line)."""


class RoundTripChanged(Exception):
    """A chart the loader accepted did not survive dumps/loads unchanged."""


def test_one_input(data: bytes) -> None:
    pure = len(data) % 2 == 1
    body = data
    start = time.perf_counter()
    try:
        chart = loads(body, file="fuzz.yaml", pure=pure)
    except ChartLoadError as exc:
        chart = None
        lines = exc.format().splitlines()
        if not exc.problems or not all(line.startswith("fuzz.yaml:") for line in lines):
            raise ProblemSpansLines(repr(lines)) from None
    elapsed = time.perf_counter() - start
    if elapsed > LIMIT_SECONDS:
        raise SlowLoad(f"{elapsed:.2f} s (pure={pure}) on {body!r:.300}")
    if chart is not None:
        again = loads(dumps(chart).encode("utf-8"), pure=pure)
        if again != chart:
            raise RoundTripChanged(f"{chart!r:.300} became {again!r:.300}")
        # The comment-keeping save: the file's own text, unchanged or with a task retitled,
        # loads back as the chart it was given.
        layout = layout_of(body, chart)
        edited = chart
        if chart.tasks:
            first = chart.tasks[0].model_copy(update={"title": chart.tasks[0].title + " x"})
            edited = chart.model_copy(update={"tasks": (first, *chart.tasks[1:])})
        for want in (chart, edited):
            kept = loads(render(layout, want).encode("utf-8"), pure=pure)
            if kept != want:
                raise RoundTripChanged(f"keeping save: {want!r:.300} became {kept!r:.300}")


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
