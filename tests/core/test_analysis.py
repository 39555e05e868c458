"""The overlap rules: each fires on its case and stays quiet on a near miss; reviews; languages.

Every rule in ``RULE_ORDER`` has a case in ``FIRES`` and at least one in ``QUIET``; the meta
tests at the bottom fail when a rule is added without them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from rolemap.core.analysis import (
    RULE_ORDER,
    SEVERITIES,
    Analysis,
    OverlapWarning,
    Settings,
    analyse,
    chart_language,
)
from rolemap.core.analysis.text import has_cjk, normalise_kpi
from rolemap.core.errors import ChartLoadError
from rolemap.core.fileformat import dumps, load, loads
from rolemap.core.model import Chart
from rolemap.resources import template_path
from tests.core.analysis_charts import DUPLICATES, NOT_DUPLICATES, F, G, R, T, make_chart

# The table (plus the rules rolemap adds): a rule's severity is part of its contract.
EXPECTED_SEVERITY = {
    "shared-kpi": "high",
    "converging-goals": "high",
    "multiple-accountable": "high",
    "no-accountable": "medium",
    "cross-side-task": "medium",
    "side-mismatch": "medium",
    "duplicate-task": "medium",
    "unowned-goal": "medium",
    "foreign-goal": "low",
    "orphan-goal": "low",
    "task-without-goal": "low",
    "stale-review": "low",
    "too-many-responsible": "low",
    "accountable-overload": "low",
    "goal-without-kpi": "low",
    "same-kpi-question": "medium",
    "support-function": "low",
}

BRAND_KINDS = {"awareness", "reputation", "partnerships"}
OPERATIONS_KINDS = {"activation", "engagement", "retention", "perception", "conversion", "revenue"}


# --- charts -----------------------------------------------------------------------------------

BASE_FUNCTIONS = [F("marketing"), F("operations"), F("product")]
BASE_GOALS = [
    G("aware", "marketing", "awareness", ["prompted brand awareness"], "Brand awareness on campus"),
    G("retain", "operations", "retention", ["30-day retention rate"], "Rider retention"),
]
BASE_TASKS = [
    T(
        "posters",
        {"marketing": "RA", "operations": "I"},
        ["aware"],
        "Posters in dorms and canteens",
    ),
    T(
        "win-back",
        {"operations": "RA", "product": "C"},
        ["retain"],
        "Win-back texts for lapsed riders",
    ),
]


def base(
    goals: list[dict[str, Any]] | tuple[()] = (),
    tasks: list[dict[str, Any]] | tuple[()] = (),
    reviews: list[dict[str, Any]] | tuple[()] = (),
    functions: list[dict[str, Any]] | tuple[()] = (),
    title: str = "Campus bike-sharing",
) -> Chart:
    """A clean chart (no warning at all) with some additions."""
    return make_chart(
        [*BASE_FUNCTIONS, *functions],
        [*BASE_GOALS, *goals],
        [*BASE_TASKS, *tasks],
        reviews,
        title=title,
    )


def worked_example(title: str = "Campus bike-sharing") -> Chart:
    """The chart of the worked example in docs/analysis.md: convergence 0.67 (0.50 without tasks)."""
    return make_chart(
        [F("marketing"), F("operations")],
        [
            G("m-aware", "marketing", "awareness", ["WeChat followers"]),
            G("m-new", "marketing", "acquisition", ["new registered users"]),
            G("o-new", "operations", "acquisition", ["first rides"]),
            G("o-keep", "operations", "retention", ["30-day retention rate"]),
        ],
        [
            T("posters", {"marketing": "RA", "operations": "I"}, ["m-aware"]),
            T("coupons", {"operations": "RA", "marketing": "C"}, ["o-new"]),
        ],
        title=title,
    )


def of(analysis: Analysis, rule: str) -> list[OverlapWarning]:
    return [w for w in analysis.warnings if w.rule == rule]


def one(analysis: Analysis, rule: str) -> OverlapWarning:
    found = of(analysis, rule)
    assert len(found) == 1, f"expected one {rule}, got {[w.fingerprint for w in found]}"
    return found[0]


def rules_of(analysis: Analysis) -> set[str]:
    return {w.rule for w in analysis.warnings}


def test_the_base_chart_is_clean() -> None:
    analysis = analyse(base())
    assert analysis.warnings == ()
    assert analysis.counts() == {"high": 0, "medium": 0, "low": 0}
    assert {c.functions: c.score for c in analysis.convergence} == {
        ("marketing", "operations"): 0.0,
        ("marketing", "product"): 0.0,
        ("operations", "product"): 0.0,
    }


# --- every rule fires --------------------------------------------------------------------------


@dataclass(frozen=True)
class Fires:
    chart: Chart
    fingerprint: str
    entities: frozenset[str]
    phrases: tuple[str, ...]
    settings: Settings | None = None


def _overload_tasks(n_marketing: int, n_operations: int) -> list[dict[str, Any]]:
    tasks = [
        T(f"m{i}", {"marketing": "RA"}, ["aware"], f"Marketing task number {i}")
        for i in range(n_marketing)
    ]
    tasks += [
        T(f"o{i}", {"operations": "RA"}, ["retain"], f"Operations job {i}")
        for i in range(n_operations)
    ]
    return tasks


FIRES: dict[str, Fires] = {
    "shared-kpi": Fires(
        base(
            goals=[
                G("m-buy", "marketing", "awareness", ["Repurchase Rate (30 days)"]),
                G("o-buy", "operations", "retention", [" repurchase  rate (30 DAYS)"]),
            ],
        ),
        "shared-kpi:repurchase rate (30 days):marketing,operations",
        frozenset({"m-buy", "o-buy", "marketing", "operations"}),
        ("The KPI \u201cRepurchase Rate (30 days)\u201d", "Marketing and Operations", "compete"),
    ),
    "converging-goals": Fires(
        worked_example(),
        "converging-goals:marketing,operations",
        frozenset({"marketing", "operations"}),
        ("Marketing and Operations converge (score 0.67, threshold 0.50)", "fight"),
    ),
    "multiple-accountable": Fires(
        base(
            tasks=[
                T(
                    "ambassadors",
                    {"operations": "A", "marketing": "RA", "product": "I"},
                    ["aware"],
                    "Recruit campus ambassadors",
                )
            ]
        ),
        "multiple-accountable:ambassadors:marketing,operations",
        frozenset({"ambassadors", "marketing", "operations"}),
        ("\u201cRecruit campus ambassadors\u201d is owned (A) by", "nobody owns"),
    ),
    "no-accountable": Fires(
        base(tasks=[T("reports", {"operations": "R", "product": "C"}, ["retain"], "Bike reports")]),
        "no-accountable:reports",
        frozenset({"reports"}),
        ("\u201cBike reports\u201d has no owner (no A)",),
    ),
    "cross-side-task": Fires(
        base(
            tasks=[
                T(
                    "freshers",
                    {"marketing": "A", "operations": "R"},
                    ["retain", "aware"],
                    "Freshers",
                )
            ]
        ),
        "cross-side-task:freshers:aware,retain",
        frozenset({"freshers", "aware", "retain"}),
        (
            "serves brand-side goals (Brand awareness on campus) and operations-side goals "
            "(Rider retention)",
        ),
    ),
    "side-mismatch": Fires(
        base(
            goals=[G("ops-aware", "operations", "awareness", name="Awareness drive")],
            tasks=[T("drive", {"operations": "RA"}, ["ops-aware"], "Awareness drive work")],
        ),
        "side-mismatch:ops-aware:operations",
        frozenset({"ops-aware", "operations"}),
        (
            "\u201cAwareness drive\u201d is about brand awareness, which is on the brand side",
            "Operations",
        ),
    ),
    "duplicate-task": Fires(
        base(
            tasks=[
                T(
                    "article-o",
                    {"operations": "RA"},
                    ["retain"],
                    "WeChat article \u2013 safe-riding guide!",
                ),
                T("article-m", {"marketing": "RA"}, ["aware"], "WeChat article: safe riding guide"),
            ]
        ),
        "duplicate-task:article-m,article-o",
        frozenset({"article-m", "article-o"}),
        ("look like the same work (similarity 1.00)", "Operations / Marketing"),
    ),
    "unowned-goal": Fires(
        base(
            goals=[G("rating", None, "perception", name="App store rating")],
            tasks=[T("reply", {"operations": "RA"}, ["rating"], "Reply to reviews")],
        ),
        "unowned-goal:rating",
        frozenset({"rating"}),
        ("\u201cApp store rating\u201d has no owner",),
    ),
    "too-many-responsible": Fires(
        base(
            tasks=[
                T(
                    "launch",
                    {"marketing": "R", "operations": "RA", "product": "R"},
                    ["retain"],
                    "Launch the monthly pass",
                )
            ]
        ),
        "too-many-responsible:launch",
        frozenset({"launch", "marketing", "operations", "product"}),
        ("has 3 responsible functions",),
    ),
    "accountable-overload": Fires(
        make_chart(BASE_FUNCTIONS, BASE_GOALS, _overload_tasks(8, 2)),
        "accountable-overload:marketing",
        frozenset({"marketing"}),
        ("Marketing is accountable for 8 of 10 tasks (80%)",),
    ),
    "foreign-goal": Fires(
        base(tasks=[T("bus-posters", {"operations": "RA"}, ["aware"], "Bus stop posters")]),
        "foreign-goal:bus-posters:aware",
        frozenset({"bus-posters", "aware"}),
        (
            "\u201cBus stop posters\u201d is accountable to Operations, but the goals it serves "
            "(Brand awareness on campus) are owned by Marketing",
        ),
    ),
    "orphan-goal": Fires(
        base(goals=[G("partners", "marketing", "partnerships", name="Campus partnerships")]),
        "orphan-goal:partners",
        frozenset({"partners"}),
        ("No task serves the goal \u201cCampus partnerships\u201d",),
    ),
    "task-without-goal": Fires(
        base(tasks=[T("rebalance", {"operations": "RA"}, [], "Move bikes before class")]),
        "task-without-goal:rebalance",
        frozenset({"rebalance"}),
        ("\u201cMove bikes before class\u201d serves no goal",),
    ),
    "goal-without-kpi": Fires(
        base(
            goals=[G("loyal", "operations", "retention", kpis=[], name="Loyal riders")],
            tasks=[T("streaks", {"operations": "RA"}, ["loyal"], "Riding streak rewards")],
        ),
        "goal-without-kpi:loyal",
        frozenset({"loyal"}),
        ("\u201cLoyal riders\u201d has no KPI",),
    ),
    "same-kpi-question": Fires(
        base(
            goals=[
                G("m-sao", "marketing", "conversion", ["Sales accepted opportunities (SAOs)"]),
                G(
                    "o-sao",
                    "operations",
                    "conversion",
                    ["Influence of sales accepted opportunities"],
                ),
            ],
        ),
        "same-kpi-question:influence of sales accepted opportunities|sales accepted "
        "opportunities (saos)",
        frozenset({"m-sao", "o-sao", "marketing", "operations"}),
        ("look like the same measure (one name contains the other)", "compete"),
    ),
    "support-function": Fires(
        base(
            functions=[F("legal", name="Legal")],
            tasks=[
                T(f"review{i}", {"legal": "R", "marketing": "A"}, ["aware"], f"Claims check {i}")
                for i in range(3)
            ],
        ),
        "support-function:legal",
        frozenset({"legal", "marketing"}),
        ("Legal owns no goal and does 3 of its 3 tasks for the goals of Marketing",),
    ),
    "stale-review": Fires(
        base(reviews=[R("multiple-accountable:gone:marketing,operations")]),
        "stale-review:multiple-accountable:gone:marketing,operations",
        frozenset(),
        (
            "\u201cmultiple-accountable:gone:marketing,operations\u201d (accepted) matches no "
            "current warning",
            "The review is kept",
        ),
    ),
}


@pytest.mark.parametrize("rule", RULE_ORDER)
def test_rule_fires(rule: str) -> None:
    case = FIRES[rule]
    warning = one(analyse(case.chart, case.settings), rule)
    assert warning.severity == EXPECTED_SEVERITY[rule]
    assert warning.fingerprint == case.fingerprint
    assert set(warning.entities) == case.entities
    assert len(warning.entities) == len(case.entities), "entities are listed once each"
    for phrase in case.phrases:
        assert phrase in warning.message
    assert warning.suggestion
    assert warning.review is None and warning.is_open


@pytest.mark.parametrize("rule", RULE_ORDER)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_message_is_complete_in_both_languages(rule: str, lang: str) -> None:
    warning = one(analyse(FIRES[rule].chart, FIRES[rule].settings, lang=lang), rule)
    for text in (warning.message, warning.suggestion):
        assert text.strip()
        assert "{" not in text and "}" not in text
    if lang == "zh":
        assert has_cjk(warning.message) and has_cjk(warning.suggestion)
    else:
        assert warning.suggestion.isascii()


# --- shared-kpi ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Repurchase Rate (30 days)", " repurchase  rate (30 DAYS)"),
        ("复购率（90天）", "复购率(90天)"),
        ("NPS", "nps."),
        ("30-day retention rate", "  30-Day\tRetention   Rate "),
        ("ＤＡＵ", "dau"),  # full-width Latin letters
        ("“新注册用户数”", "新注册用户数"),
    ],
)
def test_kpis_are_compared_after_normalising(a: str, b: str) -> None:
    assert normalise_kpi(a) == normalise_kpi(b)
    chart = base(
        goals=[
            G("m-kpi", "marketing", "awareness", [a]),
            G("o-kpi", "operations", "retention", [b]),
        ]
    )
    warning = one(analyse(chart), "shared-kpi")
    assert warning.fingerprint == f"shared-kpi:{normalise_kpi(a)}:marketing,operations"


def test_shared_kpi_chinese() -> None:
    chart = base(
        goals=[
            G("m-buy", "marketing", "awareness", ["复购率（90天）"]),
            G("o-buy", "operations", "retention", ["复购率(90天)"]),
        ],
        title="高速 ETC 支付",
    )
    warning = one(analyse(chart), "shared-kpi")
    assert warning.fingerprint == "shared-kpi:复购率(90天):marketing,operations"
    assert "指标\u201c复购率（90天）\u201d" in warning.message
    assert "争抢" in warning.message


def test_one_shared_kpi_warning_per_kpi() -> None:
    chart = base(
        goals=[
            G("m-a", "marketing", "awareness", ["new registered users", "NPS"]),
            G("o-a", "operations", "acquisition", ["New registered users", "NPS"]),
            G("p-a", "product", "perception", ["new registered users!"]),
            G("o-b", "operations", "retention", ["new registered users"]),
        ]
    )
    found = {w.fingerprint: w for w in of(analyse(chart), "shared-kpi")}
    assert set(found) == {
        "shared-kpi:new registered users:marketing,operations,product",
        "shared-kpi:nps:marketing,operations",
    }
    users = found["shared-kpi:new registered users:marketing,operations,product"]
    assert set(users.entities) == {"m-a", "o-a", "p-a", "o-b", "marketing", "operations", "product"}


def test_shared_kpi_needs_two_owners() -> None:
    same_owner = base(
        goals=[
            G("o-buy30", "operations", "retention", ["Repurchase Rate (30 days)"]),
            G("o-pass", "operations", "conversion", ["repurchase rate (30 days)"]),
        ]
    )
    assert of(analyse(same_owner), "shared-kpi") == []


def test_shared_kpi_ignores_unowned_goals() -> None:
    chart = base(goals=[G("nobody", None, "retention", ["30-day retention rate"])])
    assert of(analyse(chart), "shared-kpi") == []


def test_different_windows_are_different_kpis() -> None:
    chart = base(
        goals=[
            G("m-buy", "marketing", "awareness", ["30-day repurchase rate"]),
            G("o-buy", "operations", "retention", ["60-day repurchase rate"]),
        ]
    )
    assert of(analyse(chart), "shared-kpi") == []


def test_blank_kpis_are_not_a_shared_kpi() -> None:
    """A KPI of only spaces names no measure: it must not make a high warning with an empty key
    ("shared-kpi::marketing,operations"). Rejecting it when loading would do as well."""
    text = (
        dumps(base())
        .replace("[prompted brand awareness]", "[' ']")
        .replace("[30-day retention rate]", "['  ']")
    )
    assert "' '" in text and "'  '" in text
    try:
        chart = loads(text)
    except ChartLoadError:
        return
    assert of(analyse(chart), "shared-kpi") == []


# --- converging-goals ----------------------------------------------------------------------------


def test_converging_goals_respects_the_threshold() -> None:
    chart = worked_example()
    assert [c.score for c in analyse(chart).convergence] == [0.67]
    assert of(analyse(chart, Settings(convergence_threshold=0.67)), "converging-goals") != []
    assert of(analyse(chart, Settings(convergence_threshold=0.68)), "converging-goals") == []
    low = analyse(chart, Settings(convergence_threshold=0.3))
    assert "threshold 0.30" in one(low, "converging-goals").message


def test_converging_goals_quiet_without_the_shared_work() -> None:
    """Only the goals, no work: 0.50 at threshold 0.5 fires, at 0.55 it does not."""
    chart = worked_example().model_copy(update={"tasks": ()})
    analysis = analyse(chart, Settings(convergence_threshold=0.55))
    assert [c.score for c in analysis.convergence] == [0.5]
    assert of(analysis, "converging-goals") == []


def test_converging_goals_never_fires_on_a_zero_score() -> None:
    assert of(analyse(base(), Settings(convergence_threshold=0.0)), "converging-goals") == []


def test_converging_goals_names_what_is_shared() -> None:
    chart = make_chart(
        [F("marketing"), F("operations")],
        [
            G("m-ret", "marketing", "retention", ["30-day retention rate"]),
            G("o-ret", "operations", "retention", ["30-day retention rate"]),
        ],
        [
            T("m-work", {"marketing": "RA"}, ["m-ret"]),
            T("o-work", {"operations": "RA"}, ["o-ret"]),
        ],
    )
    warning = one(analyse(chart), "converging-goals")
    assert "score 1.00" in warning.message
    assert "retention" in warning.message and "\u201c30-day retention rate\u201d" in warning.message
    zh = one(analyse(chart, lang="zh"), "converging-goals")
    assert "留存" in zh.message and "趋同度 1.00" in zh.message


# --- multiple-accountable, no-accountable, too-many-responsible ----------------------------------


def test_multiple_accountable_fingerprint_ignores_raci_order() -> None:
    """The issue's example fingerprint, whatever order the RACI mapping is written in."""
    for raci in ({"marketing": "A", "operations": "RA"}, {"operations": "RA", "marketing": "A"}):
        chart = base(tasks=[T("t1", raci, ["aware"])])
        warning = one(analyse(chart), "multiple-accountable")
        assert warning.fingerprint == "multiple-accountable:t1:marketing,operations"


