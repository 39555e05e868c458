"""The rules that find where goals converge, each explained; reviews attached by fingerprint."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from rolemap.core.analysis.convergence import Convergence, convergence_scores, kpi_key
from rolemap.core.analysis.memo import TaskMemo, context_key
from rolemap.core.analysis.messages import DUPLICATE_GROUP, LIST_SEP, MORE, RULES, RuleText, join
from rolemap.core.analysis.similarity import DEFAULT_THRESHOLD, similar_groups, similarity
from rolemap.core.analysis.terms import vocabulary
from rolemap.core.analysis.text import has_cjk, looks_chinese, normalise_kpi
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
from rolemap.core.model import Chart, Review
from rolemap.core.roles import OWNER_LETTER, Role, cell_roles

SEVERITIES = ("high", "medium", "low")
MAX_KPI_QUESTIONS = 300  # same-kpi-question compares all pairs of distinct KPIs up to this many
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


def _status_label(status: str, lang: str) -> str:
    if lang == "zh":
        return "已接受" if status == "accepted" else "已知悉"
    return status


def chart_language(chart: Chart) -> str:
    """'zh' when the chart's title or function names are written in Chinese, else 'en'.

    Japanese (kana) and Korean (hangul) charts are not Chinese: their warnings are in English.
    """
    sample = [chart.title, *(f.name for f in chart.functions)]
    return "zh" if looks_chinese(sample) else "en"


_owner_memo: TaskMemo[tuple[str, ...]] = TaskMemo()  # each task's firm owners, kept


@dataclass(frozen=True)
class _GoalFacts:
    """What the per-task rules read of a task's goals; tasks share a few thousand goal tuples."""

    brand: list[str]  # brand-side goals
    ops: list[str]  # operations-side goals
    owned: list[str]  # goals with an owner
    owners: list[str]  # their owners, each once


