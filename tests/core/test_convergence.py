"""The convergence score: features, work weights, the worked example, and its properties."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rolemap.core.analysis.convergence import (
    convergence_scores,
    goal_features,
    goal_weights,
    portfolios,
    ruzicka,
)
from rolemap.core.catalogue import GoalKind
from rolemap.core.model import Chart, Goal
from tests.core.analysis_charts import F, G, T, make_chart, overlapping_charts, shuffled
from tests.core.test_analysis import worked_example
from tests.helpers import child_env
from tests.strategies import charts

SIDE_KINDS = [k.value for k in GoalKind if k is not GoalKind.OTHER]


def score(chart: Chart, a: str = "marketing", b: str = "operations") -> float:
    for c in convergence_scores(chart):
        if set(c.functions) == {a, b}:
            return c.score
    raise AssertionError(f"no score for {a}, {b}")


# --- features and weights ------------------------------------------------------------------------


def goal(kind: str, kpis: list[str]) -> Goal:
    return Goal(id="g", name="g", kind=GoalKind(kind), kpis=tuple(kpis))


def test_goal_features_split_between_kind_and_kpis() -> None:
    assert goal_features(goal("retention", ["30-day retention", "Weekly rides"])) == {
        "kind:retention": 0.5,
        "kpi:30-day retention": 0.25,
        "kpi:weekly rides": 0.25,
    }
    assert goal_features(goal("retention", [])) == {"kind:retention": 1.0}
    assert goal_features(goal("other", ["NPS", "nps!"])) == {"kpi:nps": 1.0}
    assert goal_features(goal("other", [])) == {}


def test_goal_weights_count_ownership_and_r_or_a_work() -> None:
    weights = goal_weights(worked_example())
    assert weights == {
        "marketing": {"m-aware": 1.5, "o-new": 1.5},
        "operations": {"o-new": 2.5, "m-aware": 0.5},
    }


def test_consulted_and_informed_do_not_count_as_work() -> None:
    chart = make_chart(
        [F("marketing"), F("operations")],
        [G("m", "marketing", "awareness", ["x"]), G("o", "operations", "retention", ["y"])],
        [T(f"t{i}", {"marketing": "CI", "operations": "RA"}, ["o"]) for i in range(5)],
    )
    assert goal_weights(chart)["marketing"] == {"m": 1.0}
    assert score(chart) == 0.0


# --- the worked example (docs/analysis.md) --------------------------------------------------------


def test_worked_example() -> None:
    """The numbers the docs give, in 24ths."""
    vectors = portfolios(worked_example())
    assert vectors["marketing"] == pytest.approx(
        {
            "kind:awareness": 6 / 24,
            "kpi:wechat followers": 3 / 24,
            "kpi:new registered users": 9 / 24,
            "kind:acquisition": 6 / 24,
        }
    )
    assert vectors["operations"] == pytest.approx(
        {
            "kind:acquisition": 10 / 24,
            "kpi:new registered users": 11 / 24,
            "kind:awareness": 2 / 24,
            "kpi:wechat followers": 1 / 24,
        }
    )
    assert ruzicka(vectors["marketing"], vectors["operations"]) == pytest.approx(18 / 30)
    [conv] = convergence_scores(worked_example())
    assert conv.functions == ("marketing", "operations")
    assert conv.score == 0.6
    assert conv.shared[:2] == ("kpi:new registered users", "kind:acquisition")


def test_worked_example_without_tasks() -> None:
    chart = worked_example().model_copy(update={"tasks": ()})
    assert ruzicka(*portfolios(chart).values()) == pytest.approx(1 / 7)
    assert score(chart) == 0.14


# --- properties ----------------------------------------------------------------------------------


@settings(max_examples=100, deadline=None)
@given(st.one_of(charts(), overlapping_charts()))
def test_scores_are_in_range_and_cover_every_pair(chart: Chart) -> None:
    scores = convergence_scores(chart)
    fids = [f.id for f in chart.functions]
    assert [c.functions for c in scores] == [
        (a, b) for i, a in enumerate(fids) for b in fids[i + 1 :]
    ]
    for c in scores:
        assert 0.0 <= c.score <= 1.0
        assert c.shared or c.score == 0.0
    vectors = portfolios(chart)
    for v in vectors.values():
        assert not v or sum(v.values()) == pytest.approx(1.0)
    for a in vectors:
        for b in vectors:
            assert ruzicka(vectors[a], vectors[b]) == pytest.approx(ruzicka(vectors[b], vectors[a]))


@st.composite
def disjoint_portfolios(draw: st.DrawFn) -> Chart:
    """Two functions whose goals share no kind and no KPI; each does only its own work."""
    kinds = draw(st.permutations(SIDE_KINDS))
    cut = draw(st.integers(0, len(kinds)))
    kinds_of = {"marketing": [*kinds[:cut], "other"], "operations": [*kinds[cut:], "other"]}
    goals: list[dict[str, Any]] = []
    tasks: list[dict[str, Any]] = []
    for fid, other in (("marketing", "operations"), ("operations", "marketing")):
        for i in range(draw(st.integers(0, 4))):
            gid = f"{fid}-g{i}"
            kpis = draw(st.lists(st.sampled_from([f"{fid} KPI {k}" for k in range(4)]), max_size=3))
            goals.append(G(gid, fid, draw(st.sampled_from(kinds_of[fid])), kpis))
            for j in range(draw(st.integers(0, 3))):
                letters = draw(st.sampled_from(["R", "A", "RA"]))
                tasks.append(
                    T(f"{gid}-t{j}", {fid: letters, other: draw(st.sampled_from("CI"))}, [gid])
                )
    return make_chart([F("marketing"), F("operations")], goals, tasks)


@settings(max_examples=200, deadline=None)
@given(disjoint_portfolios())
def test_no_shared_kind_or_kpi_scores_zero(chart: Chart) -> None:
    assert score(chart) == 0.0


@st.composite
def mirrored_portfolios(draw: st.DrawFn) -> Chart:
    """Two functions with the same goals (kinds, KPIs) and the same work behind each."""
    specs = draw(
        st.lists(
            st.tuples(
                st.sampled_from([k.value for k in GoalKind]),
                st.lists(
                    st.sampled_from(["NPS", "DAU", "复购率（90天）", "new users"]), max_size=3
                ),
                st.integers(0, 3),
            ),
            min_size=1,
            max_size=5,
        ).filter(lambda gs: any(kind != "other" or kpis for kind, kpis, _ in gs))
    )
    goals: list[dict[str, Any]] = []
    tasks: list[dict[str, Any]] = []
    for fid in ("marketing", "operations"):
        for i, (kind, kpis, n_tasks) in enumerate(specs):
            written = [k.upper() for k in kpis] if fid == "operations" else kpis
            goals.append(G(f"{fid}-g{i}", fid, kind, written))
            tasks += [T(f"{fid}-g{i}-t{j}", {fid: "RA"}, [f"{fid}-g{i}"]) for j in range(n_tasks)]
    chart = make_chart([F("marketing"), F("operations")], goals, tasks)
    return draw(shuffled(chart))


@settings(max_examples=200, deadline=None)
@given(mirrored_portfolios())
def test_identical_portfolios_score_one(chart: Chart) -> None:
    assert score(chart) == 1.0


@settings(max_examples=200, deadline=None)
@given(
    own_tasks=st.integers(0, 3),
    foreign_tasks=st.integers(1, 8),
    kind=st.sampled_from(["awareness", "reputation", "partnerships"]),
    letters=st.sampled_from(["R", "A", "RA"]),
)
def test_work_for_the_other_sides_goals_raises_the_score(
    own_tasks: int, foreign_tasks: int, kind: str, letters: str
) -> None:
    """A function whose R/A tasks mostly serve the other side's goals converges with it."""
    functions = [F("marketing"), F("operations")]
    goals = [
        G("m-goal", "marketing", kind, ["brand mentions"]),
        G("o-goal", "operations", "retention", ["30-day retention rate"]),
    ]
    own = [T(f"own{i}", {"operations": "RA"}, ["o-goal"]) for i in range(3)]
    own += [T(f"m-own{i}", {"marketing": "RA"}, ["m-goal"]) for i in range(own_tasks)]
    foreign = [
        T(f"f{i}", {"marketing": letters, "operations": "C"}, ["o-goal"])
        for i in range(foreign_tasks)
    ]
    before = score(make_chart(functions, goals, own))
    after = score(make_chart(functions, goals, own + foreign))
    assert after > before == 0.0
    # Marketing's portfolio: weight a = 1 + own_tasks on its goal, b = foreign_tasks on the other;
    # the score is then b / (2a + b).
    a, b = 1 + own_tasks, foreign_tasks
    assert after == round(b / (2 * a + b), 2)
    if b > a:  # mostly the other side's work
        assert after > 0.33


