"""The exact near-duplicate join: every pair of titles scoring at least t, or every group.

Titles come as weighted token vectors (``similarity._vectors``). The score of titles x and y,
with O the weight they share and D_x, D_y what each has alone, is
O / (O + ALPHA * min(D_x, D_y) + BETA * max(D_x, D_y)) (``similarity.score_of``).

**Bounds.** The lighter title (smaller total weight W) is the one with the smaller unshared
part. If x is the lighter of two titles scoring t, they share at least ``tight * W_x`` and at
least ``loose * W_y`` (``tight_bound``, ``share_bound``), and ``W_y <= W_x / loose``.

**One direction.** Titles are taken heaviest first. Each title first probes the index, which
holds only heavier (or equally heavy) titles, then is indexed itself, so a pair is met once.
The count filter and its prefixes are described at ``join``; every candidate that passes is
verified exactly: the result equals the all-pairs answer.

**Groups.** ``join(..., groups=True)`` keeps a union-find of the titles: a candidate already in
the probing title's group is not verified at all, so a cluster of 1,000 near-identical titles
costs about 1,000 verifications, not 500,000, and the output is the groups with the edges that
joined them (a spanning forest). Memory is the index (the pairs of each title's prefix, at most
120 a title) and the forest: linear in the titles.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import chain, combinations
from typing import TypeVar

K = TypeVar("K")

ALPHA = 2.5  # weight of the smaller unshared part (a substituted word)
BETA = 0.5  # weight of the larger unshared part (added detail)
EPS = 1e-9  # scores are rounded to 9 places so that exact ties do not depend on order
MAX_SHARED = 4  # the count filter asks for up to this many shared prefix tokens
MAX_PAIR_PREFIX = 16  # a longer prefix is indexed by single tokens (at most 120 pairs a title)

Edge = tuple[int, int, float]


def share_bound(threshold: float) -> float:
    """The least share of each title's weight two titles scoring ``threshold`` have in common."""
    beta = min(ALPHA, BETA)
    return threshold * beta / (1.0 - threshold + threshold * beta)


def tight_bound(threshold: float) -> float:
    """The least share of its weight the title with the smaller unshared part has in common."""
    alpha = max(ALPHA, BETA)
    return threshold * alpha / (1.0 - threshold + threshold * alpha)


def least_overlap(threshold: float) -> tuple[float, float]:
    """(a, b): two titles score at least ``threshold`` only if they share at least
    a * W_lighter + b * W_heavier (from O(1 - t) >= t(ALPHA * D_lighter + BETA * D_heavier))."""
    alpha, beta = max(ALPHA, BETA), min(ALPHA, BETA)
    spread = 1.0 - threshold + threshold * (alpha + beta)
    return threshold * alpha / spread, threshold * beta / spread


def score_of(overlap: float, total_a: float, total_b: float) -> float:
    da, db = total_a - overlap, total_b - overlap
    if da > db:
        da, db = db, da
    da, db = max(da, 0.0), max(db, 0.0)
    denominator = overlap + ALPHA * da + BETA * db
    return round(overlap / denominator, 9) if denominator > 0 else 0.0


def overlap_of(a: Mapping[K, float], b: Mapping[K, float]) -> float:
    """The weight two titles share: the smaller weight of each token they have in common."""
    low = 0.0
    for token in a.keys() & b.keys():
        x, y = a[token], b[token]
        low += x if x < y else y
    return low


def token_ranks(vectors: Iterable[Mapping[str, float]]) -> dict[str, int]:
    """Each token's id: rarest first (ties by the token), the order the join is fast in."""
    freq = Counter(chain.from_iterable(vectors))
    return {tok: r for r, tok in enumerate(sorted(freq, key=lambda t: (freq[t], t)))}


