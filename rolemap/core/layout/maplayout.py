"""The role map as geometry: brand side, contested middle, operations side, left to right.

Goals are grouped by kind in columns, each goal in its owner's colour; the tasks that serve a
goal hang under it as cards striped with their accountable functions' colours. Function chips
on top carry arcs for their convergence scores; shared KPIs and near-duplicate tasks are links.
A big chart is summarised: each goal shows its most troubled tasks and one "+N more" card,
so the picture stays readable (and quick) at thousands of tasks.
"""

from __future__ import annotations

from collections import Counter

from rolemap.core.analysis import Analysis, analyse
from rolemap.core.catalogue import KINDS
from rolemap.core.layout.geometry import (
    ALERT,
    CAUTION,
    FONT_CARD,
    FONT_GOAL,
    FONT_KIND,
    FONT_SMALL,
    FONT_TITLE,
    INK,
    LINE,
    MUTED,
    NO_OWNER,
    PAPER,
    Box,
    Picture,
    Rect,
    Ref,
    function_colours,
    tint,
)
from rolemap.core.layout.mapgrid import (
    CARD_GAP,
    CARD_H,
    CARD_INDENT,
    CHIP_H,
    CHIP_W,
    COLUMN,
    GOAL_GAP,
    GOAL_H,
    GROUP_GAP,
    KIND_HEAD,
    MARGIN,
    SIDE_HEAD,
    SIDE_ORDER,
    SUMMARY_H,
    TOP_ESTIMATE,
    Column,
    Group,
    Item,
    chip_boxes,
    chip_x,
    column_x,
    columns,
    kind_groups,
    panel_boxes,
    valid_goals,
)
from rolemap.core.layout.maplinks import (
    LANE,
    LinkSpec,
    arc_band,
    arcs,
    assign_lanes,
    duplicate_specs,
    gaps,
    kpi_specs,
    place_links,
    span_of,
)
from rolemap.core.layout.mapplace import SEVERITY_RANK, MapOptions, TaskPlacement
from rolemap.core.layout.maptext import TEXT
from rolemap.core.model import Chart, Goal, Task
from rolemap.core.roles import LETTER_LABELS, OWNER_LETTER


def layout_map(
    chart: Chart,
    result: Analysis | None = None,
    options: MapOptions | None = None,
    lang: str | None = None,
) -> Picture:
    """The role map of ``chart`` as boxes and links in layout units."""
    return _MapBuilder(chart, result or analyse(chart, lang=lang), options or MapOptions()).build()


def centres(chips: dict[str, float]) -> dict[str, float]:
    return {fid: x + CHIP_W / 2 for fid, x in chips.items()}


