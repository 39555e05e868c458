"""The organisation: what no single chart shows, found across a folder of team charts.

Functions are matched across charts by name (NFKC, case and spacing folded): "Marketing" in
the growth team's chart and "marketing" in the brand team's are taken as the same department.
Entities are named ``chart.yaml#id`` (the chart's path relative to the folder). Rules:

- org-shared-kpi (high): one KPI measures goals owned by differently named functions in
  different charts.
- org-converging-functions (high): two function names whose portfolios, merged over every
  chart they appear in, converge (same score as in a chart, over the merged portfolios).
- org-duplicate-task (medium): near-duplicate task titles in different charts accountable to
  differently named functions (one warning per group of near-duplicates).
- org-same-function (low): a function name in several charts, with how well its portfolios
  agree (mean similarity of each chart's portfolio to the merged one).
- org-stale-review (low): a review in rolemap-org.yaml whose finding no longer exists.

Everything here is linear in the number of tasks, except the near-duplicate join (close to
linear: see similarity.py) and the pairs of distinct function names.
"""

from __future__ import annotations

import math
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from itertools import combinations

from rolemap.core.analysis import SEVERITIES, OverlapWarning, chart_language
from rolemap.core.analysis.convergence import combined_portfolios, ruzicka
from rolemap.core.analysis.messages import join
from rolemap.core.analysis.similarity import DEFAULT_THRESHOLD, similar_groups
from rolemap.core.analysis.text import normalise_kpi
from rolemap.core.checking import ChartCheck
from rolemap.core.locate import Locations, Place
from rolemap.core.model import Review

ORG_RULES = (
    "org-shared-kpi",
    "org-converging-functions",
    "org-duplicate-task",
    "org-same-function",
    "org-stale-review",
)
ORG_SEVERITY = {
    "org-shared-kpi": "high",
    "org-converging-functions": "high",
    "org-duplicate-task": "medium",
    "org-same-function": "low",
    "org-stale-review": "low",
}
_TEXT = {
    "org-shared-kpi": (
        "The KPI \u201c{kpi}\u201d measures goals of {owners} in different charts ({charts}). "
        "Teams measured on the same number will compete for it.",
        "Agree across teams which function owns this KPI; give the others a measure of their own.",
        "指标\u201c{kpi}\u201d在不同图表中同时衡量{owners}的目标（{charts}）。用同一个数字考核的团队会争夺它。",
        "跨团队商定这个指标归哪个部门，其他部门改用自己的指标。",
    ),
    "org-converging-functions": (
        "Across the organisation, the goals of {a} and {b} converge (score {score:.2f}, "
        "threshold {threshold:.2f}; {charts_a} and {charts_b} charts).",
        "Decide across teams which goals belong to which function.",
        "在整个组织里，{a}和{b}的目标趋同（趋同度 {score:.2f}，阈值 {threshold:.2f}；分别出现在 "
        "{charts_a} 和 {charts_b} 个图表中）。",
        "跨团队明确哪些目标归哪个部门。",
    ),
    "org-duplicate-task": (
        "\u201c{title}\u201d looks like the same work in {count} charts ({charts}), "
        "accountable to different functions ({owners}).",
        "Agree which team owns this work; the others can be C or I.",
        "\u201c{title}\u201d在 {count} 个图表中像是同一件工作（{charts}），却由不同部门负责（{owners}）。",
        "商定由哪个团队负责这项工作，其他团队改为 C 或 I。",
    ),
    "org-same-function": (
        "\u201c{name}\u201d is a function in {count} charts ({charts}); its goals agree "
        "{agreement} across them.",
        "If it is one department, keep its goals consistent across charts; if not, rename it.",
        "\u201c{name}\u201d出现在 {count} 个图表中（{charts}）；各图表中的目标一致度 {agreement}。",
        "如果是同一个部门，请保持各图表中的目标一致；如果不是，请改名区分。",
    ),
    "org-stale-review": (
        "rolemap-org.yaml reviews \u201c{fingerprint}\u201d, which is no longer found.",
        "Remove the review, or fix the charts if the finding should still be there.",
        "rolemap-org.yaml 中的评审结论\u201c{fingerprint}\u201d已找不到对应的预警。",
        "删除这条评审结论；如果预警本应存在，请检查图表。",
    ),
}
MAX_NAMED = 5  # charts named in a message; the rest are counted


def _ruzicka_into(small: dict[str, float], big: dict[str, float], big_total: float) -> float:
    """ruzicka(small, big) in O(len(small)): sum(max) = sum(small) + sum(big) - sum(min).

    A merged portfolio grows with the number of charts; comparing each chart's portfolio with
    it through every key would make the agreement quadratic in the charts.
    """
    if not small or not big:
        return 0.0
    low = math.fsum(min(v, big.get(k, 0.0)) for k, v in small.items())
    high = math.fsum(small.values()) + big_total - low
    return low / high if high else 0.0


