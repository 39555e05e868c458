"""What the rules share: settings, the warning and analysis types, and the rules' context.

``Context`` is built once per analysis; the rule families (``rules``, ``kpi_questions``,
``duplicates``) read the chart through it and make their warnings with it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from rolemap.core.analysis.convergence import Convergence, KpiKeys
from rolemap.core.analysis.memo import TaskMemo
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


@dataclass(frozen=True)
class Analysis:
    warnings: tuple[OverlapWarning, ...]
    convergence: tuple[Convergence, ...]
    lang: str = "en"
    by_entity: dict[str, tuple[int, ...]] = field(default_factory=dict, compare=False)

    def counts(self, *, open_only: bool = True) -> dict[str, int]:
        out = dict.fromkeys(SEVERITIES, 0)
        for w in self.warnings:
            if w.is_open or not open_only:
                out[w.severity] += 1
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


_owner_memo: TaskMemo[tuple[str, ...]] = TaskMemo()  # each task's firm owners, kept


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
        self.vocab = vocabulary(chart.glossary)
        self.kpi_key = KpiKeys(self.vocab)  # each KPI's key, made once per analysis
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
        tasks = chart.tasks
        owners = _owner_memo.values(chart.notation, tasks, self.firm_owners)
        self.owners_by_id: dict[str, tuple[str, ...]] = dict(
            zip([t.id for t in tasks], owners, strict=True)
        )
        # each task's owners as ``owners`` gives them (by id: a task id used twice reads the
        # last task's)
        self.task_owners: Sequence[tuple[str, ...]] = (
            owners
            if len(self.owners_by_id) == len(owners)
            else [self.owners_by_id[t.id] for t in tasks]
        )

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
