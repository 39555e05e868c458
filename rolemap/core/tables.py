"""Counts behind the reports and pictures: functions by goal kind, and the RACI matrix rows."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from rolemap.core.catalogue import KINDS, GoalKind, Side
from rolemap.core.model import Chart

KIND_ORDER = tuple(
    k
    for side in (Side.BRAND, Side.CONTESTED, Side.OPERATIONS, Side.NONE)
    for k in GoalKind
    if KINDS[k].side is side
)
"""Goal kinds left to right: brand side, contested, operations side, other."""


@dataclass(frozen=True)
class KindTable:
    """Functions by goal kind: goals owned, and tasks (R or A) serving goals of that kind."""

    kinds: tuple[GoalKind, ...]
    rows: tuple[str | None, ...]  # function ids; None for goals without an owner
    owned: dict[tuple[str | None, GoalKind], int]
    worked: dict[tuple[str, GoalKind], int]

    def cell(self, row: str | None, kind: GoalKind) -> tuple[int, int]:
        tasks = self.worked.get((row, kind), 0) if row is not None else 0
        return self.owned.get((row, kind), 0), tasks


def kind_table(chart: Chart) -> KindTable:
    kinds = tuple(k for k in KIND_ORDER if any(g.kind is k for g in chart.goals))
    owned: dict[tuple[str | None, GoalKind], int] = defaultdict(int)
    for g in chart.goals:
        owned[(g.owner, g.kind)] += 1
    worked: dict[tuple[str, GoalKind], int] = defaultdict(int)
    goal_kind = {g.id: g.kind for g in chart.goals}
    for task in chart.tasks:
        served = {goal_kind[g] for g in task.goals if g in goal_kind}
        for fid, letters in task.raci.items():
            if "R" in letters or "A" in letters:
                for k in served:
                    worked[(fid, k)] += 1
    rows: list[str | None] = [f.id for f in chart.functions]
    if any(g.owner is None for g in chart.goals):
        rows.append(None)
    return KindTable(kinds, tuple(rows), dict(owned), dict(worked))
