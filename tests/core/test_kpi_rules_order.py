"""shared-kpi and same-kpi-question do not depend on the order of goals (review of analysis v2).

KPIs that only the stems or glossaries join ("Revenue" / "Revenues") are one shared KPI; its
fingerprint must not change when a goal moves up the list (a reviewed warning would go stale),
and it keeps the format-1 spelling. A KPI used by two owners must still be compared with a
third KPI of either owner, whichever goal is listed first.
"""

from __future__ import annotations

from itertools import permutations

from rolemap.core.analysis import analyse
from tests.core.analysis_charts import F, G, make_chart


def _fingerprints(goals: list[dict[str, object]], rule: str) -> set[str]:
    chart = make_chart(functions=[F("marketing"), F("operations")], goals=goals)
    return {w.fingerprint for w in analyse(chart).warnings if w.rule == rule}


def test_shared_kpi_fingerprint_keeps_its_format_1_spelling_in_any_goal_order() -> None:
    goals = [
        G("m-plural", "marketing", "revenue", ["Revenues"]),
        G("m-rev", "marketing", "revenue", ["Revenue"]),
        G("o-rev", "operations", "revenue", ["Revenue"]),
    ]
    for order in permutations(goals):
        assert _fingerprints(list(order), "shared-kpi") == {
            "shared-kpi:revenue:marketing,operations"
        }


def test_shared_kpi_joined_by_the_glossary_has_one_fingerprint_in_any_goal_order() -> None:
    goals = [
        G("m-dau", "marketing", "engagement", ["DAU"]),
        G("o-dau", "operations", "engagement", ["daily active users"]),
    ]
    found = [_fingerprints(list(order), "shared-kpi") for order in permutations(goals)]
    assert len(found[0]) == 1
    assert all(f == found[0] for f in found)


def test_same_kpi_question_does_not_depend_on_which_goal_comes_first() -> None:
    goals = [
        G("m-qpr", "marketing", "conversion", ["QPR"]),
        G("o-qpr", "operations", "conversion", ["QPR"]),
        G("m-long", "marketing", "conversion", ["Quarterly pipeline review"]),
    ]
    for order in permutations(goals):
        assert _fingerprints(list(order), "same-kpi-question") == {
            "same-kpi-question:qpr|quarterly pipeline review"
        }
