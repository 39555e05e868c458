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
from collections.abc import Callable, Hashable, Iterable
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
        self._same: dict[int, tuple[Task, T]] = {}  # id(task) -> (the task, its value)

    def values(
        self, context: Hashable, tasks: Iterable[Task], compute: Callable[[Task], T]
    ) -> list[T]:
        with self._lock:
            if context != self._context:
                self._context, self._same = context, {}
            same = self._same
            by_key: dict[Hashable, T] | None = None  # made only when a task is not the same
            now: dict[int, tuple[Task, T]] = {}
            out: list[T] = []
            for task in tasks:
                entry = same.get(id(task))
                if entry is not None and entry[0] is task:
                    value = entry[1]  # the very same task object (tasks are immutable)
                else:
                    if by_key is None:  # an equal task of the last analysis will do
                        by_key = {task_key(t): v for t, v in same.values()}
                    key = task_key(task)
                    found = by_key.get(key)
                    if found is None:
                        found = by_key[key] = compute(task)
                    value = found
                now[id(task)] = (task, value)
                out.append(value)
            self._same = now
            return out
