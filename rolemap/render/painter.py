"""Draw a layout ``Picture`` on any QPainter: the map view, a PNG, an SVG or a PDF page.

Text is fitted here, with the real font: the layout only knows box sizes, the painter wraps a
box's first line over as many lines as its style allows and elides what still does not fit.
"""

from __future__ import annotations

import math
from collections.abc import Collection
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QPainter,
    QPainterPath,
    QPen,
    QTextLayout,
    QTextOption,
)

from rolemap.core.layout.geometry import ALERT, FONT_SMALL, Box, Link, Picture, Ref

SELECTED = "#1565c0"


@dataclass(frozen=True)
class _Style:
    radius: float = 0.0
    centre: bool = False
    first_lines: int = 1  # lines the first text line may wrap over
    pad: float = 8.0
    small_ratio: float = 0.8  # later lines, relative to the box font
    vcentre: bool = False
    shrink: bool = False  # a smaller font rather than a word broken in two


STYLES: dict[str, _Style] = {
    "title": _Style(pad=0),
    "subtitle": _Style(pad=0),
    "legend": _Style(pad=0, first_lines=2),
    "panel": _Style(radius=16),
    "side": _Style(pad=4, vcentre=True),
    "kind": _Style(radius=8, centre=True, vcentre=True, shrink=True),
    "chip": _Style(radius=10, centre=True, vcentre=True, small_ratio=0.72, shrink=True),
    "goal": _Style(radius=8, first_lines=2, pad=10, small_ratio=0.78),
    "card": _Style(radius=6, first_lines=2, pad=9, small_ratio=0.82),
    "summary": _Style(radius=6, centre=True, vcentre=True, small_ratio=0.85),
    "cell": _Style(centre=True, vcentre=True, pad=4, small_ratio=0.75),
    "colhead": _Style(centre=True, vcentre=True, first_lines=3, pad=4, shrink=True),
    "rowhead": _Style(vcentre=True, first_lines=2, pad=8),
    "heading": _Style(pad=0, vcentre=True),
    "note": _Style(pad=0, first_lines=3),
    "mtitle": _Style(vcentre=True, pad=8),
    "mgoals": _Style(vcentre=True, pad=8),
    "rowband": _Style(),
}


def app_font() -> QFont:
    """The application's font (Qt falls back per glyph, so Chinese uses any CJK font present)."""
    return QFont(QGuiApplication.font())


