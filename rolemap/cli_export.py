"""``rolemap export --format png|svg|pdf``: the map, heat maps or matrix as a picture file.

Runs without a display: Qt starts on the offscreen platform unless one is already running.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

PICTURE_FORMATS = ("png", "svg", "pdf")


def default_output(path: str, view: str, fmt: str) -> str:
    """chart.yaml -> chart-map.png, next to the chart."""
    p = Path(path)
    return str(p.with_name(f"{p.stem}-{view}.{fmt}"))


def export_picture(args: argparse.Namespace) -> int:
    from rolemap.cli_lang import language, os_error, say, view_name
    from rolemap.core.errors import ChartLoadError
    from rolemap.core.fileformat import load
    from rolemap.core.layout.views import picture

    if args.output == "-":
        print(say("rolemap export: pictures are written to a file; give -o FILE"), file=sys.stderr)
        return 2
    try:
        chart = load(args.path)
    except ChartLoadError as exc:
        print(exc.format(lang=language()), file=sys.stderr)
        return 2
    out = args.output or default_output(args.path, args.view, args.format)
    pic = picture(chart, args.view, paged=args.format == "pdf")

    from rolemap.render.files import ensure_gui, write_pdf, write_png, write_svg

    ensure_gui()
    try:
        if args.format == "png":
            write_png(pic, out)
        elif args.format == "svg":
            write_svg(pic, out, chart.title)
        else:
            write_pdf(pic, out, chart.title)
    except OSError as exc:
        print(
            say("{path}: cannot write the file: {why}", path=out, why=os_error(exc)),
            file=sys.stderr,
        )
        return 2
    if not os.path.isfile(out) or os.path.getsize(out) == 0:
        print(
            say("{path}: cannot write the file (is the folder writable?)", path=out),
            file=sys.stderr,
        )
        return 2
    print(
        say(
            "{path}: {view} written as {format}",
            path=out,
            view=view_name(args.view),
            format=args.format.upper(),
        )
    )
    return 0
