"""The workshop's edits: capture and duplicate tasks, tags, goals, KPIs, renames, reviews.

The edit rules the UI used to hold (tag splitting, duplicate ids, KPI lists, reviews, ids that
follow a renamed placeholder) live here, so that every view and the tests share them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from rolemap.core.edit.base import (
    Edit,
    Op,
    Step,
    combine,
    insert_rows,
    make_edit,
    new_id,
    new_task,
    remove_rows,
    set_task,
    short_title,
    update_row,
    with_section,
)
from rolemap.core.model import Chart, Review

_PLACEHOLDER_ID = re.compile(r"^new-(goal|function)(-\d+)?$")


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
    return set_task(chart, row, new, f"Set tags of '{short_title(task.title)}'")


def set_goals(chart: Chart, row: int, goals: Iterable[str]) -> Edit | None:
    task = chart.tasks[row]
    known = chart.goal_ids()
    wanted = tuple(dict.fromkeys(g for g in goals if g in known))
    if wanted == task.goals:
        return None
    new = task.model_copy(update={"goals": wanted})
    return set_task(chart, row, new, f"Set goals of '{short_title(task.title)}'")


def set_kpis(chart: Chart, row: int, kpis: Iterable[str]) -> Edit | None:
    goal = chart.goals[row]
    cleaned = tuple(dict.fromkeys(k.strip() for k in kpis if k.strip()))
    if cleaned == goal.kpis:
        return None
    return update_row(chart, "goals", row, f"Set KPIs of '{short_title(goal.name)}'", kpis=cleaned)


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
    return update_row(chart, section, row, f"Rename {kind} '{short_title(item.name)}'", **changes)


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
