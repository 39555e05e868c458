"""What every ``rolemap export`` format does first: refuse to overwrite the chart, load it."""

from __future__ import annotations

import sys

from rolemap.core.model import Chart


def chart_to_export(path: str, output: str, hint: str = "") -> Chart | None:
    """The chart at ``path``, or None after saying on stderr why there is none to export."""
    from rolemap.core.errors import ChartLoadError
    from rolemap.core.fileformat import load
    from rolemap.core.safeio import same_file

    if output != "-" and same_file(path, output):
        print(
            f"{output}: this is the chart being exported; not overwritten. "
            f"Choose another output file{hint}",
            file=sys.stderr,
        )
        return None
    try:
        return load(path)
    except ChartLoadError as exc:
        print(exc.format(), file=sys.stderr)
        return None
