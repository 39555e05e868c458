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
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from rolemap.core.analysis.join import Edge, Prepared, _Forest, overlap_of, score_of

VERSION = 2  # RM_VERSION in _cjoin.c: a library built from other source is not used


def library_path() -> Path:
    name = "_cjoin.dll" if sys.platform == "win32" else "_cjoin.so"
    return Path(__file__).with_name(name)


class _CEdge(ctypes.Structure):
    _fields_ = (("i", ctypes.c_int32), ("j", ctypes.c_int32), ("score", ctypes.c_double))


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
    """A ``Prepared`` as the C join reads it: flat arrays, kept alive during the call."""

    def __init__(self, prep: Prepared) -> None:
        ids, weights = prep.ids, prep.weights
        start = array("q", [0])
        tok = array("i")
        wt = array("d")
        offset = 0
        for row, w in zip(ids, weights, strict=True):
            tok.extend(row)
            wt.extend(map(w.__getitem__, row))
            offset += len(row)
            start.append(offset)
        self.start, self.tok, self.wt = start, tok, wt
        self.total = array("d", prep.totals)
        self.ntokens = len(prep.rank)


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
    lib = _library()
    if lib is None:
        return None
    if not 0.0 < threshold <= 1.0:
        raise ValueError("threshold must be in (0, 1]")
    ids, totals = prep.ids, prep.totals
    n = len(ids)
    chosen = range(n) if members is None else members
    order = array("i", sorted((i for i in chosen if ids[i]), key=lambda i: (-totals[i], i)))
    flat = _Flat(prep)
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
        failed: list[bool] = []

        def run(k: int) -> None:
            out = ctypes.POINTER(_CEdge)()
            parent = forests[k]
            count = lib.rm_probe(
                handle, k, parts, _address(parent) if parent is not None else None, out
            )
            if count < 0:
                failed.append(True)
                return
            try:
                found[k] = [(e.i, e.j) for e in out[:count]]
            finally:
                lib.rm_free_edges(out)

        if parts == 1:
            run(0)
        else:
            threads = [threading.Thread(target=run, args=(k,)) for k in range(1, parts)]
            for t in threads:
                t.start()
            run(0)
            for t in threads:
                t.join()
        if failed:
            raise MemoryError("the near-duplicate join")
    finally:
        lib.rm_free(handle)
    if forest is not None and parts == 1:
        parent = forests[0]
        assert parent is not None
        forest.parent[:] = parent.tolist()
    weights = prep.weights
    pairs = {pair for part in found for pair in part} if parts > 1 else found[0]
    edges = [
        (i, j, score_of(overlap_of(weights[i], weights[j]), totals[i], totals[j])) for i, j in pairs
    ]
    edges.sort()
    return edges


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


def full_join(prep: Prepared, threshold: float, *, groups: bool) -> list[Edge]:
    """The join of every title: compiled where built, else spread over processes where that
    pays, else the Python join. The same answer each way (a group's edges may differ when
    the join is spread; its members do not)."""
    from rolemap.core.analysis import join as python

    edges = join(prep, threshold, groups=groups, parts=parts_for(len(prep.ids)))
    if edges is None:
        edges = python.parallel_join(prep, threshold, groups=groups)
    if edges is None:
        edges = python.join(prep, threshold, groups=groups)
    return edges
