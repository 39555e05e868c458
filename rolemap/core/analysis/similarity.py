"""Near-duplicate titles: an exact weighted-Jaccard similarity join with a prefix filter.

Each title becomes weighted tokens (``text.title_tokens``); spaced words that are one typo
away from a more frequent word of the chart (Damerau distance 1, words of 5+ letters) are
first mapped onto it (``fold_typos``). Two titles are near-duplicates when their weighted
Jaccard similarity sum(min) / sum(max) is at least ``threshold``.

Candidates come from an inverted index over each title's *prefix*: its tokens in one global
rarest-first order, up to the point where the tokens left over weigh less than t times the
title's total weight W. If two titles x and y reach t they share a token inside both
prefixes: otherwise their first shared token (in the global order) lies outside one prefix,
say x's, and so do all the others, giving sum(min) <= W_x - W(prefix_x) < t * W_x <= t * sum(max).
A length filter (t * W_x <= W_y <= W_x / t) prunes more, and every candidate is verified
exactly: the result equals the all-pairs answer, in close to linear time, because prefixes
hold rare tokens and rare tokens have short posting lists.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Mapping, Sequence
from itertools import combinations
from math import comb

from rolemap.core.analysis.text import title_tokens

DEFAULT_THRESHOLD = 0.6
_EPS = 1e-9  # scores are rounded to 9 places so that exact ties do not depend on order
MIN_TYPO_LENGTH = 5


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


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def _one_edit(a: str, b: str) -> bool:
    """Damerau-Levenshtein distance <= 1 (substitution, insertion, deletion, swap)."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la == lb:
        diff = [i for i in range(la) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )
    if la > lb:
        a, b = b, a
    return a in _deletions(b)


def fold_typos(words: Counter[str]) -> dict[str, str]:
    """Map each word one typo away from a more frequent word onto that word."""
    by_key: dict[str, list[str]] = {}
    candidates = [w for w in words if len(w) >= MIN_TYPO_LENGTH and w.isalpha()]
    for word in candidates:
        for key in _deletions(word) | {word}:
            by_key.setdefault(key, []).append(word)
    mapping: dict[str, str] = {}
    for word in sorted(candidates, key=lambda w: (-words[w], w)):
        if word in mapping:
            continue
        for key in _deletions(word) | {word}:
            for other in by_key.get(key, ()):
                if other != word and other not in mapping and _one_edit(word, other):
                    mapping[other] = word
    return mapping


def title_vectors(titles: Sequence[str]) -> list[dict[str, float]]:
    """Weighted tokens per title, with typos folded onto the chart's own words."""
    return _vectors(titles)[1]


def _vectors(titles: Sequence[str]) -> tuple[dict[str, str], list[dict[str, float]]]:
    tokens = [title_tokens(t) for t in titles]
    words: Counter[str] = Counter()
    for toks in tokens:
        words.update(tok for tok, weight in toks if weight >= 1.0)
    mapping = fold_typos(words)
    vectors = []
    for toks in tokens:
        vector: dict[str, float] = {}
        for tok, weight in toks:
            tok = mapping.get(tok, tok)
            if vector.get(tok, 0.0) < weight:
                vector[tok] = weight
        vectors.append(vector)
    return mapping, vectors


def title_similarity(a: str, b: str) -> float:
    va, vb = title_vectors([a, b])
    return jaccard(va, vb)


def _overlap(a: dict[str, float], b: dict[str, float]) -> float:
    low = 0.0
    for token in a.keys() & b.keys():
        x, y = a[token], b[token]
        low += x if x < y else y
    return low


MAX_LEVEL = 3
MAX_KEYS = 64


class _Last:
    """The previous join, so that an edit to a few titles is not a full rerun."""

    titles: tuple[str, ...] = ()
    threshold = -1.0
    mapping: dict[str, str] = {}  # noqa: RUF012 - replaced, never mutated
    vectors: list[dict[str, float]] = []  # noqa: RUF012
    pairs: list[tuple[int, int, float]] = []  # noqa: RUF012


_last = _Last()
_lock = threading.Lock()
INCREMENTAL_LIMIT = 32


def similar_pairs(
    titles: Sequence[str], threshold: float = DEFAULT_THRESHOLD
) -> list[tuple[int, int, float]]:
    """Index pairs (i < j) whose titles are near-duplicates, with their similarity.

    When only a few titles changed (or were appended) since the previous call, only those
    are compared with the rest; the answer is the same as a full join.
    """
    titles = tuple(titles)
    with _lock:  # the app analyses on a worker thread; keep the cache consistent
        pairs = _incremental(titles, threshold)
        if pairs is None:
            pairs = _full_join(titles, threshold)
        return list(pairs)


def _remember(
    titles: tuple[str, ...],
    threshold: float,
    mapping: dict[str, str],
    vectors: list[dict[str, float]],
    pairs: list[tuple[int, int, float]],
) -> None:
    _last.titles, _last.threshold, _last.mapping = titles, threshold, mapping
    _last.vectors, _last.pairs = vectors, pairs


