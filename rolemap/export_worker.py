"""File > Export's files, written here or, for a large chart, in a child process of their own.

``write_export`` writes one export of a chart and its analysis (the same bytes the command
line's ``rolemap export`` writes). The app calls it directly for small charts; for large ones
it runs ``python -m rolemap.export_worker`` and sends the chart down its stdin as pickles (the
job, the chart without its tasks, the tasks in chunks, then None), so that the analysis, the
spreadsheet and the picture are made while the window stays responsive. The child prints
``ok`` or ``error: <reason>`` and exits.
"""

from __future__ import annotations

import os
import pickle
import sys
from typing import TYPE_CHECKING, Any, BinaryIO

if TYPE_CHECKING:
    from rolemap.core.analysis import Analysis
    from rolemap.core.model import Chart

TEXT_KINDS = ("markdown", "role-chart")
SHEET_KINDS = ("xlsx", "csv")
PICTURE_KINDS = ("map", "heatmap", "matrix")


def picture_format(path: str) -> str:
    return os.path.splitext(path)[1].lower().lstrip(".")


def write_export(kind: str, path: str, chart: Chart, analysis: Analysis) -> None:
    """Write ``kind`` to ``path`` (atomically for the text and spreadsheet formats); OSError
    when it cannot be written."""
    from rolemap.core.fileformat import write_atomic

    if kind in TEXT_KINDS:
        from rolemap.core.export import export_markdown, export_role_chart

        make = export_markdown if kind == "markdown" else export_role_chart
        write_atomic(path, make(chart, analysis).encode("utf-8"))
    elif kind in SHEET_KINDS:
        from rolemap.core.spreadsheet.writer import export_csv, export_xlsx

        write_atomic(path, export_xlsx(chart, analysis) if kind == "xlsx" else export_csv(chart))
    elif kind in PICTURE_KINDS:
        from rolemap.core.layout.views import picture
        from rolemap.render.files import ensure_gui, write_pdf, write_png, write_svg

        ensure_gui()
        fmt = picture_format(path)
        pic = picture(chart, kind, analysis, paged=fmt == "pdf")
        if fmt == "svg":
            write_svg(pic, path, chart.title)
        elif fmt == "pdf":
            write_pdf(pic, path, chart.title)
        else:
            write_png(pic, path)
    else:
        raise ValueError(f"unknown export {kind!r}")


def read_job(stream: BinaryIO) -> tuple[dict[str, Any], Chart]:
    from rolemap.core import chartsync

    job = pickle.load(stream)
    head = pickle.load(stream)
    chunks = []
    while (part := pickle.load(stream)) is not None:
        chunks.append(part)
    return job, chartsync.join(head, chunks)


def main() -> int:
    from rolemap.core.analysis import analyse
    from rolemap.core.gcpause import gc_paused

    with gc_paused():
        job, chart = read_job(sys.stdin.buffer)
    try:
        write_export(job["kind"], job["path"], chart, analyse(chart))
    except OSError as exc:
        print(f"error: {exc.strerror or exc}", flush=True)
        return 1
    print("ok", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
