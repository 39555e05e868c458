"""The near-duplicate join's runs, remembered: a full join of every title, and the rerun after
an edit to a few titles, which compares only those with the rest (``similar_groups`` and
``similar_pairs`` in similarity.py call ``_run``). Same answers as a full join (hypothesis).

A full join is compiled where built (cjoin.py), else Python (join.py). A rerun keeps, between
calls, the titles' vectors and weights, each token's titles (postings), the typo folding's
word pairs (typos.py) and the edges; a changed title meets only the titles sharing one of its
rarest tokens, and a group that lost a member is joined again from its own titles.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from operator import ne

from rolemap.core.analysis.join import (
    EPS,
    Edge,
    Prepared,
    _Forest,
    join,
    least_overlap,
    overlap_of,
    parallel_join,
    score_of,
    share_bound,
)
from rolemap.core.analysis.terms import Vocabulary, builtin_vocabulary, clean
from rolemap.core.analysis.typos import fold_typos

INCREMENTAL_LIMIT = 32


@dataclass
class _Run:
    """The previous join, so that an edit to a few titles is not a full rerun."""

    titles: tuple[str, ...] = ()
    vocab: Vocabulary | None = None
    threshold: float = -1.0
    mapping: dict[str, str] = field(default_factory=dict)
    full: Sequence[dict[str, float]] = ()  # each title's vector (the last join's)
    postings: dict[str, set[int]] | None = None  # token -> titles having it (reruns)
    totals: list[float] = field(default_factory=list)  # each title's weight (group scores)
    edges: list[Edge] = field(default_factory=list)  # every pair, or a spanning forest
    words: dict[str, frozenset[str]] = field(default_factory=dict)  # title -> its words
    vectors: dict[str, dict[str, float]] = field(default_factory=dict)  # title -> its tokens
    scores: dict[tuple[str, ...], float] = field(default_factory=dict)  # group titles -> score
    counts: Counter[str] | None = None  # how many titles have each word (typo folding)


def full_join(
    vectors: Sequence[dict[str, float]], threshold: float, *, groups: bool
) -> tuple[list[Edge], list[float]]:
    """The join of every title: compiled where built (no ``Prepared``: less time and memory),
    else spread over processes where that pays, else the Python join. The same answer each
    way (a group's edges may differ when the join is spread; its members do not). Returns
    the edges and each title's total weight (group scores read ``vectors`` with them)."""
    from rolemap.core.analysis import cjoin

    found = cjoin.join_vectors(
        vectors, threshold, groups=groups, parts=cjoin.parts_for(len(vectors))
    )
    if found is not None:
        return found
    prep = Prepared.of(vectors)
    edges = parallel_join(prep, threshold, groups=groups)
    if edges is None:
        edges = join(prep, threshold, groups=groups)
    return edges, prep.totals


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
        edges, last.totals = full_join(vectors, threshold, groups=groups)
        last.postings = None
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
    changed = [i for i, differs in enumerate(map(ne, titles, old)) if differs]
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
    full, totals = list(last.full), list(last.totals)
    for i in sorted(changed):
        v = vectors[i]
        if i < len(full):
            full[i], totals[i] = v, sum(v.values())
        else:
            full.append(v)
            totals.append(sum(v.values()))
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
        # Members of a group of two or more are ends of its edges.
        ends = {k for e in last.edges for k in e[:2]}
        again = sorted(k for k in ends if k not in dirty and before.find(k) in hit)
        kept = [e for e in kept if before.find(e[0]) not in hit]
        forest = _Forest(n)
        for i, j, _ in kept:
            forest.union(i, j)
        if again:
            kept += _join_members(full, again, threshold, forest)
    bound = share_bound(threshold)
    need_a, need_b = least_overlap(threshold)
    postings = _postings(last, full, old, changed)
    for i in changed:
        wi, ti = full[i], totals[i]
        if not wi:
            continue
        # Any title scoring t with this one shares at least ``bound`` of its weight, so at
        # least one token of its rarest tokens holding more than 1 - bound of its weight.
        rarest = sorted(wi, key=lambda t: (len(postings[t]), t))
        left, prefix = ti, []
        for token in rarest:
            if left < bound * ti - _PREFIX_MARGIN:
                break
            prefix.append(token)
            left -= wi[token]
        met = set().union(*(postings[t] for t in prefix))
        for j in sorted(met):
            wj = full[j]
            if j == i or (j in dirty and j < i):
                continue
            tj = totals[j]
            low, high = (ti, tj) if ti < tj else (tj, ti)
            if low < bound * high - EPS:
                continue
            if forest is not None and forest.find(i) == forest.find(j):
                continue
            shared = overlap_of(wi, wj)
            if shared < need_a * low + need_b * high - EPS:
                continue  # below the least overlap a score of t needs
            score = score_of(shared, ti, tj)
            if score >= threshold:  # as the full join: the score at 9 decimals
                kept.append((min(i, j), max(i, j), score))
                if forest is not None:
                    forest.union(i, j)
    kept.sort()
    last.mapping, last.full, last.totals = mapping, full, totals
    return kept


_PREFIX_MARGIN = 1e-6  # a prefix a little longer than needed: float sums stay on the safe side


def _postings(
    last: _Run, full: Sequence[dict[str, float]], old: tuple[str, ...], changed: Sequence[int]
) -> dict[str, set[int]]:
    """Each token's titles (by index), for the titles ``full`` now; kept between reruns and
    updated by the ``changed`` titles (built on the first rerun after a full join)."""
    postings = last.postings
    if postings is None:
        postings = {}
        for i, v in enumerate(last.full):
            for token in v:
                found = postings.get(token)
                if found is None:
                    postings[token] = {i}
                else:
                    found.add(i)
        last.postings = postings
    for i in changed:
        if i < len(old) and i < len(last.full):
            for token in last.full[i]:
                titles = postings.get(token)
                if titles is not None:
                    titles.discard(i)
                    if not titles:
                        del postings[token]
        for token in full[i]:
            postings.setdefault(token, set()).add(i)
    return postings


def _join_members(
    full: Sequence[dict[str, float]], members: list[int], threshold: float, forest: _Forest
) -> list[Edge]:
    """The groups' join among ``members`` (ascending) only, with the groups ``forest``
    already knows: the members' titles are prepared alone (not the whole chart's), the edges
    found are added to ``forest`` and returned in the chart's numbering."""
    local = _Forest(len(members))
    first_of: dict[int, int] = {}
    for k, i in enumerate(members):
        root = forest.find(i)
        if root in first_of:
            local.union(first_of[root], k)
        else:
            first_of[root] = k
    from rolemap.core.analysis import cjoin

    alone = [full[i] for i in members]
    found = cjoin.join_vectors(alone, threshold, groups=True, forest=local)
    if found is None:
        found = join(Prepared.of(alone), threshold, groups=True, forest=local), []
    out: list[Edge] = []
    for a, b, score in found[0]:
        i, j = members[a], members[b]
        out.append((i, j, score) if i < j else (j, i, score))
        forest.union(i, j)
    return out


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
