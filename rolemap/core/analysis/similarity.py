"""Near-duplicate titles: an exact similarity join with a prefix filter.

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

Candidates come from an inverted index over each title's *prefix*: its tokens in one global
rarest-first order, up to the point where the tokens left over weigh less than t' times the
title's total weight W, where t' = t*BETA / (1 - t + t*BETA) <= t is the share of either
title's weight that two titles scoring t must have in common (from O(1 - t) >= t*BETA*(D_a + D_b)
when ALPHA >= BETA). If two titles reach t they share a token inside both prefixes; a length
filter (t' * W_x <= W_y <= W_x / t') prunes more, and every candidate is verified exactly: the
result equals the all-pairs answer.
"""

from __future__ import annotations

import gzip
import threading
from collections import Counter
from collections.abc import Mapping, Sequence
from functools import lru_cache
from itertools import combinations
from math import comb

from rolemap.core.analysis.terms import MAX_WORD, Vocabulary, builtin_vocabulary, stem

DEFAULT_THRESHOLD = 0.6
ALPHA = 2.5  # weight of the smaller unshared part (a substituted word)
BETA = 0.5  # weight of the larger unshared part (added detail)
_EPS = 1e-9  # scores are rounded to 9 places so that exact ties do not depend on order
MIN_TYPO_LENGTH = 5


def share_bound(threshold: float) -> float:
    """The least share of each title's weight two titles scoring ``threshold`` have in common."""
    beta = min(ALPHA, BETA)
    return threshold * beta / (1.0 - threshold + threshold * beta)


def score_of(overlap: float, total_a: float, total_b: float) -> float:
    da, db = total_a - overlap, total_b - overlap
    if da > db:
        da, db = db, da
    da, db = max(da, 0.0), max(db, 0.0)
    denominator = overlap + ALPHA * da + BETA * db
    return round(overlap / denominator, 9) if denominator > 0 else 0.0


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
    return score_of(_overlap(dict(a), dict(b)), sum(a.values()), sum(b.values()))


@lru_cache(maxsize=1)
def known_words() -> frozenset[str]:
    """English dictionary words and their stems (resources/words, see tools/make_wordlist.py)."""
    from rolemap.resources import resources_dir

    path = resources_dir() / "words" / "en-stems.txt.gz"
    try:
        return frozenset(gzip.decompress(path.read_bytes()).decode("ascii").split())
    except OSError:
        return frozenset()


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
    """Map each word one typo away from a more frequent word onto that word.

    Never when the rarer word is itself a dictionary word (or both are): "loyal" and "local",
    "quota" and "quote" are two words, not a typo. Words longer than 40 letters are not
    considered, so the cost stays linear in the text (a 40,000-letter word costs nothing).
    """
    by_key: dict[str, list[str]] = {}
    candidates = [
        w for w in words if MIN_TYPO_LENGTH <= len(w) <= MAX_WORD and w.isascii() and w.isalpha()
    ]
    for word in candidates:
        for key in _deletions(word) | {word}:
            by_key.setdefault(key, []).append(word)
    mapping: dict[str, str] = {}
    real: frozenset[str] | None = None
    for word in sorted(candidates, key=lambda w: (-words[w], w)):
        if word in mapping:
            continue
        for key in _deletions(word) | {word}:
            for other in by_key.get(key, ()):
                if other != word and other not in mapping and _one_edit(word, other):
                    if real is None:
                        real = known_words()
                    if other in real or stem(other) in real:
                        continue  # two real words ("loyal" / "local"), not a typo
                    mapping[other] = word
    return mapping


def title_vectors(titles: Sequence[str], vocab: Vocabulary | None = None) -> list[dict[str, float]]:
    """Weighted tokens per title, with typos folded onto the chart's own words."""
    return _vectors(titles, vocab or builtin_vocabulary())[1]


def _vectors(
    titles: Sequence[str], vocab: Vocabulary
) -> tuple[dict[str, str], list[dict[str, float]]]:
    words: Counter[str] = Counter()
    for title in titles:
        words.update(set(vocab.words_of(title)))
    mapping = fold_typos(words)
    return mapping, [vocab.tokens(t, mapping) for t in titles]


def title_similarity(a: str, b: str, vocab: Vocabulary | None = None) -> float:
    va, vb = title_vectors([a, b], vocab)
    return similarity(va, vb)


