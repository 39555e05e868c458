"""Near-duplicate titles: the score, typo folding, title vectors and the cached joins (join.py).

Each title becomes weighted tokens (``terms.Vocabulary.tokens``: glossary terms, English stems,
Chinese characters and pairs); spaced words that are one typo away from a more frequent word of
the chart (Damerau distance 1, words of 5 to 40 letters) are first mapped onto it
(``fold_typos``), unless both are real words ("loyal" / "local" stay apart).

The score of titles a and b, with O the weight they share and D_a, D_b what each has alone:

    score = O / (O + ALPHA * min(D_a, D_b) + BETA * max(D_a, D_b))

A title that only adds detail to the other (D_small = 0) is penalised mildly; two titles that
each have a word the other lacks ("Q3" / "Q4", "summer" / "winter") are penalised more: that
is a different instance of the work, not the same work written twice. With ALPHA = BETA = 1
this is the weighted Jaccard similarity.

``similar_pairs`` (every pair) and ``similar_groups`` (connected groups, what the analysis
reports) run the exact join (compiled in ``cjoin.py`` where built, else ``join.py``) and
remember the last run (``rerun.py``), so that after an edit to a few titles only those are
compared with the rest.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from rolemap.core.analysis.join import (
    ALPHA,
    BETA,
    Edge,
    groups_of,
    overlap_of,
    score_of,
    share_bound,
    tight_bound,
)
from rolemap.core.analysis.rerun import _cached_vectors, _Run, _run
from rolemap.core.analysis.terms import Vocabulary, builtin_vocabulary
from rolemap.core.analysis.typos import fold_typos, known_words

__all__ = [
    "ALPHA",
    "BETA",
    "DEFAULT_THRESHOLD",
    "Group",
    "fold_typos",
    "jaccard",
    "known_words",
    "score_of",
    "share_bound",
    "similar_groups",
    "similar_pairs",
    "similarity",
    "tight_bound",
    "title_similarity",
    "title_vectors",
]

DEFAULT_THRESHOLD = 0.6


def jaccard(
    a: Mapping[str, float] | frozenset[str], b: Mapping[str, float] | frozenset[str]
) -> float:
    """Weighted Jaccard similarity (plain Jaccard when given sets), rounded to 9 places."""
    if not isinstance(a, Mapping):
        a = dict.fromkeys(a, 1.0)
    if not isinstance(b, Mapping):
        b = dict.fromkeys(b, 1.0)
    if not a or not b:
        return 0.0
    if len(b) < len(a):
        a, b = b, a
    low = 0.0
    for token, weight in a.items():
        other = b.get(token)
        if other is not None:
            low += weight if weight < other else other
    high = sum(a.values()) + sum(b.values()) - low
    return round(low / high, 9) if high else 0.0


def similarity(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """The near-duplicate score of two token vectors (see the module docstring)."""
    if not a or not b:
        return 0.0
    return score_of(overlap_of(dict(a), dict(b)), sum(a.values()), sum(b.values()))


def title_vectors(titles: Sequence[str], vocab: Vocabulary | None = None) -> list[dict[str, float]]:
    """Weighted tokens per title, with typos folded onto the chart's own words."""
    return _vectors(titles, vocab or builtin_vocabulary())[1]


def _vectors(
    titles: Sequence[str], vocab: Vocabulary
) -> tuple[dict[str, str], list[dict[str, float]]]:
    """The typo mapping and the token vectors of ``titles``, remembering nothing."""
    return _cached_vectors(_Run(), tuple(titles), vocab)


def title_similarity(a: str, b: str, vocab: Vocabulary | None = None) -> float:
    va, vb = title_vectors([a, b], vocab)
    return similarity(va, vb)


@dataclass(frozen=True, slots=True)
class Group:
    """Near-duplicate titles joined by pairs scoring at least the threshold (transitively)."""

    members: tuple[int, ...]  # title indices, ascending
    score: float  # the best score of the pairs found joining them (a pair: its score)


