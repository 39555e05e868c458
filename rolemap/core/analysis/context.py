"""What the rules share: settings, the warning and analysis types, and the rules' context.

``Context`` is built once per analysis; the rule families (``rules``, ``kpi_questions``,
``duplicates``) read the chart through it and make their warnings with it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import chain
from typing import Any, NamedTuple

from rolemap.core.analysis.convergence import Convergence, kpi_keys
from rolemap.core.analysis.memo import Change, Tally, context_key
from rolemap.core.analysis.messages import RULES, RuleText, join
from rolemap.core.analysis.similarity import DEFAULT_THRESHOLD
from rolemap.core.analysis.terms import vocabulary
from rolemap.core.analysis.text import looks_chinese
from rolemap.core.catalogue import KINDS, Side
from rolemap.core.model import Chart, Review
from rolemap.core.roles import OWNER_LETTER, Role, cell_roles

SEVERITIES = ("high", "medium", "low")
RULE_ORDER = (
    "shared-kpi",
    "same-kpi-question",
    "converging-goals",
    "multiple-accountable",
    "no-accountable",
    "cross-side-task",
    "side-mismatch",
    "duplicate-task",
    "unowned-goal",
    "too-many-responsible",
    "accountable-overload",
    "foreign-goal",
    "orphan-goal",
    "task-without-goal",
    "goal-without-kpi",
    "support-function",
    "stale-review",
)
RULE_SEVERITY = {
    "shared-kpi": "high",
    "converging-goals": "high",
    "multiple-accountable": "high",
    "no-accountable": "medium",
    "cross-side-task": "medium",
    "side-mismatch": "medium",
    "duplicate-task": "medium",
    "unowned-goal": "medium",
    "too-many-responsible": "low",
    "accountable-overload": "low",
    "foreign-goal": "low",
    "orphan-goal": "low",
    "task-without-goal": "low",
    "goal-without-kpi": "low",
    "stale-review": "low",
    "same-kpi-question": "medium",
    "support-function": "low",
}


@dataclass(frozen=True)
class Settings:
    convergence_threshold: float = 0.5
    duplicate_threshold: float = DEFAULT_THRESHOLD
    overload_share: float = 0.8  # accountable-overload: share of tasks with an A
    overload_min_tasks: int = 10
    max_responsible: int = 2  # too-many-responsible fires above this
    support_share: float = 0.6  # support-function: share of its work for one owner's goals
    support_min_tasks: int = 3


@dataclass(frozen=True)
class OverlapWarning:
    rule: str
    severity: str
    entities: tuple[str, ...]
    message: str
    suggestion: str
    fingerprint: str
    review: Review | None = None

    @property
    def is_open(self) -> bool:
        """Accepted warnings are reported but no longer open; acknowledged ones still are."""
        return self.review is None or self.review.status != "accepted"


def entity_index(warnings: Sequence[OverlapWarning]) -> dict[str, tuple[int, ...]]:
    """Each entity's warnings, as positions in ``warnings``."""
    found: dict[str, list[int]] = {}
    for i, w in enumerate(warnings):
        for e in w.entities:
            at = found.get(e)
            if at is None:
                found[e] = [i]
            else:
                at.append(i)
    return {k: tuple(v) for k, v in found.items()}


class EntityIndex(Mapping[str, tuple[int, ...]]):
    """``entity_index(warnings)``, worked out when first asked: after an edit the worker
    sends the app only what changed and never asks (2-3 ms a rerun at 10,000 tasks), nor do
    most of ``rolemap check``'s outputs. Pickled as its warnings (the analysis's own tuple:
    a reference), it is worked out again where it is asked."""

    __slots__ = ("_index", "_warnings")

    def __init__(self, warnings: tuple[OverlapWarning, ...]) -> None:
        self._warnings = warnings
        self._index: dict[str, tuple[int, ...]] | None = None

    def _built(self) -> dict[str, tuple[int, ...]]:
        found = self._index
        if found is None:
            found = self._index = entity_index(self._warnings)
        return found

    def __getitem__(self, key: str) -> tuple[int, ...]:
        return self._built()[key]

    def get(self, key: str, default: Any = None) -> Any:
        return self._built().get(key, default)

    def __iter__(self) -> Iterator[str]:
        return iter(self._built())

    def __len__(self) -> int:
        return len(self._built())

    def __reduce__(self) -> tuple[Any, ...]:
        return (EntityIndex, (self._warnings,))

    def __repr__(self) -> str:
        return f"EntityIndex({self._built()!r})"


@dataclass(frozen=True)
class Analysis:
    warnings: tuple[OverlapWarning, ...]
    convergence: tuple[Convergence, ...]
    lang: str = "en"
    # each entity's warnings as positions in ``warnings`` (an ``EntityIndex`` from analyse)
    by_entity: Mapping[str, tuple[int, ...]] = field(default_factory=dict, compare=False)

    def counts(self, *, open_only: bool = True) -> dict[str, int]:
        # counted once per analysis (the app's status bar and warnings panel both ask)
        cached = self.__dict__.get("_counts_open" if open_only else "_counts_all")
        if cached is not None:
            return dict(cached)
        out = dict.fromkeys(SEVERITIES, 0)
        for w in self.warnings:
            if w.is_open or not open_only:
                out[w.severity] += 1
        object.__setattr__(self, "_counts_open" if open_only else "_counts_all", dict(out))
        return out

    def for_entity(self, entity_id: str) -> list[OverlapWarning]:
        return [self.warnings[i] for i in self.by_entity.get(entity_id, ())]