def _overlap(a: dict[str, float], b: dict[str, float]) -> float:
    low = 0.0
    for token in a.keys() & b.keys():
        x, y = a[token], b[token]
        low += x if x < y else y
    return low


class _Last:
    """The previous join, so that an edit to a few titles is not a full rerun."""

    titles: tuple[str, ...] = ()
    vocab: Vocabulary | None = None
    threshold = -1.0
    mapping: dict[str, str] = {}  # noqa: RUF012 - replaced, never mutated
    vectors: list[dict[str, float]] = []  # noqa: RUF012
    pairs: list[tuple[int, int, float]] = []  # noqa: RUF012


_last = _Last()
_lock = threading.Lock()
INCREMENTAL_LIMIT = 32


def similar_pairs(
    titles: Sequence[str], threshold: float = DEFAULT_THRESHOLD, vocab: Vocabulary | None = None
) -> list[tuple[int, int, float]]:
    """Index pairs (i < j) whose titles are near-duplicates, with their similarity.

    When only a few titles changed (or were appended) since the previous call, only those
    are compared with the rest; the answer is the same as a full join.
    """
    titles = tuple(titles)
    vocab = vocab or builtin_vocabulary()
    with _lock:  # the app analyses on a worker thread; keep the cache consistent
        pairs = _incremental(titles, threshold, vocab) if vocab is _last.vocab else None
        if pairs is None:
            pairs = _full_join(titles, threshold, vocab)
        _last.vocab = vocab
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


def _incremental(
    titles: tuple[str, ...], threshold: float, vocab: Vocabulary
) -> list[tuple[int, int, float]] | None:
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
    mapping, vectors = _vectors(titles, vocab)
    if mapping != _last.mapping:
        return None  # a typo now folds differently: other pairs may change too
    dirty = set(changed)
    pairs = [p for p in _last.pairs if p[0] not in dirty and p[1] not in dirty]
    totals = [sum(v.values()) for v in vectors]
    bound = share_bound(threshold)
    for i in changed:
        vi, ti = vectors[i], totals[i]
        if not vi:
            continue
        keys = vi.keys()
        for j, vj in enumerate(vectors):
            if j == i or (j in dirty and j < i) or not vj:
                continue
            low, high = (ti, totals[j]) if ti < totals[j] else (totals[j], ti)
            if low < bound * high - _EPS or keys.isdisjoint(vj.keys()):
                continue
            score = score_of(_overlap(vi, vj), ti, totals[j])
            if score >= threshold - _EPS:
                pairs.append((min(i, j), max(i, j), score))
    pairs.sort()
    _remember(titles, threshold, mapping, vectors, pairs)
    return pairs


def tight_bound(threshold: float) -> float:
    """The least share of its weight the title with the smaller unshared part has in common."""
    alpha = max(ALPHA, BETA)
    return threshold * alpha / (1.0 - threshold + threshold * alpha)


MAX_LEVEL = 3
MAX_KEYS = 128  # a title is indexed at the highest level whose prefix gives at most this many keys


def _top_level(order: list[str], v: dict[str, float], share: float, total: float, w: float) -> int:
    """The highest level (up to MAX_LEVEL) valid for this share and within MAX_KEYS keys."""
    level = 1
    for k in range(2, MAX_LEVEL + 1):
        if share * total <= (k - 1) * w + _EPS:
            break
        if comb(len(_prefix(order, v, share, k)), k) > MAX_KEYS:
            break
        level = k
    return level


def _prefix(order: list[str], v: dict[str, float], share: float, level: int = 1) -> list[str]:
    """The shortest run of rarest tokens after which less than share * W - (level - 1) * w_max
    is left: any title scoring t with this one shares ``level`` tokens inside it."""
    heaviest = max(v.values()) if level > 1 else 0.0
    limit = (1.0 - share) * sum(v.values()) + (level - 1) * heaviest + _EPS
    taken = 0.0
    out: list[str] = []
    for token in order:
        out.append(token)
        taken += v[token]
        if taken > limit:
            break
    return out


