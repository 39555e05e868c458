"""The convergence score: how alike two functions' development goals are, from 0 to 1.

Only functions that own at least one goal can converge; a function that owns none is a support
function (it works for others' goals) and scores 0 with everyone.

A function's portfolio weighs each goal by ownership plus the work behind it:

    w_F(g) = OWNERSHIP * [F owns g] + sum of effort(t) * role(F, t) / |goals counted|

over the tasks t serving g in which F firmly owns the outcome or does the work (role 1) or
supports (role 0.5). Signing off, being consulted or informed, and every conditional role
count 0. When a task serves goals F owns and goals it does not, F's work counts only towards
its own goals: working side by side on a joint task, each for its own goal, is collaboration,
not convergence.

Each function then has two distributions: over goal kinds (``other`` counts for nothing) and
over KPIs (compared through the glossaries). For each, the score of F and G is

    S = max( sum_k p_F(k) * min(1, p_G(k) / min(TAU, p_F(k))),  the same with F and G swapped )

the share of one function's portfolio that lies where the other is invested as much (or at
least TAU of its portfolio, which counts as fully invested). A narrow team whose whole portfolio sits inside a
broad one's scores 1; identical portfolios score 1; disjoint ones 0. The convergence score is
the larger of the kind score and the KPI score, so the same kinds with every KPI named
differently converge, and so does the same KPI under different kinds. docs/analysis.md has
worked examples.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from itertools import chain, combinations, repeat

from rolemap.core.analysis.memo import Change, LastResult, Tally, context_key
from rolemap.core.analysis.terms import Vocabulary, vocabulary
from rolemap.core.analysis.text import normalise_kpi
from rolemap.core.catalogue import GoalKind
from rolemap.core.model import Chart, Task
from rolemap.core.roles import Role, cell_roles

OWNERSHIP = 1.0
SUPPORT_SHARE = 0.5
TAU = 0.25


@dataclass(frozen=True)
class Convergence:
    functions: tuple[str, str]
    score: float
    shared: tuple[
        str, ...
    ]  # features both portfolios carry, heaviest first ("kind:...", "kpi:...")


def kpi_key(kpi: str, vocab: Vocabulary) -> str:
    """KPIs that mean the same compare equal: normalised, stemmed, glossary terms as one."""
    tokens = vocab.tokens(normalise_kpi(kpi))
    return " ".join(sorted(t for t, w in tokens.items() if w >= 0.35)) or normalise_kpi(kpi)


class KpiKeys:
    """``kpi_key`` for one vocabulary, each distinct KPI tokenised once: one analysis asks for
    the same KPIs' keys in the portfolios, their labels, shared-kpi and same-kpi-question."""

    def __init__(self, vocab: Vocabulary) -> None:
        self.vocab = vocab
        self._keys: dict[str, str] = {}

    def __call__(self, kpi: str) -> str:
        found = self._keys.get(kpi)
        if found is None:
            found = self._keys[kpi] = kpi_key(kpi, self.vocab)
        return found


def kpi_keys(vocab: Vocabulary) -> KpiKeys:
    """The ``KpiKeys`` of ``vocab``, kept while the chart's glossary stays the same (the app
    analyses after every edit; its KPIs are tokenised once)."""
    global _last_keys
    found = _last_keys
    if found is None or found.vocab is not vocab:
        found = _last_keys = KpiKeys(vocab)
    return found


_last_keys: KpiKeys | None = None

# Per task: (function, the goals its work counts towards, the share each goal gets).
_Shares = tuple[tuple[str, tuple[str, ...], float], ...]
_Weights = dict[str, dict[str, float]]


