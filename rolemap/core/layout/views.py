"""The pictures a chart can be exported as, by name: map, heatmap, matrix."""

from __future__ import annotations

from rolemap.core.analysis import Analysis, analyse
from rolemap.core.layout.geometry import Picture
from rolemap.core.layout.heatlayout import layout_heatmaps
from rolemap.core.layout.maplayout import layout_map
from rolemap.core.layout.matrixlayout import MatrixOptions, layout_matrix
from rolemap.core.model import Chart

VIEWS = ("map", "heatmap", "matrix")
IMAGE_MATRIX_ROWS = 700  # an image of more rows is too tall to read; the PDF pages take them all


def picture(
    chart: Chart, view: str, result: Analysis | None = None, paged: bool = False
) -> Picture:
    """The layout of ``view``; ``paged`` (PDF) keeps every matrix row."""
    result = result or analyse(chart)
    if view == "map":
        return layout_map(chart, result)
    if view == "heatmap":
        return layout_heatmaps(chart, result)
    if view == "matrix":
        rows = None if paged else IMAGE_MATRIX_ROWS
        return layout_matrix(chart, result, MatrixOptions(max_rows=rows))
    raise ValueError(f"unknown view {view!r}; choose one of: {', '.join(VIEWS)}")
