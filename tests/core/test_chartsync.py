"""The worker's copy of a chart follows the app's by deltas and chunks (rolemap.core.chartsync)."""

from __future__ import annotations

import pickle

from hypothesis import given
from hypothesis import strategies as st

from rolemap.core import chartsync
from rolemap.core import edit as E
from rolemap.core.model import Chart, Function, Goal, Task


def _chart(n: int) -> Chart:
    return Chart(
        title="Sync",
        functions=(Function(id="mkt", name="Marketing"), Function(id="ops", name="Operations")),
        goals=(Goal(id="g1", name="Grow", owner="mkt", kpis=("signups",)),),
        tasks=tuple(
            Task(id=f"t{i}", title=f"Task number {i}", goals=("g1",), raci={"mkt": "A"})
            for i in range(n)
        ),
    )


def _same(old: Chart, new: Chart) -> None:
    delta = chartsync.diff(old, new)
    # the worker receives it pickled: identity is lost on the way
    again = chartsync.apply(pickle.loads(pickle.dumps(old)), pickle.loads(pickle.dumps(delta)))
    assert again == new
    assert chartsync.apply(old, delta) == new


def test_an_edit_sends_only_the_rows_it_touched():
    old = _chart(500)
    new = E.update_row(old, "tasks", 250, "t", title="Changed").after
    delta = chartsync.diff(old, new)
    assert [(s.section, s.first, s.removed, len(s.items)) for s in delta.splices] == [
        ("tasks", 250, 1, 1)
    ]
    _same(old, new)


def test_inserts_removals_moves_and_goal_removal_replay_exactly():
    old = _chart(50)
    steps = [
        E.insert_rows(old, "tasks", 10, [Task(id="new", title="New one")], "add").after,
        E.remove_rows(old, "tasks", [0, 1, 2, 30, 49], "remove").after,
        E.move_row(old, "tasks", 3, 40, "move").after,
        E.remove_rows(old, "goals", [0], "remove goal").after,  # touches every task too
        old.model_copy(update={"title": "Renamed", "tasks": tuple(reversed(old.tasks))}),
        _chart(0),
    ]
    for new in steps:
        _same(old, new)
        _same(new, old)


@given(
    st.lists(st.integers(0, 39), max_size=8),
    st.lists(st.integers(0, 39), max_size=8),
    st.integers(0, 5),
)
def test_any_mix_of_updates_removals_and_inserts(updates, removals, inserted):
    old = _chart(40)
    tasks = list(old.tasks)
    for i in updates:
        tasks[i] = tasks[i].model_copy(update={"title": f"changed {i}"})
    tasks = [t for i, t in enumerate(tasks) if i not in set(removals)]
    tasks[len(tasks) // 2 : len(tasks) // 2] = [
        Task(id=f"n{i}", title="n") for i in range(inserted)
    ]
    _same(old, old.model_copy(update={"tasks": tuple(tasks)}))


def test_a_chart_split_into_chunks_joins_back_equal():
    chart = _chart(2345)
    head, chunks = chartsync.split(chart, 1000)
    assert [len(c) for c in chunks] == [1000, 1000, 345]
    assert head.tasks == ()
    parts = [pickle.loads(pickle.dumps(c)) for c in chunks]
    assert chartsync.join(pickle.loads(pickle.dumps(head)), parts) == chart
