"""The rules that find where goals converge, each explained; reviews attached by fingerprint."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from rolemap.core.analysis.convergence import Convergence, convergence_scores
from rolemap.core.analysis.messages import RULES, join
from rolemap.core.analysis.similarity import DEFAULT_THRESHOLD, similar_pairs
from rolemap.core.analysis.text import has_cjk, normalise_kpi
from rolemap.core.catalogue import (
    ARCHETYPES,
    KINDS,
    SIDE_LABELS,
    Archetype,
    GoalKind,
    Side,
    archetype_side,
)
from rolemap.core.model import Chart, Review

SEVERITIES = ("high", "medium", "low")
RULE_ORDER = (
    "shared-kpi",
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
}


@dataclass(frozen=True)
class Settings:
    convergence_threshold: float = 0.5
    duplicate_threshold: float = DEFAULT_THRESHOLD
    overload_share: float = 0.8  # accountable-overload: share of tasks with an A
    overload_min_tasks: int = 10
    max_responsible: int = 2  # too-many-responsible fires above this


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


def _status_label(status: str, lang: str) -> str:
    if lang == "zh":
        return "已接受" if status == "accepted" else "已知悉"
    return status


def chart_language(chart: Chart) -> str:
    """'zh' when the chart's title or function names are written in Chinese, else 'en'."""
    sample = [chart.title, *(f.name for f in chart.functions)]
    return "zh" if any(has_cjk(s) for s in sample) else "en"


class _Ctx:
    def __init__(self, chart: Chart, settings: Settings, lang: str) -> None:
        self.chart = chart
        self.settings = settings
        self.lang = lang
        self.functions = chart.function_ids()
        self.goals = chart.goal_ids()

    def fname(self, fid: str) -> str:
        f = self.functions.get(fid)
        return f.name if f else fid

    def gname(self, gid: str) -> str:
        g = self.goals.get(gid)
        return g.name if g else gid

    def warn(
        self, rule: str, entities: list[str] | tuple[str, ...], key: str, **params: Any
    ) -> OverlapWarning:
        text = RULES[rule][self.lang]
        return OverlapWarning(
            rule=rule,
            severity=RULE_SEVERITY[rule],
            entities=tuple(dict.fromkeys(entities)),
            message=text.message.format(**params),
            suggestion=text.suggestion.format(**params),
            fingerprint=f"{rule}:{key}",
        )

    def names(self, ids: list[str], namer: Any) -> str:
        return join([namer(i) for i in ids], self.lang)


def _shared_kpis(c: _Ctx) -> Iterator[OverlapWarning]:
    by_kpi: dict[str, list[tuple[str, str, str]]] = defaultdict(list)  # kpi -> (goal, owner, text)
    for goal in c.chart.goals:
        if goal.owner is None:
            continue
        for kpi in dict.fromkeys(normalise_kpi(k) for k in goal.kpis):
            if not kpi:
                continue  # a blank KPI measures nothing
            by_kpi[kpi].append((goal.id, goal.owner, kpi))
    for kpi, uses in by_kpi.items():
        owners = list(dict.fromkeys(owner for _, owner, _ in uses))
        if len(owners) < 2:
            continue
        goals = [g for g, _, _ in uses]
        original = next(k for k in c.goals[goals[0]].kpis if normalise_kpi(k) == kpi)
        yield c.warn(
            "shared-kpi",
            goals + owners,
            f"{kpi}:{','.join(sorted(owners))}",
            kpi=original,
            owners=c.names(owners, c.fname),
            goals=c.names(goals, c.gname),
        )


def _converging(c: _Ctx, scores: list[Convergence]) -> Iterator[OverlapWarning]:
    threshold = c.settings.convergence_threshold
    for conv in scores:
        if conv.score < threshold or conv.score == 0:
            continue
        a, b = conv.functions
        shared = [_feature_label(f, c.lang) for f in conv.shared[:4]]
        yield c.warn(
            "converging-goals",
            [a, b],
            ",".join(sorted((a, b))),
            a=c.fname(a),
            b=c.fname(b),
            score=conv.score,
            threshold=threshold,
            shared=join(shared, c.lang),
        )


def _feature_label(feature: str, lang: str) -> str:
    kind, _, value = feature.partition(":")
    if kind == "kind":
        info = KINDS[GoalKind(value)]
        return info.zh if lang == "zh" else info.en.lower()
    return f"\u201c{value}\u201d"


def _task_rules(c: _Ctx, served: set[str]) -> Iterator[OverlapWarning]:
    s = c.settings
    for task in c.chart.tasks:
        accountable = task.accountable()
        served.update(task.goals)
        if len(accountable) >= 2:
            yield c.warn(
                "multiple-accountable",
                [task.id, *accountable],
                f"{task.id}:{','.join(sorted(accountable))}",
                task=task.title,
                functions=c.names(list(accountable), c.fname),
            )
        elif not accountable:
            yield c.warn("no-accountable", [task.id], task.id, task=task.title)
        responsible = task.with_letter("R")
        if len(responsible) > s.max_responsible:
            yield c.warn(
                "too-many-responsible",
                [task.id, *responsible],
                task.id,
                task=task.title,
                count=len(responsible),
                functions=c.names(list(responsible), c.fname),
            )
        if not task.goals:
            yield c.warn("task-without-goal", [task.id], task.id, task=task.title)
            continue
        goals = [c.goals[g] for g in task.goals if g in c.goals]
        brand = [g.id for g in goals if KINDS[g.kind].side is Side.BRAND]
        ops = [g.id for g in goals if KINDS[g.kind].side is Side.OPERATIONS]
        if brand and ops:
            yield c.warn(
                "cross-side-task",
                [task.id, *brand, *ops],
                f"{task.id}:{','.join(sorted(brand + ops))}",
                task=task.title,
                brand=c.names(brand, c.gname),
                ops=c.names(ops, c.gname),
            )
        if accountable:
            owned = [g for g in goals if g.owner is not None]
            owner_ids = list(dict.fromkeys(g.owner for g in owned if g.owner is not None))
            if owner_ids and not set(owner_ids) & set(accountable):
                foreign = [g.id for g in owned]
                yield c.warn(
                    "foreign-goal",
                    [task.id, *foreign],
                    f"{task.id}:{','.join(sorted(foreign))}",
                    task=task.title,
                    accountable=c.names(list(accountable), c.fname),
                    goals=c.names(foreign, c.gname),
                    owners=c.names(owner_ids, c.fname),
                )