def test_multiple_accountable_quiet_with_one_a() -> None:
    chart = base(
        tasks=[T("t1", {"marketing": "RA", "operations": "R", "product": "CI"}, ["aware"])]
    )
    assert not rules_of(analyse(chart)) & {"multiple-accountable", "no-accountable"}


def test_no_accountable_also_for_a_task_without_raci() -> None:
    chart = base(tasks=[T("t1", {}, ["aware"], "Nobody's job")])
    assert one(analyse(chart), "no-accountable").fingerprint == "no-accountable:t1"


def test_no_accountable_quiet_with_an_a_only() -> None:
    chart = base(tasks=[T("t1", {"marketing": "A"}, ["aware"])])
    assert of(analyse(chart), "no-accountable") == []


def test_too_many_responsible_quiet_with_two() -> None:
    chart = base(
        tasks=[T("t1", {"marketing": "R", "operations": "RA", "product": "CI"}, ["retain"])]
    )
    assert of(analyse(chart), "too-many-responsible") == []
    assert of(analyse(chart, Settings(max_responsible=1)), "too-many-responsible") != []


# --- cross-side-task -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind_a", "kind_b"),
    [
        ("awareness", "acquisition"),  # acquisition is contested, not operations-side
        ("reputation", "other"),
        ("retention", "conversion"),  # both operations-side
        ("awareness", "partnerships"),  # both brand-side
    ],
)
def test_cross_side_task_quiet_when_one_side_is_missing(kind_a: str, kind_b: str) -> None:
    chart = base(
        goals=[G("ga", "marketing", kind_a), G("gb", "marketing", kind_b)],
        tasks=[T("t1", {"marketing": "RA"}, ["ga", "gb"])],
    )
    assert of(analyse(chart), "cross-side-task") == []


