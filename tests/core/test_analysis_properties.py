"""Properties of the analysis on generated charts: fingerprints survive reordering and unrelated
edits, reviews attach by fingerprint, warnings are consistent with the chart."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from rolemap.core.analysis import RULE_ORDER, SEVERITIES, Analysis, analyse
from rolemap.core.model import Chart, Review
from tests.core.analysis_charts import overlapping_charts, shuffled, with_reviews
from tests.strategies import charts


def signature(analysis: Analysis) -> set[tuple[str, str, str, frozenset[str], str | None]]:
    """What must not change when only the order of things changes (messages may)."""
    return {
        (
            w.fingerprint,
            w.rule,
            w.severity,
            frozenset(w.entities),
            w.review.status if w.review else None,
        )
        for w in analysis.warnings
    }


def fingerprints(analysis: Analysis) -> set[str]:
    return {w.fingerprint for w in analysis.warnings}


@st.composite
def reviewed_charts(draw: st.DrawFn, base: st.SearchStrategy[Chart]) -> Chart:
    """A chart with reviews of some of its live warnings, and maybe a stale one."""
    chart = draw(base)
    live = sorted(fingerprints(analyse(chart)))
    chosen = draw(st.lists(st.sampled_from(live), unique=True, max_size=4)) if live else []
    if draw(st.booleans()):
        chosen.append("multiple-accountable:gone:f0,f1")
    reviews = [
        Review(
            warning=fp,
            status=draw(st.sampled_from(["acknowledged", "accepted"])),
            note="Decided in the workshop.",
        )
        for fp in chosen
    ]
    return with_reviews(chart, reviews)


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_fingerprints_survive_reordering(data: st.DataObject) -> None:
    chart = data.draw(reviewed_charts(overlapping_charts()))
    other = data.draw(shuffled(chart))
    assert signature(analyse(other)) == signature(analyse(chart))


@settings(max_examples=100, deadline=None)
@given(st.data())
def test_fingerprints_survive_reordering_of_arbitrary_charts(data: st.DataObject) -> None:
    chart = data.draw(charts())
    other = data.draw(shuffled(chart))
    assert signature(analyse(other)) == signature(analyse(chart))


def _respell(kpi: str, how: int) -> str:
    """The same KPI as the normaliser sees it: other case, spacing or character width."""
    if how == 0:
        return kpi.upper()
    if how == 1:
        return "  " + kpi.replace(" ", "   ") + " "
    return "".join(
        chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in unicodedata.normalize("NFKC", kpi)
    )


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_fingerprints_survive_unrelated_edits(data: st.DataObject) -> None:
    """Names, descriptions, colours, tags, the chart's title and KPI spelling are unrelated."""
    chart = data.draw(reviewed_charts(overlapping_charts()))
    how = data.draw(st.integers(0, 2))
    edited = chart.model_copy(
        update={
            "title": data.draw(st.sampled_from(["Another title", "另一个标题"])),
            "functions": tuple(
                f.model_copy(
                    update={"name": f"Renamed {f.name}", "description": "New", "color": "#123456"}
                )
                for f in chart.functions
            ),
            "goals": tuple(
                g.model_copy(
                    update={
                        "name": g.name + " (renamed)",
                        "description": "Edited",
                        "kpis": tuple(_respell(k, how) for k in g.kpis),
                    }
                )
                for g in chart.goals
            ),
            "tasks": tuple(
                t.model_copy(update={"description": "Edited", "tags": ("new tag",)})
                for t in chart.tasks
            ),
        }
    )
    assert signature(analyse(edited)) == signature(analyse(chart))


@settings(max_examples=100, deadline=None)
@given(st.data())
def test_adding_an_unrelated_function_keeps_every_fingerprint(data: st.DataObject) -> None:
    chart = data.draw(overlapping_charts())
    newcomer = chart.model_copy(
        update={
            "functions": (
                *chart.functions,
                chart.functions[0].model_copy(update={"id": "legal", "name": "Legal"}),
            )
        }
    )
    before, after = fingerprints(analyse(chart)), fingerprints(analyse(newcomer))
    assert before <= after
    assert {fp.split(":")[0] for fp in after - before} <= {"accountable-overload"}


@settings(max_examples=150, deadline=None)
@given(reviewed_charts(st.one_of(overlapping_charts(), charts())))
def test_warnings_are_consistent_with_the_chart(chart: Chart) -> None:
    analysis = analyse(chart)
    warnings = analysis.warnings
    ids = {x.id for x in (*chart.functions, *chart.goals, *chart.tasks)}
    assert len(fingerprints(analysis)) == len(warnings), "fingerprints are unique"
    keys = [(SEVERITIES.index(w.severity), RULE_ORDER.index(w.rule)) for w in warnings]
    assert keys == sorted(keys)
    reviews = {r.warning: r for r in chart.reviews}
    for w in warnings:
        assert w.fingerprint.startswith(w.rule + ":")
        assert set(w.entities) <= ids
        assert w.message and w.suggestion
        assert w.review is reviews.get(w.fingerprint)
        assert w.is_open == (w.review is None or w.review.status != "accepted")
    stale = {
        w.fingerprint.removeprefix("stale-review:") for w in warnings if w.rule == "stale-review"
    }
    live = {w.fingerprint for w in warnings if w.rule != "stale-review"}
    assert stale == set(reviews) - live
    assert sum(analysis.counts(open_only=False).values()) == len(warnings)
    assert sum(analysis.counts().values()) == sum(w.is_open for w in warnings)
    for i, w in enumerate(warnings):
        for e in w.entities:
            assert w in analysis.for_entity(e)
            assert i in analysis.by_entity[e]
