"""Near-duplicate titles: exact Jaccard similarity join with prefix filtering (close to linear).

Two titles are near-duplicates when the Jaccard similarity of their n-gram sets
(``text.title_grams``) is at least ``threshold``. Candidates come from an inverted index over
each title's rarest grams (the PPJoin prefix filter): two sets with Jaccard >= t must share at
least one gram among the first ``|x| - ceil(t * |x|) + 1`` of each, in a global rarest-first
order. Every candidate is then verified exactly, so the result equals the all-pairs answer.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

from rolemap.core.analysis.text import title_grams

DEFAULT_THRESHOLD = 0.6


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a and not b:
        return 0.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter)


def similar_pairs(
    titles: Sequence[str], threshold: float = DEFAULT_THRESHOLD
) -> list[tuple[int, int, float]]:
    """Index pairs (i < j) whose titles are near-duplicates, with their similarity."""
    grams = [title_grams(t) for t in titles]
    freq: Counter[str] = Counter()
    for g in grams:
        freq.update(g)
    order = {gram: (count, gram) for gram, count in freq.items()}
    index: dict[str, list[int]] = {}
    pairs: list[tuple[int, int, float]] = []
    # Visit shorter sets first so the length filter only needs to look one way.
    by_size = sorted(range(len(grams)), key=lambda i: len(grams[i]))
    for i in by_size:
        g = grams[i]
        if not g:
            continue
        ranked = sorted(g, key=order.__getitem__)
        prefix = len(g) - math.ceil(threshold * len(g)) + 1
        seen: set[int] = set()
        min_size = threshold * len(g)
        for gram in ranked[:prefix]:
            bucket = index.get(gram)
            if bucket is None:
                index[gram] = [i]
                continue
            for j in bucket:
                if j in seen:
                    continue
                seen.add(j)
                if len(grams[j]) < min_size:
                    continue
                score = jaccard(g, grams[j])
                if score >= threshold:
                    a, b = (i, j) if i < j else (j, i)
                    pairs.append((a, b, score))
            bucket.append(i)
    pairs.sort()
    return pairs