@dataclass(slots=True)
class Prepared:
    """Title vectors as the join reads them: integer token ids in rarest-first order."""

    rank: dict[str, int]  # token -> id; any one order is exact, rarest first is fast
    ids: list[list[int]]  # each title's token ids, ascending
    weights: list[dict[int, float]]  # token id -> weight
    totals: list[float]
    rest: list[list[float]]  # rest[i][p]: the weight of title i's tokens from position p on

    @classmethod
    def of(cls, vectors: Sequence[dict[str, float]]) -> Prepared:
        made = cls(token_ranks(vectors), [], [], [], [])
        for v in vectors:
            made._append(v)
        return made

    def changed(
        self,
        vectors: Mapping[int, dict[str, float]] | Sequence[dict[str, float]],
        which: Iterable[int],
    ) -> Prepared:
        """A copy with the titles ``which`` (possibly new, at the end) replaced; new tokens
        are numbered after the known ones (still one order, so the join stays exact)."""
        made = Prepared(
            self.rank, list(self.ids), list(self.weights), list(self.totals), list(self.rest)
        )
        made.rank = dict(self.rank)
        for i in sorted(which):
            row, w, total, suffix = made._row(vectors[i])
            if i < len(made.ids):
                made.ids[i], made.weights[i], made.totals[i], made.rest[i] = row, w, total, suffix
            else:
                made.ids.append(row)
                made.weights.append(w)
                made.totals.append(total)
                made.rest.append(suffix)
        return made

    def _row(self, v: dict[str, float]) -> tuple[list[int], dict[int, float], float, list[float]]:
        rank = self.rank
        for t in v:
            if t not in rank:
                rank[t] = len(rank)
        row = sorted(rank[t] for t in v)
        w = {rank[t]: x for t, x in v.items()}
        acc, suffix = 0.0, [0.0] * len(row)
        for p in range(len(row) - 1, -1, -1):
            acc += w[row[p]]
            suffix[p] = acc
        return row, w, sum(v.values()), suffix

    def usual_weights(self) -> tuple[list[float], list[bool]]:
        """Each token id's usual weight (the one most titles give it) and, per title, whether
        all its tokens have their usual weight: then the overlap of two such titles is the
        sum of the usual weights of the tokens they share (a set intersection, in C)."""
        seen: list[dict[float, int]] = [{} for _ in self.rank]
        for w in self.weights:
            for token, x in w.items():
                counts = seen[token]
                counts[x] = counts.get(x, 0) + 1
        usual = [max(c, key=c.__getitem__) if c else 0.0 for c in seen]
        plain = [all(usual[t] == x for t, x in w.items()) for w in self.weights]
        return usual, plain

    def _append(self, v: dict[str, float]) -> None:
        row, w, total, suffix = self._row(v)
        self.ids.append(row)
        self.weights.append(w)
        self.totals.append(total)
        self.rest.append(suffix)


def _prefix_length(row: list[int], w: dict[int, float], limit: float) -> int:
    """The length of the shortest initial run of ``row`` after which at most ``limit`` is left."""
    taken = 0.0
    for n, token in enumerate(row, 1):
        taken += w[token]
        if taken > limit:
            return n
    return len(row)


