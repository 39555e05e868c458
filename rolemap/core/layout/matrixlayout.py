"""The RACI matrix as a printable picture: one row per task, one column per function.

A cells are filled with the function's colour and R cells with a tint of it, so ownership
reads from across a room; rows with two accountable functions or a high warning are red,
rows without one amber. Pages (PDF) break between rows and repeat the header.
"""

from __future__ import annotations

from dataclasses import dataclass

from rolemap.core.analysis import Analysis, analyse
from rolemap.core.layout.geometry import (
    ALERT,
    FONT_CARD,
    FONT_SMALL,
    FONT_TITLE,
    INK,
    LINE,
    MUTED,
    PAPER,
    Box,
    Picture,
    Rect,
    function_colours,
    text_on,
    text_width,
    tint,
)
from rolemap.core.model import Chart
from rolemap.core.roles import OWNER_LETTER, Role, cell_roles
from rolemap.core.tables import role_legend

MARGIN = 28
TITLE_W = 440
GOALS_W = 320
FUNC_MIN = 84
FUNC_MAX = 150
HEAD_H = 96
ROW_H = 40
CONFLICT = "#fbd5d0"
MISSING = "#ffefc2"
STRIPE = "#f4f6f8"

TEXT = {
    "en": {
        "task": "Task",
        "goals": "Goals",
        "legend": "{roles} · red row: two owners ({owner}) or a high warning · amber row: "
        "no owner ({owner}) · filled cell: owner · tinted cell: does the work",
        "more": "… {n} more tasks not shown here: the PDF export lists them all.",
        "empty": "No tasks yet.",
    },
    "zh": {
        "task": "任务",
        "goals": "目标",
        "legend": "{roles} · 红色行：两个负责部门（{owner}）或高风险预警 · 黄色行：没有负责部门（{owner}）· "
        "实色格：负责 · 浅色格：执行",
        "more": "… 另有 {n} 个任务未在此显示：PDF 导出包含全部任务。",
        "empty": "还没有任务。",
    },
}


@dataclass(frozen=True)
class MatrixOptions:
    max_rows: int | None = None  # images stop here with a note; PDF pages take every row


def layout_matrix(
    chart: Chart,
    result: Analysis | None = None,
    options: MatrixOptions | None = None,
    lang: str | None = None,
) -> Picture:
    result = result or analyse(chart, lang=lang)
    options = options or MatrixOptions()
    t = TEXT["zh" if result.lang == "zh" else "en"]
    colours = function_colours(chart.functions)
    goal_names = {g.id: g.name for g in chart.goals}
    widths = [
        min(
            FUNC_MAX,
            max(FUNC_MIN, text_width(max(f.name.split() or [f.name], key=len), FONT_CARD) + 24),
        )
        for f in chart.functions
    ]
    width = MARGIN * 2 + TITLE_W + sum(widths) + GOALS_W
    pic = Picture(width, 0, lang=result.lang)
    pic.boxes.append(
        Box(
            "title",
            Rect(MARGIN, MARGIN, width - 2 * MARGIN, 42),
            (chart.title,),
            font=FONT_TITLE,
            bold=True,
        )
    )
    pic.boxes.append(
        Box(
            "legend",
            Rect(MARGIN, MARGIN + 46, width - 2 * MARGIN, 44),
            (
                t["legend"].format(
                    roles=role_legend(chart.notation, result.lang),
                    owner=OWNER_LETTER.get(chart.notation, "A"),
                ),
            ),
            font=FONT_SMALL,
            ink=MUTED,
        )
    )
    y = MARGIN + 100
    pic.head_top = y
    x = float(MARGIN)
    pic.boxes.append(_head(x, y, TITLE_W, t["task"], "#e8e8e8", INK, None))
    x += TITLE_W
    xs: list[float] = []
    for f, w in zip(chart.functions, widths, strict=True):
        colour = colours[f.id]
        xs.append(x)
        pic.boxes.append(_head(x, y, w, f.name, colour, text_on(colour), ("function", f.id)))
        x += w
    pic.boxes.append(_head(x, y, GOALS_W, t["goals"], "#e8e8e8", INK, None))
    y += HEAD_H
    pic.head_bottom = y
    tasks = chart.tasks
    limit = len(tasks) if options.max_rows is None else min(len(tasks), options.max_rows)
    for i, task in enumerate(tasks[:limit]):
        pic.breaks.append(y)
        acc = task.owners(chart.notation)
        high = any(w.severity == "high" and w.is_open for w in result.for_entity(task.id))
        band = (
            CONFLICT
            if len(acc) > 1 or high
            else MISSING
            if not acc
            else (STRIPE if i % 2 else PAPER)
        )
        row = Rect(MARGIN, y, width - 2 * MARGIN, ROW_H)
        pic.boxes.append(Box("rowband", row, (), fill=band, border=band))
        if band == CONFLICT:
            pic.boxes.append(
                Box("rowband", Rect(MARGIN, y, 8, ROW_H), (), fill=ALERT, border=ALERT)
            )
        pic.boxes.append(
            Box(
                "mtitle",
                Rect(MARGIN + 4, y, TITLE_W - 4, ROW_H),
                (task.title,),
                ink=INK,
                font=FONT_CARD,
                ref=("task", task.id),
                border=band,
                fill=band,
                tip=task.title,
            )
        )
        for f, cx, w in zip(chart.functions, xs, widths, strict=True):
            letters = task.raci.get(f.id, "")
            if not letters:
                continue
            colour = colours[f.id]
            roles = cell_roles(letters, chart.notation)
            fill = (
                colour
                if roles.get(Role.OWNS) is False
                else tint(colour, 0.3)
                if Role.OWNS in roles or Role.DOES in roles
                else band
            )
            pic.boxes.append(
                Box(
                    "cell",
                    Rect(cx + 3, y + 3, w - 6, ROW_H - 6),
                    (letters,),
                    fill=fill,
                    ink=text_on(fill),
                    border=fill,
                    font=FONT_CARD + 2,
                    bold=True,
                    ref=("task", task.id),
                )
            )
        goals = ", ".join(goal_names.get(g, g) for g in task.goals)
        pic.boxes.append(
            Box(
                "mgoals",
                Rect(xs[-1] + widths[-1] if xs else MARGIN + TITLE_W, y, GOALS_W, ROW_H),
                (goals,),
                ink=MUTED,
                font=FONT_SMALL,
                border=band,
                fill=band,
            )
        )
        y += ROW_H
    pic.breaks.append(y)
    if limit < len(tasks) or not tasks:
        note = t["more"].format(n=len(tasks) - limit) if tasks else t["empty"]
        pic.boxes.append(
            Box(
                "note",
                Rect(MARGIN, y + 10, width - 2 * MARGIN, 30),
                (note,),
                font=FONT_CARD,
                ink=MUTED,
            )
        )
        y += 44
    pic.boxes.append(
        Box(
            "rowband",
            Rect(MARGIN, pic.head_bottom, width - 2 * MARGIN, 1),
            (),
            fill=LINE,
            border=LINE,
        )
    )
    pic.height = y + MARGIN
    return pic


def _head(
    x: float, y: float, w: float, text: str, fill: str, ink: str, ref: tuple[str, str] | None
) -> Box:
    return Box(
        "colhead",
        Rect(x + 1, y, w - 2, HEAD_H - 4),
        (text,),
        fill=fill,
        ink=ink,
        border=fill,
        font=FONT_CARD,
        bold=True,
        ref=ref,
    )
