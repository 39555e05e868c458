"""What changed between two versions of a chart, in the team's terms.

Functions, goals and tasks are matched by id: a task whose id stays and whose title changes
is renamed, not removed and added. Warnings are matched by fingerprint: opened, closed, and
reviewed (their review added, changed or removed). Convergence is compared per pair of
function ids present in either version.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rolemap.core.analysis import Analysis, OverlapWarning, analyse
from rolemap.core.model import Chart, Function, Goal, Review, Task

NONE = "\u2014"  # an empty RACI cell, as the issue writes it: "Operations — → A"


@dataclass(frozen=True)
class Change:
    """One field of an entity: its value before and after (``None`` when absent)."""

    field: str
    before: Any
    after: Any


@dataclass(frozen=True)
class RoleChange:
    function: str
    name: str
    before: str  # role letters, "" when none
    after: str


@dataclass(frozen=True)
class EntityChange:
    """A function, goal or task present in both versions with some fields changed."""

    id: str
    name: str  # name/title after the change
    old_name: str
    changes: tuple[Change, ...] = ()
    roles: tuple[RoleChange, ...] = ()  # tasks only
    added: tuple[str, ...] = ()  # goals: KPIs added; tasks: goals served added
    removed: tuple[str, ...] = ()

    @property
    def renamed(self) -> bool:
        return self.name != self.old_name


@dataclass(frozen=True)
class Reviewed:
    warning: OverlapWarning
    before: Review | None
    after: Review | None


@dataclass(frozen=True)
class PairChange:
    functions: tuple[str, str]
    names: tuple[str, str]
    before: float | None  # None: a function of the pair was not in that version
    after: float | None


@dataclass
class ChartDiff:
    old_title: str | None
    new_title: str | None
    changes: list[Change] = field(default_factory=list)  # title, notation
    glossary_added: list[tuple[str, ...]] = field(default_factory=list)
    glossary_removed: list[tuple[str, ...]] = field(default_factory=list)
    functions_added: list[Function] = field(default_factory=list)
    functions_removed: list[Function] = field(default_factory=list)
    functions_changed: list[EntityChange] = field(default_factory=list)
    goals_added: list[Goal] = field(default_factory=list)
    goals_removed: list[Goal] = field(default_factory=list)
    goals_changed: list[EntityChange] = field(default_factory=list)
    tasks_added: list[Task] = field(default_factory=list)
    tasks_removed: list[Task] = field(default_factory=list)
    tasks_changed: list[EntityChange] = field(default_factory=list)
    opened: list[OverlapWarning] = field(default_factory=list)
    closed: list[OverlapWarning] = field(default_factory=list)
    reviewed: list[Reviewed] = field(default_factory=list)
    convergence: list[PairChange] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)  # function id -> name (new, else old)
    goal_names: dict[str, str] = field(default_factory=dict)

    @property
    def chart_changed(self) -> bool:
        return any(
            (
                self.changes,
                self.glossary_added,
                self.glossary_removed,
                self.functions_added,
                self.functions_removed,
                self.functions_changed,
                self.goals_added,
                self.goals_removed,
                self.goals_changed,
                self.tasks_added,
                self.tasks_removed,
                self.tasks_changed,
            )
        )

    @property
    def empty(self) -> bool:
        return not self.chart_changed and not (self.opened or self.closed or self.reviewed)

    def changed_ids(self) -> dict[str, str]:
        """Entity id -> 'added' | 'removed' | 'changed' (what the app marks in its views)."""
        out: dict[str, str] = {}
        for items, mark in (
            (self.functions_added, "added"),
            (self.goals_added, "added"),
            (self.tasks_added, "added"),
            (self.functions_removed, "removed"),
            (self.goals_removed, "removed"),
            (self.tasks_removed, "removed"),
        ):
            for entity in items:
                out[entity.id] = mark
        for changes in (self.functions_changed, self.goals_changed, self.tasks_changed):
            for change in changes:
                out[change.id] = "changed"
        return out


def _fields(old: Any, new: Any, names: tuple[str, ...]) -> list[Change]:
    out = []
    for name in names:
        a, b = getattr(old, name), getattr(new, name)
        if a != b:
            out.append(Change(name, getattr(a, "value", a), getattr(b, "value", b)))
    return out


def _function_change(old: Function, new: Function) -> EntityChange | None:
    changes = _fields(old, new, ("name", "archetype", "description", "color"))
    if not changes:
        return None
    return EntityChange(new.id, new.name, old.name, tuple(changes))


def _goal_change(old: Goal, new: Goal) -> EntityChange | None:
    changes = _fields(old, new, ("name", "owner", "kind", "description"))
    added = tuple(k for k in new.kpis if k not in old.kpis)
    removed = tuple(k for k in old.kpis if k not in new.kpis)
    if not changes and not added and not removed and old.kpis == new.kpis:
        return None
    return EntityChange(new.id, new.name, old.name, tuple(changes), (), added, removed)


def _task_change(old: Task, new: Task, names: dict[str, str]) -> EntityChange | None:
    changes = _fields(old, new, ("title", "description", "tags", "effort"))
    roles = tuple(
        RoleChange(fid, names.get(fid, fid), old.raci.get(fid, ""), new.raci.get(fid, ""))
        for fid in dict.fromkeys([*old.raci, *new.raci])
        if old.raci.get(fid, "") != new.raci.get(fid, "")
    )
    added = tuple(g for g in new.goals if g not in old.goals)
    removed = tuple(g for g in old.goals if g not in new.goals)
    if not changes and not roles and not added and not removed:
        return None
    return EntityChange(new.id, new.title, old.title, tuple(changes), roles, added, removed)


def _match(
    old: tuple[Any, ...], new: tuple[Any, ...]
) -> tuple[list[Any], list[Any], list[tuple[Any, Any]]]:
    before = {x.id: x for x in old}
    after = {x.id: x for x in new}
    added = [x for x in new if x.id not in before]
    removed = [x for x in old if x.id not in after]
    both = [(before[x.id], x) for x in new if x.id in before]
    return added, removed, both


def _pair(functions: tuple[str, str]) -> tuple[str, str]:
    a, b = sorted(functions)
    return a, b


def diff_charts(
    old: Chart | None,
    new: Chart | None,
    old_result: Analysis | None = None,
    new_result: Analysis | None = None,
) -> ChartDiff:
    """The difference from ``old`` to ``new`` (None: the chart did not exist on that side)."""
    empty = Chart.model_construct(title="", functions=(), goals=(), tasks=(), reviews=())
    a = old if old is not None else empty
    b = new if new is not None else empty
    ra = old_result if old_result is not None else (analyse(old) if old is not None else None)
    rb = new_result if new_result is not None else (analyse(new) if new is not None else None)
    names = {f.id: f.name for f in a.functions} | {f.id: f.name for f in b.functions}
    goal_names = {g.id: g.name for g in a.goals} | {g.id: g.name for g in b.goals}
    d = ChartDiff(
        old.title if old else None, new.title if new else None, names=names, goal_names=goal_names
    )
    if old is not None and new is not None:
        d.changes = _fields(old, new, ("title", "notation"))
        d.glossary_added = [g for g in new.glossary if g not in old.glossary]
        d.glossary_removed = [g for g in old.glossary if g not in new.glossary]
    elif new is not None:
        d.glossary_added = list(new.glossary)

    d.functions_added, d.functions_removed, both_f = _match(a.functions, b.functions)
    d.functions_changed = [c for o, n in both_f if (c := _function_change(o, n))]
    d.goals_added, d.goals_removed, both_g = _match(a.goals, b.goals)
    d.goals_changed = [c for o, n in both_g if (c := _goal_change(o, n))]
    d.tasks_added, d.tasks_removed, both_t = _match(a.tasks, b.tasks)
    d.tasks_changed = [c for o, n in both_t if (c := _task_change(o, n, names))]

    wa = {w.fingerprint: w for w in (ra.warnings if ra else ())}
    wb = {w.fingerprint: w for w in (rb.warnings if rb else ())}
    d.opened = [w for fp, w in wb.items() if fp not in wa]
    d.closed = [w for fp, w in wa.items() if fp not in wb]
    d.reviewed = [
        Reviewed(w, wa[fp].review, w.review)
        for fp, w in wb.items()
        if fp in wa and wa[fp].review != w.review
    ]
    ca = {_pair(c.functions): c.score for c in (ra.convergence if ra else ())}
    cb = {_pair(c.functions): c.score for c in (rb.convergence if rb else ())}
    for pair in dict.fromkeys([*cb, *ca]):
        before, after = ca.get(pair), cb.get(pair)
        if (before or 0) == 0 and (after or 0) == 0:
            continue
        d.convergence.append(
            PairChange(
                pair, (names.get(pair[0], pair[0]), names.get(pair[1], pair[1])), before, after
            )
        )
    return d
