"""Pure edits on a chart. Each returns an ``Edit``: the new snapshots step by step, with
row-level operations that views use to update without resetting, and the exact inverse for undo.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from rolemap.core.model import Chart, Function, Goal, Review, Task
from rolemap.core.roles import DEFAULT_NOTATION, NOTATIONS, merge_cells

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


# ------------------------------------------------------------------ RACI helpers


def with_accountable(task: Task, fid: str | None) -> Task:
    """Exactly one A (or none): A is removed from every other function."""
    raci: dict[str, str] = {}
    for f, letters in task.raci.items():
        letters = re.sub(r"A\??", "", letters)
        if f == fid:
            letters += "A"
        if letters:
            raci[f] = _canonical(letters)
    if fid is not None and fid not in raci:
        raci[fid] = "A"
    return task.model_copy(update={"raci": raci})


def with_letter(task: Task, letter: str, fids: Iterable[str]) -> Task:
    """Give ``letter`` to exactly the functions in ``fids``."""
    wanted = set(fids)
    raci: dict[str, str] = {}
    for f, letters in task.raci.items():
        letters = re.sub(re.escape(letter) + r"\??", "", letters)
        if f in wanted:
            letters += letter
        if letters:
            raci[f] = _canonical(letters)
    for f in fids:
        if f not in raci:
            raci[f] = letter
    return task.model_copy(update={"raci": raci})


def _canonical(letters: str) -> str:
    return merge_cells(letters)


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
                raci[reassign_to] = _canonical(raci.get(reassign_to, "") + letters)
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


# ------------------------------------------------------------------ reviews


def set_review(chart: Chart, review: Review, text: str) -> Edit:
    """Add or replace the review of ``review.warning``."""
    for i, existing in enumerate(chart.reviews):
        if existing.warning == review.warning:
            reviews = list(chart.reviews)
            reviews[i] = review
            after = with_section(chart, "reviews", reviews)
            return make_edit(text, chart, [Step(after, (Op("reviews", "update", rows=(i,)),))])
    return insert_rows(chart, "reviews", len(chart.reviews), [review], text)


def remove_review(chart: Chart, fingerprint: str, text: str) -> Edit | None:
    for i, existing in enumerate(chart.reviews):
        if existing.warning == fingerprint:
            return remove_rows(chart, "reviews", [i], text)
    return None


def new_task(chart: Chart, title: str) -> Task:
    return Task(id=new_id(chart, "t"), title=title)


def new_goal(chart: Chart, name: str, owner: str | None = None) -> Goal:
    return Goal(id=new_id(chart, "g", name), name=name, owner=owner)


def new_function(chart: Chart, name: str) -> Function:
    return Function(id=new_id(chart, "f", name), name=name)


# ------------------------------------------------------------------ matrix cells and workshop edits
# The edit rules the UI used to hold (tag splitting, duplicate ids, KPI lists, reviews, ids that
# follow a renamed placeholder) live here, so that every view and the tests share them.

_PLACEHOLDER_ID = re.compile(r"^new-(goal|function)(-\d+)?$")


def letters_for(chart: Chart) -> str:
    """The role letters a cell of this chart may hold, in the notation's order."""
    return NOTATIONS.get(chart.notation, NOTATIONS[DEFAULT_NOTATION])


def canonical_cell(chart: Chart, letters: str) -> str:
    """The letters of ``letters`` the chart's notation allows (each may be followed by '?'),
    once each, firm winning over conditional, in canonical order; others are dropped."""
    allowed = letters_for(chart)
    kept = ""
    text = letters.upper()
    for i, ch in enumerate(text):
        if ch in allowed:
            kept += ch + ("?" if text[i + 1 : i + 2] == "?" else "")
    return merge_cells(kept) if kept else ""


