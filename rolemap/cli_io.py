"""What every ``rolemap export`` format does first: refuse to overwrite the chart, load it."""

from __future__ import annotations

import sys

from rolemap.cli_lang import language, say
from rolemap.core.model import Chart

_SAME = "{path}: this is the chart being exported; not overwritten. Choose another output file"


def chart_to_export(path: str, output: str, terminal: bool = False) -> Chart | None:
    """The chart at ``path``, or None after saying on stderr why there is none to export."""
    from rolemap.core.errors import ChartLoadError
    from rolemap.core.fileformat import load
    from rolemap.core.safeio import same_file

    if output != "-" and same_file(path, output):
        template = _SAME + (" (or -o - for the terminal)" if terminal else "")
        print(say(template, path=output), file=sys.stderr)
        return None
    try:
        return load(path)
    except ChartLoadError as exc:
        print(exc.format(lang=language()), file=sys.stderr)
        return None