class PicturePainter:
    """Draws pictures with one base font; caches fitted text, so repaints are cheap."""

    def __init__(self, font: QFont | None = None) -> None:
        self.base = QFont(font) if font is not None else app_font()
        self._fonts: dict[tuple[int, bool], tuple[QFont, QFontMetricsF]] = {}
        self._fitted: dict[tuple[str, int, bool, int, int], list[str]] = {}

    def font(self, size: float, bold: bool = False) -> tuple[QFont, QFontMetricsF]:
        key = (round(size), bold)
        hit = self._fonts.get(key)
        if hit is None:
            f = QFont(self.base)
            f.setPixelSize(max(6, round(size)))
            f.setBold(bold)
            f.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
            hit = self._fonts[key] = (f, QFontMetricsF(f))
        return hit

    def shrunk(self, text: str, size: float, bold: bool, width: float) -> float:
        """``size``, or down to 70 % of it, so that the longest word fits in ``width``."""
        words = text.split() or [text]
        smallest = math.ceil(size * 0.7)
        px = round(size)
        while px > smallest:
            _, fm = self.font(px, bold)
            if max(fm.horizontalAdvance(w) for w in words) <= width:
                break
            px -= 1
        return float(px)

    def fit(self, text: str, size: float, bold: bool, width: float, lines: int) -> list[str]:
        """``text`` broken into at most ``lines`` lines of ``width``, the last one elided."""
        key = (text, round(size), bold, round(width), lines)
        hit = self._fitted.get(key)
        if hit is not None:
            return hit
        font, fm = self.font(size, bold)
        text = " ".join(text.split())
        out: list[str] = []
        if fm.horizontalAdvance(text) <= width or lines <= 1:
            out = [fm.elidedText(text, Qt.TextElideMode.ElideRight, width)]
        else:
            layout = QTextLayout(text, font)
            option = QTextOption()
            option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
            layout.setTextOption(option)
            layout.beginLayout()
            start = 0
            while len(out) < lines - 1:
                line = layout.createLine()
                if not line.isValid():
                    break
                line.setLineWidth(width)
                start = line.textStart()
                piece = text[start : start + line.textLength()].rstrip()
                out.append(fm.elidedText(piece, Qt.TextElideMode.ElideRight, width))
                start += line.textLength()
            layout.endLayout()
            rest = text[start:].strip()
            if rest:
                out.append(fm.elidedText(rest, Qt.TextElideMode.ElideRight, width))
        if len(self._fitted) > 20_000:
            self._fitted.clear()
        self._fitted[key] = out
        return out

    # ------------------------------------------------------------------ drawing

    def paint(
        self,
        p: QPainter,
        pic: Picture,
        visible: QRectF | None = None,
        selected: Collection[Ref] = (),
    ) -> None:
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        for box in pic.boxes:
            r = box.rect
            if visible is not None and not visible.intersects(QRectF(r.x, r.y, r.w, r.h)):
                continue
            self.box(p, box)
        for link in pic.links:
            self.link(p, link, link.ref is not None and link.ref in selected)
        if selected:
            for box in pic.boxes:
                if box.ref is not None and box.ref in selected:
                    self.outline(p, box)

    def outline(self, p: QPainter, box: Box) -> None:
        r = box.rect
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.setPen(QPen(QColor(SELECTED), 5))
        p.drawRoundedRect(QRectF(r.x - 4, r.y - 4, r.w + 8, r.h + 8), 10, 10)

    def box(self, p: QPainter, box: Box) -> None:
        style = STYLES.get(box.role, _Style())
        r = box.rect
        rect = QRectF(r.x, r.y, r.w, r.h)
        draws_frame = box.role not in ("title", "subtitle", "legend", "side", "heading", "note")
        if draws_frame:
            thick = box.role in ("card", "goal") or box.border == ALERT
            pen = QPen(QColor(box.border), 4 if box.border == ALERT else 2.5 if thick else 1.5)
            if box.dashed:
                pen.setStyle(Qt.PenStyle.DashLine)
            if box.border == box.fill:
                pen = QPen(Qt.PenStyle.NoPen)
            p.setPen(pen)
            p.setBrush(QBrush(QColor(box.fill)))
            if box.role == "panel":
                # Antialiasing a poster-sized rounded fill costs more than all the cards.
                p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
                p.drawRect(rect)
                p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            elif style.radius:
                p.drawRoundedRect(rect, style.radius, style.radius)
            else:
                p.drawRect(rect)
        left = r.x + style.pad
        top = r.y + style.pad
        if box.stripes and box.role == "card":
            band = r.h / len(box.stripes)
            p.setPen(Qt.PenStyle.NoPen)
            for i, colour in enumerate(box.stripes):
                p.setBrush(QColor(colour))
                p.drawRect(
                    QRectF(
                        r.x + 1,
                        r.y + 1 + i * band,
                        11,
                        band - (2 if i == len(box.stripes) - 1 else 0),
                    )
                )
            left += 10
        elif box.stripes and box.role == "goal":
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor(box.stripes[0]))
            p.drawRoundedRect(QRectF(r.x, r.y, r.w, 9), 4, 4)
            top += 6
        width = r.right - style.pad - left
        if box.badge:
            width -= 30
        self._text(p, box, style, left, top, width)
        if box.bar:
            self._bar(p, box)
        if box.badge:
            self._badge(p, box)

    def _text(
        self, p: QPainter, box: Box, style: _Style, left: float, top: float, width: float
    ) -> None:
        rows: list[tuple[str, float, bool]] = []  # text, size, bold
        for i, line in enumerate(box.lines):
            size = box.font if i == 0 else max(FONT_SMALL * 0.9, box.font * style.small_ratio)
            bold = box.bold if i == 0 else False
            if style.shrink:
                size = self.shrunk(line, size, bold, width)
            n = style.first_lines if i == 0 else 1
            rows += [(t, size, bold) for t in self.fit(line, size, bold, width, n)]
        if not rows:
            return
        heights = [self.font(size, bold)[1].height() for _, size, bold in rows]
        total = sum(heights)
        r = box.rect
        y = top
        if style.vcentre:
            y = r.y + (r.h - total) / 2
        p.setPen(QColor(box.ink))
        for (text, size, bold), h in zip(rows, heights, strict=True):
            font, fm = self.font(size, bold)
            p.setFont(font)
            if style.centre:
                x = r.x + (r.w - fm.horizontalAdvance(text)) / 2
            else:
                x = left
            p.drawText(QPointF(x, y + fm.ascent()), text)
            y += h

    def _bar(self, p: QPainter, box: Box) -> None:
        r = box.rect
        x, w = r.x + 10, r.w - 20
        y = r.bottom - 16
        p.setPen(Qt.PenStyle.NoPen)
        for colour, share in box.bar:
            p.setBrush(QColor(colour))
            p.drawRect(QRectF(x, y, w * share, 9))
            x += w * share
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.setPen(QPen(QColor("#333333"), 1))
        p.drawRect(QRectF(r.x + 10, y, w, 9))

    def _badge(self, p: QPainter, box: Box) -> None:
        r = box.rect
        d = 26.0
        rect = QRectF(r.right - d - 6, r.y + 6, d, d)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(box.badge_fill))
        p.drawEllipse(rect)
        font, _ = self.font(FONT_SMALL, True)
        p.setFont(font)
        p.setPen(QColor("#ffffff"))
        p.drawText(rect, Qt.AlignmentFlag.AlignCenter, box.badge)

    def link(self, p: QPainter, link: Link, selected: bool = False) -> None:
        pts = [QPointF(x, y) for x, y in link.points]
        path = QPainterPath(pts[0])
        if link.role == "converging":
            path.cubicTo(pts[1], pts[2], pts[3])
        else:
            for pt in pts[1:]:
                path.lineTo(pt)
        colour = QColor(link.colour)
        if link.faded:
            colour.setAlpha(80)
        pen = QPen(colour, link.width + (3 if selected else 0))
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        if link.role == "duplicate":
            pen.setStyle(Qt.PenStyle.DashLine)
        p.setPen(pen)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawPath(path)
        if not link.label:
            return
        font, fm = self.font(FONT_SMALL, True)
        text = fm.elidedText(link.label, Qt.TextElideMode.ElideRight, 260)
        w = fm.horizontalAdvance(text) + 14
        h = fm.height() + 6
        lx, ly = link.label_at
        rect = QRectF(lx - w / 2, ly - h / 2, w, h)
        p.setPen(QPen(colour, 3 if selected else 1.5))
        p.setBrush(QColor("#ffffff"))
        p.drawRoundedRect(rect, 6, 6)
        p.setFont(font)
        p.setPen(colour if not link.faded else QColor("#777777"))
        p.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