def test_cross_side_task_lists_every_goal_of_both_sides() -> None:
    chart = base(
        goals=[G("rep", "marketing", "reputation"), G("new", "operations", "acquisition")],
        tasks=[T("t1", {"marketing": "RA"}, ["retain", "new", "rep", "aware"])],
    )
    warning = one(analyse(chart), "cross-side-task")
    assert warning.fingerprint == "cross-side-task:t1:aware,rep,retain"
    assert set(warning.entities) == {"t1", "aware", "rep", "retain"}


# --- side-mismatch -------------------------------------------------------------------------------


@pytest.mark.parametrize("archetype", ["brand", "operations", "other"])
@pytest.mark.parametrize("kind", sorted(BRAND_KINDS | OPERATIONS_KINDS | {"acquisition", "other"}))
def test_side_mismatch_matrix(kind: str, archetype: str) -> None:
    chart = make_chart(
        [F("team", archetype)],
        [G("goal", "team", kind)],
        [T("work", {"team": "RA"}, ["goal"])],
    )
    fires = (kind in BRAND_KINDS and archetype == "operations") or (
        kind in OPERATIONS_KINDS and archetype == "brand"
    )
    found = of(analyse(chart), "side-mismatch")
    assert [w.fingerprint for w in found] == (["side-mismatch:goal:team"] if fires else [])