def _goal_rules(c: _Ctx, served: set[str]) -> Iterator[OverlapWarning]:
    for goal in c.chart.goals:
        owner = c.functions.get(goal.owner) if goal.owner else None
        if owner is None:
            yield c.warn("unowned-goal", [goal.id], goal.id, goal=goal.name)
        else:
            side = KINDS[goal.kind].side
            owner_side = archetype_side(owner.archetype)
            if (
                side in (Side.BRAND, Side.OPERATIONS)
                and owner.archetype is not Archetype.OTHER
                and side is not owner_side
            ):
                idx = 1 if c.lang == "zh" else 0
                kind = KINDS[goal.kind]
                yield c.warn(
                    "side-mismatch",
                    [goal.id, owner.id],
                    f"{goal.id}:{owner.id}",
                    goal=goal.name,
                    kind=kind.zh if c.lang == "zh" else kind.en.lower(),
                    side=SIDE_LABELS[side][idx],
                    owner=owner.name,
                    archetype=ARCHETYPES[owner.archetype][idx].split(" (")[0].lower()
                    if c.lang == "en"
                    else ARCHETYPES[owner.archetype][idx],
                )
        if goal.id not in served:
            yield c.warn("orphan-goal", [goal.id], goal.id, goal=goal.name)
        if not goal.kpis:
            yield c.warn("goal-without-kpi", [goal.id], goal.id, goal=goal.name)


def _duplicates(c: _Ctx) -> Iterator[OverlapWarning]:
    tasks = c.chart.tasks
    for i, j, score in similar_pairs([t.title for t in tasks], c.settings.duplicate_threshold):
        a, b = tasks[i], tasks[j]
        acc_a, acc_b = set(a.accountable()), set(b.accountable())
        if acc_a == acc_b:
            continue
        none = "\u2014" if c.lang == "en" else "无"
        owners = [
            c.names(sorted(acc_a), c.fname) or none,
            c.names(sorted(acc_b), c.fname) or none,
        ]
        yield c.warn(
            "duplicate-task",
            [a.id, b.id],
            ",".join(sorted((a.id, b.id))),
            a=a.title,
            b=b.title,
            score=score,
            owners=" / ".join(owners),
        )


def _overload(c: _Ctx) -> Iterator[OverlapWarning]:
    s = c.settings
    if len(c.chart.functions) < 2:
        return
    with_a = [t for t in c.chart.tasks if t.accountable()]
    if len(with_a) < s.overload_min_tasks:
        return
    count: dict[str, int] = defaultdict(int)
    for t in with_a:
        for fid in t.accountable():
            count[fid] += 1
    for fid, n in count.items():
        share = n / len(with_a)
        if share >= s.overload_share:
            yield c.warn(
                "accountable-overload",
                [fid],
                fid,
                function=c.fname(fid),
                count=n,
                total=len(with_a),
                share=share,
            )


def analyse(chart: Chart, settings: Settings | None = None, lang: str | None = None) -> Analysis:
    """Every warning for ``chart``, most severe first, with reviews attached."""
    settings = settings or Settings()
    c = _Ctx(chart, settings, lang or chart_language(chart))
    scores = convergence_scores(chart)
    served: set[str] = set()
    found: list[OverlapWarning] = []
    found.extend(_shared_kpis(c))
    found.extend(_converging(c, scores))
    found.extend(_task_rules(c, served))
    found.extend(_goal_rules(c, served))
    found.extend(_duplicates(c))
    found.extend(_overload(c))

    live = {w.fingerprint for w in found}
    for review in chart.reviews:
        if review.warning not in live:
            found.append(
                c.warn(
                    "stale-review",
                    [],
                    review.warning,
                    fingerprint=review.warning,
                    status=_status_label(review.status, c.lang),
                )
            )
    reviews = {r.warning: r for r in chart.reviews}
    attached = [
        replace(w, review=reviews[w.fingerprint]) if w.fingerprint in reviews else w for w in found
    ]
    rank = {rule: i for i, rule in enumerate(RULE_ORDER)}
    sev = {s: i for i, s in enumerate(SEVERITIES)}
    attached.sort(key=lambda w: (sev[w.severity], rank[w.rule]))
    by_entity: dict[str, list[int]] = defaultdict(list)
    for i, w in enumerate(attached):
        for e in w.entities:
            by_entity[e].append(i)
    return Analysis(
        warnings=tuple(attached),
        convergence=tuple(scores),
        lang=c.lang,
        by_entity={k: tuple(v) for k, v in by_entity.items()},
    )
