"""Rebuilding the read models from the start of the MEMBERSHIP stream, then swapping them in.

1. The shadow schema ``reporting_rebuild`` is dropped and migrated afresh.
2. The stream is replayed into it up to its last sequence at that moment, while the live
   consumer keeps running.
3. The live consumer is paused by locking the live ``inbox`` against writes: every batch
   claims its inbox rows first, so the batch in flight finishes and the next one waits.
   Readers are not blocked. The shadow catches up to the live consumer's last sequence, so
   both schemas hold the same events, and the figures of both are compared.
4. When they agree, the schemas are renamed in the same transaction (live → retired,
   shadow → live) and the retired one dropped; the paused batch then runs against the new
   tables, whose inbox and stream position are the live consumer's own. When they differ,
   nothing is swapped and the shadow schema stays for inspection.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from time import monotonic

import asyncpg
from nats.js.client import JetStreamContext
from shared.db import connect, create_pool
from shared.migrations import migrate

from reporting.adapters.figure_checks import (
    Difference,
    differences,
    figure_checks,
    organisations,
    read_figures,
)
from reporting.adapters.replay import ReplayCounts, StreamReplay
from reporting.config import MEMBERSHIP_CONSUMER, MIGRATIONS_DIR, SCHEMA
from reporting.domain.periods import Period

SHADOW_SCHEMA = "reporting_rebuild"
RETIRED_SCHEMA = "reporting_retired"
_REBUILD_LOCK = "reporting:rebuild"

RebuildProgress = Callable[[int, int], None]
"""Called with the stream sequence replayed so far and the sequence to reach."""


class RebuildRefused(RuntimeError):
    """The rebuild cannot start or cannot finish; the live schema is untouched."""


@dataclass
class RebuildReport:
    """What a rebuild replayed, how fast, and how the figures compared."""

    counts: ReplayCounts
    replay_seconds: float
    checks: int = 0
    differences: list[Difference] = field(default_factory=list)
    swapped: bool = False

    @property
    def events_per_second(self) -> float:
        """Messages replayed per second, from the first message to the stream's end."""
        return self.counts.messages / self.replay_seconds if self.replay_seconds else 0.0


async def rebuild(
    dsn: str,
    js: JetStreamContext,
    periods: list[Period],
    *,
    today: date,
    batch_size: int = 256,
    swap: bool = True,
    wait_seconds: float = 30.0,
    progress: RebuildProgress | None = None,
) -> RebuildReport:
    """Replay the stream into a fresh shadow schema, compare its figures, and swap it in.

    Args:
        dsn: the reporting database.
        js: JetStream context.
        periods: the periods every organisation's figures are compared over.
        today: stocks of a period still running are read on this day.
        batch_size: messages applied per transaction.
        swap: False only compares, leaving the shadow schema in place.
        wait_seconds: how long to wait for the live consumer to reach the replayed sequence.
        progress: told of the replay's progress after every batch.

    Raises:
        RebuildRefused: another rebuild runs, early messages are gone from the stream, or
            the live consumer stays behind the replay.
    """
    live = await connect(dsn, SCHEMA)
    try:
        if not await live.fetchval("SELECT pg_try_advisory_lock(hashtext($1))", _REBUILD_LOCK):
            raise RebuildRefused("另一个重建正在进行")
        await _fresh_shadow(live, dsn)
        shadow = await create_pool(dsn, SHADOW_SCHEMA, min_size=1, max_size=2)
        replay = StreamReplay(shadow, js, batch_size)
        try:
            report = await _replay_stream(js, replay, progress)
            await _compare_and_swap(live, shadow, replay, report, periods, today, swap,
                                    wait_seconds)  # fmt: skip
            return report
        finally:
            await replay.close()
            await shadow.close()
    finally:
        await live.close()  # also releases the advisory lock


async def _fresh_shadow(live: asyncpg.Connection[asyncpg.Record], dsn: str) -> None:
    await live.execute(f'DROP SCHEMA IF EXISTS "{SHADOW_SCHEMA}" CASCADE')
    await migrate(dsn, SHADOW_SCHEMA, MIGRATIONS_DIR)


async def _replay_stream(
    js: JetStreamContext, replay: StreamReplay, progress: RebuildProgress | None
) -> RebuildReport:
    target = await _stream_end(js)

    def advance(position: int) -> None:
        if progress is not None:
            progress(position, target)

    advance(0)
    started = monotonic()
    await replay.replay_until(target, advance)
    return RebuildReport(replay.counts, monotonic() - started)


async def _stream_end(js: JetStreamContext) -> int:
    state = (await js.stream_info(MEMBERSHIP_CONSUMER.stream)).state
    if state.first_seq > 1:
        raise RebuildRefused(
            f"流 {MEMBERSHIP_CONSUMER.stream} 从序号 {state.first_seq} 开始，更早的事件已不在流中"
        )
    return int(state.last_seq)


async def _compare_and_swap(
    live: asyncpg.Connection[asyncpg.Record],
    shadow: asyncpg.Pool[asyncpg.Record],
    replay: StreamReplay,
    report: RebuildReport,
    periods: list[Period],
    today: date,
    swap: bool,
    wait_seconds: float,
) -> None:
    deadline = monotonic() + wait_seconds
    while True:
        async with live.transaction():
            live_seq = await _pause_live_consumer(live)
            if live_seq >= replay.counts.position:
                await replay.replay_until(live_seq)
                await _compare(live, shadow, report, periods, today)
                if swap and not report.differences:
                    await _swap(live)
                    report.swapped = True
                return
        if monotonic() > deadline:
            raise RebuildRefused(
                f"实时消费者停在序号 {live_seq}，落后于重建的 {replay.counts.position}"
            )
        await asyncio.sleep(0.2)


async def _pause_live_consumer(live: asyncpg.Connection[asyncpg.Record]) -> int:
    """Lock the live inbox against writes until the transaction ends; the live position."""
    await live.execute("LOCK TABLE inbox IN EXCLUSIVE MODE")
    last_seq = await live.fetchval(
        "SELECT last_seq FROM consumer_tracking WHERE consumer = $1", MEMBERSHIP_CONSUMER.durable
    )
    return int(last_seq or 0)


async def _compare(
    live: asyncpg.Connection[asyncpg.Record],
    shadow: asyncpg.Pool[asyncpg.Record],
    report: RebuildReport,
    periods: list[Period],
    today: date,
) -> None:
    async with shadow.acquire() as rebuilt:
        orgs = await organisations(live) | await organisations(rebuilt)
        checks = figure_checks(orgs, periods, today)
        live_figures = await read_figures(live, checks)
        report.checks = len(checks)
        report.differences = differences(checks, live_figures, await read_figures(rebuilt, checks))


async def _swap(live: asyncpg.Connection[asyncpg.Record]) -> None:
    await live.execute(f'ALTER SCHEMA "{SCHEMA}" RENAME TO "{RETIRED_SCHEMA}"')
    await live.execute(f'ALTER SCHEMA "{SHADOW_SCHEMA}" RENAME TO "{SCHEMA}"')
    await live.execute(f'DROP SCHEMA "{RETIRED_SCHEMA}" CASCADE')
