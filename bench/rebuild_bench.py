"""Rebuild throughput: reporting's own rebuild over the whole MEMBERSHIP stream, swap included.

The live consumer keeps running, as it would in production; the rebuild replays every message
the earlier steps produced into the shadow schema, compares the figures and swaps it in.
"""

from __future__ import annotations

from dataclasses import dataclass

import nats
from reporting.adapters.rebuild.rebuild import rebuild
from reporting.domain.periods import parse_period
from shared.identifiers import today_in_china

REBUILD_PERIOD = "2024H1"


@dataclass(frozen=True)
class RebuildResult:
    messages: int
    replay_seconds: float
    events_per_second: float
    checks: int
    differences: int
    swapped: bool


async def measure_rebuild(dsn: str, nats_url: str) -> RebuildResult:
    """Run :func:`reporting.adapters.rebuild.rebuild.rebuild` and report what it measured itself."""
    nc = await nats.connect(nats_url, name="bench-rebuild")
    try:
        report = await rebuild(
            dsn, nc.jetstream(), [parse_period(REBUILD_PERIOD)], today=today_in_china(), swap=True
        )
    finally:
        await nc.close()
    return RebuildResult(
        messages=report.counts.messages,
        replay_seconds=report.replay_seconds,
        events_per_second=report.events_per_second,
        checks=report.checks,
        differences=len(report.differences),
        swapped=report.swapped,
    )