def _short_title(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def set_cell(chart: Chart, row: int, fid: str, letters: str) -> Edit | None:
    """Set the letters of one task × function cell ("" clears it); None when nothing changes."""
    task = chart.tasks[row]
    value = canonical_cell(chart, letters)
    if task.raci.get(fid, "") == value:
        return None
    raci = {f: v for f, v in task.raci.items() if f != fid}
    if value:
        raci[fid] = value
    order = [f.id for f in chart.functions]
    raci = dict(sorted(raci.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else 99))
    new = task.model_copy(update={"raci": raci})
    name = chart.function_ids().get(fid)
    text = f"Set {name.name if name else fid} of '{_short_title(task.title)}' to {value or '–'}"
    return set_task(chart, row, new, text)


def toggle_letter(chart: Chart, row: int, fid: str, letter: str) -> Edit | None:
    """Typing a letter in a cell adds it, typing it again takes it away."""
    letter = letter.upper()
    if len(letter) != 1 or letter not in letters_for(chart):
        return None
    current = chart.tasks[row].raci.get(fid, "")
    if letter in current:
        value = re.sub(re.escape(letter) + r"\??", "", current)
    else:
        value = current + letter
    return set_cell(chart, row, fid, value)


def toggle_conditional(chart: Chart, row: int, fid: str, letter: str | None) -> Edit | None:
    """'?' after a letter: the role only applies sometimes; typing '?' again makes it firm.
    Without a letter, the last letter of the cell."""
    current = chart.tasks[row].raci.get(fid, "")
    if not current:
        return None
    letters = [x for x in current if x != "?"]
    target = letter.upper() if letter and letter.upper() in letters else letters[-1]
    if target + "?" in current:
        value = current.replace(target + "?", target)
    else:
        value = current.replace(target, target + "?")
    return set_cell(chart, row, fid, value)


def add_task(
    chart: Chart, title: str, goals: Sequence[str] = (), tags: Sequence[str] = ()
) -> Edit | None:
    """Append a task (with the goals and tags of the group it was captured in)."""
    title = title.strip()
    if not title:
        return None
    known = chart.goal_ids()
    task = new_task(chart, title).model_copy(
        update={"goals": tuple(g for g in goals if g in known), "tags": tuple(tags)}
    )
    return insert_rows(chart, "tasks", len(chart.tasks), [task], f"Add task '{title}'")


def duplicate_tasks(chart: Chart, rows: Sequence[int]) -> Edit | None:
    """Copies of the tasks in ``rows`` with fresh ids, inserted after the last of them."""
    rows = sorted(set(rows))
    if not rows:
        return None
    copies = []
    scratch = chart
    for row in rows:
        copy = chart.tasks[row].model_copy(update={"id": new_id(scratch, "t")})
        copies.append(copy)
        scratch = with_section(scratch, "tasks", (*scratch.tasks, copy))
    return insert_rows(chart, "tasks", rows[-1] + 1, copies, f"Duplicate {len(copies)} tasks")


def split_list(text: str) -> tuple[str, ...]:
    """'a, b，c、a' -> ('a', 'b', 'c'): commas of both scripts, blanks and repeats dropped."""
    parts = text.replace("，", ",").replace("、", ",").split(",")
    return tuple(dict.fromkeys(p.strip() for p in parts if p.strip()))


def set_tags(chart: Chart, row: int, text: str) -> Edit | None:
    task = chart.tasks[row]
    tags = split_list(text)
    if tags == task.tags:
        return None
    new = task.model_copy(update={"tags": tags})
    return set_task(chart, row, new, f"Set tags of '{_short_title(task.title)}'")


def set_goals(chart: Chart, row: int, goals: Iterable[str]) -> Edit | None:
    task = chart.tasks[row]
    known = chart.goal_ids()
    wanted = tuple(dict.fromkeys(g for g in goals if g in known))
    if wanted == task.goals:
        return None
    new = task.model_copy(update={"goals": wanted})
    return set_task(chart, row, new, f"Set goals of '{_short_title(task.title)}'")


def set_kpis(chart: Chart, row: int, kpis: Iterable[str]) -> Edit | None:
    goal = chart.goals[row]
    cleaned = tuple(dict.fromkeys(k.strip() for k in kpis if k.strip()))
    if cleaned == goal.kpis:
        return None
    return update_row(chart, "goals", row, f"Set KPIs of '{_short_title(goal.name)}'", kpis=cleaned)


def _is_referenced(chart: Chart, ident: str) -> bool:
    if any(g.owner == ident for g in chart.goals):
        return True
    return any(ident in t.raci or ident in t.goals for t in chart.tasks)


def rename(chart: Chart, section: str, row: int, name: str) -> Edit | None:
    """Rename a function or goal. One still carrying a placeholder id ('new-goal', 'g7') that
    nothing refers to yet takes an id made from its new name."""
    item = getattr(chart, section)[row]
    name = name.strip()
    if not name or name == item.name:
        return None
    changes: dict[str, Any] = {"name": name}
    if _PLACEHOLDER_ID.match(item.id) and not _is_referenced(chart, item.id):
        others = with_section(
            chart, section, [x for i, x in enumerate(getattr(chart, section)) if i != row]
        )
        fresh = new_id(others, "g" if section == "goals" else "f", name)
        if not _PLACEHOLDER_ID.match(fresh):
            changes["id"] = fresh
    kind = "goal" if section == "goals" else "function"
    return update_row(chart, section, row, f"Rename {kind} '{_short_title(item.name)}'", **changes)


def make_review(fingerprint: str, status: str, note: str | None, today: Any = None) -> Review:
    """A review as the team records it: a blank note is no note; dated today unless given."""
    import datetime as _dt

    note = (note or "").strip() or None
    return Review(
        warning=fingerprint,
        status=status,
        note=note,
        date=today or _dt.date.today(),
    )


def clear_cells(chart: Chart, cells: Iterable[tuple[int, str]]) -> Edit | None:
    """Empty task × function cells, as one edit; None when they are all empty already."""
    changes: dict[int, Task] = {}
    count = 0
    for row, fid in cells:
        task = changes.get(row, chart.tasks[row])
        if fid in task.raci:
            count += 1
            raci = {f: v for f, v in task.raci.items() if f != fid}
            changes[row] = task.model_copy(update={"raci": raci})
    if not changes:
        return None
    return set_tasks(chart, changes, f"Clear {count} cells" if count > 1 else "Clear cell")


def combine(text: str, chart: Chart, edits: Iterable[Edit | None]) -> Edit | None:
    """Several edits built one on another's result, as one undo step."""
    steps: list[Step] = []
    for edit in edits:
        if edit is not None:
            steps.extend(edit.redo)
    return make_edit(text, chart, steps) if steps else None


def set_reviews(chart: Chart, reviews: Sequence[Review], text: str) -> Edit | None:
    """Add or replace several reviews in one undo step."""
    edits: list[Edit] = []
    current = chart
    for review in reviews:
        edit = set_review(current, review, text)
        edits.append(edit)
        current = edit.after
    return combine(text, chart, edits)


def remove_reviews(chart: Chart, fingerprints: Iterable[str], text: str) -> Edit | None:
    wanted = set(fingerprints)
    rows = [i for i, r in enumerate(chart.reviews) if r.warning in wanted]
    return remove_rows(chart, "reviews", rows, text) if rows else None