def _full_join(
    titles: tuple[str, ...], threshold: float, vocab: Vocabulary
) -> list[tuple[int, int, float]]:
    """The exact join over all titles: asymmetric prefix filtering on tokens and token pairs.

    If titles x and y score at least t, and x is the one with the smaller unshared part, they
    have O >= tight * W_x and O >= loose * W_y in common (``tight_bound``, ``share_bound``).
    Tokens are put in one global rarest-first order. The level-k prefix of a title for a
    share c is its shortest initial run after which less than c * W - (k - 1) * w_max is left;
    the shared tokens after it weigh less than O - (k - 1) * w_max, so the first k shared
    tokens lie inside it. So x's tight level-k prefix and y's loose level-k prefix both hold
    the first k shared tokens, and every pair is found by indexing each title by its loose
    prefix and probing with each title's tight prefix:

    - "heavy" titles (loose * W > w_max, at most MAX_KEYS pairs) are indexed by the pairs of
      tokens of their level-2 prefix (pairs are far rarer than single common words) and by
      the tokens of their level-1 prefix; "light" ones by the tokens of their level-1 prefix;
    - a heavy title probes the heavy titles with token pairs and the light ones with tokens;
      a light title probes everything with tokens (light titles are one or two words).

    A positional filter (PPJoin) drops a token candidate whose overlap from that token on
    cannot reach t, and every remaining candidate is verified exactly: the result equals the
    all-pairs answer.
    """
    if not 0.0 < threshold <= 1.0:
        raise ValueError("threshold must be in (0, 1]")
    loose, tight = share_bound(threshold), tight_bound(threshold)
    mapping, vectors = _vectors(titles, vocab)
    totals = [sum(v.values()) for v in vectors]
    freq: Counter[str] = Counter()
    for v in vectors:
        freq.update(v.keys())
    orders = [sorted(v, key=lambda tok: (freq[tok], tok)) for v in vectors]
    rest: list[list[float]] = []  # rest[i][p]: the weight of title i's tokens from p on
    for order, v in zip(orders, vectors, strict=True):
        acc, suffix = 0.0, []
        for token in reversed(order):
            acc += v[token]
            suffix.append(acc)
        suffix.reverse()
        rest.append(suffix)
    # exact[k]: titles whose top index level is k; above[k]: titles indexed higher too.
    exact: list[dict[tuple[str, ...], list[tuple[int, int]]]] = [{} for _ in range(MAX_LEVEL + 1)]
    above: list[dict[tuple[str, ...], list[tuple[int, int]]]] = [{} for _ in range(MAX_LEVEL + 1)]
    probe_level = [1] * len(vectors)
    for i, v in enumerate(vectors):
        if not v:
            continue
        heaviest = max(v.values())
        top = _top_level(orders[i], v, loose, totals[i], heaviest)
        probe_level[i] = _top_level(orders[i], v, tight, totals[i], heaviest)
        for level in range(1, top + 1):
            target = exact[level] if level == top else above[level]
            run = _prefix(orders[i], v, loose, level)
            if level == 1:
                for pos, token in enumerate(run):
                    target.setdefault((token,), []).append((i, pos))
            else:
                for key in combinations(run, level):
                    target.setdefault(key, []).append((i, -1))
    found: dict[tuple[int, int], float] = {}
    alpha, beta = max(ALPHA, BETA), min(ALPHA, BETA)

    for i, v in enumerate(vectors):
        if not v:
            continue
        ti, rest_i = totals[i], rest[i]
        seen: set[int] = {i}
        top = probe_level[i]
        for level in range(1, top + 1):
            lists = [exact[level], above[level]] if level == top else [exact[level]]
            if not any(lists):
                continue
            run = _prefix(orders[i], v, tight, level)
            keys = [(t,) for t in run] if level == 1 else list(combinations(run, level))
            for postings in lists:
                for pos_i, key in enumerate(keys):
                    for j, pos_j in postings.get(key, ()):
                        if j in seen:
                            continue
                        seen.add(j)
                        tj = totals[j]
                        if pos_j >= 0:
                            # Positional filter (level 1): no earlier token is shared (j would
                            # have been met there), so the overlap is at most what either
                            # title has from this token on.
                            most = min(rest_i[pos_i], rest[j][pos_j])
                            da, db = ti - most, tj - most
                            if da > db:
                                da, db = db, da
                            if most < threshold * (most + alpha * da + beta * db) - _EPS:
                                continue
                        if (j, i) in found:
                            continue
                        low, high = (ti, tj) if ti < tj else (tj, ti)
                        if low < loose * high - _EPS:
                            continue
                        score = score_of(_overlap(v, vectors[j]), ti, tj)
                        if score >= threshold - _EPS:
                            found[(i, j) if i < j else (j, i)] = score
    pairs = sorted((i, j, score) for (i, j), score in found.items())
    _remember(titles, threshold, mapping, vectors, pairs)
    return pairs