def _incremental(titles: tuple[str, ...], threshold: float) -> list[tuple[int, int, float]] | None:
    old = _last.titles
    if threshold != _last.threshold or not old or len(titles) < len(old):
        return None
    if len(titles) - len(old) > INCREMENTAL_LIMIT:
        return None
    changed = [i for i in range(len(old)) if titles[i] != old[i]]
    changed += range(len(old), len(titles))
    if len(changed) > INCREMENTAL_LIMIT:
        return None
    if not changed:
        return _last.pairs
    mapping, vectors = _vectors(titles)
    if mapping != _last.mapping:
        return None  # a typo now folds differently: other pairs may change too
    dirty = set(changed)
    pairs = [p for p in _last.pairs if p[0] not in dirty and p[1] not in dirty]
    totals = [sum(v.values()) for v in vectors]
    for i in changed:
        vi, ti = vectors[i], totals[i]
        if not vi:
            continue
        keys = vi.keys()
        for j, vj in enumerate(vectors):
            if j == i or (j in dirty and j < i) or not vj:
                continue
            low, high = (ti, totals[j]) if ti < totals[j] else (totals[j], ti)
            if low < threshold * high - _EPS or keys.isdisjoint(vj.keys()):
                continue
            overlap = _overlap(vi, vj)
            union = ti + totals[j] - overlap
            score = round(overlap / union, 9) if union else 0.0
            if score >= threshold - _EPS:
                pairs.append((min(i, j), max(i, j), score))
    pairs.sort()
    _remember(titles, threshold, mapping, vectors, pairs)
    return pairs


def _full_join(titles: tuple[str, ...], threshold: float) -> list[tuple[int, int, float]]:
    """The exact join over all titles.

    Level k indexes k-token keys. A title of weight W > (k - 1) / t shares at least k tokens
    with any partner inside its level-k prefix (the tokens after it weigh less than
    t * W - (k - 1), and no token weighs more than 1), so two titles meet on a key at the
    lower of their top levels (lighter titles are indexed first). Longer keys have much shorter posting lists (words that
    travel together, like "pet owners", make long lists for single tokens and pairs).
    """
    if not 0.0 < threshold <= 1.0:
        raise ValueError("threshold must be in (0, 1]")
    mapping, vectors = _vectors(titles)
    totals = [sum(v.values()) for v in vectors]
    freq: Counter[str] = Counter()
    for v in vectors:
        freq.update(v.keys())
    found: dict[tuple[int, int], float] = {}
    checked: set[int] = set()
    index: list[dict[tuple[str, ...], list[int]]] = [{} for _ in range(MAX_LEVEL + 1)]

    def verify(i: int, j: int) -> None:
        if j in checked:
            return
        checked.add(j)
        low, high = sorted((totals[i], totals[j]))
        if low < threshold * high - _EPS:
            return
        overlap = _overlap(vectors[i], vectors[j])
        union = totals[i] + totals[j] - overlap
        score = round(overlap / union, 9) if union else 0.0
        if score >= threshold - _EPS:
            found[(min(i, j), max(i, j))] = score

    def prefix(order: list[str], v: dict[str, float], level: int, heaviest: float) -> list[str]:
        """The level-k prefix: after it, less than t*W - (k - 1)*w_max is left."""
        limit = (1.0 - threshold) * sum(v.values()) + (level - 1) * heaviest + _EPS
        taken = 0.0
        out: list[str] = []
        for token in order:
            out.append(token)
            taken += v[token]
            if taken > limit:
                break
        return out

    # Each title picks its level: the highest one it qualifies for (W > (k - 1) * w_max / t)
    # whose prefix gives at most MAX_KEYS keys. Any choice is exact, as long as lighter
    # levels are indexed first; the cap keeps Chinese titles, whose many light tokens make
    # long prefixes, from exploding into thousands of combinations.
    plans: list[tuple[int, list[str], float]] = []
    for v, total in zip(vectors, totals, strict=True):
        order = sorted(v, key=lambda t: (freq[t], t))
        heaviest = max(v.values(), default=0.0)
        level = 1
        for k in range(2, MAX_LEVEL + 1):
            if total <= (k - 1) * heaviest / threshold + _EPS:
                break
            if comb(len(prefix(order, v, k, heaviest)), k) > MAX_KEYS:
                break
            level = k
        plans.append((level, order, heaviest))

    for i in sorted(range(len(vectors)), key=lambda k: (plans[k][0], k)):
        v = vectors[i]
        if not v:
            continue
        checked.clear()
        top, order, heaviest = plans[i]
        for level in range(1, top + 1):
            postings = index[level]
            if level < top and not postings:
                continue  # no lighter title to meet here
            keys = set(combinations(prefix(order, v, level, heaviest), level))
            for key in keys:
                for j in postings.get(key, ()):
                    verify(i, j)
            if level == top:
                for key in keys:
                    postings.setdefault(key, []).append(i)
    pairs = sorted((i, j, score) for (i, j), score in found.items())
    _remember(titles, threshold, mapping, vectors, pairs)
    return pairs