def test_side_mismatch_message_names_both_sides() -> None:
    chart = base(
        goals=[G("m-ret", "marketing", "retention", name="Keep riders")],
        tasks=[T("t1", {"marketing": "RA"}, ["m-ret"])],
    )
    warning = one(analyse(chart), "side-mismatch")
    assert "about retention, which is on the operations side" in warning.message
    assert "Marketing is of the brand archetype" in warning.message
    zh = one(analyse(chart, lang="zh"), "side-mismatch")
    assert "留存（运营侧）" in zh.message and "品牌型部门" in zh.message


@pytest.mark.parametrize(
    ("kind", "archetype"),
    [("activation", "brand"), ("engagement", "brand"), ("awareness", "operations")],
)
def test_side_mismatch_english_uses_the_right_article(kind: str, archetype: str) -> None:
    """Not "is a activation goal" nor "is a operations function"."""
    chart = make_chart(
        [F("team", archetype)], [G("goal", "team", kind)], [T("work", {"team": "RA"}, ["goal"])]
    )
    message = one(analyse(chart), "side-mismatch").message
    for wrong in (" a activation", " a engagement", " a operations", " a other"):
        assert wrong not in message


# --- duplicate-task ------------------------------------------------------------------------------


@pytest.mark.parametrize(("a", "b"), DUPLICATES)
def test_duplicate_task_fires_when_accountable_differs(a: str, b: str) -> None:
    chart = base(
        tasks=[
            T("dup-a", {"marketing": "RA"}, ["aware"], a),
            T("dup-b", {"operations": "RA", "marketing": "C"}, ["retain"], b),
        ]
    )
    warning = one(analyse(chart), "duplicate-task")
    assert warning.fingerprint == "duplicate-task:dup-a,dup-b"
    assert set(warning.entities) == {"dup-a", "dup-b"}


