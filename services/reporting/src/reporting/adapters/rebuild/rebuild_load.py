"""The rebuild's first phase: every stream replayed into the shadow schema, as a bulk load.

The membership periods and the totals are left alone while the streams are replayed and
derived from the facts in one pass afterwards (see :mod:`deferral`), and the secondary indexes
built in one pass too (see :mod:`shadow_schema`): both give what keeping them event by event
gives, for a fraction of the work.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from time import monotonic

import asyncpg
from nats.js.client import JetStreamContext
from nats.js.errors import NotFoundError
from shared.collector import bulk_allocation

from reporting.adapters.projections import member_facts
from reporting.adapters.projections.household_orgs import place_all_household_facts
from reporting.adapters.rebuild import deferral
from reporting.adapters.rebuild.figure_checks import Difference
from reporting.adapters.rebuild.replay import ReplayCounts, StreamReplay
from reporting.adapters.rebuild.shadow_schema import DeferredIndex, analyze, build_indexes
from reporting.adapters.rebuild.totals_refresh import refresh_totals

RebuildProgress = Callable[[int, int], None]
"""Called with the messages replayed so far and those to reach, over all the streams."""


class RebuildRefused(RuntimeError):
    """The rebuild cannot start or cannot finish; the live schema is untouched."""


@dataclass
class RebuildReport:
    """What a rebuild replayed, how fast, and how the figures compared."""

    counts: ReplayCounts  # all streams together
    replay_seconds: float  # with the deferred indexes built
    by_stream: dict[str, ReplayCounts] = field(default_factory=dict)
    checks: int = 0
    differences: list[Difference] = field(default_factory=list)
    swapped: bool = False

    @property
    def events_per_second(self) -> float:
        """Messages replayed per second, from the first message to the stream's end."""
        return self.counts.messages / self.replay_seconds if self.replay_seconds else 0.0


async def bulk_load(
    js: JetStreamContext,
    shadow: asyncpg.Pool[asyncpg.Record],
    replays: list[StreamReplay],
    schema: str,
    deferred_indexes: list[DeferredIndex],
    progress: RebuildProgress | None,
) -> RebuildReport:
    """Replay every stream to its end, then compute the totals and build the indexes.

    Raises:
        RebuildRefused: early messages are gone from a stream.
    """
    started = monotonic()
    with deferral.deferred(), bulk_allocation():
        report = await _replay_streams(js, replays, progress)
    # The derived tables are written while the other tables' indexes are built.
    of_facts = [index for index in deferred_indexes if index.table not in deferral.DERIVED_TABLES]
    await asyncio.gather(_derive(shadow), build_indexes(shadow, of_facts))
    await build_indexes(shadow, [index for index in deferred_indexes if index not in of_facts])
    await analyze(shadow, schema)
    report.replay_seconds = monotonic() - started
    return report


async def _derive(shadow: asyncpg.Pool[asyncpg.Record]) -> None:
    async with shadow.acquire() as conn, conn.transaction():
        await member_facts.derive_all_periods(conn)
        await refresh_totals(conn)
        await place_all_household_facts(conn)


async def _replay_streams(
    js: JetStreamContext, replays: list[StreamReplay], progress: RebuildProgress | None
) -> RebuildReport:
    targets = [await _stream_end(js, replay.stream) for replay in replays]
    done_before = 0

    def advance(position: int) -> None:
        if progress is not None:
            progress(done_before + position, sum(targets))

    advance(0)
    for replay, target in zip(replays, targets, strict=True):
        await replay.replay_until(target, advance)
        done_before += target
    report = RebuildReport(ReplayCounts(), replay_seconds=0.0)
    count_into(report, replays)
    return report


def count_into(report: RebuildReport, replays: list[StreamReplay]) -> None:
    """Sum what every stream's replay did so far into ``report``."""
    report.counts = ReplayCounts()
    for replay in replays:
        report.by_stream[replay.stream] = replay.counts
        report.counts.add(replay.counts)


async def _stream_end(js: JetStreamContext, stream: str) -> int:
    try:
        state = (await js.stream_info(stream)).state
    except NotFoundError:
        raise RebuildRefused(f"流 {stream} 不存在：请先运行 reporting provision") from None
    if state.first_seq > 1:
        raise RebuildRefused(f"流 {stream} 从序号 {state.first_seq} 开始，更早的事件已不在流中")
    return int(state.last_seq)
