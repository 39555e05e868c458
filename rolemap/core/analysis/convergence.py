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
from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations

from rolemap.core.analysis.memo import TaskMemo, context_key
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


# Per task: (function, the goals its work counts towards, the share each goal gets).
_Shares = tuple[tuple[str, tuple[str, ...], float], ...]
_share_memo: TaskMemo[_Shares] = TaskMemo()


def work_share(chart: Chart) -> dict[str, dict[str, float]]:
    """Per function: goal id -> weight (ownership plus the firm work that serves it)."""
    owned: dict[str, set[str]] = defaultdict(set)
    for goal in chart.goals:
        if goal.owner is not None:
            owned[goal.owner].add(goal.id)
    weights: dict[str, dict[str, list[float]]] = {f.id: defaultdict(list) for f in chart.functions}
    for goal in chart.goals:
        if goal.owner in weights:
            weights[goal.owner][goal.id].append(OWNERSHIP)
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
        for fid in weights:
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

    # A task unchanged since the last analysis is not looked at again (memo.TaskMemo).
    for found in _share_memo.values(context_key(chart), chart.tasks, shares):
        for fid, counted, share in found:
            mine = weights[fid]
            for gid in counted:
                mine[gid].append(share)
    return {
        fid: {gid: math.fsum(sorted(v)) for gid, v in goals.items()}
        for fid, goals in weights.items()
    }


def portfolios(
    chart: Chart, vocab: Vocabulary | None = None, keys: KpiKeys | None = None
) -> tuple[dict[str, dict[str, float]], dict[str, dict[str, float]]]:
    """Per function: its kind distribution and its KPI distribution (each sums to 1 or is empty)."""
    keys = keys or KpiKeys(vocab or vocabulary(chart.glossary))
    goals = chart.goal_ids()
    kpis = {g.id: list(dict.fromkeys(k for k in map(keys, g.kpis) if k)) for g in chart.goals}
    kinds: dict[str, dict[str, float]] = {}
    measures: dict[str, dict[str, float]] = {}
    for fid, weights in work_share(chart).items():
        kind_terms: dict[str, list[float]] = defaultdict(list)
        kpi_terms: dict[str, list[float]] = defaultdict(list)
        for gid, weight in weights.items():
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


def convergence_scores(
    chart: Chart, vocab: Vocabulary | None = None, keys: KpiKeys | None = None
) -> list[Convergence]:
    keys = keys or KpiKeys(vocab or vocabulary(chart.glossary))
    kinds, measures = portfolios(chart, keys=keys)
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
