"""The compiled near-duplicate join (``_cjoin.c``), called through ctypes.

The same method, filters and order as ``join.join``, so the same edges (the tests compare the
two on random and real charts); the scores reported are recomputed here by ``join.score_of``,
so they are the very numbers the Python join gives. The library is built when rolemap is
installed (``hatch_build.py``, any C compiler); where it is missing (no compiler, another
platform) or ``ROLEMAP_PURE_JOIN=1`` is set, ``join`` answers None and the Python join runs.

ctypes lets go of the GIL during the call: the app's worker thread and a second part of a
join run alongside (``parts``).
"""

from __future__ import annotations

import ctypes
import os
import sys
import threading
from array import array
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from rolemap.core.analysis.join import Edge, Prepared, _Forest, overlap_of, score_of, token_ranks

VERSION = 7  # RM_VERSION in _cjoin.c: a library built from other source is not used


def library_path() -> Path:
    name = "_cjoin.dll" if sys.platform == "win32" else "_cjoin.so"
    return Path(__file__).with_name(name)


class _CEdge(ctypes.Structure):
    _fields_ = (("i", ctypes.c_int32), ("j", ctypes.c_int32))


@lru_cache(maxsize=1)
def _library() -> ctypes.CDLL | None:
    if os.environ.get("ROLEMAP_PURE_JOIN", "") not in ("", "0"):
        return None
    path = library_path()
    if not path.is_file():
        return None
    try:
        lib = ctypes.CDLL(str(path))
        lib.rm_version.restype = ctypes.c_int
        if lib.rm_version() != VERSION:
            return None
        p = ctypes.c_void_p
        lib.rm_index_new.restype = p
        lib.rm_index_new.argtypes = (
            ctypes.c_int32,  # n
            p,  # start (int64)
            p,  # tok (int32)
            p,  # wt (double)
            p,  # total (double)
            ctypes.c_int32,  # ntokens
            p,  # order (int32)
            ctypes.c_int32,  # m
            ctypes.c_double,  # threshold
        )
        lib.rm_free.argtypes = (p,)
        lib.rm_free.restype = None
        lib.rm_probe.restype = ctypes.c_int64
        lib.rm_probe.argtypes = (
            p,
            ctypes.c_int32,
            ctypes.c_int32,
            p,
            ctypes.POINTER(ctypes.POINTER(_CEdge)),
        )
        lib.rm_free_edges.argtypes = (p,)
        lib.rm_free_edges.restype = None
    except (OSError, AttributeError):
        return None
    return lib


def available() -> bool:
    """Whether the compiled join is built, loads and is of this version."""
    return _library() is not None


def _address(buffer: array[Any]) -> int:
    return buffer.buffer_info()[0] if len(buffer) else 0


class _Flat:
    """Titles as the C join reads them: flat arrays, kept alive during the call. Each title's
    token ids come in any order (the C sorts each row); ``weights`` and ``totals`` are what
    the reported scores are recomputed from."""

    def __init__(
        self,
        start: array[int],
        tok: array[int],
        wt: array[float],
        ntokens: int,
        weights: Sequence[Mapping[Any, float]],
        totals: list[float],
    ) -> None:
        self.start, self.tok, self.wt, self.ntokens = start, tok, wt, ntokens
        self.weights, self.totals = weights, totals
        self.total = array("d", totals)

    @classmethod
    def of_prepared(cls, prep: Prepared) -> _Flat:
        start, tok, wt = array("q", [0]), array("i"), array("d")
        for row, w in zip(prep.ids, prep.weights, strict=True):
            tok.extend(row)
            wt.extend(map(w.__getitem__, row))
            start.append(len(tok))
        return cls(start, tok, wt, len(prep.rank), prep.weights, prep.totals)

    @classmethod
    def of_vectors(cls, vectors: Sequence[Mapping[str, float]]) -> _Flat:
        """Straight from the title vectors (no ``Prepared``): token ids rarest first, as
        ``Prepared.of`` numbers them, and each title's totals summed as it sums them."""
        rank = token_ranks(vectors)
        get = rank.__getitem__
        start, tok, wt = array("q", [0]), array("i"), array("d")
        totals: list[float] = []
        for v in vectors:
            tok.extend(map(get, v))
            values = v.values()
            wt.extend(values)
            totals.append(sum(values))
            start.append(len(tok))
        return cls(start, tok, wt, len(rank), vectors, totals)


