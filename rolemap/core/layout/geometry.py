"""Shared pieces of every layout: rectangles, styled boxes, links, colours and labels."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from rolemap.core.model import Function

# A layout unit is one pixel at 100 % zoom; sizes are chosen for a projector (large type).
FONT_TITLE = 30
FONT_SIDE = 24
FONT_KIND = 19
FONT_GOAL = 18
FONT_CARD = 16
FONT_SMALL = 14

INK = "#111111"
MUTED = "#4a4a4a"
PAPER = "#ffffff"
LINE = "#5c5c5c"
ALERT = "#c62828"
CAUTION = "#b26a00"

# Strong, colour-blind-safe defaults (Okabe-Ito first) for functions that chose no colour.
PALETTE = (
    "#0072b2",
    "#d55e00",
    "#009e73",
    "#cc79a7",
    "#e69f00",
    "#56b4e9",
    "#6a3d9a",
    "#8c564b",
    "#455a64",
    "#b8860b",
)
NO_OWNER = "#9e9e9e"


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2

    def contains(self, x: float, y: float) -> bool:
        return self.x <= x <= self.right and self.y <= y <= self.bottom

    def intersects(self, other: Rect) -> bool:
        return not (
            other.x > self.right
            or other.right < self.x
            or other.y > self.bottom
            or other.bottom < self.y
        )


Ref = tuple[str, str]
"""What an item stands for: ("task" | "goal" | "function" | "warning" | "kind", id)."""


@dataclass(frozen=True)
class Box:
    """A rectangle with text: a header, a goal, a task card, a summary, a heat-map cell.

    ``role`` tells the painter how to draw it; ``lines`` are drawn top to bottom (the painter
    wraps and elides each to the box width), ``stripes`` are colours of a left-edge band
    (the accountable functions of a task), ``bar`` a stacked bar of (colour, share) parts.
    """

    role: str
    rect: Rect
    lines: tuple[str, ...] = ()
    fill: str = PAPER
    ink: str = INK
    border: str = LINE
    font: int = FONT_CARD
    ref: Ref | None = None
    stripes: tuple[str, ...] = ()
    badge: str = ""
    badge_fill: str = ALERT
    bar: tuple[tuple[str, float], ...] = ()
    dashed: bool = False
    bold: bool = False
    tip: str = ""


@dataclass(frozen=True)
class Link:
    """A cubic curve between two items (p0 -> p3 with control points p1, p2) and its label."""

    role: str  # "converging" | "shared-kpi" | "duplicate"
    points: tuple[tuple[float, float], ...]
    label: str
    label_at: tuple[float, float]
    width: float
    colour: str
    ref: Ref | None = None
    faded: bool = False  # the team accepted this warning
    tip: str = ""


@dataclass
class Picture:
    """What the painter draws: a size, boxes in paint order, links on top, a language."""

    width: float
    height: float
    boxes: list[Box] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    lang: str = "en"
    # Paged output (PDF): the band from ``head_top`` to ``head_bottom`` repeats on every page,
    # and pages may only break at ``breaks`` (y values); no breaks: one page.
    head_top: float = 0.0
    head_bottom: float = 0.0
    breaks: list[float] = field(default_factory=list)

    def item_at(self, x: float, y: float) -> Box | Link | None:
        """The top-most clickable box or link label at (x, y), in layout units."""
        for link in reversed(self.links):
            lx, ly = link.label_at
            if link.ref is not None and abs(x - lx) <= 60 and abs(y - ly) <= 14:
                return link
        for box in reversed(self.boxes):
            if box.ref is not None and box.rect.contains(x, y):
                return box
        return None

    def boxes_for(self, ref: Ref) -> list[Box]:
        return [b for b in self.boxes if b.ref == ref]


def hex_rgb(colour: str) -> tuple[int, int, int]:
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def luminance(colour: str) -> float:
    """WCAG relative luminance of a #rrggbb colour."""

    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in hex_rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def text_on(colour: str) -> str:
    """Black or white, whichever contrasts more with ``colour``."""
    lum = luminance(colour)
    return INK if (lum + 0.05) / 0.05 > 1.05 / (lum + 0.05) else PAPER


def tint(colour: str, amount: float) -> str:
    """``colour`` mixed with white: amount 0 is white, 1 is the colour itself."""
    r, g, b = hex_rgb(colour)
    mix = [round(255 - (255 - c) * amount) for c in (r, g, b)]
    return "#{:02x}{:02x}{:02x}".format(*mix)


def ramp(low: str, high: str, t: float) -> str:
    """Linear mix from ``low`` (t=0) to ``high`` (t=1)."""
    t = min(1.0, max(0.0, t))
    a, b = hex_rgb(low), hex_rgb(high)
    return "#{:02x}{:02x}{:02x}".format(
        *(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))
    )


def function_colours(functions: Sequence[Function]) -> dict[str, str]:
    """Each function's colour: its own, else the next palette colour no function has chosen."""
    chosen = {(f.color or "").lower() for f in functions}
    free = [c for c in PALETTE if c not in chosen] or list(PALETTE)
    out: dict[str, str] = {}
    n = 0
    for f in functions:
        if f.color:
            out[f.id] = f.color.lower()
        else:
            out[f.id] = free[n % len(free)]
            n += 1
    return out


def is_wide(ch: str) -> bool:
    o = ord(ch)
    return (
        0x1100 <= o <= 0x115F
        or 0x2E80 <= o <= 0xA4CF
        or 0xAC00 <= o <= 0xD7A3
        or 0xF900 <= o <= 0xFAFF
        or 0xFE30 <= o <= 0xFE4F
        or 0xFF00 <= o <= 0xFF60
        or 0xFFE0 <= o <= 0xFFE6
        or o >= 0x1F300
    )


def text_width(text: str, size: float) -> float:
    """An estimate of the drawn width of ``text`` at pixel size ``size`` (no font at hand)."""
    total = 0.0
    for ch in text:
        if is_wide(ch):
            total += 1.0
        elif ch in "mwMW@":
            total += 0.85
        elif ch.isupper() or ch.isdigit():
            total += 0.64
        elif ch in "ijlt.,:;'!| ":
            total += 0.3
        else:
            total += 0.53
    return total * size
