"""The role map's links: shared KPIs between goals, near-duplicate tasks, convergence arcs.

Goal and task links run in the gaps between columns and cross over in lanes above the
columns, so they never cross a card's text; lanes are shared when their spans do not overlap.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from itertools import pairwise

from rolemap.core.analysis import Analysis
from rolemap.core.analysis.text import normalise_kpi
from rolemap.core.layout.geometry import (
    ALERT,
    CAUTION,
    FONT_SMALL,
    MUTED,
    Box,
    Link,
    Ref,
    text_width,
)
from rolemap.core.layout.mapgrid import COLUMN
from rolemap.core.model import Chart

LANE = 30  # vertical distance between lanes (a label is about 24 high)
LABEL_MAX = 260
CONVERGENCE_SHOWN = 0.2  # weaker convergence arcs would only add noise


@dataclass(frozen=True)
class LinkSpec:
    """A link between two map items before it has a place: its ends, label and warning."""

    role: str
    a: Ref  # ("goal", id), ("task", id) or ("more", goal id): the "+N more" card
    b: Ref
    label: str
    colour: str
    width: float
    warning: str
    faded: bool
    tip: str


def kpi_specs(chart: Chart, result: Analysis) -> list[LinkSpec]:
    """One link per pair of consecutive goals of different owners that share a KPI."""
    warned = {w.fingerprint: w for w in result.warnings if w.rule == "shared-kpi"}
    by_kpi: dict[str, list[tuple[str, str | None, str]]] = defaultdict(list)
    for goal in chart.goals:
        if goal.owner is None:
            continue
        for kpi in goal.kpis:
            key = normalise_kpi(kpi)
            if key and all(g != goal.id for g, _, _ in by_kpi[key]):
                by_kpi[key].append((goal.id, goal.owner, kpi))
    out: list[LinkSpec] = []
    for key, uses in by_kpi.items():
        owners = sorted({o for _, o, _ in uses if o})
        if len(owners) < 2:
            continue
        fp = f"shared-kpi:{key}:{','.join(owners)}"
        w = warned.get(fp)
        for (ga, oa, _), (gb, ob, _) in pairwise(uses):
            if oa == ob:
                continue
            out.append(
                LinkSpec(
                    "shared-kpi",
                    ("goal", ga),
                    ("goal", gb),
                    uses[0][2],
                    ALERT,
                    3.5,
                    fp,
                    w is not None and not w.is_open,
                    w.message if w is not None else "",
                )
            )
    return out


GROUP_LINKS = 12  # links drawn for one group of near-duplicate tasks (a chain of its first)


def duplicate_specs(result: Analysis, label: str) -> list[LinkSpec]:
    """A dashed link between near-duplicate tasks: for a group (duplicate-task names every
    member), a chain through its first members, so each of them is linked to the next."""
    out = []
    for w in result.warnings:
        if w.rule != "duplicate-task" or len(w.entities) < 2:
            continue
        members = w.entities[: GROUP_LINKS + 1]
        for a, b in pairwise(members):
            out.append(
                LinkSpec(
                    "duplicate",
                    ("task", a),
                    ("task", b),
                    label,
                    CAUTION,
                    3.0,
                    w.fingerprint,
                    not w.is_open,
                    w.message,
                )
            )
    return out


def label_width(label: str) -> float:
    return min(LABEL_MAX, text_width(label, FONT_SMALL) + 16)


def gaps(xs: list[float], column: float) -> tuple[list[float], list[float]]:
    """x of the gap left and right of each column (the middle of the space between columns)."""
    left = [x - (x - (xs[i - 1] + column)) / 2 if i else x - 12 for i, x in enumerate(xs)]
    right = [
        x + column + (xs[i + 1] - x - column) / 2 if i + 1 < len(xs) else x + column + 12
        for i, x in enumerate(xs)
    ]
    return left, right


def assign_lanes(spans: list[tuple[float, float] | None]) -> list[int]:
    """A lane per span (greedy interval colouring; None: needs no lane, gets -1)."""
    ends: list[float] = []
    lanes = [-1] * len(spans)
    order = sorted((s[0], i) for i, s in enumerate(spans) if s is not None)
    for start, i in order:
        span = spans[i]
        assert span is not None
        for lane, end in enumerate(ends):
            if end < start:
                ends[lane] = span[1]
                lanes[i] = lane
                break
        else:
            ends.append(span[1])
            lanes[i] = len(ends) - 1
    return lanes


def span_of(
    spec: LinkSpec, ca: int, cb: int, left: list[float], right: list[float]
) -> tuple[float, float] | None:
    """The horizontal extent a cross-column link needs in its lane (with its label)."""
    if ca == cb:
        return None
    lo, hi = min(ca, cb), max(ca, cb)
    x0, x1 = right[lo], left[hi]
    mid, half = (x0 + x1) / 2, label_width(spec.label) / 2 + 6
    return min(x0, mid - half) - 8, max(x1, mid + half) + 8


def route(
    spec: LinkSpec,
    a: Box,
    b: Box,
    ca: int,
    cb: int,
    lane_y: float,
    lane: int,
    left: list[float],
    right: list[float],
) -> Link:
    off = (lane % 4) * 3 - 4.5 if lane >= 0 else 0.0
    pts: tuple[tuple[float, float], ...]
    if ca == cb:
        gx = right[ca] + off
        ra, rb = a.rect, b.rect
        pts = ((ra.right, ra.cy), (gx, ra.cy), (gx, rb.cy), (rb.right, rb.cy))
        at = (gx, (ra.cy + rb.cy) / 2)
    else:
        if cb < ca:
            a, b, ca, cb = b, a, cb, ca
        ra, rb = a.rect, b.rect
        x0, x1 = right[ca] + off, left[cb] - off
        pts = (
            (ra.right, ra.cy),
            (x0, ra.cy),
            (x0, lane_y),
            (x1, lane_y),
            (x1, rb.cy),
            (rb.x, rb.cy),
        )
        at = ((x0 + x1) / 2, lane_y)
    return Link(
        spec.role,
        pts,
        spec.label,
        at,
        spec.width,
        spec.colour,
        ref=("warning", spec.warning),
        faded=spec.faded,
        tip=spec.tip,
    )


def convergence_pairs(result: Analysis) -> list[tuple[str, str, float]]:
    return [(*c.functions, c.score) for c in result.convergence if c.score >= CONVERGENCE_SHOWN]


def arc_heights(result: Analysis, centres: dict[str, float]) -> dict[tuple[str, str], float]:
    """Nested arcs: the wider the pair, the higher its arc, each a step above the last."""
    pairs = [(a, b) for a, b, _ in convergence_pairs(result) if a in centres and b in centres]
    pairs.sort(key=lambda p: (abs(centres[p[0]] - centres[p[1]]), p))
    return {p: 34.0 + 26.0 * i for i, p in enumerate(pairs)}


def arc_band(result: Analysis, centres: dict[str, float]) -> float:
    """Room needed above the function chips for the convergence arcs."""
    heights = arc_heights(result, centres).values()
    return max(heights, default=0) + (24 if heights else 0)


def arcs(
    result: Analysis, centres: dict[str, float], names: dict[str, str], y: float
) -> list[Link]:
    """An arc over each pair of function chips whose goals converge (red where it warns)."""
    warned = {w.fingerprint: w for w in result.warnings if w.rule == "converging-goals"}
    out: list[Link] = []
    taken: list[tuple[float, float, float]] = []  # label centre x, y and half width
    heights = arc_heights(result, centres)
    for a, b, score in convergence_pairs(result):
        if (a, b) not in heights:
            continue
        xa, xb = sorted((centres[a], centres[b]))
        h = heights[(a, b)]
        fp = "converging-goals:" + ",".join(sorted((a, b)))
        w = warned.get(fp)
        top = y - h * 4 / 3  # a cubic with both control points at 4/3 h peaks at height h
        label = f"{score:.2f}"
        if w is not None:
            label = f"{names.get(a, a)} ↔ {names.get(b, b)} {label}"
        pts = ((xa, y), (xa, top), (xb, top), (xb, y))
        at = _free_spot(pts, label_width(label) / 2, taken)
        out.append(
            Link(
                "converging",
                pts,
                label,
                at,
                1.5 + 6 * score,
                ALERT if w is not None else MUTED,
                ref=("warning", fp) if w is not None else None,
                faded=w is not None and not w.is_open,
                tip=w.message if w is not None else "",
            )
        )
    return out


Plan = tuple[LinkSpec, Ref, Ref, int, int, int]  # spec, attached ends, their columns, lane


def place_links(
    plan: list[Plan], xs: list[float], lane_y: float, ends: dict[Ref, Box]
) -> list[Link]:
    """The planned links routed between the boxes their ends were given."""
    left, right = gaps(xs, COLUMN)
    out = []
    for spec, a, b, ca, cb, lane in plan:
        box_a, box_b = ends.get(a), ends.get(b)
        if box_a is not None and box_b is not None:
            y = lane_y + max(lane, 0) * LANE
            out.append(route(spec, box_a, box_b, ca, cb, y, lane, left, right))
    return out


def _bezier(pts: tuple[tuple[float, float], ...], t: float) -> tuple[float, float]:
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = pts
    u = 1 - t
    a, b, c, d = u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t
    return a * x0 + b * x1 + c * x2 + d * x3, a * y0 + b * y1 + c * y2 + d * y3


def _free_spot(
    pts: tuple[tuple[float, float], ...], half: float, taken: list[tuple[float, float, float]]
) -> tuple[float, float]:
    """A point on the arc for its label that no earlier label covers (the top if free)."""
    spot = _bezier(pts, 0.5)
    for t in (0.5, 0.38, 0.62, 0.28, 0.72, 0.2, 0.8):
        x, y = _bezier(pts, t)
        if all(abs(x - tx) > half + th + 6 or abs(y - ty) > 26 for tx, ty, th in taken):
            spot = (x, y)
            break
    taken.append((spot[0], spot[1], half))
    return spot