def join(
    prep: Prepared,
    threshold: float,
    *,
    groups: bool = False,
    members: Iterable[int] | None = None,
    forest: _Forest | None = None,
    parts: int = 1,
) -> list[Edge] | None:
    """``join.join`` compiled (``parts`` > 1: that many threads probe, each its share), or
    None where the compiled join is not available."""
    if _library() is None:
        return None
    return _join(_Flat.of_prepared(prep), threshold, groups, members, forest, parts)


def join_vectors(
    vectors: Sequence[Mapping[str, float]],
    threshold: float,
    *,
    groups: bool,
    parts: int = 1,
    forest: _Forest | None = None,
) -> tuple[list[Edge], list[float]] | None:
    """The compiled join of title vectors without building a ``Prepared`` (less time and
    memory): the edges and each title's total weight, or None where it is not available.
    ``forest``: groups already known (updated with the groups found)."""
    if _library() is None:
        return None
    flat = _Flat.of_vectors(vectors)
    return _join(flat, threshold, groups, None, forest, parts), flat.totals


def _join(
    flat: _Flat,
    threshold: float,
    groups: bool,
    members: Iterable[int] | None,
    forest: _Forest | None,
    parts: int,
) -> list[Edge]:
    lib = _library()
    assert lib is not None
    if not 0.0 < threshold <= 1.0:
        raise ValueError("threshold must be in (0, 1]")
    totals, start = flat.totals, flat.start
    n = len(totals)
    chosen = range(n) if members is None else list(members)
    if members is not None and any(not 0 <= i < n for i in chosen):
        raise IndexError(f"a member outside the {n} titles")
    if forest is not None and len(forest.parent) != n:
        raise IndexError(f"a forest of {len(forest.parent)} titles for {n} titles")
    order = array(
        "i", sorted((i for i in chosen if start[i + 1] > start[i]), key=lambda i: (-totals[i], i))
    )
    handle = lib.rm_index_new(
        n,
        _address(flat.start),
        _address(flat.tok),
        _address(flat.wt),
        _address(flat.total),
        flat.ntokens,
        _address(order),
        len(order),
        threshold,
    )
    if not handle:
        raise MemoryError("the near-duplicate join's index")
    try:
        parts = max(1, min(parts, len(order) or 1))
        if groups and forest is None:
            forest = _Forest(n)
        forests = [array("i", forest.parent) if forest is not None else None for _ in range(parts)]
        found: list[list[tuple[int, int]]] = [[] for _ in range(parts)]
        failed: list[BaseException] = []

        def run(k: int) -> None:
            out = ctypes.POINTER(_CEdge)()
            parent = forests[k]
            try:
                count = lib.rm_probe(
                    handle, k, parts, _address(parent) if parent is not None else None, out
                )
                if count < 0:
                    raise MemoryError("the near-duplicate join")
                found[k] = [(e.i, e.j) for e in out[:count]]
            except BaseException as exc:  # a part that failed fails the join
                failed.append(exc)
            finally:
                if out:
                    lib.rm_free_edges(out)

        threads = [threading.Thread(target=run, args=(k,)) for k in range(1, parts)]
        try:
            for t in threads:
                t.start()
            run(0)
        finally:
            _wait(threads)  # never free the index under a probe (Ctrl+C in the main thread)
        if failed:
            raise failed[0]
    finally:
        lib.rm_free(handle)
    pairs = {pair for part in found for pair in part} if parts > 1 else found[0]
    if forest is not None:
        if parts == 1:
            parent = forests[0]
            assert parent is not None
            forest.parent[:] = parent.tolist()
        else:
            for i, j in pairs:
                forest.union(i, j)
    weights = flat.weights
    edges = [
        (i, j, score_of(overlap_of(weights[i], weights[j]), totals[i], totals[j])) for i, j in pairs
    ]
    edges.sort()
    return edges


def _wait(threads: list[threading.Thread]) -> None:
    """Join every started thread, even through KeyboardInterrupt (raised again after)."""
    interrupted: BaseException | None = None
    for t in threads:
        while t.is_alive():
            try:
                t.join()
            except BaseException as exc:  # Ctrl+C while waiting: wait on, then raise it
                interrupted = exc
    if interrupted is not None:
        raise interrupted


def parts_for(titles: int) -> int:
    """Threads for a compiled join of ``titles``: one part per core from PARALLEL_MIN titles
    on machines with at least PARALLEL_CORES cores (each thread then probes its share of
    the titles against one shared index), else one."""
    from rolemap.core.analysis.join import PARALLEL_CORES, PARALLEL_MIN

    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return min(cores, 8) if cores >= PARALLEL_CORES and titles >= PARALLEL_MIN else 1