_pairs_run = _Run()
_groups_run = _Run()
_lock = threading.Lock()


def forget() -> None:
    """Drop what the previous joins remembered (the next call is a full join)."""
    global _pairs_run, _groups_run
    with _lock:
        _pairs_run, _groups_run = _Run(), _Run()


def similar_pairs(
    titles: Sequence[str], threshold: float = DEFAULT_THRESHOLD, vocab: Vocabulary | None = None
) -> list[tuple[int, int, float]]:
    """Index pairs (i < j) whose titles are near-duplicates, with their similarity.

    Every pair: a cluster of n near-identical titles gives n(n-1)/2 of them; the analysis
    reports groups (``similar_groups``). When only a few titles changed (or were appended)
    since the previous call, only those are compared with the rest; the answer is the same.
    """
    with _lock:
        return list(_run(_pairs_run, tuple(titles), threshold, vocab, groups=False))


def similar_groups(
    titles: Sequence[str], threshold: float = DEFAULT_THRESHOLD, vocab: Vocabulary | None = None
) -> list[Group]:
    """Groups of two or more titles connected by near-duplicate pairs, by first member.

    Exact: the groups are the connected parts of the all-pairs answer. Pairs inside a group
    already joined are never verified, so the work and the output stay linear in the titles
    even when thousands of them say nearly the same thing.
    """
    global _groups_run, prefetched
    titles = tuple(titles)
    with _lock:
        ready, prefetched = prefetched, None
        found = ready.answer(titles, threshold, vocab) if ready is not None else None
        if found is not None:
            _groups_run = _Run()  # nothing of this join is kept here to build on
            return found
        last = _groups_run
        edges = _run(last, titles, threshold, vocab, groups=True)
        return scored_groups(last.full, last.totals, edges, titles, threshold, last.scores)


EXACT_GROUP = 40  # groups up to this size are scored by their best pair of all


def scored_groups(
    weights: Sequence[Mapping[Any, float]],
    totals: Sequence[float],
    edges: Sequence[Edge],
    titles: Sequence[str],
    threshold: float,
    known: dict[tuple[str, ...], float] | None = None,
) -> list[Group]:
    """The groups of ``edges`` (a spanning forest), each with the best score of any pair of
    its members, so that a group's score does not depend on which of its pairs the join met
    first (a full join, a rerun after an edit, the forked join all say the same). A group of
    more than EXACT_GROUP members (every pair would be up to 780,000 scores) shows the best
    pair among its first EXACT_GROUP members, or, when none of those pairs reaches the
    threshold, the best of the pairs that joined it. ``known``: scores by member titles,
    kept between runs (updated in place)."""
    out: list[Group] = []
    now: dict[tuple[str, ...], float] = {}
    for members, best in groups_of(len(titles), edges):
        key = tuple(titles[i] for i in members)
        score = known.get(key) if known is not None else None
        if score is None:
            if len(members) <= EXACT_GROUP:
                score = max(best, _best_pair(weights, totals, members))
            else:
                first = _best_pair(weights, totals, members[:EXACT_GROUP])
                score = first if first >= threshold else best
        now[key] = score
        out.append(Group(tuple(members), score))
    if known is not None:
        known.clear()
        known.update(now)
    return out


def _best_pair(
    weights: Sequence[Mapping[Any, float]], totals: Sequence[float], members: Sequence[int]
) -> float:
    best = 0.0
    for n, i in enumerate(members):
        wi, ti = weights[i], totals[i]
        for j in members[n + 1 :]:
            score = score_of(overlap_of(wi, weights[j]), ti, totals[j])
            if score > best:
                best = score
    return best


class Prefetched(Protocol):
    def answer(
        self, titles: tuple[str, ...], threshold: float, vocab: Vocabulary | None
    ) -> list[Group] | None: ...


# A join already under way (``prefetch.start``), asked once by the next ``similar_groups``.
prefetched: Prefetched | None = None
