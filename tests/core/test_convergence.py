"""The convergence score v2: the properties a consultant expects, the worked example, determinism."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rolemap.core.analysis import Settings, analyse
from rolemap.core.analysis.convergence import (
    TAU,
    convergence_scores,
    inside,
    portfolios,
    similarity,
    work_share,
)
from rolemap.core.catalogue import GoalKind
from rolemap.core.model import Chart
from tests.core.analysis_charts import F, G, T, make_chart, overlapping_charts, shuffled
from tests.core.test_analysis import worked_example
from tests.helpers import child_env
from tests.strategies import charts

SIDE_KINDS = [k.value for k in GoalKind if k is not GoalKind.OTHER]
THRESHOLD = Settings().convergence_threshold


def score(chart: Chart, a: str = "marketing", b: str = "operations") -> float:
    for c in convergence_scores(chart):
        if set(c.functions) == {a, b}:
            return c.score
    raise AssertionError(f"no score for {a}, {b}")


def fires(chart: Chart, a: str = "marketing", b: str = "operations") -> bool:
    return any(
        w.rule == "converging-goals" and set(w.entities) == {a, b} for w in analyse(chart).warnings
    )


# --- the worked example (docs/analysis.md) --------------------------------------------------------


def test_worked_example() -> None:
    chart = worked_example()
    kinds, _kpis = portfolios(chart)
    assert kinds["marketing"] == pytest.approx({"kind:awareness": 2 / 3, "kind:acquisition": 1 / 3})
    assert kinds["operations"] == pytest.approx(
        {"kind:acquisition": 2 / 3, "kind:retention": 1 / 3}
    )
    # Operations' acquisition (2/3) lies where Marketing has 1/3 >= TAU: fully counted.
    assert inside(kinds["operations"], kinds["marketing"]) == pytest.approx(2 / 3)
    assert inside(kinds["marketing"], kinds["operations"]) == pytest.approx(1 / 3)
    assert score(chart) == 0.67
    assert fires(chart)


def test_worked_example_without_tasks() -> None:
    chart = worked_example().model_copy(update={"tasks": ()})
    assert score(chart) == 0.5


# --- the properties issue 8 asks for --------------------------------------------------------------


def test_functions_without_goals_never_converge() -> None:
    """Legal signs off everything and works on both sides' goals: a support function, score 0."""
    chart = make_chart(
        [F("marketing"), F("operations"), F("legal")],
        [G("m", "marketing", "awareness", ["reach"]), G("o", "operations", "awareness", ["reach"])],
        [
            T("t1", {"marketing": "RA", "legal": "RA"}, ["m"]),
            T("t2", {"operations": "RA", "legal": "RA"}, ["o"]),
        ],
    )
    assert score(chart, "legal", "marketing") == 0.0
    assert score(chart, "legal", "operations") == 0.0
    assert not fires(chart, "legal", "marketing") and not fires(chart, "legal", "operations")
    assert score(chart) == 1.0  # the two goal owners do converge


@pytest.mark.parametrize("n_kinds", [1, 2, 3])
def test_same_kinds_with_every_kpi_named_differently_converge(n_kinds: int) -> None:
    kinds = ["acquisition", "conversion", "engagement"][:n_kinds]
    goals = [G(f"m{i}", "marketing", k, [f"marketing measure {i}"]) for i, k in enumerate(kinds)]
    goals += [G(f"o{i}", "operations", k, [f"ops number {i}"]) for i, k in enumerate(kinds)]
    tasks = [T(f"mt{i}", {"marketing": "RA"}, [f"m{i}"]) for i in range(n_kinds)]
    tasks += [T(f"ot{i}", {"operations": "RA"}, [f"o{i}"]) for i in range(n_kinds)]
    chart = make_chart([F("marketing"), F("operations")], goals, tasks)
    assert score(chart) >= THRESHOLD and fires(chart)


def test_same_kpi_under_different_kinds_converges() -> None:
    chart = make_chart(
        [F("marketing"), F("operations")],
        [
            G("m", "marketing", "awareness", ["free trial sign-ups"]),
            G("o", "operations", "conversion", ["Free-trial sign-ups"]),
        ],
        [T("a", {"marketing": "RA"}, ["m"]), T("b", {"operations": "RA"}, ["o"])],
    )
    assert score(chart) >= THRESHOLD and fires(chart)