# --- determinism ---------------------------------------------------------------------------------


def test_score_does_not_depend_on_list_order() -> None:
    """The same chart written in another order must give the same score.

    Here the exact score is 1/8: sum(min) = 2/9, sum(max) = 16/9. Summing floats in chart order
    gives 0.12499... in one order and 0.12500...01 in the other, which round to 0.12 and 0.13.
    """
    functions = [F("f0", name="F0"), F("f2", name="F2")]
    goals = [
        G("g0", None, "other", ["c"]),
        G("g1", "f2", "conversion", ["c"]),
        G("g2", "f0", "retention", []),
    ]
    tasks = [
        T("t1", {"f2": "C", "f0": "A"}, ["g1", "g0", "g2"]),
        T("t2", {"f0": "R", "f2": "C"}, ["g2"]),
    ]
    one_order = make_chart(functions, goals, tasks)
    other_order = make_chart(
        functions[::-1],
        [goals[2], goals[0], goals[1]],
        [
            T("t2", {"f2": "C", "f0": "R"}, ["g2"]),
            T("t1", {"f0": "A", "f2": "C"}, ["g1", "g0", "g2"]),
        ],
    )
    assert score(one_order, "f0", "f2") == score(other_order, "f0", "f2")


@settings(max_examples=100, deadline=None)
@given(st.data())
def test_scores_do_not_depend_on_order(data: st.DataObject) -> None:
    chart = data.draw(overlapping_charts())
    other = data.draw(shuffled(chart))

    def by_pair(c: Chart) -> dict[frozenset[str], float]:
        return {frozenset(x.functions): x.score for x in convergence_scores(c)}

    assert by_pair(other) == by_pair(chart)


