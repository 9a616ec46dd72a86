"""Garbage-collector settings for long-lived processes and the bulk work inside them.

Replaying a stream allocates a few dozen short-lived objects per event. With the default
thresholds the collector runs a young pass every 700 allocations and, every hundred of those,
a full pass over every object the process holds (modules, pools, caches), which adds up to a
third of a rebuild's time. Objects alive before the bulk work outlive it, so they are frozen
out of the generations, and the young generation is allowed to grow far larger between passes.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


def freeze_start_up() -> None:
    """Move what start-up built out of the collector's generations, once it is built.

    A service process keeps its modules, pools and clients to the end; left in the oldest
    generation they are walked by every full pass, which shows as a stalled request or consumer
    batch now and then (the latency's and the lag's worst percentiles).
    """
    gc.freeze()


BULK_THRESHOLDS = (50_000, 20, 100)
"""Young-generation size and the two ratios of older passes, while bulk work runs."""


@contextlib.contextmanager
def bulk_allocation(thresholds: tuple[int, int, int] = BULK_THRESHOLDS) -> Iterator[None]:
    """Collect less often while the block runs; restore the previous settings afterwards.

    Objects alive on entry are frozen (see :func:`gc.freeze`) and, unless something had frozen
    objects before, unfrozen again on exit so that later garbage among them is still collected.

    Args:
        thresholds: the collector thresholds in force within the block.
    """
    previous = gc.get_threshold()
    already_frozen = gc.get_freeze_count() > 0
    gc.collect()
    gc.freeze()
    gc.set_threshold(*thresholds)
    try:
        yield
    finally:
        gc.set_threshold(*previous)
        if not already_frozen:
            gc.unfreeze()