class _Ctx:
    def __init__(self, chart: Chart, settings: Settings, lang: str) -> None:
        self.chart = chart
        self.settings = settings
        self.lang = lang
        self.functions = chart.function_ids()
        self.goals = chart.goal_ids()
        self.notation = chart.notation
        self.vocab = vocabulary(chart.glossary)
        self.goal_owners = {g.owner for g in chart.goals if g.owner is not None}
        self.owner_letter = OWNER_LETTER[chart.notation]
        self.doer_letter = "D" if chart.notation == "daci" else "R"
        self.letters = {"letter": self.owner_letter, "doer": self.doer_letter}
        # per goal id (the last goal of an id, as ``goals``): its side and its owner
        self.goal_side = {gid: KINDS[g.kind].side for gid, g in self.goals.items()}
        self.goal_owner = {gid: g.owner for gid, g in self.goals.items()}
        self._goal_facts: dict[tuple[str, ...], _GoalFacts] = {}
        # cell -> (owns firmly, does firmly, owns at all): a chart has a few dozen distinct cells
        self._flags: dict[str, tuple[bool, bool, bool]] = {}
        owners = _owner_memo.values(chart.notation, chart.tasks, self.firm_owners)
        self._owners: dict[str, tuple[str, ...]] = {
            t.id: found for t, found in zip(chart.tasks, owners, strict=True)
        }

    def owners(self, task: Any) -> tuple[str, ...]:
        """Functions that firmly own the task's outcome (A, or D in DACI; not 'A?')."""
        found = self._owners.get(task.id)
        if found is None:
            found = self._owners[task.id] = self.firm_owners(task)
        return found

    def flags(self, cell: str) -> tuple[bool, bool, bool]:
        """(owns firmly, does firmly, owns at all) for one cell, as ``roles.with_role`` reads it."""
        found = self._flags.get(cell)
        if found is None:
            roles = cell_roles(cell, self.notation)  # role -> conditional
            owns = roles.get(Role.OWNS)
            found = self._flags[cell] = (
                owns is False,
                roles.get(Role.DOES) is False,
                owns is not None,
            )
        return found

    def firm_owners(self, task: Any) -> tuple[str, ...]:
        flags = self._flags
        return tuple(
            [fid for fid, cell in task.raci.items() if (flags.get(cell) or self.flags(cell))[0]]
        )

    def goal_facts(self, goals: tuple[str, ...]) -> _GoalFacts:
        found = self._goal_facts.get(goals)
        if found is None:
            side, owner_of = self.goal_side, self.goal_owner
            owned = [g for g in goals if owner_of.get(g) is not None]
            found = self._goal_facts[goals] = _GoalFacts(
                brand=[g for g in goals if side.get(g) is Side.BRAND],
                ops=[g for g in goals if side.get(g) is Side.OPERATIONS],
                owned=owned,
                owners=list(dict.fromkeys(o for g in owned if (o := owner_of[g]) is not None)),
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
        return OverlapWarning(
            rule=rule,
            severity=RULE_SEVERITY[rule],
            entities=tuple(dict.fromkeys(entities)),
            message=text.message.format_map(params),
            suggestion=text.suggestion.format_map(params),
            fingerprint=f"{rule}:{key}",
        )

    def names(self, ids: list[str], namer: Any) -> str:
        return join([namer(i) for i in ids], self.lang)


def _shared_kpis(c: _Ctx) -> Iterator[OverlapWarning]:
    by_kpi: dict[str, list[tuple[str, str, str]]] = defaultdict(list)  # kpi -> (goal, owner, text)
    for goal in c.chart.goals:
        if goal.owner is None:
            continue
        for text in dict.fromkeys(goal.kpis):
            kpi = normalise_kpi(text)
            if not kpi:
                continue  # a blank KPI measures nothing
            by_kpi[kpi_key(text, c.vocab)].append((goal.id, goal.owner, text))
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


_task_memo: TaskMemo[tuple[OverlapWarning, ...]] = TaskMemo()


def _task_rules(c: _Ctx, served: set[str]) -> Iterator[OverlapWarning]:
    """The rules of one task at a time; a task unchanged since the last analysis (in the same
    functions, goals and settings) is not looked at again (``memo.TaskMemo``)."""
    tasks = c.chart.tasks
    for task in tasks:
        served.update(task.goals)
    context = context_key(c.chart, c.lang, c.settings)
    for found in _task_memo.values(context, tasks, lambda t: _one_task(c, t)):
        yield from found


def _one_task(c: _Ctx, task: Any) -> tuple[OverlapWarning, ...]:
    # Called for every task of a first analysis: the common case (nothing to say) stays cheap.
    found: list[OverlapWarning] = []
    flags, flag = c._flags, c.flags
    raci = task.raci
    accountable = c._owners[task.id]  # every task of the chart is there (``owners``)
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
    responsible = [fid for fid, x in raci.items() if (flags.get(x) or flag(x))[1]]
    if len(responsible) > c.settings.max_responsible:
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
    goals = c.goal_facts(task.goals)
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
    if pursuing and goals.owners and not set(goals.owners).intersection(pursuing):
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


GROUP_TITLES = 5  # titles a group warning quotes; the rest are counted
GROUP_IDS = 10  # a group of more members is fingerprinted by a digest of its ids


def duplicate_key(ids: list[str]) -> str:
    """The fingerprint key of a group of near-duplicate tasks: the sorted ids, comma-joined
    (a pair keeps the key it always had); over GROUP_IDS members, the first id, the count
    and a digest of all of them, so that a fingerprint stays one short line."""
    ids = sorted(ids)
    if len(ids) <= GROUP_IDS:
        return ",".join(ids)
    digest = hashlib.sha1(",".join(ids).encode("utf-8")).hexdigest()[:10]
    return f"{ids[0]}+{len(ids) - 1}#{digest}"


def _duplicates(c: _Ctx) -> Iterator[OverlapWarning]:
    """One warning per group of near-duplicate tasks whose accountable functions differ.

    Groups are the connected parts of the near-duplicate pairs (``similar_groups``): a
    cluster of 1,000 similar titles is one finding, not 500,000 pairs. A group of two is
    worded and fingerprinted as the pair always was.
    """
    tasks = c.chart.tasks
    groups = similar_groups([t.title for t in tasks], c.settings.duplicate_threshold, c.vocab)
    none = "\u2014" if c.lang == "en" else "无"
    for group in groups:
        members = [tasks[i] for i in group.members]
        owner_sets = list(dict.fromkeys(tuple(sorted(c.owners(t))) for t in members))
        if len(owner_sets) < 2:
            continue
        ids = [t.id for t in members]
        owners = " / ".join(c.names(list(o), c.fname) or none for o in owner_sets)
        if len(members) == 2:
            a, b = members
            yield c.warn(
                "duplicate-task",
                ids,
                duplicate_key(ids),
                a=a.title,
                b=b.title,
                score=group.score,
                owners=owners,
            )
            continue
        quoted = [f"\u201c{t.title}\u201d" for t in members[:GROUP_TITLES]]
        if len(members) > GROUP_TITLES:
            quoted.append(MORE[c.lang].format(n=len(members) - GROUP_TITLES))
        yield c.warn_as(
            DUPLICATE_GROUP[c.lang],
            "duplicate-task",
            ids,
            duplicate_key(ids),
            count=len(members),
            titles=LIST_SEP[c.lang].join(quoted),
            score=group.score,
            owners=owners,
        )


def _overload(c: _Ctx) -> Iterator[OverlapWarning]:
    s = c.settings
    if len(c.chart.functions) < 2:
        return
    with_a = [found for found in map(c.owners, c.chart.tasks) if found]
    if len(with_a) < s.overload_min_tasks:
        return
    count: dict[str, int] = defaultdict(int)
    for found in with_a:
        for fid in found:
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


def _kpi_questions(c: _Ctx) -> Iterator[OverlapWarning]:
    """KPIs of different owners that are probably one measure under two names: ask.

    KPIs equal after normalisation and the glossaries are one key (``shared-kpi``); each key is
    named by its first spelling in sorted order and asked about once per other key, whatever
    the order of the goals.
    """
    uses: dict[str, list[tuple[str, str, str, str]]] = defaultdict(list)
    for goal in c.chart.goals:
        if goal.owner is None:
            continue
        for text in goal.kpis:
            kpi = normalise_kpi(text)
            if kpi:
                uses[kpi_key(text, c.vocab)].append((kpi, goal.owner, goal.id, text))
    items = sorted(sorted(found) for found in uses.values())
    if len(items) > MAX_KPI_QUESTIONS:
        return  # all pairs of KPIs: a chart has tens of KPIs; above this the rule is skipped
    facts = [_MeasureFacts(group[0][3], c) for group in items]
    sole = [group[0][1] if all(u[1] == group[0][1] for u in group) else None for group in items]
    for x in range(len(items)):
        for y in range(x + 1, len(items)):
            if sole[x] is not None and sole[x] == sole[y]:
                continue  # one owner on both sides: a question for nobody
            pair = _different_owners(items[x], items[y])
            if pair is None:
                continue
            reason = _same_measure(facts[x], facts[y], c)
            if reason is None:
                continue
            (_, oa, ga, ta), (_, ob, gb, tb) = pair
            yield c.warn(
                "same-kpi-question",
                [ga, gb, oa, ob],
                f"{items[x][0][0]}|{items[y][0][0]}",
                kpi_a=ta,
                kpi_b=tb,
                owner_a=c.fname(oa),
                owner_b=c.fname(ob),
                reason=reason,
            )


_Use = tuple[str, str, str, str]  # (normalised KPI, owner, goal, text)


def _different_owners(a: list[_Use], b: list[_Use]) -> tuple[_Use, _Use] | None:
    """The first uses of two KPIs (in sorted order) whose owners differ, if any."""
    other = next((u for u in b if u[1] != a[0][1]), None)
    if other is not None:
        return a[0], other
    mine = next((u for u in a if u[1] != b[0][1]), None)
    return (mine, b[0]) if mine is not None else None


class _MeasureFacts:
    """What ``_same_measure`` compares, computed once per KPI (it is called for all pairs)."""

    def __init__(self, text: str, c: _Ctx) -> None:
        self.bare = _bare(text)
        self.padded = f" {self.bare} "
        self.cjk = has_cjk(self.bare)
        letters = self.bare.replace(" ", "")
        self.letters = (
            letters if 2 <= len(letters) <= 6 and letters.isascii() and letters.isalpha() else ""
        )
        words = [w for w in self.bare.split() if w not in ("of", "the", "and", "to", "a", "per")]
        initials = "".join(w[0] for w in words if w)
        self.initials = (initials, initials + "s") if len(words) >= 2 else ()
        self.vector = c.vocab.tokens(text)
        self.total = sum(self.vector.values())


_REASONS = {
    "abbreviation": ("one is an abbreviation of the other", "一个是另一个的缩写"),
    "contained": ("one name contains the other", "一个名称包含另一个"),
    "similar": ("the names are nearly the same", "名称几乎相同"),
}


def _same_measure(a: _MeasureFacts, b: _MeasureFacts, c: _Ctx) -> str | None:
    idx = 1 if c.lang == "zh" else 0
    if not a.bare or not b.bare:
        return None
    if (a.letters and a.letters in b.initials) or (b.letters and b.letters in a.initials):
        return _REASONS["abbreviation"][idx]
    short, long_ = (a, b) if len(a.padded) <= len(b.padded) else (b, a)
    if short.padded in long_.padded and (len(short.bare.split()) >= 2 or short.cjk):
        if len(short.bare) >= 4 or (short.cjk and len(short.bare) >= 3):
            return _REASONS["contained"][idx]
    if not a.vector or not b.vector or a.vector.keys().isdisjoint(b.vector.keys()):
        return None
    if similarity(a.vector, b.vector) >= c.settings.duplicate_threshold:
        return _REASONS["similar"][idx]
    return None


def _bare(kpi: str) -> str:
    """Normalised KPI name without bracketed parts: "Sales accepted opps (SAOs)" -> words."""
    import re

    text = re.sub(r"[(（][^)）]*[)）]", " ", normalise_kpi(kpi))
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


def _support_functions(c: _Ctx) -> Iterator[OverlapWarning]:
    """A function that owns no goal and does most of its work for one owner's goals: say so once."""
    s = c.settings
    work: dict[str, list[str | None]] = defaultdict(list)
    flags = c._flags
    skip = c.goal_owners
    functions = c.functions
    owner_of = c.goal_owner
    for task in c.chart.tasks:
        sole: str | None = None  # the one owner the task's goals serve, if one
        looked = False
        for fid, cell in task.raci.items():
            if fid in skip or fid not in functions:
                continue
            firm = flags.get(cell) or c.flags(cell)
            if firm[0] or firm[1]:
                if not looked:
                    served = {o for g in task.goals if (o := owner_of.get(g)) is not None}
                    sole = served.pop() if len(served) == 1 else None
                    looked = True
                work[fid].append(sole)
    for fid, done in work.items():
        counted = [o for o in done if o is not None]
        if len(done) < s.support_min_tasks or not counted:
            continue
        top = max(sorted(set(counted)), key=counted.count)
        n = counted.count(top)
        if n / len(done) >= s.support_share:
            yield c.warn(
                "support-function",
                [fid, top],
                fid,
                function=c.fname(fid),
                owner=c.fname(top),
                count=n,
                total=len(done),
            )


def analyse(chart: Chart, settings: Settings | None = None, lang: str | None = None) -> Analysis:
    """Every warning for ``chart``, most severe first, with reviews attached."""
    with gc_paused():  # the analysis builds many small objects; a pause saves about a fifth
        return _analyse(chart, settings, lang)


def _analyse(chart: Chart, settings: Settings | None, lang: str | None) -> Analysis:
    settings = settings or Settings()
    c = _Ctx(chart, settings, lang or chart_language(chart))
    scores = convergence_scores(chart, c.vocab)
    served: set[str] = set()
    found: list[OverlapWarning] = []
    found.extend(_shared_kpis(c))
    found.extend(_kpi_questions(c))
    found.extend(_converging(c, scores))
    found.extend(_task_rules(c, served))
    found.extend(_goal_rules(c, served))
    found.extend(_overload(c))
    found.extend(_support_functions(c))
    # Last: the near-duplicate join may be under way in another process (``prefetch``), and
    # the order of the calls does not matter (warnings are sorted by severity and rule below).
    found.extend(_duplicates(c))

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
