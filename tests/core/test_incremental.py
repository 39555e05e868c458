"""The analysis after a sequence of edits equals a first analysis of the same chart, exactly.

Sums over all tasks are kept between analyses and updated by the tasks an edit changed
(``memo.Tally``: counts per function and goal, each function's weight per goal, support
work); the KPI rules and the convergence scores are kept while their inputs stay the same.
Here random edits (titles, roles, goals, effort, inserts, removals, moves, a repeated id,
renames, owners, KPIs, settings) are applied one after another, and after each the analysis
and the weights are compared with what a process that never analysed before computes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from rolemap.core.analysis import (
    Settings,
    analyse,
    context,
    convergence,
    duplicates,
    rules,
    workload,
)
from rolemap.core.analysis.convergence import convergence_scores, work_share
from rolemap.core.analysis.memo import TaskMemo
from rolemap.core.model import Chart, Task
from tests.core.analysis_charts import KPI_VOCABULARY, TITLE_VOCABULARY, overlapping_charts
from tests.strategies import raci_letters

# What analyses keep between runs, module by module (``rules.forget`` drops the same).
KEPT = [
    (rules, "_task_memo"),
    (rules, "_kpi_rules"),
    (workload, "_support_tally"),
    (context, "_owner_tally"),
    (convergence, "_share_tally"),
    (convergence, "_last_scores"),
    (convergence, "_last_keys"),
    (duplicates, "_kept"),
]


@contextmanager
def first_analysis() -> Iterator[None]:
    """Run as a process that never analysed before would, then put back what was kept."""
    saved = [getattr(module, name) for module, name in KEPT]
    try:
        for module, name in KEPT:
            kept = getattr(module, name)
            setattr(module, name, None if name == "_last_keys" else type(kept)())
        yield
    finally:
        for (module, name), kept in zip(KEPT, saved, strict=True):
            setattr(module, name, kept)


def fresh(chart: Chart, settings_: Settings | None = None) -> Any:
    with first_analysis():
        return analyse(chart, settings_), work_share(chart)


EFFORTS = (
    st.none()
    | st.sampled_from([0.1, 0.2, 0.3, 1 / 3, 2.5, 7.0, 1e-9, 1e6])
    | st.floats(min_value=1e-6, max_value=1e6, allow_nan=False, allow_infinity=False)
)


@st.composite
def edits(draw: st.DrawFn, chart: Chart) -> tuple[Chart, Settings | None]:
    """One edit of ``chart`` (mostly of its tasks, as in the app), and the settings to use."""
    tasks = list(chart.tasks)
    fids = [f.id for f in chart.functions]
    gids = [g.id for g in chart.goals]
    kind = draw(
        st.sampled_from(
            ["title", "raci", "goals", "effort", "insert", "remove", "move", "repeat-id"] * 3
            + ["rename", "owner", "kpis", "settings", "same"]
        )
    )
    settings_ = None
    if kind in ("title", "raci", "goals", "effort", "remove", "move", "repeat-id") and not tasks:
        kind = "insert"
    if kind in ("title", "raci", "goals", "effort"):
        i = draw(st.integers(0, len(tasks) - 1))
        change: dict[str, Any] = {
            "title": {"title": draw(st.sampled_from(TITLE_VOCABULARY))},
            "raci": {"raci": draw(st.dictionaries(st.sampled_from(fids), raci_letters))},
            "goals": {"goals": tuple(draw(st.lists(st.sampled_from(gids), unique=True)))}
            if gids
            else {"goals": ()},
            "effort": {"effort": draw(EFFORTS)},
        }[kind]
        tasks[i] = tasks[i].model_copy(update=change)
    elif kind == "insert":
        new = Task(
            id=f"n{draw(st.integers(0, 10**6))}",
            title=draw(st.sampled_from(TITLE_VOCABULARY)),
            goals=tuple(draw(st.lists(st.sampled_from(gids), unique=True))) if gids else (),
            raci=draw(st.dictionaries(st.sampled_from(fids), raci_letters)),
            effort=draw(EFFORTS),
        )
        tasks.insert(draw(st.integers(0, len(tasks))), new)
    elif kind == "remove":
        del tasks[draw(st.integers(0, len(tasks) - 1))]
    elif kind == "move":
        i, j = draw(st.integers(0, len(tasks) - 1)), draw(st.integers(0, len(tasks) - 1))
        tasks.insert(j, tasks.pop(i))
    elif kind == "repeat-id":  # a task id used twice: the chart reports it, the analysis copes
        i, j = draw(st.integers(0, len(tasks) - 1)), draw(st.integers(0, len(tasks) - 1))
        tasks[j] = tasks[j].model_copy(update={"id": tasks[i].id})
    elif kind == "rename" and chart.functions:
        functions = list(chart.functions)
        i = draw(st.integers(0, len(functions) - 1))
        functions[i] = functions[i].model_copy(update={"name": draw(st.sampled_from("ABC"))})
        return chart.model_copy(update={"functions": tuple(functions)}), None
    elif kind in ("owner", "kpis") and chart.goals:
        goals = list(chart.goals)
        i = draw(st.integers(0, len(goals) - 1))
        update: dict[str, Any] = (
            {"owner": draw(st.none() | st.sampled_from(fids))}
            if kind == "owner"
            else {"kpis": tuple(draw(st.lists(st.sampled_from(KPI_VOCABULARY), max_size=3)))}
        )
        goals[i] = goals[i].model_copy(update=update)
        return chart.model_copy(update={"goals": tuple(goals)}), None
    elif kind == "settings":
        settings_ = Settings(
            overload_min_tasks=draw(st.integers(1, 4)),
            overload_share=draw(st.sampled_from([0.3, 0.5, 0.8])),
            support_min_tasks=draw(st.integers(1, 3)),
            support_share=draw(st.sampled_from([0.3, 0.6])),
        )
    return chart.model_copy(update={"tasks": tuple(tasks)}), settings_


@settings(max_examples=150, deadline=None)
@given(overlapping_charts(max_tasks=12), st.data())
def test_an_analysis_after_each_edit_equals_a_first_analysis(chart: Chart, data: Any) -> None:
    with first_analysis():  # this test's own history, whatever ran before it
        analyse(chart)
        for _ in range(data.draw(st.integers(1, 12))):
            chart, settings_ = data.draw(edits(chart))
            kept = analyse(chart, settings_)
            weights = work_share(chart)
            first, first_weights = fresh(chart, settings_)
            assert kept == first
            assert kept.by_entity == first.by_entity
            assert list(weights.items()) == list(first_weights.items())  # same order too
            assert [list(w.items()) for w in weights.values()] == [
                list(w.items()) for w in first_weights.values()
            ]


def test_sums_of_many_shares_stay_exact_over_long_edit_sequences() -> None:
    """Floating shares added and taken away thousands of times: the weights are summed again
    from the values themselves, never by subtracting, so nothing drifts."""
    from tests.core.analysis_charts import F, G, T, make_chart

    tasks = [T(f"t{i}", {"f0": "R", "f1": "A"}, ["g0", "g1"], f"task {i}") for i in range(300)]
    chart = make_chart([F("f0"), F("f1")], [G("g0", "f0"), G("g1", "f1")], tasks)
    with first_analysis():
        work_share(chart)
        for step in range(600):
            i = step * 7 % 300
            effort = (0.1, 1 / 3, 1e-9, 2.5)[step % 4]
            new = list(chart.tasks)
            new[i] = new[i].model_copy(update={"effort": effort})
            chart = chart.model_copy(update={"tasks": tuple(new)})
            work_share(chart)
        kept = work_share(chart)
        scores = convergence_scores(chart, weights=kept)
    _, first = fresh(chart)
    assert kept == first
    assert scores == convergence_scores(chart)


@given(
    st.lists(st.integers(0, 5), max_size=8),
    st.lists(st.lists(st.integers(0, 5), max_size=8), min_size=1, max_size=6),
)
def test_a_memo_change_names_what_left_and_what_came_in(
    first: list[int], later: list[list[int]]
) -> None:
    """Values before, minus ``removed``, plus ``added``: the values after (as multisets)."""
    pool = [Task(id=f"t{i}", title=f"T{i}") for i in range(6)]
    memo: TaskMemo[str] = TaskMemo()
    before = list(memo.update("c", [pool[i] for i in first], lambda t: t.id).values)
    for ids in later:
        tasks = [pool[i] for i in ids]
        change = memo.update("c", tasks, lambda t: t.id)
        assert list(change.values) == [t.id for t in tasks]
        assert Counter(before) - Counter(change.removed) + Counter(change.added) == Counter(
            change.values
        )
        assert Counter(change.removed) <= Counter(before)
        before = list(change.values)
