"""Results per task kept between analyses, so that rerunning after an edit redoes one task.

The app reanalyses the chart after every edit; most rules look at one task at a time (its
roles, goals and title) and the chart's functions and goals around it. A ``TaskMemo`` keeps
what a rule found for each task, keyed by what the rule reads of the task, for as long as the
context (functions, goals, notation, language, settings) stays the same. A task that did not
change is not looked at again; what changed is computed and remembered. Only the tasks of the
latest analysis are kept, so memory follows the chart.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable, Sequence
from typing import Generic, TypeVar

from rolemap.core.model import Chart, Task

T = TypeVar("T")


def task_key(task: Task) -> Hashable:
    """What a per-task rule may read of a task."""
    return (task.id, task.title, tuple(task.raci.items()), tuple(task.goals), task.size)


def context_key(chart: Chart, *extra: Hashable) -> Hashable:
    """What a per-task rule may read around a task: functions, goals, notation, and ``extra``."""
    return (
        chart.notation,
        tuple((f.id, f.name, f.archetype) for f in chart.functions),
        tuple((g.id, g.name, g.owner, g.kind) for g in chart.goals),
        *extra,
    )


class TaskMemo(Generic[T]):
    """One value per task, recomputed only for tasks (or a context) that changed."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._context: Hashable = None
        self._tasks: Sequence[Task] = ()  # the last analysis's tasks ...
        self._out: list[T] = []  # ... and their values, in the same order

    def values(
        self, context: Hashable, tasks: Sequence[Task], compute: Callable[[Task], T]
    ) -> Sequence[T]:
        """The value of each task, in order (the sequence returned is not to be changed)."""
        if not isinstance(tasks, tuple):
            tasks = tuple(tasks)  # kept, and compared by identity on the next run
        with self._lock:
            if context != self._context:
                self._context, self._tasks, self._out = context, (), []
            last, last_out = self._tasks, self._out
            if tasks is last:  # the same tuple of tasks: nothing changed (tasks are immutable)
                return last_out
            if not last:  # a first analysis: nothing to look up
                out = [compute(task) for task in tasks]
            else:
                out = self._rerun(last, last_out, tasks, compute)
            self._tasks, self._out = tasks, out
            return out

    @staticmethod
    def _rerun(
        last: Sequence[Task],
        last_out: list[T],
        tasks: Sequence[Task],
        compute: Callable[[Task], T],
    ) -> list[T]:
        # An edit replaces the rows it touches and keeps the other task objects, mostly where
        # they were; a task found at its place, or under its id, is the very same object or an
        # equal one (a reloaded or copied chart) whose value still holds. A task edited in
        # place is compared with the one it replaced without indexing the last tasks by id.
        n = len(last)
        at: dict[str, int] | None = None  # task id -> index in ``last``, made when needed
        out: list[T] = []
        k: int | None
        for i, task in enumerate(tasks):
            old = last[i] if i < n else None
            if old is task:
                out.append(last_out[i])
                continue
            if old is not None and old.id == task.id:
                k = i
            else:
                if at is None:
                    at = {t.id: j for j, t in enumerate(last)}
                k = at.get(task.id)
            if k is not None and (last[k] is task or task_key(last[k]) == task_key(task)):
                out.append(last_out[k])
            else:
                out.append(compute(task))
        return out
