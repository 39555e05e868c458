"""Where things go on the role map: kind groups flowed into columns, sides left to right.

Goals of one kind form a group (its header, then each goal with its cards); groups are
stacked into columns, each side apart, and a group may continue in the next column. The
number of columns is chosen so that the whole map comes close to a 16:9 screen.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace

from rolemap.core.catalogue import ARCHETYPES, KINDS, SIDE_LABELS, Archetype, GoalKind, Side
from rolemap.core.layout.geometry import (
    CAUTION,
    FONT_GOAL,
    FONT_SIDE,
    INK,
    Box,
    Rect,
    text_on,
)
from rolemap.core.model import Chart, Function, Goal, Task

MARGIN = 28
COLUMN = 270
COLUMN_GAP = 14
SIDE_GAP = 34
SIDE_HEAD = 50
KIND_HEAD = 44
GOAL_H = 100
CARD_H = 72
CARD_GAP = 8
CARD_INDENT = 14
SUMMARY_H = 62
GOAL_GAP = 22
CHIP_W = 200
CHIP_H = 58
CHIP_GAP = 18

GROUP_GAP = 26
TOP_ESTIMATE = 330  # title, chips and side headers above the columns, for the aspect ratio
ASPECT = 16 / 9  # the map is shaped for a projector

SIDE_FILL = {
    Side.BRAND: "#eef1f5",
    Side.CONTESTED: "#fff1cc",
    Side.OPERATIONS: "#eef1f5",
    Side.NONE: "#f7f7f7",
}
SIDE_ORDER = (Side.BRAND, Side.CONTESTED, Side.OPERATIONS, Side.NONE)


@dataclass(frozen=True)
class Group:
    """A goal kind's header with its goals (or, kind None, the tasks that serve no goal)."""

    side: Side
    kind: GoalKind | None
    goals: tuple[Goal, ...]
    cont: bool = False  # the rest of a group that began in the column before


@dataclass(frozen=True)
class Column:
    """One column on the map: kind groups of one side, stacked."""

    side: Side
    groups: tuple[Group, ...]


def kind_groups(chart: Chart) -> list[Group]:
    """The goals grouped by kind, sides in order; an empty side keeps a placeholder group."""
    by_kind: dict[GoalKind, list[Goal]] = defaultdict(list)
    for g in chart.goals:
        by_kind[g.kind].append(g)
    order = {f.id: i for i, f in enumerate(chart.functions)}
    groups: list[Group] = []
    for side in SIDE_ORDER:
        kinds = [k for k in GoalKind if KINDS[k].side is side and by_kind.get(k)]
        for k in kinds:
            goals = sorted(by_kind[k], key=lambda g: order.get(g.owner or "", len(order)))
            groups.append(Group(side, k, tuple(goals)))
        if not kinds and side is not Side.NONE:  # keep the three parts even when one is empty
            groups.append(Group(side, placeholder(side), ()))
    ids = chart.goal_ids()
    if any(not valid_goals(t, ids) for t in chart.tasks):
        groups.append(Group(Side.NONE, None, ()))
    return groups


Item = tuple[Group, Goal | None, float]  # a goal with its cards, or a whole goal-less group


def flow(items: list[Item], height: float) -> tuple[list[list[Group]], float]:
    """Stack items (in order) into columns no taller than ``height`` (unless one item is);
    a kind group split over two columns repeats its header. Returns the tallest column too."""
    cols: list[list[Group]] = []
    pieces: list[tuple[Group, list[Goal], bool]] = []
    used = tallest = 0.0
    last: Group | None = None

    def close() -> None:
        if pieces:
            cols.append([replace(g, goals=tuple(goals), cont=c) for g, goals, c in pieces])

    for group, goal, h in items:
        head = 0.0 if group is last else KIND_HEAD + 12 + (GROUP_GAP if pieces else 0)
        if pieces and used + head + h > height:
            close()
            pieces, used = [], 0.0
            head = KIND_HEAD + 12
            pieces.append((group, [], group is last))
        elif group is not last:
            pieces.append((group, [], False))
        if goal is not None:
            pieces[-1][1].append(goal)
        used += head + h
        tallest = max(tallest, used)
        last = group
    close()
    return cols, tallest


def columns(sides: list[list[Item]], top: float) -> list[Column]:
    """Columns of kind groups, each side apart, shaped close to a 16:9 screen."""
    tallest = max((KIND_HEAD + 12 + h for items in sides for _, _, h in items), default=0.0)
    total = sum(KIND_HEAD + 12 + h for items in sides for _, _, h in items)
    best: list[Column] = []
    best_score = float("inf")
    steps = 48
    for i in range(steps + 1):
        limit = tallest + (total - tallest) * (i / steps) ** 2
        flowed = [(items[0][0].side, flow(items, limit)) for items in sides]
        col_h = max(h for _, (_, h) in flowed)
        n = sum(len(cols) for _, (cols, _) in flowed)
        width = n * (COLUMN + COLUMN_GAP) + len(sides) * SIDE_GAP
        score = abs(math.log(width / (col_h + top) / ASPECT))
        if score < best_score - 1e-9:
            best = [Column(side, tuple(col)) for side, (cols, _) in flowed for col in cols]
            best_score = score
    return best