@pytest.mark.parametrize(("a", "b"), DUPLICATES)
def test_duplicate_task_quiet_when_accountable_is_the_same(a: str, b: str) -> None:
    chart = base(
        tasks=[
            T("dup-a", {"marketing": "RA"}, ["aware"], a),
            T("dup-b", {"marketing": "A", "operations": "R"}, ["aware"], b),
        ]
    )
    assert of(analyse(chart), "duplicate-task") == []


@pytest.mark.parametrize(("a", "b"), NOT_DUPLICATES)
def test_duplicate_task_quiet_when_titles_share_only_a_word(a: str, b: str) -> None:
    chart = base(
        tasks=[
            T("t-a", {"marketing": "RA"}, ["aware"], a),
            T("t-b", {"operations": "RA"}, ["retain"], b),
        ]
    )
    assert of(analyse(chart), "duplicate-task") == []


def test_duplicate_task_fires_when_one_has_no_accountable() -> None:
    chart = base(
        tasks=[
            T("zz-article", {"marketing": "R"}, ["aware"], "公众号推文：安全骑行指南"),
            T("aa-article", {"marketing": "RA"}, ["aware"], "公众号推文:安全骑行指南!"),
        ],
        title="校园单车",
    )
    warning = one(analyse(chart), "duplicate-task")
    assert warning.fingerprint == "duplicate-task:aa-article,zz-article"
    assert (
        "\u201c公众号推文：安全骑行指南\u201d和\u201c公众号推文:安全骑行指南!\u201d"
        in warning.message
    )
    assert "相似度 1.00" in warning.message and "无 / Marketing" in warning.message


def test_duplicate_task_does_not_depend_on_task_order() -> None:
    """Exactly 3/5 similar (three words of five), so a near-duplicate in either order."""
    first = T("guide-m", {"marketing": "RA"}, ["aware"], "Guide 校园")
    second = T("guide-o", {"operations": "RA"}, ["retain"], "校园 guide campus")
    one_way = of(analyse(base(tasks=[first, second])), "duplicate-task")
    other_way = of(analyse(base(tasks=[second, first])), "duplicate-task")
    assert [w.fingerprint for w in one_way] == [w.fingerprint for w in other_way]
    assert [w.fingerprint for w in one_way] == ["duplicate-task:guide-m,guide-o"]


def test_duplicate_task_threshold_is_a_setting() -> None:
    chart = base(
        tasks=[
            T("t-a", {"marketing": "RA"}, ["aware"], "Recruit campus ambassadors"),
            T("t-b", {"operations": "RA"}, ["retain"], "Recruit campus ambassadors now"),
        ]
    )
    assert of(analyse(chart), "duplicate-task") != []  # 3/4
    assert of(analyse(chart, Settings(duplicate_threshold=0.95)), "duplicate-task") == []


# --- unowned-goal, orphan-goal, goal-without-kpi, task-without-goal, foreign-goal ----------------


def test_orphan_goal_quiet_when_any_task_serves_it() -> None:
    chart = base(
        goals=[G("partners", "marketing", "partnerships")],
        tasks=[T("sign", {}, ["partners"])],  # even a task nobody is assigned to
    )
    assert of(analyse(chart), "orphan-goal") == []


def test_unowned_goal_is_also_an_orphan_when_unserved() -> None:
    chart = base(goals=[G("rating", None, "perception")])
    assert {"unowned-goal", "orphan-goal"} <= rules_of(analyse(chart))


