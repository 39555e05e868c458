"""duplicate-task: one warning per group of near-duplicate tasks whose owners differ."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Hashable, Iterator
from operator import attrgetter
from typing import Any

from rolemap.core.analysis.context import Context, OverlapWarning, new_warning
from rolemap.core.analysis.messages import DUPLICATE_GROUP, LIST_SEP, MORE
from rolemap.core.analysis.similarity import similar_groups

GROUP_TITLES = 5  # titles a group warning quotes; the rest are counted
GROUP_IDS = 10  # a group of more members is fingerprinted by a digest of its ids


def duplicate_key(ids: list[str]) -> str:
    """The fingerprint key of a group of near-duplicate tasks: the sorted ids, comma-joined
    (a pair keeps the key it always had); over GROUP_IDS members, the first id, the count
    and a digest of all of them, so that a fingerprint stays one short line."""
    ids = sorted(ids)
    if len(ids) <= GROUP_IDS:
        return ",".join(ids)
    digest = hashlib.sha1(",".join(ids).encode("utf-8")).hexdigest()[:10]
    return f"{ids[0]}+{len(ids) - 1}#{digest}"


def duplicate_warnings(c: Context) -> Iterator[OverlapWarning]:
    """One warning per group of near-duplicate tasks whose accountable functions differ.

    Groups are the connected parts of the near-duplicate pairs (``similar_groups``): a
    cluster of 1,000 similar titles is one finding, not 500,000 pairs. A group of two is
    worded and fingerprinted as the pair always was.
    """
    tasks = c.chart.tasks
    groups = similar_groups(list(map(_TITLE, tasks)), c.settings.duplicate_threshold, c.vocab)
    # a member's owners are read by id: where ids repeat, another task's owners count too
    context = (c.key, c.lang, c.settings, c.ownership.repeated)
    with _kept.lock:
        kept = _kept.begin(context)
        found = []
        for group in groups:
            members = tuple([tasks[i] for i in group.members])
            warning = kept.get(members, group.score)
            if warning is None:
                warning = kept.put(members, group.score, _group_warning(c, members, group.score))
            if warning is not _QUIET:
                found.append(warning)
    return iter(found)


_TITLE = attrgetter("title")
_QUIET = new_warning("", "", (), "", "", "")  # kept for a group with one owner set: no warning
_Key = tuple[tuple[int, ...], float]  # the members' object ids, and the group's score


class _Kept:
    """Each group's warning, kept from one analysis to the next while its member tasks are the
    very same objects (an edit changes a few groups of thousands), in the same context (the
    names, language and settings it is worded with)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self._context: Hashable = None
        self._last: dict[_Key, tuple[tuple[Any, ...], OverlapWarning]] = {}
        self._next: dict[_Key, tuple[tuple[Any, ...], OverlapWarning]] = {}

    def begin(self, context: Hashable) -> _Kept:
        """A new analysis: what the last one used can be used again in the same context."""
        self._last = self._next if context == self._context else {}
        self._next, self._context = {}, context
        return self

    def forget(self) -> None:
        with self.lock:
            self._context, self._last, self._next = None, {}, {}

    def get(self, members: tuple[Any, ...], score: float) -> OverlapWarning | None:
        key = (tuple(map(id, members)), score)
        found = self._last.get(key)  # the members it holds keep their ids unique
        if found is None or any(a is not b for a, b in zip(found[0], members, strict=True)):
            return None
        self._next[key] = found
        return found[1]

    def put(
        self, members: tuple[Any, ...], score: float, warning: OverlapWarning
    ) -> OverlapWarning:
        self._next[tuple(map(id, members)), score] = (members, warning)
        return warning


_kept = _Kept()


def _group_warning(c: Context, members: tuple[Any, ...], score: float) -> OverlapWarning:
    """The warning about one group (``_QUIET`` when its tasks' owners are all the same)."""
    none = "\u2014" if c.lang == "en" else "无"
    owner_sets = list(dict.fromkeys(tuple(sorted(c.owners(t))) for t in members))
    if len(owner_sets) < 2:
        return _QUIET
    ids = [t.id for t in members]
    owners = " / ".join(c.names(list(o), c.fname) or none for o in owner_sets)
    if len(members) == 2:
        a, b = members
        return c.warn(
            "duplicate-task",
            ids,
            duplicate_key(ids),
            a=a.title,
            b=b.title,
            score=score,
            owners=owners,
        )
    quoted = [f"\u201c{t.title}\u201d" for t in members[:GROUP_TITLES]]
    if len(members) > GROUP_TITLES:
        quoted.append(MORE[c.lang].format(n=len(members) - GROUP_TITLES))
    return c.warn_as(
        DUPLICATE_GROUP[c.lang],
        "duplicate-task",
        ids,
        duplicate_key(ids),
        count=len(members),
        titles=LIST_SEP[c.lang].join(quoted),
        score=score,
        owners=owners,
    )