def placeholder(side: Side) -> GoalKind:
    return next(k for k in GoalKind if KINDS[k].side is side)


def valid_goals(task: Task, ids: Collection[str]) -> list[str]:
    return [g for g in task.goals if g in ids]


def column_x(cols: list[Column]) -> list[float]:
    xs: list[float] = []
    x = float(MARGIN)
    prev: Side | None = None
    for col in cols:
        if prev is not None:
            x += SIDE_GAP if col.side is not prev else COLUMN_GAP
        xs.append(x)
        x += COLUMN
        prev = col.side
    return xs


def spans(cols: list[Column], xs: list[float]) -> dict[Side, tuple[float, float]]:
    spans: dict[Side, tuple[float, float]] = {}
    for col, x in zip(cols, xs, strict=True):
        lo, hi = spans.get(col.side, (x, x + COLUMN))
        spans[col.side] = (min(lo, x), max(hi, x + COLUMN))
    return spans


def chip_x(functions: Sequence[Function], cols: list[Column], xs: list[float]) -> dict[str, float]:
    """Function chips over their side: brand over brand goals, operations over operations."""
    spans_ = spans(cols, xs)
    end = max((hi for _, hi in spans_.values()), default=MARGIN + COLUMN)
    groups: dict[Side, list[str]] = defaultdict(list)
    for f in functions:
        if f.archetype is Archetype.BRAND:
            groups[Side.BRAND].append(f.id)
        elif f.archetype is Archetype.OPERATIONS:
            groups[Side.OPERATIONS].append(f.id)
        else:
            groups[Side.NONE].append(f.id)
    out: dict[str, float] = {}
    for side in (Side.BRAND, Side.OPERATIONS, Side.NONE):
        ids = groups.get(side, [])
        if not ids:
            continue
        lo, hi = spans_.get(side, (end - COLUMN, end))
        total = len(ids) * CHIP_W + (len(ids) - 1) * CHIP_GAP
        x = max(MARGIN, (lo + hi) / 2 - total / 2)
        for fid in ids:
            out[fid] = x
            x += CHIP_W + CHIP_GAP
    # Push overlapping chips apart, left to right.
    placed = sorted(out.items(), key=lambda kv: kv[1])
    last = -1e9
    for fid, x in placed:
        x = max(x, last + CHIP_W + CHIP_GAP)
        out[fid] = x
        last = x
    return out


def chip_boxes(
    functions: Sequence[Function],
    colours: dict[str, str],
    xs: dict[str, float],
    y: float,
    lang: str,
) -> list[Box]:
    """A chip per function in its colour: name and archetype."""
    idx = 1 if lang == "zh" else 0
    out = []
    for f in functions:
        colour = colours[f.id]
        out.append(
            Box(
                "chip",
                Rect(xs[f.id], y, CHIP_W, CHIP_H),
                (f.name, ARCHETYPES[f.archetype][idx].split(" (")[0]),
                fill=colour,
                ink=text_on(colour),
                border=colour,
                font=FONT_GOAL,
                ref=("function", f.id),
                bold=True,
                tip=f.description or f.name,
            )
        )
    return out


def panel_boxes(
    cols: list[Column], xs: list[float], top: float, bottom: float, lang: str
) -> list[Box]:
    """A tinted panel with its name behind each side's columns (the contested one framed)."""
    idx = 1 if lang == "zh" else 0
    out = []
    for side, (lo, hi) in spans(cols, xs).items():
        contested = side is Side.CONTESTED
        out.append(
            Box(
                "panel",
                Rect(lo - 10, top, hi - lo + 20, bottom - top),
                (),
                fill=SIDE_FILL[side],
                border=CAUTION if contested else SIDE_FILL[side],
                dashed=contested,
            )
        )
        label = SIDE_LABELS[side][idx]
        if side is Side.NONE and lang == "zh":
            label = "其他"  # "无" alone reads as "nothing"
        if lang == "en":
            label = label[:1].upper() + label[1:]
        out.append(
            Box(
                "side",
                Rect(lo, top + 6, hi - lo, SIDE_HEAD - 6),
                (label,),
                fill=SIDE_FILL[side],
                border=SIDE_FILL[side],
                font=FONT_SIDE,
                bold=True,
                ink=CAUTION if contested else INK,
            )
        )
    return out