_new_object = object.__new__


def new_warning(
    rule: str,
    severity: str,
    entities: tuple[str, ...],
    message: str,
    suggestion: str,
    fingerprint: str,
) -> OverlapWarning:
    """``OverlapWarning(rule, severity, ...)`` without a review, made without the frozen
    dataclass's ``__init__``: it sets each field through ``object.__setattr__`` (4.1 us a warning
    against 1.2 us; a 40,000-task chart has 10,000-15,000 warnings). Same fields, in the same
    order (tests/core/test_context.py)."""
    made = _new_object(OverlapWarning)
    made.__dict__.update(
        rule=rule,
        severity=severity,
        entities=entities,
        message=message,
        suggestion=suggestion,
        fingerprint=fingerprint,
        review=None,
    )
    return made


def chart_language(chart: Chart) -> str:
    """'zh' when the chart's title or function names are written in Chinese, else 'en'.

    Japanese (kana) and Korean (hangul) charts are not Chinese: their warnings are in English.
    """
    sample = [chart.title, *(f.name for f in chart.functions)]
    return "zh" if looks_chinese(sample) else "en"


# A task's id, firm owners and goals: what the chart-wide counts read of it.
TaskFacts = tuple[str, tuple[str, ...], tuple[str, ...]]


class Ownership(NamedTuple):
    """What the chart-wide rules read of all tasks together (``OwnerTally``)."""

    by_id: dict[str, tuple[str, ...]]  # task id -> firm owners (of the last task of an id)
    served: Counter[str]  # goal id -> how many tasks serve it
    with_owner: int  # tasks with at least one firm owner
    owned: Counter[str]  # function id -> how many tasks it firmly owns
    # ids held by more than one task, with the owners looked up for them (the last task's)
    repeated: tuple[tuple[str, tuple[str, ...]], ...] = ()


class OwnerTally(Tally[TaskFacts, Ownership]):
    """Each task's firm owners by id, and counts over all tasks, updated by the changed tasks.

    The counts are integers, so updating them gives exactly what counting afresh gives; a
    chart where a task id appears twice (an error the chart reports) is indexed afresh."""

    def clear(self) -> None:
        self.by_id: dict[str, tuple[str, ...]] = {}
        self.ids: Counter[str] = Counter()
        self.repeated = 0  # ids held by more than one task
        self.served: Counter[str] = Counter()
        self.with_owner = 0
        self.owned: Counter[str] = Counter()
        self.stale = False  # by_id needs rebuilding (ids were or are repeated)

    def build(self, values: Sequence[TaskFacts]) -> None:
        if not values:
            return
        tids, owners, goals = zip(*values, strict=True)
        self.ids = Counter(tids)
        self.repeated = (
            sum(1 for n in self.ids.values() if n > 1) if len(self.ids) < len(tids) else 0
        )
        self.by_id = dict(zip(tids, owners, strict=True))  # the last task of an id wins
        self.served = Counter(chain.from_iterable(goals))
        firm = [found for found in owners if found]
        self.with_owner = len(firm)
        self.owned = Counter(chain.from_iterable(firm))

    def add(self, value: TaskFacts) -> None:
        tid, owners, goals = value
        ids = self.ids
        ids[tid] += 1
        if ids[tid] == 2:
            self.repeated += 1
        self.by_id[tid] = owners
        self.served.update(goals)
        if owners:
            self.with_owner += 1
            self.owned.update(owners)

    def remove(self, value: TaskFacts) -> None:
        tid, owners, goals = value
        ids = self.ids
        if ids[tid] == 2:
            self.repeated -= 1
        ids[tid] -= 1
        if not ids[tid]:
            del ids[tid]
            self.by_id.pop(tid, None)
        if ids.get(tid):
            self.stale = True  # another task of this id is left: which one is the last?
        _discount(self.served, goals)
        if owners:
            self.with_owner -= 1
            _discount(self.owned, owners)

    def report(self, change: Change[TaskFacts]) -> Ownership:
        repeated: tuple[tuple[str, tuple[str, ...]], ...] = ()
        if self.stale or self.repeated:
            # an id held twice: the last task of that id is the one looked up
            self.by_id = {tid: owners for tid, owners, _ in change.values}
            self.stale = False
            by_id = self.by_id
            repeated = tuple(sorted((tid, by_id[tid]) for tid, n in self.ids.items() if n > 1))
        return Ownership(
            self.by_id.copy(), self.served.copy(), self.with_owner, self.owned.copy(), repeated
        )


def _discount(counter: Counter[str], keys: tuple[str, ...]) -> None:
    for key in keys:
        left = counter[key] - 1
        if left:
            counter[key] = left
        else:
            del counter[key]


_owner_tally = OwnerTally()  # each task's firm owners and the counts over them, kept


