"""The convergence score: how alike two functions' goal portfolios are, from 0 to 1.

A function's portfolio weighs each goal by ownership plus the work behind it:
    w_F(g) = [F owns g] + sum over tasks t serving g where F is R or A in t of 1 / |goals(t)|
Each goal spreads its weight over features: half to its kind (unless 'other'), half shared by
its normalised KPIs (all to the kind when it has no KPI, all to the KPIs when its kind is
'other'). The score of F and G is the weighted Jaccard (Ruzicka) similarity of their
normalised feature vectors: sum(min) / sum(max). See docs/analysis.md for a worked example.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import combinations

from rolemap.core.analysis.text import normalise_kpi
from rolemap.core.catalogue import GoalKind
from rolemap.core.model import Chart, Goal


@dataclass(frozen=True)
class Convergence:
    functions: tuple[str, str]
    score: float
    shared: tuple[
        str, ...
    ]  # features both portfolios carry, heaviest first ("kind:...", "kpi:...")


def goal_features(goal: Goal) -> dict[str, float]:
    features: dict[str, float] = {}
    kpis = [k for k in dict.fromkeys(normalise_kpi(k) for k in goal.kpis) if k]
    has_kind = goal.kind is not GoalKind.OTHER
    kind_share = 0.0 if not has_kind else (0.5 if kpis else 1.0)
    if has_kind:
        features[f"kind:{goal.kind.value}"] = kind_share
    for kpi in kpis:
        features[f"kpi:{kpi}"] = features.get(f"kpi:{kpi}", 0.0) + (1.0 - kind_share) / len(kpis)
    return features


def goal_weights(chart: Chart) -> dict[str, dict[str, float]]:
    """Per function: goal id -> weight (ownership plus the R/A work that serves it).

    Work is counted per task size (how many tasks serving a goal had 1, 2, ... goals) and
    summed exactly, so the result does not depend on the order of tasks or goals.
    """
    counts: dict[str, dict[str, Counter[int]]] = {
        f.id: defaultdict(Counter) for f in chart.functions
    }
    for goal in chart.goals:
        if goal.owner in counts:
            counts[goal.owner][goal.id][1] += 1
    for task in chart.tasks:
        if not task.goals:
            continue
        size = len(task.goals)
        for fid, letters in task.raci.items():
            if fid in counts and ("R" in letters or "A" in letters):
                portfolio = counts[fid]
                for gid in task.goals:
                    portfolio[gid][size] += 1
    return {
        fid: {
            gid: math.fsum(n / size for size, n in sorted(by_size.items()))
            for gid, by_size in goals.items()
        }
        for fid, goals in counts.items()
    }


def portfolios(chart: Chart) -> dict[str, dict[str, float]]:
    """Per function: its normalised feature vector (empty when it has no goals or work)."""
    features = {g.id: goal_features(g) for g in chart.goals}
    result: dict[str, dict[str, float]] = {}
    for fid, weights in goal_weights(chart).items():
        terms: dict[str, list[float]] = defaultdict(list)
        for gid, weight in weights.items():
            for feature, share in features.get(gid, {}).items():
                terms[feature].append(weight * share)
        vector = {k: math.fsum(v) for k, v in terms.items()}
        total = math.fsum(vector.values())
        result[fid] = {k: v / total for k, v in vector.items()} if total else {}
    return result


def ruzicka(a: dict[str, float], b: dict[str, float]) -> float:
    """Weighted Jaccard; exact sums (math.fsum), so the order of the keys does not matter."""
    if not a or not b:
        return 0.0
    keys = a.keys() | b.keys()
    low = math.fsum(min(a.get(k, 0.0), b.get(k, 0.0)) for k in keys)
    high = math.fsum(max(a.get(k, 0.0), b.get(k, 0.0)) for k in keys)
    return low / high if high else 0.0


def convergence_scores(chart: Chart) -> list[Convergence]:
    vectors = portfolios(chart)
    out = []
    for a, b in combinations([f.id for f in chart.functions], 2):
        va, vb = vectors[a], vectors[b]
        shared = sorted(va.keys() & vb.keys(), key=lambda k: (-min(va[k], vb[k]), k))
        out.append(Convergence((a, b), round(ruzicka(va, vb), 2), tuple(shared)))
    return out
