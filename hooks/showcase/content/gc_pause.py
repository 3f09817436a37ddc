"""Python's cyclic garbage collector, paused for the core's bulk work."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while the block runs; what it would collect waits until the end.

    Reading thousands of data files and rendering a thousand pages allocate millions of small
    objects that form almost no cycles, and the collector scans the whole heap again and again
    (measured at 1,000 brands: a third of the reading time and a quarter of the rendering time).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