def test_foreign_goal_quiet_when_the_accountable_owns_one_of_the_goals() -> None:
    chart = base(tasks=[T("t1", {"operations": "RA"}, ["aware", "retain"], "Joint campaign")])
    assert of(analyse(chart), "foreign-goal") == []


def test_foreign_goal_quiet_for_unowned_goals_and_without_a() -> None:
    chart = base(
        goals=[G("rating", None, "perception")],
        tasks=[
            T("t1", {"operations": "RA"}, ["rating"], "Reply to app reviews"),
            T("t2", {"operations": "R"}, ["aware"], "Hand out flyers"),
        ],
    )
    assert of(analyse(chart), "foreign-goal") == []


def test_foreign_goal_with_several_accountable_owning_none() -> None:
    chart = base(tasks=[T("t1", {"operations": "A", "product": "A"}, ["aware"], "Stunt")])
    warning = one(analyse(chart), "foreign-goal")
    assert warning.fingerprint == "foreign-goal:t1:aware"


def test_task_without_goal_skips_the_goal_rules_for_that_task() -> None:
    chart = base(tasks=[T("t1", {"operations": "A", "marketing": "A"}, [], "Rebalance bikes")])
    assert rules_of(analyse(chart)) == {"task-without-goal", "multiple-accountable"}


# --- accountable-overload ------------------------------------------------------------------------


def test_accountable_overload_near_misses() -> None:
    seven_of_ten = make_chart(BASE_FUNCTIONS, BASE_GOALS, _overload_tasks(7, 3))
    assert of(analyse(seven_of_ten), "accountable-overload") == []
    too_few_tasks = make_chart(BASE_FUNCTIONS, BASE_GOALS, _overload_tasks(9, 0))
    assert of(analyse(too_few_tasks), "accountable-overload") == []
    one_function = make_chart(
        [F("marketing")], [BASE_GOALS[0]], _overload_tasks(12, 0), title="A one-team chart"
    )
    assert of(analyse(one_function), "accountable-overload") == []


def test_accountable_overload_counts_only_tasks_with_an_a() -> None:
    unowned = [T(f"x{i}", {"operations": "R"}, ["retain"], f"Loose end {i}") for i in range(20)]
    chart = make_chart(BASE_FUNCTIONS, BASE_GOALS, _overload_tasks(10, 0) + unowned)
    assert "10 of 10 tasks (100%)" in one(analyse(chart), "accountable-overload").message


# --- quiet on near misses (one per rule at least; the meta test below checks) --------------------

QUIET: list[tuple[str, Chart]] = [
    (
        "shared-kpi",
        base(goals=[G("o-x", "operations", "retention", ["unprompted brand awareness"])]),
    ),
    (
        "converging-goals",
        make_chart(
            [F("marketing"), F("operations"), F("legal")],
            [
                G("m", "marketing", "awareness", ["reach"]),
                G("o", "operations", "retention", ["repeat rides"]),
            ],
            [T("t", {"marketing": "RA", "legal": "R"}, ["m"]), T("u", {"operations": "RA"}, ["o"])],
        ),
    ),
    (
        "multiple-accountable",
        base(tasks=[T("t1", {"marketing": "RA", "operations": "R"}, ["aware"])]),
    ),
    ("no-accountable", base(tasks=[T("t1", {"marketing": "A", "product": "R"}, ["aware"])])),
    ("cross-side-task", base(tasks=[T("t1", {"operations": "RA"}, ["retain"])])),
    (
        "side-mismatch",
        base(
            goals=[G("m-new", "marketing", "acquisition")],
            tasks=[T("t1", {"marketing": "RA"}, ["m-new"])],
        ),
    ),
    (
        "duplicate-task",
        base(
            tasks=[
                T("t1", {"marketing": "RA"}, ["aware"], "Campus poster design"),
                T("t2", {"operations": "RA"}, ["retain"], "Campus ambassador recruitment"),
            ]
        ),
    ),
    ("unowned-goal", base(goals=[G("new", "operations", "acquisition")])),
    (
        "too-many-responsible",
        base(tasks=[T("t1", {"marketing": "R", "operations": "RA"}, ["retain"])]),
    ),
    ("accountable-overload", make_chart(BASE_FUNCTIONS, BASE_GOALS, _overload_tasks(7, 3))),
    ("foreign-goal", base(tasks=[T("t1", {"marketing": "A", "operations": "R"}, ["aware"])])),
    (
        "orphan-goal",
        base(goals=[G("new", "operations")], tasks=[T("t1", {"operations": "RA"}, ["new"])]),
    ),
    ("task-without-goal", base(tasks=[T("t1", {"operations": "RA"}, ["retain"])])),
    ("goal-without-kpi", base(goals=[G("new", "operations", kpis=["x"])])),
    ("stale-review", base(tasks=[T("t1", {}, ["aware"])], reviews=[R("no-accountable:t1")])),
    (
        "same-kpi-question",
        base(
            goals=[
                G("m-x", "marketing", "awareness", ["Brand search volume"]),
                G("o-x", "operations", "retention", ["Repeat rides per week"]),
            ]
        ),
    ),
    (
        "support-function",
        base(
            functions=[F("legal", name="Legal")],
            tasks=[
                T(f"review{i}", {"legal": "C", "marketing": "RA"}, ["aware"], f"Claims check {i}")
                for i in range(3)
            ],
        ),
    ),
]


@pytest.mark.parametrize(
    ("rule", "chart"), QUIET, ids=[f"{r}-{i}" for i, (r, _) in enumerate(QUIET)]
)
def test_rule_quiet_on_near_miss(rule: str, chart: Chart) -> None:
    assert of(analyse(chart), rule) == []