class _ShareTally(Tally[_Shares, _Weights]):
    """Each function's weight per goal: ownership plus the shares of the tasks that serve it.

    Each (function, goal) keeps the multiset of its shares; after an edit only the pairs
    whose shares changed are summed again, with the same exact sum (``math.fsum`` of the same
    values in the same sorted order) as a first analysis."""

    def __init__(self) -> None:
        self.ownership: list[tuple[str, str]] = []  # (owner, goal) of the context's goals
        self.functions: tuple[str, ...] = ()
        self.goal_rank: dict[str, int] = {}
        super().__init__()

    def clear(self) -> None:
        self.parts: dict[tuple[str, str], Counter[float]] = defaultdict(Counter)
        self.sums: dict[tuple[str, str], float] = {}
        self.dirty: set[tuple[str, str]] = set()
        self.order: list[tuple[str, str]] | None = None  # the pairs of ``sums``, in report order
        self.weights: _Weights | None = None  # the last report
        for pair in self.ownership:
            self.parts[pair][OWNERSHIP] += 1
            self.dirty.add(pair)

    def start(self, chart: Chart) -> None:
        """The context's goals and functions (called when the context changes)."""
        self.functions = tuple(dict.fromkeys(f.id for f in chart.functions))
        self.ownership = [(g.owner, g.id) for g in chart.goals if g.owner in self.functions]
        self.goal_rank = {}
        for i, goal in enumerate(chart.goals):
            self.goal_rank.setdefault(goal.id, i)

    def build(self, values: Sequence[_Shares]) -> None:
        parts = self.parts
        every = Counter(
            [
                (fid, gid, share)
                for value in values
                for fid, counted, share in value
                for gid in counted
            ]
        )
        for (fid, gid, share), n in every.items():
            parts[fid, gid][share] += n
        self.dirty.update(parts)

    def add(self, value: _Shares) -> None:
        for fid, counted, share in value:
            for gid in counted:
                self.parts[fid, gid][share] += 1
                self.dirty.add((fid, gid))

    def remove(self, value: _Shares) -> None:
        for fid, counted, share in value:
            for gid in counted:
                part = self.parts[fid, gid]
                part[share] -= 1
                if not part[share]:
                    del part[share]
                self.dirty.add((fid, gid))

    def report(self, change: Change[_Shares]) -> _Weights:
        if not self.dirty and self.weights is not None:
            return self.weights  # nothing changed (the caller only reads it)
        parts, sums = self.parts, self.sums
        before = len(sums)
        for pair in self.dirty:
            part = parts.get(pair)
            if part:
                values = chain.from_iterable(repeat(v, n) for v, n in sorted(part.items()))
                sums[pair] = math.fsum(values)
            else:
                sums.pop(pair, None)
                parts.pop(pair, None)
                self.order = None
        self.dirty = set()
        if self.order is None or len(sums) != before:
            # goals in a fixed order: the function's own first, then as the chart lists them
            owned, rank, last = set(self.ownership), self.goal_rank, len(self.goal_rank)
            self.order = sorted(sums, key=lambda p: (p not in owned, rank.get(p[1], last), p[1]))
        weights: _Weights = {fid: {} for fid in self.functions}
        for fid, gid in self.order:
            weights[fid][gid] = sums[fid, gid]
        self.weights = weights
        return weights


_share_tally = _ShareTally()


def work_share(chart: Chart, key: Hashable | None = None) -> dict[str, dict[str, float]]:
    """Per function: goal id -> weight (ownership plus the firm work that serves it).

    ``key``: ``memo.context_key(chart)`` when the caller has it."""
    owned: dict[str, set[str]] = defaultdict(set)
    for goal in chart.goals:
        if goal.owner is not None:
            owned[goal.owner].add(goal.id)
    functions = tuple(dict.fromkeys(f.id for f in chart.functions))
    notation = chart.notation
    factors: dict[str, float] = {}  # cell -> its work factor (0: no firm work); a few dozen cells

    def factor(cell: str) -> float:
        roles = cell_roles(cell, notation)
        if roles.get(Role.OWNS) is False or roles.get(Role.DOES) is False:
            return 1.0
        if roles.get(Role.SUPPORTS) is False:
            return SUPPORT_SHARE
        return 0.0

    # goals of a task -> function -> (the goals its work counts towards, how many): a chart's
    # tasks share a few thousand goal tuples
    splits: dict[tuple[str, ...], dict[str, tuple[tuple[str, ...], int]]] = {}

    def split(goals: tuple[str, ...]) -> dict[str, tuple[tuple[str, ...], int]]:
        out: dict[str, tuple[tuple[str, ...], int]] = {}
        for fid in functions:
            mine = owned.get(fid)
            counted = goals
            if mine:
                counted = tuple([g for g in goals if g in mine]) or goals
            out[fid] = (counted, len(counted))
        splits[goals] = out
        return out

    def shares(task: Task) -> _Shares:
        goals = task.goals
        if not goals:
            return ()
        by_function = splits.get(goals) or split(goals)
        out: list[tuple[str, tuple[str, ...], float]] = []
        for fid, cell in task.raci.items():
            counts = by_function.get(fid)
            if counts is None:
                continue  # not a function of the chart
            found = factors.get(cell)
            if found is None:
                found = factors[cell] = factor(cell)
            if not found:
                continue
            counted, n = counts
            out.append((fid, counted, task.size * found / n))
        return tuple(out)

    # A task unchanged since the last analysis is not looked at again, nor are the sums of
    # the goals its work serves (memo.Tally).
    key = context_key(chart) if key is None else key
    _, weights = _share_tally.update(key, chart.tasks, shares, lambda: _share_tally.start(chart))
    return weights


