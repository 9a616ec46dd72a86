"""Rebuilding the read models from the start of their streams, then swapping them in.

1. The shadow schema ``reporting_rebuild`` is dropped and migrated afresh; its secondary
   indexes are built, and its per-organisation totals computed from the facts, in one pass
   each once the bulk of the replay is done (see :mod:`shadow_schema`, :mod:`totals_refresh`).
2. Each projected stream (``PROJECTED_STREAMS``) is replayed into it up to its last sequence
   at that moment, while the live consumers keep running.
3. The live consumers are paused by locking the live ``inbox`` against writes: every batch
   claims its inbox rows first, so the batch in flight finishes and the next one waits.
   Readers are not blocked. The shadow catches up to each live consumer's last sequence, so
   both schemas hold the same events, and the figures of both are compared.
4. When they agree, the schemas are renamed in the same transaction (live → retired,
   shadow → live) and the retired one dropped; the paused batch then runs against the new
   tables, whose inbox and stream position are the live consumer's own. When they differ,
   nothing is swapped and the shadow schema stays for inspection.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import date
from time import monotonic

import asyncpg
from nats.js.client import JetStreamContext
from shared.db import connect, create_pool

from reporting.adapters.projections.projected_streams import PROJECTED_STREAMS, ProjectedStream
from reporting.adapters.rebuild.figure_checks import (
    differences,
    figure_checks,
    organisations,
    read_figures,
)
from reporting.adapters.rebuild.rebuild_load import (
    RebuildProgress,
    RebuildRefused,
    RebuildReport,
    bulk_load,
    count_into,
)
from reporting.adapters.rebuild.replay import StreamReplay
from reporting.adapters.rebuild.shadow_schema import fresh_shadow
from reporting.config import SCHEMA
from reporting.domain.periods import Period

__all__ = ["RebuildProgress", "RebuildRefused", "RebuildReport", "rebuild"]

SHADOW_SCHEMA = "reporting_rebuild"
RETIRED_SCHEMA = "reporting_retired"
REPLAY_BATCH_SIZE = 4_000
_REBUILD_LOCK = "reporting:rebuild"


async def rebuild(
    dsn: str,
    js: JetStreamContext,
    periods: list[Period],
    *,
    today: date,
    batch_size: int = REPLAY_BATCH_SIZE,
    swap: bool = True,
    wait_seconds: float = 30.0,
    progress: RebuildProgress | None = None,
    streams: Sequence[ProjectedStream] = PROJECTED_STREAMS,
) -> RebuildReport:
    """Replay the streams into a fresh shadow schema, compare its figures, and swap it in.

    Args:
        dsn: the reporting database.
        js: JetStream context.
        periods: the periods every organisation's figures are compared over.
        today: stocks of a period still running are read on this day.
        batch_size: messages applied per transaction.
        swap: False only compares, leaving the shadow schema in place.
        wait_seconds: how long to wait for the live consumers to reach the replayed sequences.
        progress: told of the replay's progress after every batch.
        streams: the streams replayed, each with its live consumer and handlers.

    Raises:
        RebuildRefused: another rebuild runs, early messages are gone from a stream, or a
            live consumer stays behind the replay.
    """
    live = await connect(dsn, SCHEMA)
    try:
        if not await live.fetchval("SELECT pg_try_advisory_lock(hashtext($1))", _REBUILD_LOCK):
            raise RebuildRefused("另一个重建正在进行")
        deferred = await fresh_shadow(live, dsn, SHADOW_SCHEMA)
        lanes = max(stream.lanes for stream in streams)
        shadow = await create_pool(dsn, SHADOW_SCHEMA, min_size=1, max_size=lanes)
        replays = [StreamReplay(shadow, js, stream, batch_size) for stream in streams]
        try:
            report = await bulk_load(js, shadow, replays, SHADOW_SCHEMA, deferred, progress)
            await _compare_and_swap(live, shadow, replays, report, periods, today, swap,
                                    wait_seconds)  # fmt: skip
            return report
        finally:
            for replay in replays:
                await replay.close()
            await shadow.close()
    finally:
        await live.close()  # also releases the advisory lock


async def _compare_and_swap(
    live: asyncpg.Connection[asyncpg.Record],
    shadow: asyncpg.Pool[asyncpg.Record],
    replays: list[StreamReplay],
    report: RebuildReport,
    periods: list[Period],
    today: date,
    swap: bool,
    wait_seconds: float,
) -> None:
    deadline = monotonic() + wait_seconds
    while True:
        async with live.transaction():
            live_seqs = await _pause_live_consumers(live, replays)
            behind = [
                (replay, seq) for replay, seq in zip(replays, live_seqs, strict=True)
                if seq < replay.counts.position
            ]  # fmt: skip
            if not behind:
                for replay, live_seq in zip(replays, live_seqs, strict=True):
                    await replay.replay_until(live_seq)
                count_into(report, replays)
                await _compare(live, shadow, report, periods, today)
                if swap and not report.differences:
                    await _swap(live)
                    report.swapped = True
                return
        if monotonic() > deadline:
            replay, live_seq = behind[0]
            raise RebuildRefused(
                f"实时消费者 {replay.consumer} 停在序号 {live_seq}，"
                f"落后于重建的 {replay.counts.position}"
            )
        await asyncio.sleep(0.2)


async def _pause_live_consumers(
    live: asyncpg.Connection[asyncpg.Record], replays: list[StreamReplay]
) -> list[int]:
    """Lock the live inbox against writes until the transaction ends; each live position."""
    await live.execute("LOCK TABLE inbox IN EXCLUSIVE MODE")
    rows = await live.fetch("SELECT consumer, last_seq FROM consumer_tracking")
    positions = {row["consumer"]: int(row["last_seq"]) for row in rows}
    return [positions.get(replay.consumer, 0) for replay in replays]


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
    await _carry_history(live)
    await live.execute(f'ALTER SCHEMA "{SCHEMA}" RENAME TO "{RETIRED_SCHEMA}"')
    await live.execute(f'ALTER SCHEMA "{SHADOW_SCHEMA}" RENAME TO "{SCHEMA}"')
    await live.execute(f'DROP SCHEMA "{RETIRED_SCHEMA}" CASCADE')


async def _carry_history(live: asyncpg.Connection[asyncpg.Record]) -> None:
    """The log of hardship reads is history, not a read model: no stream can replay it, so it
    moves into the rebuilt schema (locked, so no read is logged between the copy and the swap)."""
    old, new = f'"{SCHEMA}".hardship_reads', f'"{SHADOW_SCHEMA}".hardship_reads'
    await live.execute(f"LOCK TABLE {old} IN EXCLUSIVE MODE")
    await live.execute(f"INSERT INTO {new} SELECT * FROM {old}")
    await live.execute(
        f"SELECT setval(pg_get_serial_sequence('{new}', 'id'), coalesce(max(id), 0) + 1, false)"
        f" FROM {new}"
    )
