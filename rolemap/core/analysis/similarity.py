"""Near-duplicate titles: an exact weighted-Jaccard similarity join with a prefix filter.

Each title becomes weighted n-grams (``text.title_weights``: every word weighs 1, shared by its
grams). Two titles are near-duplicates when their weighted Jaccard similarity
sum(min) / sum(max) is at least ``threshold``.

Candidates come from an inverted index over each title's *prefix*: its rarest grams (in one
global rarest-first order) until their weight exceeds (1 - t) of the title's total. If x and y
share no gram in x's prefix, sum(min) <= W_x - W_prefix < t * W_x <= t * sum(max), so the pair
cannot reach t. Every title probes the prefixes of the earlier ones with all of its grams, and
every candidate is verified exactly: the result equals the all-pairs answer, in close to linear
time because prefixes hold rare grams.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from rolemap.core.analysis.text import title_weights

DEFAULT_THRESHOLD = 0.6


def jaccard(
    a: Mapping[str, float] | frozenset[str], b: Mapping[str, float] | frozenset[str]
) -> float:
    """Weighted Jaccard similarity (plain Jaccard when given sets)."""
    if not isinstance(a, Mapping):
        a = dict.fromkeys(a, 1.0)
    if not isinstance(b, Mapping):
        b = dict.fromkeys(b, 1.0)
    if not a or not b:
        return 0.0
    low = 0.0
    for gram, weight in a.items():
        other = b.get(gram)
        if other is not None:
            low += weight if weight < other else other
    high = sum(a.values()) + sum(b.values()) - low
    return low / high if high else 0.0


def title_similarity(a: str, b: str) -> float:
    return jaccard(title_weights(a), title_weights(b))


def similar_pairs(
    titles: Sequence[str], threshold: float = DEFAULT_THRESHOLD
) -> list[tuple[int, int, float]]:
    """Index pairs (i < j) whose titles are near-duplicates, with their similarity."""
    weights = [title_weights(t) for t in titles]
    freq: Counter[str] = Counter()
    for w in weights:
        freq.update(w.keys())
    index: dict[str, list[int]] = {}
    pairs: list[tuple[int, int, float]] = []
    for i, w in enumerate(weights):
        if not w:
            continue
        total = sum(w.values())
        seen: set[int] = set()
        for gram in w:
            for j in index.get(gram, ()):
                if j in seen:
                    continue
                seen.add(j)
                score = jaccard(w, weights[j])
                if score >= threshold:
                    pairs.append((j, i, score))
        budget = (1.0 - threshold) * total
        taken = 0.0
        for gram in sorted(w, key=lambda g: (freq[g], g)):
            index.setdefault(gram, []).append(i)
            taken += w[gram]
            if taken > budget:
                break
    pairs.sort()
    return pairs
