"""Checking several charts on several processes, results in the order given.

``rolemap check DIR`` and ``rolemap check A.yaml B.yaml ...`` hand each chart to a worker
process (one per core) when there is enough chart text to pay for starting them; each worker
loads and analyses its charts and sends the checked chart back, so the report is the same,
byte for byte, as on one process.
"""

from __future__ import annotations

import gc
import os
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

from rolemap.core.checking import ChartCheck, check_data, check_file

# Below this much chart text the charts are checked in this process: starting workers and
# sending results back would cost more than a second core saves.
PARALLEL_MIN_BYTES = 256 * 1024

T = TypeVar("T")


def available_cores() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def worker_count(charts: int, total_bytes: int, jobs: int | None) -> int:
    """``jobs`` if given, else one per core when the charts are big enough (at most one each)."""
    if jobs is not None:
        return max(1, min(jobs, charts))
    if total_bytes < PARALLEL_MIN_BYTES:
        return 1
    return max(1, min(available_cores(), charts))


def map_in_order(
    fn: Callable[[T], ChartCheck], items: Sequence[T], workers: int
) -> Iterator[ChartCheck]:
    """``fn`` on each item, in order; by ``workers`` processes when more than one.

    Before the workers start, this process's objects are frozen out of the collector
    (``gc.freeze``); the caller unfreezes them when it is done with the results.
    """
    if workers <= 1:
        yield from map(fn, items)
        return
    import multiprocessing

    # fork starts a worker at once, but is unsafe in a process with threads (the app, tests).
    single = sys.platform == "linux" and threading.active_count() == 1
    context = multiprocessing.get_context("fork" if single else "spawn")
    # What this process already holds stays out of the workers' collections: scanning it
    # there would copy every page of it (copy-on-write after fork) for nothing.
    gc.freeze()
    chunk = max(1, len(items) // (workers * 8))
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        yield from pool.map(fn, items, chunksize=chunk)


def _check_bytes(item: tuple[bytes, str]) -> ChartCheck:
    return check_data(*item)


def check_datas(
    charts: Sequence[tuple[str, bytes]], jobs: int | None = None
) -> Iterator[ChartCheck]:
    """Each (path, bytes) checked, in order."""
    workers = worker_count(len(charts), sum(len(data) for _, data in charts), jobs)
    return map_in_order(_check_bytes, [(data, path) for path, data in charts], workers)


def _size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


def check_files(paths: Sequence[str], jobs: int | None = None) -> list[ChartCheck]:
    """``check_file`` on each path, in order."""
    workers = worker_count(len(paths), sum(_size(p) for p in paths), jobs)
    try:
        return list(map_in_order(check_file, list(paths), workers))
    finally:
        if workers > 1:
            gc.unfreeze()
