"""The two heat maps as geometry: function × function convergence, function × goal kind.

Convergence cells darken from white to red with the score (a bold red frame where the
analysis warns); goal-kind cells darken with the R/A work a function does for goals of that
kind, and get a red frame where two or more functions own goals of the same kind.
"""

from __future__ import annotations

from rolemap.core.analysis import Analysis, analyse
from rolemap.core.catalogue import KINDS, SIDE_LABELS, Side
from rolemap.core.layout.geometry import (
    ALERT,
    CAUTION,
    FONT_CARD,
    FONT_GOAL,
    FONT_KIND,
    FONT_SMALL,
    FONT_TITLE,
    LINE,
    MUTED,
    NO_OWNER,
    PAPER,
    Box,
    Picture,
    Rect,
    function_colours,
    ramp,
    text_on,
)
from rolemap.core.model import Chart
from rolemap.core.tables import kind_table

MARGIN = 28
CELL_W = 124
CELL_H = 64
ROW_HEAD = 230
COL_HEAD = 92
SIDE_BAND = 34
GAP = 70
SIDE_BY_SIDE_MAX = 2000  # wider than this, the second heat map goes under the first

TEXT = {
    "en": {
        "convergence": "Goal convergence between functions",
        "convergence_note": "0 = different goals, 1 = the same goals; red frame: converging "
        "(expect conflict).",
        "kinds": "Functions by goal kind",
        "kinds_note": "goals owned · tasks the function does or owns; darker = more work; red "
        "frame: more than one function owns goals of this kind.",
        "no_owner": "(no owner)",
        "none": "Nothing to compare yet: add functions and goals.",
    },
    "zh": {
        "convergence": "部门之间的目标趋同度",
        "convergence_note": "0 = 目标不同，1 = 目标相同；红框：目标趋同（容易打架）。",
        "kinds": "部门 × 目标类型",
        "kinds_note": "负责的目标数 · 执行或负责的任务数；颜色越深工作越多；红框：不止一个部门负责这类目标。",
        "no_owner": "（无负责部门）",
        "none": "暂无可比较的内容：请先添加部门和目标。",
    },
}

HEAT_HIGH = "#b71c1c"
WORK_HIGH = "#0d47a1"
SIDE_FILL = {
    Side.BRAND: "#e3e8f0",
    Side.CONTESTED: "#ffe3a3",
    Side.OPERATIONS: "#e3e8f0",
    Side.NONE: "#eeeeee",
}


def layout_heatmaps(
    chart: Chart,
    result: Analysis | None = None,
    lang: str | None = None,
    max_width: float = SIDE_BY_SIDE_MAX,
) -> Picture:
    """Both heat maps, side by side when that fits in ``max_width``, else one under the other."""
    result = result or analyse(chart, lang=lang)
    t = TEXT["zh" if result.lang == "zh" else "en"]
    pic = Picture(0, 0, lang=result.lang)
    pic.boxes.append(
        Box("title", Rect(MARGIN, MARGIN, 1200, 42), (chart.title,), font=FONT_TITLE, bold=True)
    )
    top = MARGIN + 64
    if not chart.functions:
        pic.boxes.append(Box("note", Rect(MARGIN, top, 900, 40), (t["none"],), font=FONT_GOAL))
        pic.width, pic.height = 1000, top + 80
        return pic
    w1, h1 = _convergence(pic, chart, result, MARGIN, top, t)
    kx, ky = float(MARGIN + w1 + GAP), float(top)
    if kx + _kinds_width(chart) > max_width:
        kx, ky = MARGIN, top + h1 + GAP
    w2, h2 = _kinds(pic, chart, result.lang, kx, ky, t)
    pic.width = max(kx + w2, MARGIN + w1) + MARGIN
    pic.height = max(ky + h2, top + h1) + MARGIN
    pic.boxes[0] = Box(
        "title",
        Rect(MARGIN, MARGIN, pic.width - 2 * MARGIN, 42),
        (chart.title,),
        font=FONT_TITLE,
        bold=True,
    )
    return pic


def _heading(pic: Picture, x: float, y: float, w: float, title: str, note: str) -> float:
    pic.boxes.append(Box("heading", Rect(x, y, w, 34), (title,), font=FONT_KIND + 3, bold=True))
    pic.boxes.append(Box("note", Rect(x, y + 38, w, 50), (note,), font=FONT_SMALL, ink=MUTED))
    return y + 96