class _MapBuilder:
    def __init__(self, chart: Chart, result: Analysis, options: MapOptions) -> None:
        self.chart = chart
        self.result = result
        self.options = options
        self.lang = result.lang
        self.t = TEXT["zh" if self.lang == "zh" else "en"]
        self.colours = function_colours(chart.functions)
        self.fnames = {f.id: f.name for f in chart.functions}
        self.goal_ids = chart.goal_ids()
        self.owner_letter = OWNER_LETTER.get(chart.notation, "A")
        labels = LETTER_LABELS.get(chart.notation, LETTER_LABELS["raci"])
        label = labels[self.owner_letter][1 if self.lang == "zh" else 0]
        self.owner_label = label if self.lang == "zh" else label.lower()
        self.pic = Picture(0, 0, lang=self.lang)
        self.goal_boxes: dict[str, Box] = {}
        self.card_boxes: dict[str, Box] = {}
        self.summary_boxes: dict[str, Box] = {}
        self.tasks = TaskPlacement(chart, result, options)
        self.more_duplicates = 0

    def _names(self, fids: tuple[str, ...]) -> str:
        sep = "、" if self.lang == "zh" else " + "
        return sep.join(self.fnames.get(f, f) for f in fids)

    # ------------------------------------------------------------------ build

    def build(self) -> Picture:
        under, shared = self.tasks.under, self.tasks.shared
        groups = kind_groups(self.chart)
        sides = [self._items([g for g in groups if g.side is side], under) for side in SIDE_ORDER]
        sides = [items for items in sides if items]
        top = float(TOP_ESTIMATE)
        for _ in range(2):  # the lanes above the columns depend on the columns: settle once
            cols = columns(sides, top)
            xs = column_x(cols)
            chips = chip_x(self.chart.functions, cols, xs)
            links = self._link_plan(cols, xs)
            lanes_h = (max((lane for *_, lane in links), default=-1) + 1) * LANE
            arcs_h = arc_band(self.result, centres(chips))
            top = TOP_ESTIMATE - 30 + arcs_h + lanes_h
        width = (xs[-1] + COLUMN + MARGIN) if xs else 2 * MARGIN + COLUMN
        width = max(width, max((x + CHIP_W + MARGIN for x in chips.values()), default=0))
        y = MARGIN
        self._title(y, width)
        y += 86
        chip_y = y + arcs_h
        self.pic.boxes += chip_boxes(self.chart.functions, self.colours, chips, chip_y, self.lang)
        panel_top = chip_y + CHIP_H + 28
        lane_top = panel_top + SIDE_HEAD + 8
        bottoms = [
            self._column(col, x, lane_top + lanes_h + 8, under, shared)
            for col, x in zip(cols, xs, strict=True)
        ]
        bottom = max(bottoms, default=panel_top + SIDE_HEAD) + 16
        self.pic.boxes += panel_boxes(cols, xs, panel_top, bottom, self.lang)
        self.pic.links += arcs(self.result, centres(chips), self.fnames, chip_y)
        ends: dict[Ref, Box] = {("goal", k): v for k, v in self.goal_boxes.items()}
        ends.update({("task", k): v for k, v in self.card_boxes.items()})
        ends.update({("more", k): v for k, v in self.summary_boxes.items()})
        self.pic.links += place_links(links, xs, lane_top + LANE / 2, ends)
        legend_y = bottom + 18
        self.pic.boxes.append(
            Box(
                "legend",
                Rect(MARGIN, legend_y, width - 2 * MARGIN, 30),
                (
                    self.t["legend"]
                    + (
                        self.t["more_dups"].format(n=self.more_duplicates)
                        if self.more_duplicates
                        else ""
                    ),
                ),
                font=FONT_SMALL,
                ink=MUTED,
            )
        )
        self.pic.width = width
        self.pic.height = legend_y + 30 + MARGIN
        # Panels were appended last but belong underneath everything else.
        self.pic.boxes.sort(key=lambda b: 0 if b.role in ("panel", "side") else 1)
        return self.pic

    def _end(self, ref: Ref) -> Ref:
        """Where a link to ``ref`` attaches: the task's card, or its goal's "+N more" card."""
        if ref[0] != "task":
            return ref
        if self.tasks.is_shown(ref[1]):
            return ref
        return ("more", self.tasks.placed.get(ref[1], ""))

    def _link_plan(
        self, cols: list[Column], xs: list[float]
    ) -> list[tuple[LinkSpec, Ref, Ref, int, int, int]]:
        """Every link with its attached ends, their columns and its lane."""
        column = {
            g.id: i for i, col in enumerate(cols) for group in col.groups for g in group.goals
        }
        column[""] = next(
            (i for i, c in enumerate(cols) if any(g.kind is None for g in c.groups)), -1
        )

        def col_of(ref: Ref) -> int:
            if ref[0] == "task":
                return column.get(self.tasks.placed.get(ref[1], ""), -1)
            return column.get(ref[1], -1)

        specs = kpi_specs(self.chart, self.result) + duplicate_specs(
            self.result, self.t["duplicate"]
        )
        left, right = gaps(xs, COLUMN)
        plan = []
        duplicates = 0
        for spec in specs:
            a, b = self._end(spec.a), self._end(spec.b)
            ca, cb = col_of(a), col_of(b)
            if a == b or ca < 0 or cb < 0:
                continue
            if spec.role == "duplicate":
                duplicates += 1
                if duplicates > self.options.max_duplicate_links:
                    continue
            plan.append((spec, a, b, ca, cb))
        self.more_duplicates = max(0, duplicates - self.options.max_duplicate_links)
        lanes = assign_lanes([span_of(s, ca, cb, left, right) for s, _, _, ca, cb in plan])
        return [(*p, lane) for p, lane in zip(plan, lanes, strict=True)]

    def _title(self, y: float, width: float) -> None:
        c = self.chart
        n_open = sum(self.result.counts().values())
        self.pic.boxes.append(
            Box(
                "title",
                Rect(MARGIN, y, width - 2 * MARGIN, 42),
                (c.title,),
                font=FONT_TITLE,
                bold=True,
            )
        )
        counts = self.t["counts"].format(
            f=len(c.functions), g=len(c.goals), t=len(c.tasks), w=n_open
        )
        self.pic.boxes.append(
            Box(
                "subtitle",
                Rect(MARGIN, y + 46, width - 2 * MARGIN, 26),
                (counts,),
                font=FONT_SMALL,
                ink=MUTED,
            )
        )

    # ------------------------------------------------------------------ columns

    def _cards_height(self, goal_id: str, under: dict[str, list[Task]]) -> float:
        shown = len(self.tasks.shown.get(goal_id, ()))
        hidden = len(under.get(goal_id, ())) > shown
        return shown * (CARD_H + CARD_GAP) + (SUMMARY_H + CARD_GAP if hidden else 0)

    def _items(self, groups: list[Group], under: dict[str, list[Task]]) -> list[Item]:
        """Each goal with its cards as one unit of height (a goal-less group as one unit)."""
        items: list[Item] = []
        for group in groups:
            if group.kind is None:
                items.append((group, None, self._cards_height("", under)))
            elif not group.goals:
                items.append((group, None, 0.0))
            for goal in group.goals:
                h = GOAL_H + CARD_GAP + self._cards_height(goal.id, under) + GOAL_GAP
                items.append((group, goal, h))
        return items

    def _column(
        self,
        col: Column,
        x: float,
        y: float,
        under: dict[str, list[Task]],
        shared: Counter[str],
    ) -> float:
        for group in col.groups:
            y = self._group(group, x, y, under, shared) + GROUP_GAP
        return y - GROUP_GAP

    def _group(
        self,
        group: Group,
        x: float,
        y: float,
        under: dict[str, list[Task]],
        shared: Counter[str],
    ) -> float:
        if group.kind is None:
            header = self.t["no_goal"]
            ref = None
        elif not group.goals:
            header = self.t["no_goals_side"]
            ref = None
        else:
            info = KINDS[group.kind]
            header = info.zh if self.lang == "zh" else info.en
            ref = ("kind", group.kind.value)
        if group.cont:
            header = self.t["cont"].format(header=header)
        real = bool(group.goals) or group.kind is None
        self.pic.boxes.append(
            Box(
                "kind",
                Rect(x, y, COLUMN, KIND_HEAD),
                (header,),
                font=FONT_KIND,
                bold=real,
                ink=INK if real else MUTED,
                ref=ref,
                fill=PAPER,
                border=LINE,
            )
        )
        y += KIND_HEAD + 12
        if group.kind is None:
            return self._cards("", under.get("", []), x, y)
        for goal in group.goals:
            y = self._goal(goal, x, y, len(under.get(goal.id, [])), shared[goal.id])
            y = self._cards(goal.id, under.get(goal.id, []), x, y) + GOAL_GAP
        return y

    def _goal(self, goal: Goal, x: float, y: float, n: int, n_shared: int) -> float:
        owner = goal.owner if goal.owner in self.colours else None
        colour = self.colours[owner] if owner else NO_OWNER
        owner_name = self.fnames[owner] if owner else self.t["no_owner"]
        key = ("task" if n == 1 else "tasks") + ("_shared" if n_shared else "")
        count = self.t[key].format(n=n, s=n_shared)
        tip = goal.name + "".join(f"\n• {k}" for k in goal.kpis)
        box = Box(
            "goal",
            Rect(x, y, COLUMN, GOAL_H),
            (goal.name, f"{owner_name} · {count}"),
            fill=tint(colour, 0.16),
            border=colour,
            font=FONT_GOAL,
            ref=("goal", goal.id),
            stripes=(colour,),
            bar=self._accountable_bar(goal.id),
            dashed=owner is None,
            bold=True,
            tip=tip,
        )
        self.pic.boxes.append(box)
        self.goal_boxes[goal.id] = box
        return y + GOAL_H + CARD_GAP

    def _accountable_bar(self, goal_id: str) -> tuple[tuple[str, float], ...]:
        """Who is accountable for the work serving a goal: (colour, share) parts."""
        counts: dict[str, float] = self.tasks.work.get(goal_id, {})
        total = sum(counts.values())
        if not total:
            return ()
        order = [f.id for f in self.chart.functions if f.id in counts] + (
            [""] if "" in counts else []
        )
        return tuple((self.colours.get(fid, NO_OWNER), counts[fid] / total) for fid in order)

    def _cards(self, goal_id: str, tasks: list[Task], x: float, y: float) -> float:
        shown = self.tasks.shown.get(goal_id, [])
        for task in shown:
            y = self._card(task, x + CARD_INDENT, y) + CARD_GAP
        hidden = len(tasks) - len(shown)
        if hidden:
            shown_ids = {t.id for t in shown}
            troubled = sum(
                1
                for t in tasks
                if t.id not in shown_ids and self.tasks.rank(t) <= SEVERITY_RANK["medium"]
            )
            lines = [self.t["more"].format(n=hidden)]
            if troubled:
                lines.append(self.t["more_warn"].format(n=troubled))
            box = Box(
                "summary",
                Rect(x + CARD_INDENT, y, COLUMN - CARD_INDENT, SUMMARY_H),
                tuple(lines),
                fill="#f2f2f2",
                border=LINE,
                font=FONT_CARD,
                ref=("goal", goal_id) if goal_id else None,
                dashed=True,
                bold=True,
            )
            self.pic.boxes.append(box)
            self.summary_boxes[goal_id] = box
            y += SUMMARY_H + CARD_GAP
        return y

    def _card(self, task: Task, x: float, y: float) -> float:
        acc = self.tasks.owners[task.id]
        warnings = self.tasks.warnings(task.id)
        worst = min((SEVERITY_RANK[s] for s, _ in warnings), default=3)
        serious = [w for w in warnings if SEVERITY_RANK[w[0]] <= 1]
        if acc:
            footer = f"{self.owner_letter}{self.t['colon']}{self._names(acc)}"
        else:
            footer = self.t["no_owner_task"].format(role=self.owner_label)
        extra = len(valid_goals(task, self.goal_ids)) - 1
        if extra > 0:
            footer += " · " + self.t["also"].format(n=extra)
        raci = ", ".join(f"{self.fnames.get(f, f)}: {v}" for f, v in task.raci.items())
        tip = "\n".join([task.title, raci, *(m for _, m in warnings[:3])])
        box = Box(
            "card",
            Rect(x, y, COLUMN - CARD_INDENT, CARD_H),
            (task.title, footer),
            fill=PAPER,
            border=ALERT if len(acc) > 1 else LINE,
            ink=INK,
            font=FONT_CARD,
            ref=("task", task.id),
            stripes=tuple(self.colours.get(f, NO_OWNER) for f in acc),
            badge=str(len(serious)) if serious else "",
            badge_fill=ALERT if worst == 0 else CAUTION,
            dashed=not acc,
            tip=tip,
        )
        self.pic.boxes.append(box)
        self.card_boxes[task.id] = box
        return y + CARD_H