def test_every_rule_has_cases() -> None:
    assert set(FIRES) == set(RULE_ORDER)
    assert {rule for rule, _ in QUIET} == set(RULE_ORDER)
    assert set(EXPECTED_SEVERITY) == set(RULE_ORDER)


# --- reviews -----------------------------------------------------------------------------------

# Two owners, one of them Product (which owns no goal: a support function that cannot converge),
# so the only high warning is multiple-accountable.
AMBASSADORS = T("ambassadors", {"marketing": "RA", "product": "A"}, ["aware"], "Ambassadors")
FINGERPRINT = "multiple-accountable:ambassadors:marketing,product"


def test_accepted_warning_is_reported_but_not_open() -> None:
    note = "Both teams co-own ambassadors this term."
    chart = base(tasks=[AMBASSADORS], reviews=[R(FINGERPRINT, "accepted", note)])
    analysis = analyse(chart)
    warning = one(analysis, "multiple-accountable")
    assert warning.review is not None
    assert warning.review.status == "accepted" and warning.review.note == note
    assert not warning.is_open
    assert analysis.counts() == {"high": 0, "medium": 0, "low": 0}
    assert analysis.counts(open_only=False) == {"high": 1, "medium": 0, "low": 0}
    assert of(analysis, "stale-review") == []


def test_acknowledged_warning_stays_open() -> None:
    chart = base(tasks=[AMBASSADORS], reviews=[R(FINGERPRINT, "acknowledged", None)])
    analysis = analyse(chart)
    warning = one(analysis, "multiple-accountable")
    assert warning.review is not None and warning.review.status == "acknowledged"
    assert warning.is_open
    assert analysis.counts()["high"] == 1


def test_review_follows_its_warning_through_edits_elsewhere() -> None:
    chart = base(
        tasks=[
            T(
                "ambassadors",
                {"product": "A", "marketing": "RA"},
                ["retain", "aware"],
                "Renamed",
            ),
            T("another", {"product": "RA"}, ["retain"], "Something unrelated"),
        ],
        goals=[G("more", "product", "perception", name="App rating")],
        reviews=[R(FINGERPRINT)],
    )
    warning = one(analyse(chart), "multiple-accountable")
    assert warning.review is not None and not warning.is_open


def test_stale_review_is_reported_and_kept() -> None:
    review = R("duplicate-task:gone-a,gone-b", "accepted", "Different audiences.")
    chart = base(reviews=[review])
    analysis = analyse(chart)
    stale = one(analysis, "stale-review")
    assert stale.fingerprint == "stale-review:duplicate-task:gone-a,gone-b"
    assert stale.entities == ()
    assert stale.is_open and stale.review is None
    assert analysis.counts() == {"high": 0, "medium": 0, "low": 1}
    assert len(chart.reviews) == 1
    reloaded = loads(dumps(chart))
    assert reloaded.reviews == chart.reviews
    assert [w.fingerprint for w in analyse(reloaded).warnings] == [stale.fingerprint]


def test_stale_review_in_chinese() -> None:
    chart = base(reviews=[R("orphan-goal:gone")], title="校园单车")
    warning = one(analyse(chart), "stale-review")
    assert "\u201corphan-goal:gone\u201d" in warning.message and "仍然保留" in warning.message


def test_reviews_survive_save_and_load() -> None:
    chart = base(tasks=[AMBASSADORS], reviews=[R(FINGERPRINT, "accepted", "Co-owned this term.")])
    reloaded = loads(dumps(chart))
    assert reloaded.reviews == chart.reviews
    warning = one(analyse(reloaded), "multiple-accountable")
    assert warning.review == chart.reviews[0]


# --- language ----------------------------------------------------------------------------------


def chinese_chart() -> Chart:
    return make_chart(
        [F("marketing", name="市场部"), F("operations", name="运营部")],
        [G("aware", "marketing", "awareness", ["公众号粉丝数"], "校园品牌知名度")],
        [T("ambassadors", {"marketing": "RA", "operations": "A"}, ["aware"], "校园大使招募")],
        title="校园单车 · 市场 vs 运营",
    )


def test_chart_language() -> None:
    assert chart_language(base()) == "en"
    assert chart_language(chinese_chart()) == "zh"
    assert chart_language(base(title="校园单车")) == "zh"
    assert chart_language(base(functions=[F("ops-cn", name="运营部")])) == "zh"


def test_messages_follow_the_chart_language() -> None:
    analysis = analyse(chinese_chart())
    assert analysis.lang == "zh"
    warning = one(analysis, "multiple-accountable")
    assert "\u201c校园大使招募\u201d的负责人（A）同时给了市场部和运营部" in warning.message
    assert warning.suggestion.startswith("只保留一个 A；另一方改为 R（执行）或 C（咨询）")


def test_language_can_be_forced() -> None:
    english = analyse(chinese_chart(), lang="en")
    assert english.lang == "en"
    assert "is owned (A) by 市场部 and 运营部" in one(english, "multiple-accountable").message
    chinese = analyse(base(tasks=[AMBASSADORS]), lang="zh")
    assert "同时给了Marketing和Product" in one(chinese, "multiple-accountable").message


# --- ordering, lookup, purity ----------------------------------------------------------------


