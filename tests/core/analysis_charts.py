"""Small role charts for the analysis tests: terse builders and overlap-prone hypothesis charts."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from hypothesis import strategies as st

from rolemap.core.catalogue import Archetype, GoalKind
from rolemap.core.model import Chart, Review
from tests.strategies import raci_letters

FUNCTION_NAMES = {
    "marketing": "Marketing",
    "operations": "Operations",
    "product": "Product",
    "service": "Customer service",
}
DEFAULT_ARCHETYPES = {
    "marketing": "brand",
    "operations": "operations",
    "product": "other",
    "service": "other",
}


def F(fid: str, archetype: str | None = None, name: str | None = None) -> dict[str, Any]:
    """A function; 'marketing' is brand, 'operations' is operations, others 'other'."""
    return {
        "id": fid,
        "name": name or FUNCTION_NAMES.get(fid, fid.title()),
        "archetype": archetype or DEFAULT_ARCHETYPES.get(fid, "other"),
    }


def G(
    gid: str,
    owner: str | None,
    kind: str = "other",
    kpis: Iterable[str] = ("a KPI",),
    name: str | None = None,
) -> dict[str, Any]:
    """A goal; it has one placeholder KPI unless told otherwise (so goal-without-kpi is quiet)."""
    goal: dict[str, Any] = {"id": gid, "name": name or gid, "kind": kind, "kpis": list(kpis)}
    if owner is not None:
        goal["owner"] = owner
    return goal


def T(
    tid: str,
    raci: Mapping[str, str] | None = None,
    goals: Iterable[str] = (),
    title: str | None = None,
) -> dict[str, Any]:
    return {"id": tid, "title": title or tid, "goals": list(goals), "raci": dict(raci or {})}


def R(
    warning: str, status: str = "accepted", note: str | None = "Decided in the workshop."
) -> dict[str, Any]:
    return {"warning": warning, "status": status, "note": note}


def make_chart(
    functions: Iterable[dict[str, Any]] = (),
    goals: Iterable[dict[str, Any]] = (),
    tasks: Iterable[dict[str, Any]] = (),
    reviews: Iterable[dict[str, Any]] = (),
    title: str = "Campus bike-sharing",
) -> Chart:
    """A validated chart; references are checked here as the loader would."""
    chart = Chart.model_validate(
        {
            "title": title,
            "functions": list(functions),
            "goals": list(goals),
            "tasks": list(tasks),
            "reviews": list(reviews),
        }
    )
    assert_valid(chart)
    return chart


def assert_valid(chart: Chart) -> None:
    ids = [x.id for x in (*chart.functions, *chart.goals, *chart.tasks)]
    assert len(ids) == len(set(ids)), f"duplicate ids in {ids}"
    fids, gids = set(chart.function_ids()), set(chart.goal_ids())
    for g in chart.goals:
        assert g.owner is None or g.owner in fids, g
    for t in chart.tasks:
        assert set(t.goals) <= gids and len(set(t.goals)) == len(t.goals), t
        assert set(t.raci) <= fids, t


# Title pairs used by the duplicate-task and similarity tests.
DUPLICATES = [
    ("公众号推文：安全骑行指南", "公众号推文:安全骑行指南!"),  # full- vs half-width punctuation
    ("WeChat article: safe riding guide", "WeChat article – safe-riding guide!"),
    ("Recruit campus ambassadors", "recruit CAMPUS ambassadors"),  # case
    ("Recruit campus ambassadors", "Campus ambassadors: recruit"),  # word order
    ("Safe riding guide, WeChat article", "WeChat article: safe riding guide"),
    ("Recruit campus ambassadors", "Recruit campus ambasadors"),  # a typo
    ("Monthly pass renewal reminders", "Monthly pass renewal reminder"),
    ("Ｗｅｃｈａｔ　Article", "wechat article"),  # full-width letters and space
    ("安全骑行指南 公众号推文", "公众号推文 安全骑行指南"),  # word order, spaced
    ("安全骑行指南公众号推文", "公众号推文安全骑行指南"),  # word order, unspaced
    ("公众号推文：安全骑行指南", "公众号推文：安全骑车指南"),  # 骑行 = 骑车 (glossary)
    ("宿舍楼和食堂海报投放", "宿舍楼、食堂海报投放"),  # a character dropped
    ("月卡到期续费提醒", "月卡到期续费提醒！"),
]

NOT_DUPLICATES = [
    ("Campus poster design", "Campus ambassador recruitment"),
    ("校园海报设计", "校园大使招募"),
    ("Push free-ride coupons", "Push renewal notifications"),
    ("校园大使招募", "校园大使培训"),
    ("Campus ambassador recruitment", "Campus ambassador training"),
    ("Win-back text messages", "Welcome text messages for new riders"),
]


# Overlap-prone charts: few distinct KPIs and title words, so that every rule gets to fire.
KPI_VOCABULARY = [
    "Repurchase Rate (30 days)",
    " repurchase  rate (30 DAYS)",
    "复购率（90天）",
    "复购率(90天)",
    "new registered users",
    "NPS",
    "30-day retention rate",
]
TITLE_VOCABULARY = [
    "WeChat article: safe riding guide",
    "WeChat article – safe-riding guide!",
    "公众号推文：安全骑行指南",
    "公众号推文:安全骑行指南!",
    "Recruit campus ambassadors",
    "Campus ambassadors recruitment",
    "校园大使招募",
    "Campus poster design",
    "Monthly pass renewal reminders",
    "Win-back text messages for lapsed riders",
]


@st.composite
def overlapping_charts(draw: st.DrawFn, max_tasks: int = 8) -> Chart:
    """A valid chart drawn from small vocabularies: KPIs, titles and RACI letters collide often."""
    n_f = draw(st.integers(1, 4))
    fids = [f"f{i}" for i in range(n_f)]
    functions = [
        {
            "id": fid,
            "name": fid.upper(),
            "archetype": draw(st.sampled_from([a.value for a in Archetype])),
        }
        for fid in fids
    ]
    n_g = draw(st.integers(0, 5))
    gids = [f"g{i}" for i in range(n_g)]
    goals = [
        {
            "id": gid,
            "name": gid,
            "owner": draw(st.none() | st.sampled_from(fids)),
            "kind": draw(st.sampled_from([k.value for k in GoalKind])),
            "kpis": draw(st.lists(st.sampled_from(KPI_VOCABULARY), max_size=3)),
        }
        for gid in gids
    ]
    n_t = draw(st.integers(0, max_tasks))
    tasks = [
        {
            "id": f"t{i}",
            "title": draw(st.sampled_from(TITLE_VOCABULARY) | st.text(min_size=1, max_size=12)),
            "goals": draw(st.lists(st.sampled_from(gids), unique=True)) if gids else [],
            "raci": draw(st.dictionaries(st.sampled_from(fids), raci_letters)),
        }
        for i in range(n_t)
    ]
    return make_chart(functions, goals, tasks, title=draw(st.sampled_from(["Chart", "职责图"])))


@st.composite
def shuffled(draw: st.DrawFn, chart: Chart) -> Chart:
    """The same chart with every list and every RACI mapping in another order."""

    def perm(items: Iterable[Any]) -> list[Any]:
        return draw(st.permutations(list(items)))

    goals = [g.model_copy(update={"kpis": tuple(perm(g.kpis))}) for g in chart.goals]
    tasks = [
        t.model_copy(update={"goals": tuple(perm(t.goals)), "raci": dict(perm(t.raci.items()))})
        for t in chart.tasks
    ]
    return chart.model_copy(
        update={
            "functions": tuple(perm(chart.functions)),
            "goals": tuple(perm(goals)),
            "tasks": tuple(perm(tasks)),
            "reviews": tuple(perm(chart.reviews)),
        }
    )


def with_reviews(chart: Chart, reviews: Iterable[Review]) -> Chart:
    return chart.model_copy(update={"reviews": tuple(reviews)})
