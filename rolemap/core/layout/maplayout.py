"""The role map as geometry: brand side, contested middle, operations side, left to right.

Goals are grouped by kind in columns, each goal in its owner's colour; the tasks that serve a
goal hang under it as cards striped with their accountable functions' colours. Function chips
on top carry arcs for their convergence scores; shared KPIs and near-duplicate tasks are links.
A big chart is summarised: each goal shows its most troubled tasks and one "+N more" card,
so the picture stays readable (and quick) at thousands of tasks.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection
from dataclasses import dataclass

from rolemap.core.analysis import Analysis, analyse
from rolemap.core.catalogue import ARCHETYPES, KINDS, SIDE_LABELS, Archetype, GoalKind, Side
from rolemap.core.layout.geometry import (
    ALERT,
    CAUTION,
    FONT_CARD,
    FONT_GOAL,
    FONT_KIND,
    FONT_SIDE,
    FONT_SMALL,
    FONT_TITLE,
    INK,
    LINE,
    MUTED,
    NO_OWNER,
    PAPER,
    Box,
    Link,
    Picture,
    Rect,
    Ref,
    function_colours,
    text_on,
    tint,
)
from rolemap.core.layout.maplinks import (
    LANE,
    LinkSpec,
    assign_lanes,
    duplicate_specs,
    gaps,
    kpi_specs,
    route,
    span_of,
)
from rolemap.core.model import Chart, Goal, Task

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
CONVERGENCE_SHOWN = 0.2  # weaker convergence arcs would only add noise

SIDE_FILL = {
    Side.BRAND: "#eef1f5",
    Side.CONTESTED: "#fff1cc",
    Side.OPERATIONS: "#eef1f5",
    Side.NONE: "#f7f7f7",
}
SIDE_ORDER = (Side.BRAND, Side.CONTESTED, Side.OPERATIONS, Side.NONE)
SEVERITY_RANK = {"high": 0, "medium": 1, "low": 2}

TEXT = {
    "en": {
        "counts": "{f} functions · {g} goals · {t} tasks · {w} open warnings",
        "no_owner": "no owner",
        "tasks": "{n} tasks",
        "task": "1 task",
        "tasks_shared": "{n} tasks (+{s} shared)",
        "task_shared": "1 task (+{s} shared)",
        "more": "+{n} more tasks",
        "more_warn": "{n} of them with warnings",
        "no_a": "no accountable",
        "a": "A: {names}",
        "also": "+{n} goal",
        "no_goal": "No goal",
        "no_goals_side": "no goals here yet",
        "duplicate": "duplicate?",
        "more_dups": " · {n} more near-duplicate pairs not linked (see the warnings)",
        "legend": "Stripe on a card = accountable function · red link = shared KPI · "
        "dashed = near-duplicate tasks · arcs = goal convergence (red: converging)",
    },
    "zh": {
        "counts": "{f} 个部门 · {g} 个目标 · {t} 个任务 · {w} 条未处理预警",
        "no_owner": "无负责部门",
        "tasks": "{n} 个任务",
        "task": "1 个任务",
        "task_shared": "1 个任务（另 {s} 个共享）",
        "tasks_shared": "{n} 个任务（另 {s} 个共享）",
        "more": "另有 {n} 个任务",
        "more_warn": "其中 {n} 个有预警",
        "no_a": "无批准（问责）部门",
        "a": "A：{names}",
        "also": "另服务 {n} 个目标",
        "no_goal": "无目标",
        "no_goals_side": "暂无目标",
        "duplicate": "疑似重复",
        "more_dups": " · 另有 {n} 对疑似重复任务未连线（见预警列表）",
        "legend": "卡片色条 = 批准（问责）部门 · 红线 = 共享指标 · 虚线 = 疑似重复任务 · "
        "弧线 = 目标趋同度（红色：趋同）",
    },
}


@dataclass(frozen=True)
class MapOptions:
    card_budget: int = 160  # cards drawn in all; the rest are summarised per goal
    max_cards_per_goal: int = 12
    min_cards_per_goal: int = 3
    max_duplicate_links: int = 24  # more pairs are counted in the legend, listed in the warnings


@dataclass(frozen=True)
class _Column:
    side: Side
    kind: GoalKind | None  # None: the tasks that serve no goal
    goals: tuple[Goal, ...]


def _columns(chart: Chart) -> list[_Column]:
    by_kind: dict[GoalKind, list[Goal]] = defaultdict(list)
    for g in chart.goals:
        by_kind[g.kind].append(g)
    order = {f.id: i for i, f in enumerate(chart.functions)}
    cols: list[_Column] = []
    for side in SIDE_ORDER:
        kinds = [k for k in GoalKind if KINDS[k].side is side and by_kind.get(k)]
        for k in kinds:
            goals = sorted(by_kind[k], key=lambda g: order.get(g.owner or "", len(order)))
            cols.append(_Column(side, k, tuple(goals)))
        if not kinds and side is not Side.NONE:  # keep the three parts even when one is empty
            cols.append(_Column(side, _placeholder(side), ()))
    ids = chart.goal_ids()
    if any(not _valid_goals(t, ids) for t in chart.tasks):
        cols.append(_Column(Side.NONE, None, ()))
    return cols


def _placeholder(side: Side) -> GoalKind:
    return next(k for k in GoalKind if KINDS[k].side is side)


def _valid_goals(task: Task, ids: Collection[str]) -> list[str]:
    return [g for g in task.goals if g in ids]


def layout_map(
    chart: Chart,
    result: Analysis | None = None,
    options: MapOptions | None = None,
    lang: str | None = None,
) -> Picture:
    """The role map of ``chart`` as boxes and links in layout units."""
    return _MapBuilder(chart, result or analyse(chart, lang=lang), options or MapOptions()).build()


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
        self.pic = Picture(0, 0, lang=self.lang)
        self.goal_boxes: dict[str, Box] = {}
        self.card_boxes: dict[str, Box] = {}
        self.summary_boxes: dict[str, Box] = {}
        self.placed: dict[str, str] = {}  # task id -> goal id ("" for no goal)
        self.work: dict[str, dict[str, float]] = defaultdict(
            lambda: defaultdict(float)
        )  # goal -> accountable shares
        self.ranks: dict[str, int] = {}
        self.shown: dict[str, list[Task]] = {}
        self.more_duplicates = 0

    # ------------------------------------------------------------------ helpers

    def _warnings(self, entity: str) -> list[tuple[str, str]]:
        """(severity, message) of the open warnings about ``entity``, worst first."""
        return [(w.severity, w.message) for w in self.result.for_entity(entity) if w.is_open]

    def _rank(self, task: Task) -> int:
        rank = self.ranks.get(task.id)
        if rank is None:
            ws = self._warnings(task.id)
            rank = self.ranks[task.id] = min((SEVERITY_RANK[s] for s, _ in ws), default=3)
        return rank

    def _names(self, fids: tuple[str, ...]) -> str:
        sep = "、" if self.lang == "zh" else " + "
        return sep.join(self.fnames.get(f, f) for f in fids)

    # ------------------------------------------------------------------ placement

    def _place_tasks(self) -> tuple[dict[str, list[Task]], Counter[str]]:
        under: dict[str, list[Task]] = defaultdict(list)
        shared: Counter[str] = Counter()
        for task in self.chart.tasks:
            goals = _valid_goals(task, self.goal_ids)
            key = goals[0] if goals else ""
            under[key].append(task)
            self.placed[task.id] = key
            for g in goals[1:]:
                shared[g] += 1
            acc = task.accountable()
            for g in goals:
                for fid in acc or ("",):
                    self.work[g][fid] += 1 / max(1, len(acc))
        return under, shared

    def _visible(self, tasks: list[Task], cap: int) -> list[Task]:
        if len(tasks) <= cap:
            return tasks
        ranked = sorted(range(len(tasks)), key=lambda i: (self._rank(tasks[i]), i))
        keep = sorted(ranked[: cap - 1])  # one slot goes to the "+N more" card
        return [tasks[i] for i in keep]

    def _cap(self, under: dict[str, list[Task]]) -> int:
        o = self.options
        groups = max(1, sum(1 for v in under.values() if v))
        return max(o.min_cards_per_goal, min(o.max_cards_per_goal, o.card_budget // groups))

    # ------------------------------------------------------------------ build

    def build(self) -> Picture:
        cols = _columns(self.chart)
        under, shared = self._place_tasks()
        cap = self._cap(under)
        self.shown = {gid: self._visible(tasks, cap) for gid, tasks in under.items()}
        xs = self._column_x(cols)
        width = (xs[-1] + COLUMN + MARGIN) if xs else 2 * MARGIN + COLUMN
        chips = self._chip_x(cols, xs)
        width = max(width, max((x + CHIP_W + MARGIN for x in chips.values()), default=0))
        arcs_h = self._arc_band(chips)
        y = MARGIN
        self._title(y, width)
        y += 86
        chip_y = y + arcs_h
        self._chips(chips, chip_y)
        panel_top = chip_y + CHIP_H + 28
        links = self._link_plan(cols, xs)
        lanes_h = (max((lane for *_, lane in links), default=-1) + 1) * LANE
        lane_top = panel_top + SIDE_HEAD + 8
        bottoms = [
            self._column(col, x, lane_top + lanes_h + 8, under, shared, cap)
            for col, x in zip(cols, xs, strict=True)
        ]
        bottom = max(bottoms, default=panel_top + SIDE_HEAD) + 16
        self._panels(cols, xs, panel_top, bottom)
        self._arcs(chips, chip_y)
        self._links(links, xs, lane_top + LANE / 2)
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
        goal = self.placed.get(ref[1], "")
        if any(t.id == ref[1] for t in self.shown.get(goal, ())):
            return ref
        return ("more", goal)

    def _link_plan(
        self, cols: list[_Column], xs: list[float]
    ) -> list[tuple[LinkSpec, Ref, Ref, int, int, int]]:
        """Every link with its attached ends, their columns and its lane."""
        column = {g.id: i for i, col in enumerate(cols) for g in col.goals}
        column[""] = next((i for i, c in enumerate(cols) if c.kind is None), -1)

        def col_of(ref: Ref) -> int:
            if ref[0] == "task":
                return column.get(self.placed.get(ref[1], ""), -1)
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

    def _links(
        self, plan: list[tuple[LinkSpec, Ref, Ref, int, int, int]], xs: list[float], lane_y: float
    ) -> None:
        left, right = gaps(xs, COLUMN)
        ends: dict[Ref, Box] = {("goal", k): v for k, v in self.goal_boxes.items()}
        ends.update({("task", k): v for k, v in self.card_boxes.items()})
        ends.update({("more", k): v for k, v in self.summary_boxes.items()})
        for spec, a, b, ca, cb, lane in plan:
            box_a, box_b = ends.get(a), ends.get(b)
            if box_a is None or box_b is None:
                continue
            y = lane_y + max(lane, 0) * LANE
            self.pic.links.append(route(spec, box_a, box_b, ca, cb, y, lane, left, right))

    def _column_x(self, cols: list[_Column]) -> list[float]:
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

    def _spans(self, cols: list[_Column], xs: list[float]) -> dict[Side, tuple[float, float]]:
        spans: dict[Side, tuple[float, float]] = {}
        for col, x in zip(cols, xs, strict=True):
            lo, hi = spans.get(col.side, (x, x + COLUMN))
            spans[col.side] = (min(lo, x), max(hi, x + COLUMN))
        return spans

    def _chip_x(self, cols: list[_Column], xs: list[float]) -> dict[str, float]:
        spans = self._spans(cols, xs)
        end = max((hi for _, hi in spans.values()), default=MARGIN + COLUMN)
        groups: dict[Side, list[str]] = defaultdict(list)
        for f in self.chart.functions:
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
            lo, hi = spans.get(side, (end - COLUMN, end))
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

    def _arc_height(self, xa: float, xb: float) -> float:
        return min(110.0, 26 + abs(xa - xb) * 0.09)

    def _pairs(self) -> list[tuple[str, str, float]]:
        return [
            (*c.functions, c.score) for c in self.result.convergence if c.score >= CONVERGENCE_SHOWN
        ]

    def _arc_band(self, chips: dict[str, float]) -> float:
        heights = [
            self._arc_height(chips[a], chips[b])
            for a, b, _ in self._pairs()
            if a in chips and b in chips
        ]
        return max(heights, default=0) + (24 if heights else 0)

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

    def _chips(self, chips: dict[str, float], y: float) -> None:
        idx = 1 if self.lang == "zh" else 0
        for f in self.chart.functions:
            colour = self.colours[f.id]
            arche = ARCHETYPES[f.archetype][idx].split(" (")[0]
            self.pic.boxes.append(
                Box(
                    "chip",
                    Rect(chips[f.id], y, CHIP_W, CHIP_H),
                    (f.name, arche),
                    fill=colour,
                    ink=text_on(colour),
                    border=colour,
                    font=FONT_GOAL,
                    ref=("function", f.id),
                    bold=True,
                    tip=f.description or f.name,
                )
            )

    def _panels(self, cols: list[_Column], xs: list[float], top: float, bottom: float) -> None:
        idx = 1 if self.lang == "zh" else 0
        for side, (lo, hi) in self._spans(cols, xs).items():
            self.pic.boxes.append(
                Box(
                    "panel",
                    Rect(lo - 10, top, hi - lo + 20, bottom - top),
                    (),
                    fill=SIDE_FILL[side],
                    border=CAUTION if side is Side.CONTESTED else SIDE_FILL[side],
                    dashed=side is Side.CONTESTED,
                )
            )
            label = SIDE_LABELS[side][idx]
            if self.lang == "en":
                label = label[:1].upper() + label[1:]
            self.pic.boxes.append(
                Box(
                    "side",
                    Rect(lo, top + 6, hi - lo, SIDE_HEAD - 6),
                    (label,),
                    fill=SIDE_FILL[side],
                    border=SIDE_FILL[side],
                    font=FONT_SIDE,
                    bold=True,
                    ink=CAUTION if side is Side.CONTESTED else INK,
                )
            )

    # ------------------------------------------------------------------ columns

    def _column(
        self,
        col: _Column,
        x: float,
        y: float,
        under: dict[str, list[Task]],
        shared: Counter[str],
        cap: int,
    ) -> float:
        if col.kind is None or (not col.goals and col.side is Side.NONE):
            header = self.t["no_goal"]
            ref = None
        elif not col.goals:
            header = self.t["no_goals_side"]
            ref = None
        else:
            info = KINDS[col.kind]
            header = info.zh if self.lang == "zh" else info.en
            ref = ("kind", col.kind.value)
        self.pic.boxes.append(
            Box(
                "kind",
                Rect(x, y, COLUMN, KIND_HEAD),
                (header,),
                font=FONT_KIND,
                bold=bool(col.goals) or col.kind is None,
                ink=INK if col.goals or col.kind is None else MUTED,
                ref=ref,
                fill=PAPER,
                border=LINE,
            )
        )
        y += KIND_HEAD + 12
        if col.kind is None:
            return self._cards("", under.get("", []), x, y, cap)
        for goal in col.goals:
            y = self._goal(goal, x, y, len(under.get(goal.id, [])), shared[goal.id])
            y = self._cards(goal.id, under.get(goal.id, []), x, y, cap) + GOAL_GAP
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
        counts: dict[str, float] = self.work.get(goal_id, {})
        total = sum(counts.values())
        if not total:
            return ()
        order = [f.id for f in self.chart.functions if f.id in counts] + (
            [""] if "" in counts else []
        )
        return tuple((self.colours.get(fid, NO_OWNER), counts[fid] / total) for fid in order)

    def _cards(self, goal_id: str, tasks: list[Task], x: float, y: float, cap: int) -> float:
        shown = self.shown.get(goal_id, [])
        for task in shown:
            y = self._card(task, x + CARD_INDENT, y) + CARD_GAP
        hidden = len(tasks) - len(shown)
        if hidden:
            shown_ids = {t.id for t in shown}
            troubled = sum(
                1
                for t in tasks
                if t.id not in shown_ids and self._rank(t) <= SEVERITY_RANK["medium"]
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
        acc = task.accountable()
        warnings = self._warnings(task.id)
        worst = min((SEVERITY_RANK[s] for s, _ in warnings), default=3)
        serious = [w for w in warnings if SEVERITY_RANK[w[0]] <= 1]
        if acc:
            footer = self.t["a"].format(names=self._names(acc))
        else:
            footer = self.t["no_a"]
        extra = len(_valid_goals(task, self.goal_ids)) - 1
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

    # ------------------------------------------------------------------ links

    def _fingerprints(self, rule: str) -> dict[str, tuple[bool, str]]:
        return {
            w.fingerprint: (w.is_open, w.message) for w in self.result.warnings if w.rule == rule
        }

    def _arcs(self, chips: dict[str, float], y: float) -> None:
        warned = self._fingerprints("converging-goals")
        for a, b, score in self._pairs():
            if a not in chips or b not in chips:
                continue
            xa, xb = chips[a] + CHIP_W / 2, chips[b] + CHIP_W / 2
            if xa > xb:
                xa, xb = xb, xa
            h = self._arc_height(xa, xb)
            fp = "converging-goals:" + ",".join(sorted((a, b)))
            is_open, message = warned.get(fp, (True, ""))
            flagged = fp in warned
            # A cubic with both control points at 4/3 h peaks at height h.
            top = y - h * 4 / 3
            self.pic.links.append(
                Link(
                    "converging",
                    ((xa, y), (xa, top), (xb, top), (xb, y)),
                    f"{self.fnames.get(a, a)} ↔ {self.fnames.get(b, b)} {score:.2f}"
                    if flagged
                    else f"{score:.2f}",
                    ((xa + xb) / 2, y - h),
                    1.5 + 6 * score,
                    ALERT if flagged else MUTED,
                    ref=("warning", fp) if flagged else None,
                    faded=flagged and not is_open,
                    tip=message,
                )
            )
