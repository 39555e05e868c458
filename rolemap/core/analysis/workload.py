"""The rules that count work across all tasks: accountable-overload and support-function.

Both sum over every task; after an edit the sums are updated by the tasks it changed
(``memo.Tally``, integer counts), so a rerun at 10,000 tasks looks at one task, not all.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from functools import partial
from itertools import chain
from typing import Any

from rolemap.core.analysis.context import Context, OverlapWarning
from rolemap.core.analysis.memo import Change, Tally


def overload(c: Context) -> Iterator[OverlapWarning]:
    s = c.settings
    if len(c.chart.functions) < 2:
        return
    total, owned = c.ownership.with_owner, c.ownership.owned  # counted over all tasks
    if total < s.overload_min_tasks:
        return
    over = [fid for fid, n in owned.items() if n / total >= s.overload_share]
    if len(over) > 1:  # in the order the functions first appear in the tasks
        over = _first_seen(over, chain.from_iterable(f[1] for f in c.task_facts))
    for fid in over:
        n = owned[fid]
        yield c.warn(
            "accountable-overload",
            [fid],
            fid,
            function=c.fname(fid),
            count=n,
            total=total,
            share=n / total,
        )


def _first_seen(keys: list[str], seen: Iterable[str]) -> list[str]:
    """``keys`` in the order they first appear in ``seen`` (each appears there)."""
    wanted, order = set(keys), []
    for key in seen:
        if key in wanted:
            wanted.discard(key)
            order.append(key)
            if not wanted:
                break
    return order


# Per task: (function, the one owner whose goals its firm work serves, or None), for each
# function that owns no goal.
_Support = tuple[tuple[str, str | None], ...]


class _SupportTally(Tally[_Support, dict[str, Counter[str | None]]]):
    """Per goal-less function: how many of its tasks serve each sole owner (None: no one
    owner), counted over all tasks and updated by the changed ones (integer counts)."""

    def clear(self) -> None:
        self.work: dict[str, Counter[str | None]] = defaultdict(Counter)

    def add(self, value: _Support) -> None:
        for fid, sole in value:
            self.work[fid][sole] += 1

    def remove(self, value: _Support) -> None:
        for fid, sole in value:
            done = self.work[fid]
            done[sole] -= 1
            if not done[sole]:
                del done[sole]
                if not done:
                    del self.work[fid]

    def report(self, change: Change[_Support]) -> dict[str, Counter[str | None]]:
        return {fid: done.copy() for fid, done in self.work.items()}


_support_tally = _SupportTally()


def _support_of(c: Context, candidates: set[str], task: Any) -> _Support:
    if candidates.isdisjoint(task.raci):
        return ()
    found: list[tuple[str, str | None]] = []
    sole: str | None = None  # the one owner the task's goals serve, if one
    looked = False
    flags, owner_of = c.cell_flags, c.goal_owner
    for fid, cell in task.raci.items():
        if fid not in candidates:
            continue
        firm = flags.get(cell) or c.flags(cell)
        if firm[0] or firm[1]:
            if not looked:
                served = {o for g in task.goals if (o := owner_of.get(g)) is not None}
                sole = served.pop() if len(served) == 1 else None
                looked = True
            found.append((fid, sole))
    return tuple(found)


def support_functions(c: Context) -> Iterator[OverlapWarning]:
    """A function that owns no goal and does most of its work for one owner's goals: say so once."""
    s = c.settings
    candidates = {fid for fid in c.functions if fid not in c.goal_owners}
    if not candidates:
        return  # every function owns a goal
    change, work = _support_tally.update(c.key, c.chart.tasks, partial(_support_of, c, candidates))
    found = []
    for fid, done in work.items():
        total = sum(done.values())
        counted = {o: n for o, n in done.items() if o is not None}
        if total < s.support_min_tasks or not counted:
            continue
        top = max(sorted(counted), key=counted.__getitem__)
        n = counted[top]
        if n / total >= s.support_share:
            found.append((fid, top, n, total))
    if len(found) > 1:  # in the order the functions first appear in the tasks' work
        order = _first_seen([f[0] for f in found], (f for v in change.values for f, _ in v))
        found.sort(key=lambda f: order.index(f[0]))
    for fid, top, n, total in found:
        yield c.warn(
            "support-function",
            [fid, top],
            fid,
            function=c.fname(fid),
            owner=c.fname(top),
            count=n,
            total=total,
        )
