"""The rules that find where goals converge, each explained; reviews attached by fingerprint.

``analyse`` runs every rule family: the chart-wide and per-task rules here, the KPI questions
(``kpi_questions``) and the near-duplicate groups (``duplicates``), over one ``Context``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import replace
from functools import partial
from itertools import chain
from operator import attrgetter
from typing import Any

from rolemap.core.analysis import workload
from rolemap.core.analysis.context import (
    RULE_ORDER,
    RULE_SEVERITY,
    SEVERITIES,
    Analysis,
    Context,
    EntityIndex,
    OverlapWarning,
    Settings,
    chart_language,
)
from rolemap.core.analysis.convergence import Convergence, convergence_scores, work_share
from rolemap.core.analysis.duplicates import GROUP_IDS, GROUP_TITLES, duplicate_key
from rolemap.core.analysis.duplicates import duplicate_warnings as _duplicates
from rolemap.core.analysis.kpi_questions import MAX_KPI_QUESTIONS
from rolemap.core.analysis.kpi_questions import kpi_questions as _kpi_questions
from rolemap.core.analysis.memo import LastResult, TaskMemo
from rolemap.core.analysis.messages import join
from rolemap.core.analysis.text import normalise_kpi
from rolemap.core.catalogue import (
    ARCHETYPES,
    KINDS,
    SIDE_LABELS,
    Archetype,
    GoalKind,
    Side,
    archetype_side,
)
from rolemap.core.gcpause import gc_paused
from rolemap.core.model import Chart

__all__ = [  # importable from here as before the rule families had modules of their own
    "GROUP_IDS",
    "GROUP_TITLES",
    "MAX_KPI_QUESTIONS",
    "RULE_ORDER",
    "RULE_SEVERITY",
    "SEVERITIES",
    "Analysis",
    "OverlapWarning",
    "Settings",
    "analyse",
    "chart_language",
    "duplicate_key",
]


# Warnings sort by severity, then rule (a warning's severity is its rule's: ``Context.warn``).
_RANK = {rule: (SEVERITIES.index(RULE_SEVERITY[rule]), i) for i, rule in enumerate(RULE_ORDER)}


def _status_label(status: str, lang: str) -> str:
    if lang == "zh":
        return "已接受" if status == "accepted" else "已知悉"
    return status


def _shared_kpis(c: Context) -> Iterator[OverlapWarning]:
    by_kpi: dict[str, list[tuple[str, str, str]]] = defaultdict(list)  # kpi -> (goal, owner, text)
    for goal in c.chart.goals:
        if goal.owner is None:
            continue
        for text in dict.fromkeys(goal.kpis):
            kpi = normalise_kpi(text)
            if not kpi:
                continue  # a blank KPI measures nothing
            by_kpi[c.kpi_key(text)].append((goal.id, goal.owner, text))
    for uses in by_kpi.values():
        owners = list(dict.fromkeys(owner for _, owner, _ in uses))
        if len(owners) < 2:
            continue
        goals = list(dict.fromkeys(g for g, _, _ in uses))
        kpi = _fingerprint_kpi(uses)
        original = next(text for _, _, text in uses if normalise_kpi(text) == kpi)
        yield c.warn(
            "shared-kpi",
            goals + owners,
            f"{kpi}:{','.join(sorted(owners))}",
            kpi=original,
            owners=c.names(owners, c.fname),
            goals=c.names(goals, c.gname),
        )


def _fingerprint_kpi(uses: list[tuple[str, str, str]]) -> str:
    """The normalised spelling a shared KPI's fingerprint names, whatever the order of goals.

    Spellings that only the stems or glossaries join ("Revenue" / "Revenues", "DAU" / "日活")
    are one warning; its fingerprint keeps the format-1 form: the spelling shared by the most
    owners (the one format 1 warned about), the first in sorted order on a tie.
    """
    owners: dict[str, set[str]] = defaultdict(set)
    for _, owner, text in uses:
        owners[normalise_kpi(text)].add(owner)
    return min(owners, key=lambda kpi: (-len(owners[kpi]), kpi))


def _converging(c: Context, scores: list[Convergence]) -> Iterator[OverlapWarning]:
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


_task_memo: TaskMemo[tuple[OverlapWarning, ...]] = TaskMemo()
_kpi_rules: LastResult[tuple[OverlapWarning, ...]] = LastResult()  # shared-kpi, same-kpi-question


def _task_rules(c: Context) -> Iterator[OverlapWarning]:
    """The rules of one task at a time; a task unchanged since the last analysis (in the same
    functions, goals and settings) is not looked at again (``memo.TaskMemo``)."""
    # a task reads its owners by id (``Context.owners_by_id``): where ids repeat, the last
    # task's owners count for every task of the id, so those owners are context too
    context = (c.key, c.lang, c.settings, c.ownership.repeated)
    return chain.from_iterable(_task_memo.values(context, c.chart.tasks, partial(_one_task, c)))


def _one_task(c: Context, task: Any) -> tuple[OverlapWarning, ...]:
    # Called for every task of a first analysis: the common case (nothing to say) stays cheap.
    found: list[OverlapWarning] = []
    flags, flag = c.cell_flags, c.flags
    raci = task.raci
    accountable = c.owners_by_id[task.id]  # every task of the chart is there (``owners``)
    if len(accountable) >= 2:
        found.append(
            c.warn(
                "multiple-accountable",
                [task.id, *accountable],
                f"{task.id}:{','.join(sorted(accountable))}",
                task=task.title,
                functions=c.names(list(accountable), c.fname),
                **c.letters,
            )
        )
    elif not accountable and not any((flags.get(x) or flag(x))[2] for x in raci.values()):
        found.append(c.warn("no-accountable", [task.id], task.id, task=task.title, **c.letters))
    most = c.settings.max_responsible
    if len(raci) > most:  # fewer cells cannot hold too many doers
        responsible = [fid for fid, x in raci.items() if (flags.get(x) or flag(x))[1]]
        if len(responsible) > most:
            found.append(
                c.warn(
                    "too-many-responsible",
                    [task.id, *responsible],
                    task.id,
                    task=task.title,
                    count=len(responsible),
                    functions=c.names(responsible, c.fname),
                )
            )
    if not task.goals:
        found.append(c.warn("task-without-goal", [task.id], task.id, task=task.title))
        return tuple(found)
    goals = c.facts_by_goals.get(task.goals) or c.goal_facts(task.goals)
    if goals.brand and goals.ops:
        brand, ops = goals.brand, goals.ops
        found.append(
            c.warn(
                "cross-side-task",
                [task.id, *brand, *ops],
                f"{task.id}:{','.join(sorted(brand + ops))}",
                task=task.title,
                brand=c.names(brand, c.gname),
                ops=c.names(ops, c.gname),
            )
        )
    # Only a function with goals of its own can work for someone else's goals; a support
    # function's work for its lead's goal is its job, not an overlap.
    pursuing = [f for f in accountable if f in c.goal_owners]
    if pursuing and goals.owners and goals.owner_set.isdisjoint(pursuing):
        foreign = goals.owned
        found.append(
            c.warn(
                "foreign-goal",
                [task.id, *foreign],
                f"{task.id}:{','.join(sorted(foreign))}",
                task=task.title,
                accountable=c.names(pursuing, c.fname),
                goals=c.names(foreign, c.gname),
                owners=c.names(goals.owners, c.fname),
                **c.letters,
            )
        )
    return tuple(found)


def _goal_rules(c: Context) -> Iterator[OverlapWarning]:
    served = c.ownership.served  # goal id -> tasks serving it
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


_RULE = attrgetter("rule")


def _reviewed(c: Context, found: list[OverlapWarning]) -> list[OverlapWarning]:
    """The warnings with their reviews attached, and a stale-review for each review whose
    warning is gone."""
    chart = c.chart
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
    return [
        replace(w, review=reviews[w.fingerprint]) if w.fingerprint in reviews else w for w in found
    ]


def forget() -> None:
    """Drop what analyses keep for the next one (per-task results, sums, KPI rules): the next
    analysis is a first one. Tests compare a rerun after edits with such a first analysis."""
    from rolemap.core.analysis import context, convergence, duplicates

    for kept in (_task_memo, _kpi_rules, workload._support_tally, context._owner_tally):
        kept.forget()
    convergence.forget()
    duplicates._kept.forget()


def analyse(chart: Chart, settings: Settings | None = None, lang: str | None = None) -> Analysis:
    """Every warning for ``chart``, most severe first, with reviews attached."""
    with gc_paused():  # the analysis builds many small objects; a pause saves about a fifth
        return _analyse(chart, settings, lang)


def _analyse(chart: Chart, settings: Settings | None, lang: str | None) -> Analysis:
    settings = settings or Settings()
    c = Context(chart, settings, lang or chart_language(chart))
    scores = convergence_scores(chart, keys=c.kpi_key, weights=work_share(chart, c.key))
    found: list[OverlapWarning] = []
    # The KPI rules read the goals, their KPIs and owners, and names: no task.
    kpis = (c.key, tuple(g.kpis for g in chart.goals), c.vocab, c.lang, settings)
    found.extend(_kpi_rules.get(kpis, lambda: (*_shared_kpis(c), *_kpi_questions(c))))
    found.extend(_converging(c, scores))
    found.extend(_task_rules(c))
    found.extend(_goal_rules(c))
    found.extend(workload.overload(c))
    found.extend(workload.support_functions(c))
    # Last: the near-duplicate join may be under way in another process (``prefetch``), and
    # the order of the calls does not matter (warnings are sorted by severity and rule below).
    found.extend(_duplicates(c))

    attached = _reviewed(c, found) if chart.reviews else found
    # Sorted by severity and rule, stably; the keys looked up and the rows reordered in C.
    ranks = list(map(_RANK.__getitem__, map(_RULE, attached)))
    attached = list(map(attached.__getitem__, sorted(range(len(ranks)), key=ranks.__getitem__)))
    warnings = tuple(attached)
    return Analysis(
        warnings=warnings,
        convergence=tuple(scores),
        lang=c.lang,
        by_entity=EntityIndex(warnings),
    )
