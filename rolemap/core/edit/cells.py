"""Role letters: a task's accountable and other letters, and the matrix cells' edits."""

from __future__ import annotations

import re
from collections.abc import Iterable

from rolemap.core.edit.base import Edit, set_task, set_tasks, short_title
from rolemap.core.model import Chart, Task
from rolemap.core.roles import DEFAULT_NOTATION, NOTATIONS, merge_cells


def with_accountable(task: Task, fid: str | None) -> Task:
    """Exactly one A (or none): A is removed from every other function."""
    raci: dict[str, str] = {}
    for f, letters in task.raci.items():
        letters = re.sub(r"A\??", "", letters)
        if f == fid:
            letters += "A"
        if letters:
            raci[f] = merge_cells(letters)
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
            raci[f] = merge_cells(letters)
    for f in fids:
        if f not in raci:
            raci[f] = letter
    return task.model_copy(update={"raci": raci})


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
    text = f"Set {name.name if name else fid} of '{short_title(task.title)}' to {value or '–'}"
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