TIES = """
from rolemap.core.analysis.convergence import convergence_scores
from rolemap.core.model import Chart
goal = lambda gid, owner: {"id": gid, "name": gid, "owner": owner, "kind": "retention",
                           "kpis": ["KPI one", "KPI two", "KPI three", "KPI four", "KPI five"]}
chart = Chart.model_validate({"title": "ties",
    "functions": [{"id": "m", "name": "M"}, {"id": "o", "name": "O"}],
    "goals": [goal("gm", "m"), goal("go", "o")]})
print(json.dumps([c.shared for c in convergence_scores(chart)]))
"""


def test_shared_features_are_listed_in_a_stable_order() -> None:
    """Ties in weight must not be broken by string hashing, which changes from run to run.

    ``Convergence.shared`` (and the converging-goals message, which names the first four) must be
    the same in every process.
    """
    import subprocess
    import sys

    outputs = set()
    for seed in ("0", "1", "2", "3"):
        env = child_env() | {"PYTHONHASHSEED": seed}
        run = subprocess.run(
            [sys.executable, "-c", "import json\n" + TIES],
            capture_output=True,
            text=True,
            env=env,
            check=True,
            timeout=60,
        )
        outputs.add(run.stdout)
    assert len(outputs) == 1, outputs
    assert json.loads(outputs.pop())[0][0] == "kind:retention"