def _convergence(
    pic: Picture, chart: Chart, result: Analysis, x: float, y: float, t: dict[str, str]
) -> tuple[float, float]:
    ids = [f.id for f in chart.functions]
    names = {f.id: f.name for f in chart.functions}
    colours = function_colours(chart.functions)
    width = ROW_HEAD + CELL_W * len(ids)
    y0 = y
    y = _heading(pic, x, y, max(width, 520), t["convergence"], t["convergence_note"])
    scores: dict[frozenset[str], float] = {
        frozenset(c.functions): c.score for c in result.convergence
    }
    warned = {frozenset(w.entities[:2]): w for w in result.warnings if w.rule == "converging-goals"}
    for j, fid in enumerate(ids):
        _colhead(pic, x + ROW_HEAD + j * CELL_W, y, names[fid], colours[fid], ("function", fid))
    y += COL_HEAD
    for i, a in enumerate(ids):
        ry = y + i * CELL_H
        _rowhead(pic, x, ry, names[a], colours[a], ("function", a))
        for j, b in enumerate(ids):
            cell = Rect(x + ROW_HEAD + j * CELL_W, ry, CELL_W, CELL_H)
            if a == b:
                pic.boxes.append(
                    Box("cell", cell, ("—",), fill="#e0e0e0", ink=MUTED, font=FONT_GOAL)
                )
                continue
            score = scores.get(frozenset((a, b)), 0.0)
            w = warned.get(frozenset((a, b)))
            fill = ramp(PAPER, HEAT_HIGH, score)
            pic.boxes.append(
                Box(
                    "cell",
                    cell,
                    (f"{score:.2f}",),
                    fill=fill,
                    ink=text_on(fill),
                    border=ALERT if w is not None and w.is_open else LINE,
                    font=FONT_GOAL,
                    bold=w is not None,
                    ref=("warning", w.fingerprint) if w is not None else None,
                    tip=w.message if w is not None else f"{names[a]} ↔ {names[b]}: {score:.2f}",
                )
            )
    return width, y + CELL_H * len(ids) - y0


def _colhead(
    pic: Picture, x: float, y: float, name: str, colour: str, ref: tuple[str, str]
) -> None:
    pic.boxes.append(
        Box(
            "colhead",
            Rect(x + 2, y + 2, CELL_W - 4, COL_HEAD - 6),
            (name,),
            fill=colour,
            ink=text_on(colour),
            border=colour,
            font=FONT_CARD,
            bold=True,
            ref=ref,
        )
    )


def _rowhead(
    pic: Picture, x: float, y: float, name: str, colour: str, ref: tuple[str, str] | None
) -> None:
    pic.boxes.append(
        Box(
            "rowhead",
            Rect(x, y + 2, ROW_HEAD - 8, CELL_H - 4),
            (name,),
            fill=colour,
            ink=text_on(colour),
            border=colour,
            font=FONT_CARD + 1,
            bold=True,
            ref=ref,
        )
    )


def _kinds_width(chart: Chart) -> float:
    return ROW_HEAD + CELL_W * max(1, len({g.kind for g in chart.goals}))


def _kinds(
    pic: Picture, chart: Chart, lang: str, x: float, y: float, t: dict[str, str]
) -> tuple[float, float]:
    table = kind_table(chart)
    idx = 1 if lang == "zh" else 0
    colours = function_colours(chart.functions)
    names = {f.id: f.name for f in chart.functions}
    width = ROW_HEAD + CELL_W * max(1, len(table.kinds))
    y0 = y
    y = _heading(pic, x, y, max(width, 520), t["kinds"], t["kinds_note"])
    # Side bands over the kind columns: brand | contested | operations | other.
    j = 0
    while j < len(table.kinds):
        side = KINDS[table.kinds[j]].side
        k = j
        while k < len(table.kinds) and KINDS[table.kinds[k]].side is side:
            k += 1
        label = SIDE_LABELS[side][idx]
        pic.boxes.append(
            Box(
                "cell",
                Rect(x + ROW_HEAD + j * CELL_W + 2, y, (k - j) * CELL_W - 4, SIDE_BAND - 4),
                (label,),
                fill=SIDE_FILL[side],
                border=CAUTION if side is Side.CONTESTED else SIDE_FILL[side],
                font=FONT_SMALL,
                bold=True,
                ink="#5a3d00" if side is Side.CONTESTED else MUTED,
            )
        )
        j = k
    y += SIDE_BAND
    for j, kind in enumerate(table.kinds):
        info = KINDS[kind]
        pic.boxes.append(
            Box(
                "colhead",
                Rect(x + ROW_HEAD + j * CELL_W + 2, y + 2, CELL_W - 4, COL_HEAD - 6),
                (info.zh if lang == "zh" else info.en,),
                fill="#f5f5f5",
                border=LINE,
                font=FONT_CARD,
                bold=True,
                ref=("kind", kind.value),
                tip=info.hint_zh if lang == "zh" else info.hint_en,
            )
        )
    y += COL_HEAD
    most = max((table.cell(r, k)[1] for r in table.rows for k in table.kinds), default=0) or 1
    owners_of = {
        k: sum(1 for r in table.rows if r is not None and table.cell(r, k)[0]) for k in table.kinds
    }
    for i, row in enumerate(table.rows):
        ry = y + i * CELL_H
        if row is None:
            _rowhead(pic, x, ry, t["no_owner"], NO_OWNER, None)
        else:
            _rowhead(pic, x, ry, names[row], colours[row], ("function", row))
        for j, kind in enumerate(table.kinds):
            goals, tasks = table.cell(row, kind)
            fill = ramp(PAPER, WORK_HIGH, 0.12 + 0.88 * tasks / most) if tasks else PAPER
            clash = goals > 0 and row is not None and owners_of[kind] > 1
            pic.boxes.append(
                Box(
                    "cell",
                    Rect(x + ROW_HEAD + j * CELL_W, ry, CELL_W, CELL_H),
                    (f"{goals} · {tasks}",) if goals or tasks else (),
                    fill=fill,
                    ink=text_on(fill),
                    border=ALERT if clash else LINE,
                    font=FONT_GOAL,
                    bold=goals > 0,
                    ref=("kind", kind.value),
                )
            )
    return width, y + CELL_H * len(table.rows) - y0