def test_a_narrow_function_inside_a_broad_one_converges() -> None:
    broad = ["acquisition", "activation", "retention", "conversion"]
    goals = [G(f"o{i}", "operations", k, [f"ops kpi {i}"]) for i, k in enumerate(broad)]
    goals.append(G("g", "growth", "acquisition", ["campus sign-ups"]))
    tasks = [T(f"ot{i}", {"operations": "RA"}, [f"o{i}"]) for i in range(4)]
    tasks += [T(f"gt{i}", {"growth": "RA"}, ["g"]) for i in range(3)]
    chart = make_chart([F("growth"), F("operations")], goals, tasks)
    assert score(chart, "growth", "operations") == 1.0
    assert fires(chart, "growth", "operations")


def test_effort_weighs_one_big_task_like_several_small_ones() -> None:
    goals = [
        G("m-ret", "marketing", "retention", ["member renewals"]),
        G("m-aw", "marketing", "awareness", ["reach"]),
        G("o-ret", "operations", "retention", ["repeat bookings"]),
    ]
    small = [T(f"s{i}", {"marketing": "RA"}, ["m-ret"]) for i in range(4)]
    brand_work = {**T("aw", {"marketing": "RA"}, ["m-aw"]), "effort": 20}
    small += [brand_work, T("o", {"operations": "RA"}, ["o-ret"])]
    big = [
        {**T("big", {"marketing": "RA"}, ["m-ret"]), "effort": 4},
        brand_work,
        T("o", {"operations": "RA"}, ["o-ret"]),
    ]
    functions = [F("marketing"), F("operations")]
    assert score(make_chart(functions, goals, big)) == score(make_chart(functions, goals, small))
    one_small = make_chart(functions, goals, [small[0], *small[4:]])
    assert score(make_chart(functions, goals, big)) > score(one_small)


def test_collaborating_on_a_joint_task_for_each_sides_own_goal_is_not_convergence() -> None:
    chart = make_chart(
        [F("marketing"), F("operations")],
        [G("m", "marketing", "awareness", ["reach"]), G("o", "operations", "retention", ["rr"])],
        [T("joint", {"marketing": "RA", "operations": "R"}, ["m", "o"])],
    )
    weights = work_share(chart)
    assert set(weights["marketing"]) == {"m"} and set(weights["operations"]) == {"o"}
    assert score(chart) == 0.0


@pytest.mark.parametrize("cell", ["C", "I", "R?", "A?", "RA?"])
def test_consulted_informed_and_conditional_roles_add_nothing(cell: str) -> None:
    goals = [G("m", "marketing", "awareness", ["reach"]), G("o", "operations", "retention", ["rr"])]
    base = [T("m1", {"marketing": "RA"}, ["m"]), T("o1", {"operations": "RA"}, ["o"])]
    extra = T("x", {"operations": "RA", "marketing": cell}, ["o"])
    if cell == "RA?":
        extra = T("x", {"operations": "RA", "marketing": "R?A?"}, ["o"])
    functions = [F("marketing"), F("operations")]
    assert score(make_chart(functions, goals, [*base, extra])) == 0.0


def test_a_daci_approver_signs_off_without_adding_to_its_portfolio() -> None:
    chart = Chart.model_validate(
        {
            "title": "DACI",
            "notation": "daci",
            "functions": [{"id": "marketing", "name": "M"}, {"id": "operations", "name": "O"}],
            "goals": [
                G("m", "marketing", "awareness", ["reach"]),
                G("o", "operations", "retention", ["rr"]),
            ],
            "tasks": [
                T("t1", {"marketing": "D"}, ["m"]),
                T("t2", {"operations": "D", "marketing": "A"}, ["o"]),
            ],
        }
    )
    assert score(chart) == 0.0


def test_nothing_shared_scores_zero_and_the_measure_is_bounded() -> None:
    a = {"kind:awareness": 1.0}
    b = {"kind:retention": 0.5, "kind:conversion": 0.5}
    assert similarity(a, b) == 0.0
    assert similarity(a, a) == 1.0 == similarity(b, b)
    assert 0 < TAU < 1


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
    for vectors in portfolios(chart):
        for v in vectors.values():
            assert not v or sum(v.values()) == pytest.approx(1.0)
        for a in vectors:
            for b in vectors:
                assert similarity(vectors[a], vectors[b]) == pytest.approx(
                    similarity(vectors[b], vectors[a])
                )


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
    """A function whose firm tasks serve the other side's goals converges with it."""
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
    # Marketing's kinds: a = 1 + own_tasks on its own, b = foreign_tasks on retention, where
    # Operations has everything; Operations' retention lies where Marketing has b / (a + b).
    a, b = 1 + own_tasks, foreign_tasks
    share = b / (a + b)
    assert after == round(max(share, min(1.0, share / TAU)), 2)


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
