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
reports) run the exact join of ``join.py`` and remember the last run, so that after an edit to a
few titles only those are compared with the rest.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Protocol

from rolemap.core.analysis.join import (
    ALPHA,
    BETA,
    EPS,
    Edge,
    Prepared,
    _Forest,
    groups_of,
    join,
    least_overlap,
    overlap_of,
    parallel_join,
    score_of,
    share_bound,
    tight_bound,
)
from rolemap.core.analysis.terms import MAX_WORD, Vocabulary, builtin_vocabulary, clean, stem
from rolemap.core.analysis.wordlist import WordList

__all__ = [
    "ALPHA",
    "BETA",
    "DEFAULT_THRESHOLD",
    "Group",
    "jaccard",
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


def similarity(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """The near-duplicate score of two token vectors (see the module docstring)."""
    if not a or not b:
        return 0.0
    return score_of(overlap_of(dict(a), dict(b)), sum(a.values()), sum(b.values()))


@lru_cache(maxsize=1)
def known_words() -> WordList:
    """English dictionary words and their stems (resources/words, see tools/make_wordlist.py)."""
    from rolemap.resources import resources_dir

    path = resources_dir() / "words" / "en-stems.txt"
    try:
        return WordList(path.read_bytes())
    except OSError:
        return WordList()


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
    real: WordList | None = None
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


@dataclass
class _Run:
    """The previous join, so that an edit to a few titles is not a full rerun."""

    titles: tuple[str, ...] = ()
    vocab: Vocabulary | None = None
    threshold: float = -1.0
    mapping: dict[str, str] = field(default_factory=dict)
    prep: Prepared | None = None  # built on the first rerun after a compiled join
    full: Sequence[dict[str, float]] = ()  # the vectors of the last full join
    totals: list[float] = field(default_factory=list)  # each title's weight (group scores)
    edges: list[Edge] = field(default_factory=list)  # every pair, or a spanning forest
    words: dict[str, frozenset[str]] = field(default_factory=dict)  # title -> its words
    vectors: dict[str, dict[str, float]] = field(default_factory=dict)  # title -> its tokens
    scores: dict[tuple[str, ...], float] = field(default_factory=dict)  # group titles -> score
    counts: Counter[str] | None = None  # how many titles have each word (typo folding)


_pairs_run = _Run()
_groups_run = _Run()
_lock = threading.Lock()
INCREMENTAL_LIMIT = 32


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
        weights = last.prep.weights if last.prep is not None else last.full
        return scored_groups(weights, last.totals, edges, titles, threshold, last.scores)


def full_join(
    vectors: Sequence[dict[str, float]], threshold: float, *, groups: bool
) -> tuple[list[Edge], Prepared | None, list[float]]:
    """The join of every title: compiled where built (no ``Prepared``: less time and memory),
    else spread over processes where that pays, else the Python join. The same answer each
    way (a group's edges may differ when the join is spread; its members do not). Returns
    the edges, the ``Prepared`` titles if one was built, and each title's total weight."""
    from rolemap.core.analysis import cjoin

    found = cjoin.join_vectors(
        vectors, threshold, groups=groups, parts=cjoin.parts_for(len(vectors))
    )
    if found is not None:
        return found[0], None, found[1]
    prep = Prepared.of(vectors)
    edges = parallel_join(prep, threshold, groups=groups)
    if edges is None:
        edges = join(prep, threshold, groups=groups)
    return edges, prep, prep.totals


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
                score = first if first >= threshold - EPS else best
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


def _run(
    last: _Run,
    titles: tuple[str, ...],
    threshold: float,
    vocab: Vocabulary | None,
    *,
    groups: bool,
) -> list[Edge]:
    vocab = vocab or builtin_vocabulary()
    edges = _incremental(last, titles, threshold, vocab, groups) if vocab is last.vocab else None
    if edges is None:
        mapping, vectors = _cached_vectors(last, titles, vocab)
        edges, last.prep, last.totals = full_join(vectors, threshold, groups=groups)
        last.mapping, last.full = mapping, vectors
    last.titles, last.vocab, last.threshold, last.edges = titles, vocab, threshold, edges
    return edges


def _incremental(
    last: _Run, titles: tuple[str, ...], threshold: float, vocab: Vocabulary, groups: bool
) -> list[Edge] | None:
    old = last.titles
    if threshold != last.threshold or not old or len(titles) < len(old) or not last.full:
        return None
    if len(titles) - len(old) > INCREMENTAL_LIMIT:
        return None
    changed = [i for i in range(len(old)) if titles[i] != old[i]]
    changed += range(len(old), len(titles))
    if len(changed) > INCREMENTAL_LIMIT:
        return None
    if not changed:
        return last.edges
    found = _changed_vectors(last, titles, vocab, changed)
    if found is None:
        return None
    mapping, vectors = found
    if mapping != last.mapping:
        return None  # a typo now folds differently: other pairs may change too
    if last.prep is None:  # the compiled join built none: the Python join reruns
        last.prep = Prepared.of(last.full)
    prep = last.prep.changed(vectors, changed)
    dirty = set(changed)
    n = len(titles)
    kept = [e for e in last.edges if e[0] not in dirty and e[1] not in dirty]
    forest: _Forest | None = None
    if groups:
        # The forest edges of a group that lost (or changed) a member may no longer connect
        # the rest of it: join those members again among themselves.
        before = _Forest(len(old))
        for i, j, _ in last.edges:
            before.union(i, j)
        hit = {before.find(i) for i in dirty if i < len(old)}
        again = [i for i in range(len(old)) if i not in dirty and before.find(i) in hit]
        kept = [e for e in kept if before.find(e[0]) not in hit]
        forest = _Forest(n)
        for i, j, _ in kept:
            forest.union(i, j)
        if again:
            for edge in join(prep, threshold, groups=True, members=again, forest=forest):
                kept.append(edge)
    totals = prep.totals
    bound = share_bound(threshold)
    need_a, need_b = least_overlap(threshold)
    for i in changed:
        wi, ti = prep.weights[i], totals[i]
        if not wi:
            continue
        keys = wi.keys()
        for j in range(n):
            wj = prep.weights[j]
            if j == i or (j in dirty and j < i) or not wj:
                continue
            tj = totals[j]
            low, high = (ti, tj) if ti < tj else (tj, ti)
            if low < bound * high - EPS or keys.isdisjoint(wj.keys()):
                continue
            if forest is not None and forest.find(i) == forest.find(j):
                continue
            shared = overlap_of(wi, wj)
            if shared < need_a * low + need_b * high - EPS:
                continue  # below the least overlap a score of t needs
            score = score_of(shared, ti, tj)
            if score >= threshold - EPS:
                kept.append((min(i, j), max(i, j), score))
                if forest is not None:
                    forest.union(i, j)
    kept.sort()
    last.mapping, last.prep, last.totals = mapping, prep, prep.totals
    return kept


def _cached_vectors(
    last: _Run, titles: tuple[str, ...], vocab: Vocabulary
) -> tuple[dict[str, str], list[dict[str, float]]]:
    """``_vectors`` reusing the previous run's words and tokens of titles seen then."""
    same_vocab = vocab is last.vocab
    known_words = last.words if same_vocab else {}
    words_of: dict[str, frozenset[str]] = {}
    cleaned: dict[str, str] = {}  # titles read now, cleaned once for words and tokens
    counts: Counter[str] = Counter()
    for title in titles:
        found = words_of.get(title)
        if found is None:
            found = known_words.get(title)
            if found is None:
                text = cleaned[title] = clean(title)
                found = frozenset(vocab.words_of(text, cleaned=True))
            words_of[title] = found
        counts.update(found)
    mapping = fold_typos(counts)
    known = last.vectors if same_vocab and mapping == last.mapping else {}
    vectors_of: dict[str, dict[str, float]] = {}
    vectors = []
    for title in titles:
        v = vectors_of.get(title)
        if v is None:
            v = known.get(title)
            if v is None:
                pre = cleaned.get(title)
                v = vocab.tokens(clean(title) if pre is None else pre, mapping, cleaned=True)
            vectors_of[title] = v
        vectors.append(v)
    last.words, last.vectors, last.counts = words_of, vectors_of, counts
    return mapping, vectors


def _changed_vectors(
    last: _Run, titles: tuple[str, ...], vocab: Vocabulary, changed: Sequence[int]
) -> tuple[dict[str, str], dict[int, dict[str, float]]] | None:
    """The typo mapping and the vectors of the ``changed`` titles, from the previous run's
    word counts updated by what changed (not a walk over every title), or None when the
    previous run left no counts for this vocabulary."""
    if vocab is not last.vocab or last.counts is None:
        return None
    old, words = last.titles, last.words
    counts = last.counts.copy()
    for i in changed:
        if i < len(old):
            counts.subtract(words[old[i]])
        title = titles[i]
        found = words.get(title)
        if found is None:
            found = words[title] = frozenset(vocab.words_of(title))
        counts.update(found)
    counts = +counts  # words no title has any more are gone, as in a full count
    mapping = fold_typos(counts)
    if mapping != last.mapping:
        return mapping, {}
    vectors: dict[int, dict[str, float]] = {}
    for i in changed:
        title = titles[i]
        v = last.vectors.get(title)
        if v is None:
            v = last.vectors[title] = vocab.tokens(title, mapping)
        vectors[i] = v
    last.counts = counts
    return mapping, vectors
