"""Results per task kept between analyses, so that rerunning after an edit redoes one task.

The app reanalyses the chart after every edit; most rules look at one task at a time (its
roles, goals and title) and the chart's functions and goals around it. A ``TaskMemo`` keeps
what a rule found for each task, keyed by what the rule reads of the task, for as long as the
context (functions, goals, notation, language, settings) stays the same. A task that did not
change is not looked at again; what changed is computed and remembered. Only the tasks of the
latest analysis are kept, so memory follows the chart.

``TaskMemo.update`` also says which values left and which came in (``Change``), so that a
rule that sums over all tasks (a count per function, a weight per goal) can update its sums by
the changed tasks instead of adding up 10,000 values again (``Tally``).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable, Sequence
from itertools import compress, count
from operator import is_not
from typing import Generic, NamedTuple, TypeVar

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


class Change(NamedTuple, Generic[T]):
    """What one ``TaskMemo.update`` returned: every task's value, and how they differ from the
    values of the run before (``removed`` left, ``added`` came in; a value kept across the
    edit may be in both). ``fresh``: nothing to build on (a first run or another context);
    ``values`` is then all there is and ``removed`` is empty."""

    values: Sequence[T]
    removed: Sequence[T]
    added: Sequence[T]
    fresh: bool


def _unchanged_ends(last: Sequence[Task], tasks: Sequence[Task]) -> tuple[int, int]:
    """How many tasks at the start, and then at the end, are the very same objects in both
    (compared in C: an edit keeps all but a few of 10,000 task objects)."""
    short = min(len(last), len(tasks))
    head = next(compress(count(), map(is_not, last, tasks)), short)
    tail = next(compress(count(), map(is_not, reversed(last), reversed(tasks))), short)
    return head, min(tail, short - head)


class TaskMemo(Generic[T]):
    """One value per task, recomputed only for tasks (or a context) that changed."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._context: Hashable = None
        self._tasks: Sequence[Task] = ()  # the last analysis's tasks ...
        self._out: list[T] = []  # ... and their values, in the same order

    def forget(self) -> None:
        """Keep nothing: the next run is a first one."""
        with self._lock:
            self._context, self._tasks, self._out = None, (), []

    def values(
        self, context: Hashable, tasks: Sequence[Task], compute: Callable[[Task], T]
    ) -> Sequence[T]:
        """The value of each task, in order (the sequence returned is not to be changed)."""
        return self.update(context, tasks, compute).values

    def update(
        self, context: Hashable, tasks: Sequence[Task], compute: Callable[[Task], T]
    ) -> Change[T]:
        """The value of each task, and what changed since the last call (see ``Change``)."""
        if not isinstance(tasks, tuple):
            tasks = tuple(tasks)  # kept, and compared by identity on the next run
        with self._lock:
            last, last_out = self._tasks, self._out
            if context != self._context or not last:  # a first run: nothing to look up
                out = [compute(task) for task in tasks]
                self._context, self._tasks, self._out = context, tasks, out
                return Change(out, (), out, True)
            if tasks is last:  # the same tuple of tasks: nothing changed (tasks are immutable)
                return Change(last_out, (), (), False)
            head, tail = _unchanged_ends(last, tasks)
            n, m = len(last), len(tasks)
            middle = self._rerun(last, last_out, tasks, head, m - tail, compute)
            removed = last_out[head : n - tail]
            out = last_out[:head] + middle + last_out[n - tail :]
            self._tasks, self._out = tasks, out
            return Change(out, removed, middle, False)

    @staticmethod
    def _rerun(
        last: Sequence[Task],
        last_out: list[T],
        tasks: Sequence[Task],
        start: int,
        stop: int,
        compute: Callable[[Task], T],
    ) -> list[T]:
        # The values of tasks[start:stop]. An edit replaces the rows it touches and keeps the
        # other task objects, mostly where they were; a task found at its place, or under its
        # id, is the very same object or an equal one (a reloaded or copied chart) whose value
        # still holds. A task edited in place is compared with the one it replaced without
        # indexing the last tasks by id.
        n = len(last)
        at: dict[str, int] | None = None  # task id -> index in ``last``, made when needed
        out: list[T] = []
        k: int | None
        for i in range(start, stop):
            task = tasks[i]
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


S = TypeVar("S")


class Tally(Generic[T, S]):
    """Sums over every task's value (a ``TaskMemo``'s), kept up to date by each change instead
    of added up again: after an edit of one task, one value leaves and one comes in.

    A subclass says how a value is added and removed (exactly: integer counts, or multisets
    of floats summed again only where they changed) and what it reports; ``update`` runs the
    memo and the sums under one lock, so that they always describe the same tasks."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._memo: TaskMemo[T] = TaskMemo()
        self.clear()

    def forget(self) -> None:
        """Keep nothing: the next update starts afresh."""
        with self._lock:
            self._memo.forget()
            self.clear()

    def update(
        self,
        context: Hashable,
        tasks: Sequence[Task],
        compute: Callable[[Task], T],
        begin: Callable[[], None] | None = None,
    ) -> tuple[Change[T], S]:
        """Each task's value and what changed (``TaskMemo.update``), and the sums' report.
        ``begin`` is called first when the sums start afresh (a new context)."""
        with self._lock:
            try:
                change = self._memo.update(context, tasks, compute)
                if change.fresh:
                    if begin is not None:
                        begin()
                    self.clear()
                    self.build(change.values)
                else:
                    for value in change.removed:
                        self.remove(value)
                    for value in change.added:
                        self.add(value)
                return change, self.report(change)
            except BaseException:
                self._memo = TaskMemo()  # sums and values may disagree now: start again
                self.clear()
                raise

    def clear(self) -> None:
        raise NotImplementedError

    def build(self, values: Sequence[T]) -> None:
        """Sum ``values`` from nothing (after ``clear``): a first analysis; a subclass may
        count all of them at once faster than one ``add`` at a time."""
        for value in values:
            self.add(value)

    def add(self, value: T) -> None:
        raise NotImplementedError

    def remove(self, value: T) -> None:
        raise NotImplementedError

    def report(self, change: Change[T]) -> S:
        """What the sums say now, as objects the caller may keep (not the live sums)."""
        raise NotImplementedError


class LastResult(Generic[T]):
    """The result of a computation over the chart's small parts (goals, KPIs, functions),
    kept for as long as its inputs (``key``) stay the same: an edit of a task changes none."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._key: Hashable = None
        self._value: T | None = None

    def forget(self) -> None:
        with self._lock:
            self._key, self._value = None, None

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        with self._lock:
            if self._value is not None and key == self._key:
                return self._value
        value = compute()
        with self._lock:
            self._key, self._value = key, value
        return value