def name_key(name: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


@dataclass(frozen=True)
class OrgPair:
    a: str
    b: str
    score: float


@dataclass(frozen=True)
class OrgFunction:
    name: str
    charts: int
    agreement: float | None  # None when the function has no goals or work anywhere


@dataclass
class OrgResult:
    warnings: list[OverlapWarning] = field(default_factory=list)
    pairs: list[OrgPair] = field(default_factory=list)
    functions: list[OrgFunction] = field(default_factory=list)
    lang: str = "en"


@dataclass(frozen=True)
class OrgLocations:
    """Places of ``chart#id`` entities in their charts, and of reviews in rolemap-org.yaml."""

    charts: dict[str, Locations]
    org_file: str | None = None
    reviews: dict[str, tuple[int, int]] = field(default_factory=dict)

    def place(self, entity: str) -> Place | None:
        rel, _, ident = entity.rpartition("#")
        locations = self.charts.get(rel)
        return locations.place(ident) if locations else None

    def review_place(self, fingerprint: str) -> Place | None:
        where = self.reviews.get(fingerprint)
        if where is None or self.org_file is None:
            return None
        return Place(self.org_file, where[0], where[1], f"review:{fingerprint}")

    def for_warning(
        self, entities: Iterable[str], fingerprint: str, rule: str = ""
    ) -> tuple[Place | None, tuple[Place, ...]]:
        places = [p for p in (self.place(e) for e in entities) if p is not None]
        if rule == "org-stale-review":
            stale = self.review_place(fingerprint.partition(":")[2])
            if stale is not None:
                places.insert(0, stale)
        else:
            review = self.review_place(fingerprint)
            if review is not None:
                places.append(review)
        if not places:
            return None, ()
        return places[0], tuple(places[1:])


class _Org:
    def __init__(self, checks: Sequence[tuple[str, ChartCheck]], lang: str) -> None:
        self.checks = [(rel, c) for rel, c in checks if c.chart is not None]
        self.lang = lang
        self.display: dict[str, str] = {}  # name key -> the name as first written

    def warn(self, rule: str, entities: list[str], key: str, **params: object) -> OverlapWarning:
        en_msg, en_fix, zh_msg, zh_fix = _TEXT[rule]
        message, suggestion = (zh_msg, zh_fix) if self.lang == "zh" else (en_msg, en_fix)
        return OverlapWarning(
            rule=rule,
            severity=ORG_SEVERITY[rule],
            entities=tuple(dict.fromkeys(entities)),
            message=message.format(**params),
            suggestion=suggestion.format(**params),
            fingerprint=f"{rule}:{key}",
        )

    def charts_text(self, rels: Iterable[str]) -> str:
        rels = list(dict.fromkeys(rels))
        shown = rels[:MAX_NAMED]
        more = len(rels) - len(shown)
        if more:
            shown.append(f"+{more}")
        return join(shown, self.lang)


def _functions(org: _Org) -> tuple[dict[str, list[tuple[str, str]]], dict[str, dict[str, str]]]:
    """Name key -> [(chart, function id)], and per chart: function id -> name key."""
    by_name: dict[str, list[tuple[str, str]]] = defaultdict(list)
    keys: dict[str, dict[str, str]] = {}
    for rel, check in org.checks:
        assert check.chart is not None
        keys[rel] = {}
        for f in check.chart.functions:
            key = name_key(f.name)
            org.display.setdefault(key, f.name)
            by_name[key].append((rel, f.id))
            keys[rel][f.id] = key
    return by_name, keys


def _shared_kpis(org: _Org, keys: dict[str, dict[str, str]]) -> list[OverlapWarning]:
    uses: dict[str, list[tuple[str, str, str]]] = defaultdict(list)  # kpi -> (chart, goal, owner)
    original: dict[str, str] = {}
    for rel, check in org.checks:
        assert check.chart is not None
        for goal in check.chart.goals:
            owner = keys[rel].get(goal.owner or "")
            if owner is None:
                continue
            for kpi in goal.kpis:
                norm = normalise_kpi(kpi)
                if norm:
                    original.setdefault(norm, kpi.strip())
                    uses[norm].append((rel, goal.id, owner))
    out = []
    for kpi, found in uses.items():
        owners = sorted({o for _, _, o in found})
        charts = list(dict.fromkeys(r for r, _, _ in found))
        if len(owners) < 2 or len(charts) < 2:
            continue
        entities = [f"{r}#{g}" for r, g, _ in found]
        out.append(
            org.warn(
                "org-shared-kpi",
                entities,
                f"{kpi}:{','.join(owners)}",
                kpi=original[kpi],
                owners=join([org.display[o] for o in owners], org.lang),
                charts=org.charts_text(charts),
            )
        )
    return out


def _merged_portfolios(
    org: _Org, by_name: dict[str, list[tuple[str, str]]]
) -> tuple[dict[str, dict[str, float]], dict[str, list[dict[str, float]]]]:
    instances: dict[str, list[dict[str, float]]] = defaultdict(list)
    per_chart = {}
    for rel, check in org.checks:
        assert check.chart is not None
        per_chart[rel] = combined_portfolios(check.chart)
    for key, uses in by_name.items():
        for rel, fid in uses:
            vector = per_chart[rel].get(fid)
            if vector:
                instances[key].append(vector)
    merged: dict[str, dict[str, float]] = {}
    for key, vectors in instances.items():
        total: dict[str, float] = defaultdict(float)
        for vector in vectors:
            for feature, value in vector.items():
                total[feature] += value / len(vectors)
        merged[key] = dict(total)
    return merged, instances


def _duplicates(
    org: _Org, keys: dict[str, dict[str, str]], threshold: float
) -> list[OverlapWarning]:
    """Near-duplicate titles across charts, grouped: identical titles are joined once."""
    members: dict[str, list[tuple[str, str, frozenset[str]]]] = defaultdict(list)
    for rel, check in org.checks:
        assert check.chart is not None
        names = keys[rel]
        for task in check.chart.tasks:
            owners = frozenset(names.get(f, f) for f in task.owners(check.chart.notation))
            members[task.title].append((rel, task.id, owners))
    titles = list(members)
    groups = [list(g.members) for g in similar_groups(titles, threshold)]
    grouped = {i for g in groups for i in g}
    groups += [[i] for i in range(len(titles)) if i not in grouped]  # one title, several charts
    out = []
    for indices in groups:
        found = [m for i in indices for m in members[titles[i]]]
        charts = list(dict.fromkeys(r for r, _, _ in found))
        owner_sets = {o for _, _, o in found}
        if len(charts) < 2 or len(owner_sets) < 2:
            continue
        first = min(titles[i] for i in indices)
        owner_names = sorted({n for s in owner_sets for n in s})
        label = join([org.display.get(n, n) for n in owner_names], org.lang) or "\u2014"
        out.append(
            org.warn(
                "org-duplicate-task",
                [f"{r}#{t}" for r, t, _ in found],
                f"{name_key(first)}:{','.join(owner_names)}",
                title=first,
                count=len(charts),
                charts=org.charts_text(charts),
                owners=label,
            )
        )
    return out


def analyse_org(
    checks: Sequence[tuple[str, ChartCheck]],
    reviews: Sequence[Review] = (),
    *,
    convergence_threshold: float = 0.5,
    duplicate_threshold: float = DEFAULT_THRESHOLD,
    top_pairs: int = 5,
) -> OrgResult:
    """Cross-chart findings for ``checks`` ((relative path, check) pairs), reviews attached."""
    langs = [chart_language(c.chart) for _, c in checks if c.chart is not None]
    lang = "zh" if langs and langs.count("zh") * 2 > len(langs) else "en"
    org = _Org(checks, lang)
    by_name, keys = _functions(org)
    found = _shared_kpis(org, keys)

    merged, instances = _merged_portfolios(org, by_name)
    pairs = []
    for a, b in combinations(sorted(merged), 2):
        score = round(ruzicka(merged[a], merged[b]), 2)
        if score > 0:
            pairs.append(OrgPair(org.display[a], org.display[b], score))
        if score >= convergence_threshold:
            found.append(
                org.warn(
                    "org-converging-functions",
                    [f"{r}#{f}" for r, f in by_name[a] + by_name[b]],
                    f"{a},{b}",
                    a=org.display[a],
                    b=org.display[b],
                    score=score,
                    threshold=convergence_threshold,
                    charts_a=len({r for r, _ in by_name[a]}),
                    charts_b=len({r for r, _ in by_name[b]}),
                )
            )
    pairs.sort(key=lambda p: (-p.score, p.a, p.b))

    found.extend(_duplicates(org, keys, duplicate_threshold))

    functions = []
    for key, uses in sorted(by_name.items()):
        charts = list(dict.fromkeys(r for r, _ in uses))
        vectors = instances.get(key, [])
        agreement = None
        if vectors:
            total = math.fsum(merged[key].values())
            scores = [_ruzicka_into(v, merged[key], total) for v in vectors]
            agreement = round(math.fsum(scores) / len(scores), 2)
        functions.append(OrgFunction(org.display[key], len(charts), agreement))
        if len(charts) >= 2:
            found.append(
                org.warn(
                    "org-same-function",
                    [f"{r}#{f}" for r, f in uses],
                    key,
                    name=org.display[key],
                    count=len(charts),
                    charts=org.charts_text(charts),
                    agreement="—" if agreement is None else f"{agreement:.2f}",
                )
            )

    live = {w.fingerprint for w in found}
    for review in reviews:
        if review.warning not in live:
            found.append(
                org.warn("org-stale-review", [], review.warning, fingerprint=review.warning)
            )
    by_fp = {r.warning: r for r in reviews}
    attached = [
        replace(w, review=by_fp[w.fingerprint]) if w.fingerprint in by_fp else w for w in found
    ]
    rank = {rule: i for i, rule in enumerate(ORG_RULES)}
    sev = {s: i for i, s in enumerate(SEVERITIES)}
    attached.sort(key=lambda w: (sev[w.severity], rank[w.rule], w.fingerprint))
    return OrgResult(attached, pairs[:top_pairs], functions, lang)