class _Forest:
    """Union-find over title indices."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(self, i: int, j: int) -> bool:
        a, b = self.find(i), self.find(j)
        if a == b:
            return False
        self.parent[max(a, b)] = min(a, b)
        return True


def _depth(
    row: list[int], w: dict[int, float], total: float, share: float, most: int = 0
) -> tuple[int, int]:
    """(k, n): the deepest count k <= MAX_SHARED (or ``most``) valid for ``share`` and the
    length n of the prefix holding the first k tokens any title scoring t shares with this."""
    heaviest = max(w.values())
    k = 1
    while k < (most or MAX_SHARED) and share * total > k * heaviest + EPS:
        k += 1
    return k, _prefix_length(row, w, (1.0 - share) * total + (k - 1) * heaviest + EPS)


def _depths(row: list[int], w: dict[int, float], total: float, share: float) -> list[int]:
    """``[n_1, ..., n_K]``: ``_depth(row, w, total, share, k)[1]`` for every k up to the
    deepest valid K, in one pass (the limits grow with k)."""
    heaviest = max(w.values())
    deepest = 1
    while deepest < MAX_SHARED and share * total > deepest * heaviest + EPS:
        deepest += 1
    base = (1.0 - share) * total + EPS
    out: list[int] = []
    taken, n, size = 0.0, 0, len(row)
    for k in range(deepest):
        limit = base + k * heaviest
        while n < size and taken <= limit:
            taken += w[row[n]]
            n += 1
        out.append(n)
    return out


def join(
    prep: Prepared,
    threshold: float,
    *,
    groups: bool = False,
    members: Iterable[int] | None = None,
    forest: _Forest | None = None,
    part: tuple[int, int] = (0, 1),
) -> list[Edge]:
    """Every pair (i < j, score) scoring at least ``threshold``; with ``groups``, only the
    edges that join two groups (a spanning forest of the near-duplicate graph). ``members``
    restricts the join to those titles; ``forest`` carries groups already known. With
    ``part=(k, m)`` only every m-th title (from the k-th, heaviest first) probes, while all
    are indexed: m processes each taking one part find, together, every pair (or groups
    whose union is the answer), which is how ``parallel_join`` spreads a large join.

    Count filter: if two titles share at least a share c of a title's weight W, and no token
    weighs more than w_max, the first k tokens they share lie in that title's shortest
    rarest-first run after which at most (1 - c) * W + (k - 1) * w_max is left (its depth-k
    prefix). So with each title indexed by its depth-k prefix tokens, a lighter title probing
    with its own depth-k prefix meets every title it can score t with at least k times: the
    meetings are counted in C (``Counter.update``) and only titles met often enough are
    verified. (Splitting pairs into bands by the ratio of their weights, so that titles of
    about the same weight use shorter prefixes, was measured slower: every band is probed.)
    """
    if not 0.0 < threshold <= 1.0:
        raise ValueError("threshold must be in (0, 1]")
    ids, weights, totals = prep.ids, prep.weights, prep.totals
    chosen = range(len(ids)) if members is None else members
    order = sorted((i for i in chosen if ids[i]), key=lambda i: (-totals[i], i))
    if groups and forest is None:
        forest = _Forest(len(ids))
    bar = threshold  # scores at 9 decimals (score_of); the filters above keep EPS margins
    need_a, need_b = least_overlap(threshold)
    loose = share_bound(threshold)
    probe_share = need_a + need_b  # the heavier title weighs at least as much as x
    index_share = need_a * loose + need_b  # the lighter title weighs at least loose * W
    width = len(prep.rank) + 1  # pair keys a * width + b (a < b): ints hash fast
    # index[k]: for titles of depth k, their depth-k prefix by single tokens (k = 1) or by
    # pairs of tokens (k >= 2; k shared tokens meet on C(k, 2) pairs).
    index: list[dict[int, list[int]]] = [{} for _ in range(MAX_SHARED + 1)]
    usual, plain = prep.usual_weights()
    get_usual = usual.__getitem__
    upper = list(usual)  # each token's largest weight in any title
    for x in range(len(weights)):
        if not plain[x]:
            for token, weight in weights[x].items():
                if weight > upper[token]:
                    upper[token] = weight
    get_upper = upper.__getitem__
    # The heaviest title a title probing at depth 1 (share * W <= its heaviest token) can
    # pair with: such titles are indexed by single tokens too.
    light = [totals[x] for x in order if probe_share * totals[x] <= max(weights[x].values()) + EPS]
    shallow = max(light) / loose + EPS if light else -1.0
    edges: list[Edge] = []

    def _probe(x: int, row: list[int], wx: dict[int, float], tx: float) -> None:
        """Verify the heavier titles x meets often enough in the index; keep the pairs."""
        kx = wx.keys()
        plain_x = plain[x]
        need_x = need_a * tx - EPS
        heaviest = tx / loose + EPS  # the length filter
        root = forest.find(x) if forest is not None else -1
        done: set[int] = set()
        lengths = _depths(row, wx, tx, probe_share)
        k_x = len(lengths)
        for k_y in range(1, MAX_SHARED + 1):
            postings = index[k_y]
            if not postings:
                continue
            k = k_x if k_x < k_y else k_y  # the first k shared tokens are in both prefixes
            prefix = row[: lengths[k - 1]]
            if k_y == 1:
                keys: Iterable[int] = prefix
                least = 1
            elif k == 1:
                continue  # the ones x can pair with are indexed by single tokens too
            else:
                keys = [a * width + b for a, b in combinations(prefix, 2)]
                least = k * (k - 1) // 2
            # Every posting list met, counted in C.
            met = Counter(chain.from_iterable(filter(None, map(postings.get, keys))))
            for y, count in met.most_common():  # sorted in C: stop at the first too few
                if count < least:
                    break
                ty = totals[y]
                if ty > heaviest or y in done:
                    continue
                done.add(y)
                if forest is not None and forest.find(y) == root:
                    continue
                wy = weights[y]
                need = need_x + need_b * ty
                # The sum of usual weights of the shared tokens is the overlap when both are
                # plain, and a bound above it when one is (the smaller weight of a token is
                # at most the plain one's); with neither plain, each token's largest weight.
                low = sum(map(get_usual if plain_x or plain[y] else get_upper, kx & wy.keys()))
                if low < need:
                    continue
                if not (plain_x and plain[y]):
                    low = overlap_of(wx, wy)
                    if low < need:
                        continue
                score = score_of(low, tx, ty)
                if score >= bar:
                    edges.append((x, y, score) if x < y else (y, x, score))
                    if forest is not None:
                        forest.union(x, y)
                        root = forest.find(x)

    mine, parts = part
    for position, x in enumerate(order):
        row, wx, tx = ids[x], weights[x], totals[x]
        if position % parts == mine:  # x probes for the heavier titles it pairs with
            _probe(x, row, wx, tx)
        # Index this title for the lighter titles still to come.
        k_y, n = _depth(row, wx, tx, index_share)
        if k_y > 1 and n > MAX_PAIR_PREFIX:
            k_y, n = _depth(row, wx, tx, index_share, 1)  # a very long title
        postings = index[k_y]
        prefix = row[:n]
        if k_y > 1 and tx <= shallow:
            # A title of depth 1 (share * W <= its heaviest token) may pair with this one on
            # a single token: index it by single tokens for them too.
            _, n1 = _depth(row, wx, tx, index_share, 1)
            for token in row[:n1]:
                entry = index[1].get(token)
                if entry is None:
                    index[1][token] = [x]
                else:
                    entry.append(x)
        if k_y == 1:
            keys = prefix
        else:
            keys = [a * width + b for a, b in combinations(prefix, 2)]
        for key in keys:
            entry = postings.get(key)
            if entry is None:
                postings[key] = [x]
            else:
                entry.append(x)
    edges.sort()
    return edges


def groups_of(n: int, edges: Iterable[Edge]) -> list[tuple[list[int], float]]:
    """Connected groups (members ascending, the best score among their edges), by first member."""
    forest = _Forest(n)
    best: dict[int, float] = {}
    linked: list[Edge] = list(edges)
    for i, j, _ in linked:
        forest.union(i, j)
    members: dict[int, list[int]] = {}
    for i, j, score in linked:
        root = forest.find(i)
        best[root] = max(best.get(root, 0.0), score)
        for k in (i, j):
            members.setdefault(root, []).append(k)
    out = [(sorted(set(found)), best[root]) for root, found in members.items()]
    out.sort()
    return out


PARALLEL_MIN = 20_000  # titles from which a join is spread over processes, where it can be
PARALLEL_CORES = 4  # ... on machines with at least this many cores (measured: see below)


def parallel_join(
    prep: Prepared, threshold: float, *, groups: bool = False, parts: int = 0
) -> list[Edge] | None:
    """``join`` spread over forked processes (each indexes every title and probes with its
    share of them), or None where that cannot pay or is not safe: fewer than PARALLEL_MIN
    titles, fewer than PARALLEL_CORES cores, no ``fork`` (Windows, macOS default), or other
    threads running (a fork copies only the calling thread). The union of the parts is the
    same answer.

    Every part builds the whole index (about a third of a join), so m parts take about
    1/3 + 2/(3m) of the time at best: measured on this project's 2-core machine with other
    work running, two parts were slower at 40,000 English and clustered titles (4.7 -> 6.5 s,
    11.7 -> 21.8 s) and faster only for Chinese (16.4 -> 13.2 s), so two cores are not used.
    """
    import multiprocessing
    import os
    import threading

    cores = os.cpu_count() or 1
    parts = parts or (min(cores, 8) if cores >= PARALLEL_CORES else 0)
    if parts < 2 or len(prep.ids) < PARALLEL_MIN:
        return None
    if threading.active_count() > 1 or "fork" not in multiprocessing.get_all_start_methods():
        return None
    global _shared
    _shared = (prep, threshold, groups, parts)
    try:
        context = multiprocessing.get_context("fork")
        with context.Pool(parts) as pool:
            found = pool.map(_join_part, range(parts))
    except (OSError, multiprocessing.ProcessError):
        return None
    finally:
        _shared = None
    return sorted({edge for edges in found for edge in edges})


_shared: tuple[Prepared, float, bool, int] | None = None  # what a forked part reads


def _join_part(k: int) -> list[Edge]:
    assert _shared is not None
    prep, threshold, groups, parts = _shared
    return join(prep, threshold, groups=groups, part=(k, parts))