class GoalFacts(NamedTuple):
    """What the per-task rules read of a task's goals; tasks share a few thousand goal tuples."""

    brand: list[str]  # brand-side goals
    ops: list[str]  # operations-side goals
    owned: list[str]  # goals with an owner
    owners: list[str]  # their owners, each once
    owner_set: frozenset[str]


class Context:
    """What every rule reads: the chart, its settings and language, lookups made once per
    analysis (owners of each task, roles of each cell, sides and owners of each goal tuple),
    and how a warning is worded and fingerprinted."""

    def __init__(self, chart: Chart, settings: Settings, lang: str) -> None:
        self.chart = chart
        self.settings = settings
        self.lang = lang
        self.functions = chart.function_ids()
        self.goals = chart.goal_ids()
        self.notation = chart.notation
        self.key = context_key(chart)  # what the per-task memos depend on around the tasks
        self.vocab = vocabulary(chart.glossary)
        self.kpi_key = kpi_keys(self.vocab)  # each KPI's key, made once per vocabulary
        self.goal_owners = {g.owner for g in chart.goals if g.owner is not None}
        self.owner_letter = OWNER_LETTER[chart.notation]
        self.doer_letter = "D" if chart.notation == "daci" else "R"
        self.letters = {"letter": self.owner_letter, "doer": self.doer_letter}
        # per goal id (the last goal of an id, as ``goals``): its side and its owner
        self.goal_side = {gid: KINDS[g.kind].side for gid, g in self.goals.items()}
        self.goal_owner = {gid: g.owner for gid, g in self.goals.items()}
        self.facts_by_goals: dict[tuple[str, ...], GoalFacts] = {}
        # cell -> (owns firmly, does firmly, owns at all): a chart has a few dozen distinct cells
        self.cell_flags: dict[str, tuple[bool, bool, bool]] = {}
        # each task's (id, firm owners, goals), and counts over them all
        change, self.ownership = _owner_tally.update(chart.notation, chart.tasks, self._facts)
        self.task_facts: Sequence[TaskFacts] = change.values
        self.owners_by_id = self.ownership.by_id

    def owners(self, task: Any) -> tuple[str, ...]:
        """Functions that firmly own the task's outcome (A, or D in DACI; not 'A?')."""
        found = self.owners_by_id.get(task.id)
        if found is None:
            found = self.owners_by_id[task.id] = self.firm_owners(task)
        return found

    def flags(self, cell: str) -> tuple[bool, bool, bool]:
        """(owns firmly, does firmly, owns at all) for one cell, as ``roles.with_role`` reads it."""
        found = self.cell_flags.get(cell)
        if found is None:
            roles = cell_roles(cell, self.notation)  # role -> conditional
            owns = roles.get(Role.OWNS)
            found = self.cell_flags[cell] = (
                owns is False,
                roles.get(Role.DOES) is False,
                owns is not None,
            )
        return found

    def _facts(self, task: Any) -> TaskFacts:
        return (task.id, self.firm_owners(task), task.goals)

    def firm_owners(self, task: Any) -> tuple[str, ...]:
        flags = self.cell_flags
        return tuple(
            [fid for fid, cell in task.raci.items() if (flags.get(cell) or self.flags(cell))[0]]
        )

    def goal_facts(self, goals: tuple[str, ...]) -> GoalFacts:
        found = self.facts_by_goals.get(goals)
        if found is None:
            side, owner_of = self.goal_side, self.goal_owner
            owned = [g for g in goals if owner_of.get(g) is not None]
            owners = list(dict.fromkeys(o for g in owned if (o := owner_of[g]) is not None))
            found = self.facts_by_goals[goals] = GoalFacts(
                brand=[g for g in goals if side.get(g) is Side.BRAND],
                ops=[g for g in goals if side.get(g) is Side.OPERATIONS],
                owned=owned,
                owners=owners,
                owner_set=frozenset(owners),
            )
        return found

    def fname(self, fid: str) -> str:
        f = self.functions.get(fid)
        return f.name if f else fid

    def gname(self, gid: str) -> str:
        g = self.goals.get(gid)
        return g.name if g else gid

    def warn(
        self, rule: str, entities: list[str] | tuple[str, ...], key: str, **params: Any
    ) -> OverlapWarning:
        return self._warning(RULES[rule][self.lang], rule, entities, key, params)

    def warn_as(
        self,
        text: RuleText,
        rule: str,
        entities: list[str] | tuple[str, ...],
        key: str,
        **params: Any,
    ) -> OverlapWarning:
        return self._warning(text, rule, entities, key, params)

    @staticmethod
    def _warning(
        text: RuleText,
        rule: str,
        entities: list[str] | tuple[str, ...],
        key: str,
        params: dict[str, Any],
    ) -> OverlapWarning:
        return new_warning(
            rule,
            RULE_SEVERITY[rule],
            tuple(dict.fromkeys(entities)),
            text.message.format_map(params),
            text.suggestion.format_map(params),
            f"{rule}:{key}",
        )

    def names(self, ids: list[str], namer: Any) -> str:
        return join([namer(i) for i in ids], self.lang)