def test_warnings_are_ordered_by_severity_then_rule() -> None:
    chart = base(
        goals=[G("rating", None, "perception", kpis=[])],
        tasks=[AMBASSADORS, T("x", {}, [], "Loose end")],
        reviews=[R("orphan-goal:gone")],
    )
    analysis = analyse(chart)
    keys = [(SEVERITIES.index(w.severity), RULE_ORDER.index(w.rule)) for w in analysis.warnings]
    assert keys == sorted(keys)
    assert analysis.warnings[0].rule == "multiple-accountable"


def test_for_entity() -> None:
    analysis = analyse(base(tasks=[AMBASSADORS]))
    assert [w.rule for w in analysis.for_entity("ambassadors")] == ["multiple-accountable"]
    assert [w.rule for w in analysis.for_entity("product")] == ["multiple-accountable"]
    assert analysis.for_entity("posters") == []
    assert analysis.for_entity("no-such-id") == []


def test_analysis_is_a_pure_function_of_the_chart() -> None:
    chart = FIRES["duplicate-task"].chart
    before = chart.model_dump()
    assert analyse(chart) == analyse(chart)
    assert chart.model_dump() == before


# --- the templates -----------------------------------------------------------------------------

TEMPLATE_RULES = {
    "shared-kpi",
    "multiple-accountable",
    "duplicate-task",
    "cross-side-task",
    "unowned-goal",
    "no-accountable",
    "task-without-goal",
}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_template_shows_several_warnings(lang: str) -> None:
    analysis = analyse(load(template_path("marketing-vs-operations", lang)))
    assert analysis.lang == lang
    assert TEMPLATE_RULES <= rules_of(analysis)
    assert len(analysis.warnings) >= len(TEMPLATE_RULES)
    assert all(w.is_open for w in analysis.warnings)
    assert all(has_cjk(w.message) == (lang == "zh") for w in analysis.warnings)


def test_templates_agree_across_languages() -> None:
    en = analyse(load(template_path("marketing-vs-operations", "en")))
    zh = analyse(load(template_path("marketing-vs-operations", "zh")))
    assert [w.rule for w in en.warnings] == [w.rule for w in zh.warnings]
    assert [w.entities for w in en.warnings] == [w.entities for w in zh.warnings]
    same = [w.fingerprint for w in en.warnings if w.rule != "shared-kpi"]
    assert same == [w.fingerprint for w in zh.warnings if w.rule != "shared-kpi"]
    assert one(zh, "shared-kpi").fingerprint == "shared-kpi:新注册用户数:marketing,operations"
    assert (
        one(en, "duplicate-task").fingerprint
        == "duplicate-task:wechat-safety-mkt,wechat-safety-ops"
    )


def test_empty_template_is_quiet() -> None:
    for lang in ("en", "zh"):
        analysis = analyse(load(template_path("empty", lang)))
        assert analysis.warnings == () and analysis.convergence == ()


def test_near_duplicate_tasks_are_one_warning_per_group() -> None:
    """Issue 14: three tasks saying the same thing are one finding naming all three, not
    three pairs; the group is fingerprinted by its sorted ids (a pair keeps its old key)."""
    title = "Recruit campus ambassadors for the spring term"
    chart = base(
        tasks=[
            T("g-c", {"marketing": "RA"}, ["aware"], title),
            T("g-a", {"operations": "RA"}, ["retain"], title + "!"),
            T("g-b", {"marketing": "RA"}, ["aware"], title.upper()),
        ]
    )
    warning = one(analyse(chart), "duplicate-task")
    assert warning.fingerprint == "duplicate-task:g-a,g-b,g-c"
    assert set(warning.entities) == {"g-a", "g-b", "g-c"}
    assert warning.message.startswith("3 tasks look like the same work")
    assert "Marketing" in warning.message and "Operations" in warning.message


def test_a_large_group_is_one_short_warning_in_either_language() -> None:
    title = "春季会员拉新活动方案"
    tasks = [
        T(f"t{k:02}", {"marketing" if k % 2 else "operations": "RA"}, ["aware"], title + "！" * k)
        for k in range(12)
    ]
    result = analyse(base(tasks=tasks), lang="zh")
    warning = one(result, "duplicate-task")
    assert len(warning.entities) == 12
    key = warning.fingerprint.removeprefix("duplicate-task:")
    assert key.startswith("t00+11#") and len(key) < 30  # one short line in a review
    assert warning.message.startswith("12 个任务看起来是同一件事")
    assert "等另外 7 个" in warning.message
    assert warning.message.count("春季会员拉新活动方案") == 5


def test_rerunning_after_an_edit_gives_what_a_fresh_analysis_gives() -> None:
    """Per-task results are kept between analyses (memo.TaskMemo): after an edit, a rename of
    a function or a change of settings, the answer is the one a first analysis gives."""
    from rolemap.core.analysis import rules

    chart = base(
        tasks=[
            T("a", {"marketing": "RA", "operations": "A"}, ["aware"], "Spring poster"),
            T("b", {"operations": "RA"}, ["retain"], "Win-back SMS"),
            T("c", {}, [], "Loose end"),
        ]
    )
    first = analyse(chart)
    tasks = list(chart.tasks)
    tasks[1] = tasks[1].model_copy(update={"raci": {"operations": "R", "marketing": "A"}})
    edited = chart.model_copy(update={"tasks": tasks})
    functions = [f.model_copy(update={"name": "Growth"}) for f in chart.functions[:1]]
    renamed = chart.model_copy(update={"functions": functions + list(chart.functions[1:])})
    for variant in (edited, renamed, chart):
        kept = analyse(variant)
        rules.forget()
        assert kept == analyse(variant)
    assert analyse(chart) == first
