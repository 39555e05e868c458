"""Glyphs drawn before the window needs them: the first paint of a chart in another script.

The first time a glyph is drawn in a font, the paint engine rasterises it and keeps it in its
glyph cache. A chart in Chinese brings hundreds of glyphs the window has not drawn yet, all in
the first repaint after it opens: at 10,000 tasks the matrix's paint took 39 ms of the GUI
thread instead of 17 (the goals list 22 instead of 12), the longest stall of the opening.

``warm_text`` draws the texts the first rows of an opening chart will show (titles, goal and
function names) into a small off-screen image, on a turn of the event loop of their own while
the rest of the chart still arrives from the worker process (rolemap.ui.workerclient): the
window's first paint then finds them cached. It changes nothing on screen.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtGui import QFont, QImage, QPainter

from rolemap.core.model import Chart, Task

FIRST_ROWS = 60  # more than a full-screen matrix shows


def first_texts(head: Chart, tasks: Sequence[Task], rows: int = FIRST_ROWS) -> list[str]:
    """What the views show first of a chart: function and goal names, the first tasks'
    titles, the first goals' KPIs."""
    texts = [f.name for f in head.functions]
    texts += [g.name for g in head.goals]
    texts += [" · ".join(g.kpis) for g in head.goals[:rows]]
    texts += [t.title for t in tasks[:rows]]
    return texts


def warm_text(font: QFont, texts: Iterable[str], ratio: float = 1.0) -> None:
    """Draw ``texts`` in ``font`` off screen (at the screen's pixel ratio), so that their
    glyphs are in the paint engine's cache when a view draws them."""
    image = QImage(2048, 64, QImage.Format.Format_ARGB32_Premultiplied)
    image.setDevicePixelRatio(ratio)
    painter = QPainter(image)
    try:
        painter.setFont(font)
        for text in texts:
            painter.drawText(0, 32, text)
    finally:
        painter.end()
