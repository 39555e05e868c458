"""Edits as data: ``Edit`` (the snapshots step by step, with the row operations views use to
update without resetting, and the exact inverse for undo), and the generic row edits every
other edit is made of."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from rolemap.core.model import Chart, Function, Goal, Task
from rolemap.core.roles import merge_cells

SECTIONS = ("functions", "goals", "tasks", "reviews")


@dataclass(frozen=True)
class Op:
    """What changed in one section: rows updated, inserted, removed, or the title."""

    section: str  # functions | goals | tasks | reviews | title
    kind: str  # update | insert | remove | reset
    first: int = 0
    count: int = 0
    rows: tuple[int, ...] = ()


@dataclass(frozen=True)
class Step:
    chart: Chart  # the chart after this step
    ops: tuple[Op, ...]


@dataclass(frozen=True)
class Edit:
    text: str
    redo: tuple[Step, ...]
    undo: tuple[Step, ...]

    @property
    def after(self) -> Chart:
        return self.redo[-1].chart


def _inverse(op: Op) -> Op:
    if op.kind == "insert":
        return Op(op.section, "remove", op.first, op.count)
    if op.kind == "remove":
        return Op(op.section, "insert", op.first, op.count)
    return op


def make_edit(text: str, start: Chart, steps: Sequence[Step]) -> Edit:
    previous = [start, *(s.chart for s in steps[:-1])]
    undo = tuple(
        Step(prev, tuple(_inverse(op) for op in reversed(step.ops)))
        for step, prev in zip(reversed(steps), reversed(previous), strict=True)
    )
    return Edit(text, tuple(steps), undo)


def with_section(chart: Chart, section: str, items: Sequence[Any]) -> Chart:
    return chart.model_copy(update={section: tuple(items)})


def _ranges(rows: Iterable[int]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for row in sorted(set(rows)):
        if out and out[-1][0] + out[-1][1] == row:
            out[-1] = (out[-1][0], out[-1][1] + 1)
        else:
            out.append((row, 1))
    return out


# ------------------------------------------------------------------ ids


def new_id(chart: Chart, prefix: str, name: str = "") -> str:
    """A fresh id: a slug of ``name`` when it is ASCII, else ``prefix`` plus a number."""
    used = {f.id for f in chart.functions} | {g.id for g in chart.goals}
    used |= {t.id for t in chart.tasks}
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:40]
    if slug and name.isascii():
        candidate, n = slug, 2
        while candidate in used:
            candidate, n = f"{slug}-{n}", n + 1
        return candidate
    n = len(used) + 1
    while f"{prefix}{n}" in used:
        n += 1
    return f"{prefix}{n}"


# ------------------------------------------------------------------ generic row edits


def update_row(chart: Chart, section: str, row: int, text: str, **changes: Any) -> Edit:
    items = list(getattr(chart, section))
    items[row] = type(items[row]).model_validate({**items[row].model_dump(), **changes})
    after = with_section(chart, section, items)
    return make_edit(text, chart, [Step(after, (Op(section, "update", rows=(row,)),))])


def insert_rows(chart: Chart, section: str, at: int, new: Sequence[Any], text: str) -> Edit:
    items = list(getattr(chart, section))
    at = max(0, min(at, len(items)))
    after = with_section(chart, section, items[:at] + list(new) + items[at:])
    return make_edit(text, chart, [Step(after, (Op(section, "insert", at, len(new)),))])


def _remove_steps(chart: Chart, section: str, rows: Iterable[int]) -> list[Step]:
    steps = []
    current = chart
    for first, count in reversed(_ranges(rows)):
        items = getattr(current, section)
        current = with_section(current, section, items[:first] + items[first + count :])
        steps.append(Step(current, (Op(section, "remove", first, count),)))
    return steps


def remove_rows(chart: Chart, section: str, rows: Iterable[int], text: str) -> Edit:
    """Remove rows; removing goals also removes them from the tasks that served them."""
    rows = sorted(set(rows))
    steps: list[Step] = []
    current = chart
    if section == "goals":
        gone = {chart.goals[r].id for r in rows}
        changed, tasks = [], list(chart.tasks)
        for i, task in enumerate(tasks):
            if gone & set(task.goals):
                tasks[i] = task.model_copy(
                    update={"goals": tuple(g for g in task.goals if g not in gone)}
                )
                changed.append(i)
        if changed:
            current = with_section(current, "tasks", tasks)
            steps.append(Step(current, (Op("tasks", "update", rows=tuple(changed)),)))
    steps += _remove_steps(current, section, rows)
    return make_edit(text, chart, steps)


def move_row(chart: Chart, section: str, row: int, to: int, text: str) -> Edit:
    items = list(getattr(chart, section))
    item = items.pop(row)
    items.insert(to, item)
    after = with_section(chart, section, items)
    lo, hi = min(row, to), max(row, to)
    return make_edit(
        text, chart, [Step(after, (Op(section, "update", rows=tuple(range(lo, hi + 1))),))]
    )


def set_title(chart: Chart, title: str) -> Edit:
    after = chart.model_copy(update={"title": title})
    return make_edit("Rename chart", chart, [Step(after, (Op("title", "update"),))])


def set_task(chart: Chart, row: int, task: Task, text: str) -> Edit:
    tasks = list(chart.tasks)
    tasks[row] = task
    after = with_section(chart, "tasks", tasks)
    return make_edit(text, chart, [Step(after, (Op("tasks", "update", rows=(row,)),))])


def set_tasks(chart: Chart, changes: dict[int, Task], text: str) -> Edit:
    tasks = list(chart.tasks)
    for row, task in changes.items():
        tasks[row] = task
    after = with_section(chart, "tasks", tasks)
    return make_edit(
        text, chart, [Step(after, (Op("tasks", "update", rows=tuple(sorted(changes))),))]
    )


# ------------------------------------------------------------------ functions


def delete_function(chart: Chart, row: int, reassign_to: str | None, text: str) -> Edit:
    """Delete a function. Its goals and RACI letters go to ``reassign_to``, or are unassigned."""
    fid = chart.functions[row].id
    goals, goal_rows = list(chart.goals), []
    for i, goal in enumerate(goals):
        if goal.owner == fid:
            goals[i] = goal.model_copy(update={"owner": reassign_to})
            goal_rows.append(i)
    tasks, task_rows = list(chart.tasks), []
    for i, task in enumerate(tasks):
        if fid in task.raci:
            raci = dict(task.raci)
            letters = raci.pop(fid)
            if reassign_to is not None:
                raci[reassign_to] = merge_cells(raci.get(reassign_to, "") + letters)
            tasks[i] = task.model_copy(update={"raci": raci})
            task_rows.append(i)
    functions = list(chart.functions)
    del functions[row]
    after = chart.model_copy(
        update={"functions": tuple(functions), "goals": tuple(goals), "tasks": tuple(tasks)}
    )
    ops = [Op("functions", "remove", row, 1)]
    if goal_rows:
        ops.append(Op("goals", "update", rows=tuple(goal_rows)))
    if task_rows:
        ops.append(Op("tasks", "update", rows=tuple(task_rows)))
    return make_edit(text, chart, [Step(after, tuple(ops))])


def references_to_function(chart: Chart, fid: str) -> tuple[int, int]:
    """How many goals and tasks refer to a function."""
    goals = sum(1 for g in chart.goals if g.owner == fid)
    tasks = sum(1 for t in chart.tasks if fid in t.raci)
    return goals, tasks


def new_task(chart: Chart, title: str) -> Task:
    return Task(id=new_id(chart, "t"), title=title)


def new_goal(chart: Chart, name: str, owner: str | None = None) -> Goal:
    return Goal(id=new_id(chart, "g", name), name=name, owner=owner)


def new_function(chart: Chart, name: str) -> Function:
    return Function(id=new_id(chart, "f", name), name=name)


def combine(text: str, chart: Chart, edits: Iterable[Edit | None]) -> Edit | None:
    """Several edits built one on another's result, as one undo step."""
    steps: list[Step] = []
    for edit in edits:
        if edit is not None:
            steps.extend(edit.redo)
    return make_edit(text, chart, steps) if steps else None


def short_title(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