def portfolios(
    chart: Chart,
    vocab: Vocabulary | None = None,
    keys: KpiKeys | None = None,
    weights: _Weights | None = None,
) -> tuple[dict[str, dict[str, float]], dict[str, dict[str, float]]]:
    """Per function: its kind distribution and its KPI distribution (each sums to 1 or is empty).

    ``weights``: ``work_share(chart)`` when the caller has it."""
    keys = keys or KpiKeys(vocab or vocabulary(chart.glossary))
    goals = chart.goal_ids()
    kpis = {g.id: list(dict.fromkeys(k for k in map(keys, g.kpis) if k)) for g in chart.goals}
    kinds: dict[str, dict[str, float]] = {}
    measures: dict[str, dict[str, float]] = {}
    for fid, mine in (work_share(chart) if weights is None else weights).items():
        kind_terms: dict[str, list[float]] = defaultdict(list)
        kpi_terms: dict[str, list[float]] = defaultdict(list)
        for gid, weight in mine.items():
            goal = goals.get(gid)
            if goal is None:
                continue
            if goal.kind is not GoalKind.OTHER:
                kind_terms[f"kind:{goal.kind.value}"].append(weight)
            for key in kpis[gid]:
                kpi_terms[f"kpi:{key}"].append(weight / len(kpis[gid]))
        kinds[fid] = _normalised(kind_terms)
        measures[fid] = _normalised(kpi_terms)
    return kinds, measures


def _normalised(terms: dict[str, list[float]]) -> dict[str, float]:
    vector = {k: math.fsum(sorted(v)) for k, v in terms.items()}
    total = math.fsum(sorted(vector.values()))
    return {k: v / total for k, v in vector.items()} if total else {}


def inside(a: dict[str, float], b: dict[str, float]) -> float:
    """The share of portfolio a that lies where b is invested as much as a (or at least TAU)."""
    return math.fsum(
        sorted(p * min(1.0, b.get(k, 0.0) / min(TAU, p)) for k, p in a.items() if p > 0)
    )


def similarity(a: dict[str, float], b: dict[str, float]) -> float:
    if not a or not b:
        return 0.0
    return max(inside(a, b), inside(b, a))


_last_scores: LastResult[list[Convergence]] = LastResult()


def convergence_scores(
    chart: Chart,
    vocab: Vocabulary | None = None,
    keys: KpiKeys | None = None,
    weights: _Weights | None = None,
) -> list[Convergence]:
    """Every pair of functions' convergence. ``weights``: ``work_share(chart)`` when the
    caller has it; the scores are then kept while it, the goals and their KPIs stay the same
    (an edit of a task's title or tags changes none of them)."""
    keys = keys or KpiKeys(vocab or vocabulary(chart.glossary))
    if weights is None:
        return _scores(chart, keys, work_share(chart))
    key = (context_key(chart), tuple(g.kpis for g in chart.goals), keys.vocab, weights)
    return list(_last_scores.get(key, lambda: _scores(chart, keys, weights)))


def forget() -> None:
    """Keep nothing for the next analysis (``rules.forget``)."""
    global _last_keys
    _share_tally.forget()
    _last_scores.forget()
    _last_keys = None


def _scores(chart: Chart, keys: KpiKeys, weights: _Weights) -> list[Convergence]:
    kinds, measures = portfolios(chart, keys=keys, weights=weights)
    owners = {g.owner for g in chart.goals if g.owner is not None}
    labels: dict[str, str] = {}  # "kpi:<key>" -> "kpi:<the KPI as first written>"
    for goal in chart.goals:
        for text in goal.kpis:
            labels.setdefault(f"kpi:{keys(text)}", f"kpi:{normalise_kpi(text)}")
    out = []
    for a, b in combinations([f.id for f in chart.functions], 2):
        if a not in owners or b not in owners:
            out.append(Convergence((a, b), 0.0, ()))
            continue
        score = max(similarity(kinds[a], kinds[b]), similarity(measures[a], measures[b]))
        va = {**kinds[a], **measures[a]}
        vb = {**kinds[b], **measures[b]}
        shared = sorted(va.keys() & vb.keys(), key=lambda k: (-min(va[k], vb[k]), labels.get(k, k)))
        named = tuple(labels.get(k, k) for k in shared)
        out.append(Convergence((a, b), round(min(score, 1.0), 2), named))
    return out


def ruzicka(a: dict[str, float], b: dict[str, float]) -> float:
    """Weighted Jaccard; exact sums (math.fsum), so the order of the keys does not matter."""
    if not a or not b:
        return 0.0
    keys = a.keys() | b.keys()
    low = math.fsum(sorted(min(a.get(k, 0.0), b.get(k, 0.0)) for k in keys))
    high = math.fsum(sorted(max(a.get(k, 0.0), b.get(k, 0.0)) for k in keys))
    return low / high if high else 0.0


def combined_portfolios(chart: Chart) -> dict[str, dict[str, float]]:
    """Per goal-owning function: kinds and KPIs in one vector summing to 1 (half each when it
    has both), for comparing functions across charts (rolemap.core.org)."""
    kinds, kpis = portfolios(chart)
    owners = {g.owner for g in chart.goals if g.owner is not None}
    out: dict[str, dict[str, float]] = {}
    for fid in kinds:
        if fid not in owners:
            out[fid] = {}
            continue
        parts = [p for p in (kinds[fid], kpis[fid]) if p]
        out[fid] = {k: v / len(parts) for part in parts for k, v in part.items()}
    return out
