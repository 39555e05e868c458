"""Counts behind the reports and pictures: functions by goal kind, and the RACI matrix rows."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from rolemap.core.catalogue import KINDS, GoalKind, Side
from rolemap.core.model import Chart, Task
from rolemap.core.roles import DEFAULT_NOTATION, LETTER_LABELS, OWNER_LETTER, Role, with_role

KIND_ORDER = tuple(
    k
    for side in (Side.BRAND, Side.CONTESTED, Side.OPERATIONS, Side.NONE)
    for k in GoalKind
    if KINDS[k].side is side
)
"""Goal kinds left to right: brand side, contested, operations side, other."""


@dataclass(frozen=True)
class KindTable:
    """Functions by goal kind: goals owned, and tasks done or owned (R or A) for that kind."""

    kinds: tuple[GoalKind, ...]
    rows: tuple[str | None, ...]  # function ids; None for goals without an owner
    owned: dict[tuple[str | None, GoalKind], int]
    worked: dict[tuple[str, GoalKind], int]

    def cell(self, row: str | None, kind: GoalKind) -> tuple[int, int]:
        tasks = self.worked.get((row, kind), 0) if row is not None else 0
        return self.owned.get((row, kind), 0), tasks


def workers(task: Task, notation: str) -> tuple[str, ...]:
    """Functions that firmly do or own the task (R or A in RACI, D in DACI)."""
    owners = with_role(task.raci, Role.OWNS, notation)
    doers = with_role(task.raci, Role.DOES, notation)
    return tuple(dict.fromkeys(owners + doers))


def role_legend(notation: str, lang: str) -> str:
    """'A = Accountable · R = Responsible · ...' in the notation's own letters."""
    labels = LETTER_LABELS.get(notation, LETTER_LABELS[DEFAULT_NOTATION])
    i = 1 if lang == "zh" else 0
    order = [OWNER_LETTER.get(notation, "A"), *labels]
    return " · ".join(f"{k} = {labels[k][i]}" for k in dict.fromkeys(order))


def kind_table(chart: Chart) -> KindTable:
    kinds = tuple(k for k in KIND_ORDER if any(g.kind is k for g in chart.goals))
    owned: dict[tuple[str | None, GoalKind], int] = defaultdict(int)
    for g in chart.goals:
        owned[(g.owner, g.kind)] += 1
    worked: dict[tuple[str, GoalKind], int] = defaultdict(int)
    goal_kind = {g.id: g.kind for g in chart.goals}
    for task in chart.tasks:
        served = {goal_kind[g] for g in task.goals if g in goal_kind}
        for fid in workers(task, chart.notation):
            for k in served:
                worked[(fid, k)] += 1
    rows: list[str | None] = [f.id for f in chart.functions]
    if any(g.owner is None for g in chart.goals):
        rows.append(None)
    return KindTable(kinds, tuple(rows), dict(owned), dict(worked))
