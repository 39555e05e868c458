"""memo.TaskMemo: what is recomputed after an edit, and that a rerun answers as a fresh analysis."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from rolemap.core.analysis import analyse, rules
from rolemap.core.analysis.memo import TaskMemo
from rolemap.core.fileformat import dumps, load, loads
from rolemap.core.model import Chart, Task
from rolemap.resources import template_path


def _tasks(n: int) -> tuple[Task, ...]:
    return tuple(
        Task(id=f"t{i}", title=f"Task {i}", raci={"m": "RA"}, goals=("g",)) for i in range(n)
    )


class Counting:
    def __init__(self) -> None:
        self.seen: list[str] = []

    def __call__(self, task: Task) -> str:
        self.seen.append(task.id)
        return f"{task.id}:{task.title}"


def _run(memo: TaskMemo[str], tasks: tuple[Task, ...], context: str = "c") -> list[str]:
    compute = Counting()
    values = memo.values(context, tasks, compute)
    assert list(values) == [f"{t.id}:{t.title}" for t in tasks]
    return compute.seen


def test_a_first_run_computes_every_task_and_the_same_tasks_none() -> None:
    memo: TaskMemo[str] = TaskMemo()
    tasks = _tasks(5)
    assert _run(memo, tasks) == ["t0", "t1", "t2", "t3", "t4"]
    assert _run(memo, tasks) == []
    assert _run(memo, tuple(tasks)) == []


@pytest.mark.parametrize(
    ("edit", "recomputed"),
    [
        (lambda ts: (*ts[:2], ts[2].model_copy(update={"title": "new"}), *ts[3:]), ["t2"]),
        (lambda ts: (Task(id="x", title="X"), *ts), ["x"]),  # every task moved one place
        (lambda ts: ts[:1] + ts[2:], []),
        (lambda ts: tuple(reversed(ts)), []),
        (lambda ts: tuple(t.model_copy() for t in ts), []),  # equal tasks, new objects
        (lambda ts: (ts[0].model_copy(update={"id": "t0b"}), *ts[1:]), ["t0b"]),
        (lambda ts: (ts[1].model_copy(update={"id": "t0"}), *ts[1:]), ["t0"]),  # id reused
    ],
)
def test_an_edit_recomputes_only_the_tasks_it_changed(
    edit: Callable[[tuple[Task, ...]], tuple[Task, ...]], recomputed: list[str]
) -> None:
    memo: TaskMemo[str] = TaskMemo()
    tasks = _tasks(5)
    _run(memo, tasks)
    assert _run(memo, edit(tasks)) == recomputed


def test_another_context_recomputes_everything() -> None:
    memo: TaskMemo[str] = TaskMemo()
    tasks = _tasks(3)
    _run(memo, tasks)
    assert _run(memo, tasks, context="other") == ["t0", "t1", "t2"]


def _fresh(chart: Chart) -> object:
    rules.forget()
    return analyse(chart)


def _edits(chart: Chart) -> list[Chart]:
    tasks = list(chart.tasks)
    first, last = tasks[0], tasks[-1]
    owner = next(iter(last.raci))
    return [
        chart.model_copy(update={"tasks": tuple(reversed(tasks))}),
        chart.model_copy(update={"tasks": (last.model_copy(update={"id": "new-1"}), *tasks)}),
        chart.model_copy(update={"tasks": tuple(tasks[1:])}),
        chart.model_copy(update={"tasks": (first.model_copy(update={"raci": {}}), *tasks[1:])}),
        chart.model_copy(
            update={"tasks": (*tasks[:-1], last.model_copy(update={"raci": {owner: "R"}}))}
        ),
        loads(dumps(chart)),  # a reloaded chart: equal tasks, new objects
        chart.model_copy(update={"goals": chart.goals[1:] + chart.goals[:1]}),
        chart,
    ]


def test_a_rerun_after_each_edit_equals_a_fresh_analysis() -> None:
    chart = load(template_path("marketing-vs-operations"))
    _fresh(chart)
    for variant in _edits(chart):
        kept = analyse(variant)
        assert kept == _fresh(variant)
        analyse(chart)  # back to the original, so that the next edit is a rerun again
