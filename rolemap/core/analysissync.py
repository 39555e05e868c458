"""Sending an analysis across a process boundary again, cheaply: only the warnings that are new.

After an edit almost every warning equals one of the analysis sent before (the per-task memo
keeps unchanged tasks' results). ``Encoder`` replaces each such warning with its position in
the previous analysis; ``Decoder`` puts the previous analysis's own objects back in their place.
A 10,000-task analysis is about 1.1 MB pickled, 15-20 ms to pickle and as long to unpickle on
the GUI thread; after one edit the delta is a few kilobytes. And since unchanged warnings come
back as the very same objects, the receiver sees by identity which ones changed
(``changed_entities``), so its views repaint only those rows.

Both sides number the analyses they exchange; a delta names the analysis it builds on, and a
decoder that does not hold it refuses the delta (``OutOfStep``) instead of guessing.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import chain

from rolemap.core.analysis import Analysis, Convergence, OverlapWarning
from rolemap.core.analysis.context import EntityIndex


class OutOfStep(Exception):
    """A delta built on an analysis this decoder does not hold."""


@dataclass(frozen=True)
class AnalysisDelta:
    base: int  # the serial number of the analysis the positions refer to
    # Each warning in order: a position in the base analysis, or a new warning.
    items: tuple[int | OverlapWarning, ...]
    convergence: tuple[Convergence, ...]
    lang: str


Payload = Analysis | AnalysisDelta


class Encoder:
    """The sending side: remembers the last analysis it encoded."""

    def __init__(self) -> None:
        self.serial = 0
        self._last: tuple[OverlapWarning, ...] = ()  # the warnings encoded last ...
        self._ids: dict[int, int] = {}  # ... by identity: id -> position

    def encode(self, analysis: Analysis) -> tuple[int, Payload]:
        """A serial number for ``analysis`` and what to send for it: the analysis itself the
        first time, else a delta from the one encoded before."""
        base, last, ids = self.serial, self._last, self._ids
        self.serial += 1
        warnings = analysis.warnings
        self._last, self._ids = warnings, {id(w): i for i, w in enumerate(warnings)}
        if not last:
            return self.serial, analysis
        # Most warnings are the very objects of the last analysis (the rules keep what an
        # edit did not change): found by identity, without hashing them. The others are
        # looked up by value among the last analysis's warnings that were not found so.
        found = [ids.get(id(w)) for w in warnings]
        if None in found:
            used = set(found)
            try:
                equal = {w: i for i, w in enumerate(last) if i not in used}
                found = [
                    equal.get(w) if i is None else i for w, i in zip(warnings, found, strict=True)
                ]
            except TypeError:  # a warning that cannot be hashed: send everything, next time too
                self._last, self._ids = (), {}
                return self.serial, analysis
        items = tuple(w if i is None else i for w, i in zip(warnings, found, strict=True))
        return self.serial, AnalysisDelta(base, items, analysis.convergence, analysis.lang)

    def forget(self) -> None:
        """Send the next analysis in full (the receiver lost track)."""
        self._last, self._ids = (), {}


class Decoder:
    """The receiving side: holds the last analysis it decoded."""

    def __init__(self) -> None:
        self.serial = 0
        self.analysis: Analysis | None = None

    def decode(self, serial: int, payload: Payload) -> Analysis:
        if isinstance(payload, AnalysisDelta):
            base = self.analysis
            if base is None or payload.base != self.serial:
                raise OutOfStep(f"a delta on analysis {payload.base}, holding {self.serial}")
            old = base.warnings
            warnings: list[OverlapWarning] = []
            fresh: list[OverlapWarning] = []  # warnings new in this analysis
            kept: set[int] = set()  # positions in the base analysis still shown
            for x in payload.items:
                if isinstance(x, int):
                    warnings.append(old[x])
                    kept.add(x)
                else:
                    warnings.append(x)
                    fresh.append(x)
            found = tuple(warnings)
            analysis = Analysis(
                warnings=found,
                convergence=payload.convergence,
                lang=payload.lang,
                by_entity=EntityIndex(found),
            )
            gone = [w for i, w in enumerate(old) if i not in kept] if len(kept) < len(old) else []
            _remember(base, analysis, fresh + gone)
        else:
            analysis = payload
        self.serial, self.analysis = serial, analysis
        return analysis


# The last pair of analyses whose difference is known (the decoder saw it): the task list,
# the matrix, the functions and the goals each ask for it after an edit.
_known: tuple[Analysis, Analysis, frozenset[str]] | None = None


def _remember(old: Analysis, new: Analysis, differ: list[OverlapWarning]) -> None:
    global _known
    if old.lang == new.lang:
        _known = (old, new, frozenset(chain.from_iterable(w.entities for w in differ)))


def changed_entities(old: Analysis | None, new: Analysis | None) -> set[str] | None:
    """The entities whose warnings differ between two analyses, judged by identity (a warning
    object that is in one analysis and not in the other); None when everything may differ."""
    global _known
    if old is None or new is None or old.lang != new.lang:
        return None
    known = _known
    if known is not None and known[0] is old and known[1] is new:
        return set(known[2])
    changed = by_identity(old, new)
    _known = (old, new, frozenset(changed))
    return changed


def by_identity(old: Analysis, new: Analysis) -> set[str]:
    """The entities of the warnings that are in one analysis and not in the other."""
    before = {id(w): w for w in old.warnings}
    after = {id(w): w for w in new.warnings}
    changed: set[str] = set()
    for key, w in before.items():
        if key not in after:
            changed.update(w.entities)
    for key, w in after.items():
        if key not in before:
            changed.update(w.entities)
    return changed
