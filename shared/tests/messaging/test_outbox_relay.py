"""The outbox and its relay against real PostgreSQL and NATS JetStream."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import timedelta
from typing import Any

import asyncpg
import pytest
from nats.js.client import JetStreamContext
from prometheus_client import REGISTRY
from shared.contracts.envelope import CloudEvent
from shared.outbox import OutboxPublishError, OutboxRelay, append_to_outbox, outbox_insert_cte
from shared.outbox.maintenance import outbox_backlog, purge_published, republish
from shared.outbox.writer import Connection

N = 40


async def outbox_counts(pool: asyncpg.Pool[asyncpg.Record]) -> tuple[int, int]:
    row = await pool.fetchrow(
        "SELECT count(*) AS total, count(published_at) AS published FROM outbox"
    )
    assert row is not None
    return row["total"], row["published"]


async def test_rolled_back_append_leaves_nothing_and_committed_events_are_published_once(
    pool: asyncpg.Pool[asyncpg.Record], js: JetStreamContext, helpers: Any
) -> None:
    events = [helpers.pending(n) for n in range(N)]

    async def append_then_fail() -> None:
        async with pool.acquire() as conn, conn.transaction():
            await append_to_outbox(conn, "kittest", events)
            raise RuntimeError("the business write failed")

    with pytest.raises(RuntimeError):
        await append_then_fail()
    assert await outbox_counts(pool) == (0, 0)

    async with pool.acquire() as conn, conn.transaction():
        written = await append_to_outbox(conn, "kittest", events)
    assert await outbox_counts(pool) == (N, 0)

    counted = {"service": "kittest", "event_type": "kittest.thing.counted"}
    before = REGISTRY.get_sample_value("unionhub_business_events_total", counted) or 0.0
    assert await OutboxRelay(pool, helpers.SCHEMA, js).publish_pending() == N
    assert await outbox_counts(pool) == (N, N)
    assert REGISTRY.get_sample_value("unionhub_business_events_total", counted) == before + N
    info = await js.stream_info(helpers.TEST_STREAM.name)
    assert info.state.messages == N
    for seq, sent in enumerate(written, start=1):
        message = await js.get_msg(helpers.TEST_STREAM.name, seq)
        envelope = CloudEvent.model_validate_json(message.data or b"")
        headers = message.headers or {}
        assert message.subject == helpers.SUBJECT
        assert headers["Nats-Msg-Id"] == envelope.id == sent.id
        assert headers["traceparent"].startswith("00-")
        assert envelope.data == {"number": seq - 1, "poison": False}
        assert (envelope.type, envelope.dataversion) == ("kittest.thing.counted", 1)
        assert (envelope.subject, envelope.aggregateversion) == (sent.subject, 1)


class RelayKilledBeforeMarking(OutboxRelay):
    """Publishes and gets every ack, then dies before its UPDATE commits."""

    async def _mark_published(self, conn: Connection, positions: Sequence[int]) -> None:
        raise ConnectionResetError("relay killed between publish and mark")


async def test_relay_killed_between_publish_and_mark_publishes_each_event_once(
    pool: asyncpg.Pool[asyncpg.Record], js: JetStreamContext, helpers: Any, append: Any
) -> None:
    written = await append(N)

    with pytest.raises(ConnectionResetError):
        await RelayKilledBeforeMarking(pool, helpers.SCHEMA, js).publish_pending()
    assert await outbox_counts(pool) == (N, 0)
    attempts = await pool.fetchval("SELECT min(attempts) FROM outbox")
    assert attempts == 1

    assert await OutboxRelay(pool, helpers.SCHEMA, js).publish_pending() == N
    assert await outbox_counts(pool) == (N, N)
    ids = await helpers.stream_event_ids(js, helpers.TEST_STREAM.name)
    assert ids == [event.id for event in written]


async def test_republish_inside_the_duplicate_window_adds_no_duplicates(
    pool: asyncpg.Pool[asyncpg.Record], js: JetStreamContext, helpers: Any, append: Any
) -> None:
    written = await append(N)
    relay = OutboxRelay(pool, helpers.SCHEMA, js)
    assert await relay.publish_pending() == N

    async with pool.acquire() as conn:
        first = await conn.fetchval("SELECT min(position) FROM outbox")
        assert await republish(conn, since_position=first + 10) == N - 10
        assert await republish(conn, event_ids=[written[0].id]) == 1
        assert await outbox_backlog(conn) == N - 9
    assert await relay.publish_pending() == N - 9

    assert await outbox_counts(pool) == (N, N)
    ids = await helpers.stream_event_ids(js, helpers.TEST_STREAM.name)
    assert ids == [event.id for event in written]


async def test_republish_needs_a_selection(pool: asyncpg.Pool[asyncpg.Record]) -> None:
    async with pool.acquire() as conn:
        with pytest.raises(ValueError, match="since_position or event_ids"):
            await republish(conn)


async def test_relay_without_a_stream_marks_nothing_and_records_the_error(
    pool: asyncpg.Pool[asyncpg.Record], nc: Any, helpers: Any, append: Any
) -> None:
    await append(3)
    relay = OutboxRelay(pool, helpers.SCHEMA, nc.jetstream, ack_timeout=1.0)

    with pytest.raises(OutboxPublishError):
        await relay.publish_pending()

    assert await outbox_counts(pool) == (3, 0)
    errors = await pool.fetch("SELECT attempts, last_error FROM outbox")
    assert all(row["attempts"] == 1 and row["last_error"] for row in errors)


async def test_purge_keeps_unpublished_and_recent_rows(
    pool: asyncpg.Pool[asyncpg.Record], js: JetStreamContext, helpers: Any, append: Any
) -> None:
    await append(5)
    assert await OutboxRelay(pool, helpers.SCHEMA, js).publish_pending() == 5
    await pool.execute(
        "UPDATE outbox SET published_at = now() - interval '40 days'"
        " WHERE position IN (SELECT position FROM outbox ORDER BY position LIMIT 2)"
    )
    await append(1)

    async with pool.acquire() as conn:
        assert await purge_published(conn, timedelta(days=30)) == 2
        assert await outbox_backlog(conn) == 1
    assert await outbox_counts(pool) == (4, 3)


async def test_one_statement_writes_the_business_row_and_the_outbox_row(
    pool: asyncpg.Pool[asyncpg.Record], js: JetStreamContext, helpers: Any
) -> None:
    await pool.execute("CREATE TABLE things (id uuid PRIMARY KEY, label text NOT NULL)")
    event = helpers.pending(7)
    outbox = outbox_insert_cte("kittest", [event], first_param=3)

    async with pool.acquire() as conn, conn.transaction():
        await conn.execute(
            f"WITH {outbox.cte} INSERT INTO things (id, label) VALUES ($1, $2)",
            event.aggregate_id,
            "seven",
            *outbox.args,
        )

    assert await pool.fetchval("SELECT label FROM things") == "seven"
    row = await pool.fetchrow("SELECT event_id::text AS id, aggregate_id FROM outbox")
    assert row is not None
    assert (row["id"], row["aggregate_id"]) == (outbox.events[0].id, event.aggregate_id)
    assert await OutboxRelay(pool, helpers.SCHEMA, js).publish_pending() == 1


async def test_the_relay_loop_wakes_on_commit_not_on_its_timer(
    pool: asyncpg.Pool[asyncpg.Record], js: JetStreamContext, helpers: Any, append: Any
) -> None:
    relay = OutboxRelay(pool, helpers.SCHEMA, js, poll_interval=3600)
    stop = asyncio.Event()
    task = asyncio.create_task(relay.run(stop))
    try:
        await asyncio.sleep(0.3)  # the first pass finds nothing; the loop now waits an hour
        await append(5)

        async def published() -> bool:
            return await outbox_counts(pool) == (5, 5)

        await helpers.eventually(published)
    finally:
        stop.set()
        await asyncio.wait_for(task, 10)


async def test_the_backlog_gauge_falls_to_zero_once_the_relay_caught_up(
    pool: asyncpg.Pool[asyncpg.Record], js: JetStreamContext, helpers: Any, append: Any
) -> None:
    from prometheus_client import REGISTRY
    from shared.outbox.maintenance import outbox_backlog

    def gauge() -> float | None:
        return REGISTRY.get_sample_value("unionhub_outbox_backlog", {"schema": helpers.SCHEMA})

    def age() -> float | None:
        labels = {"schema": helpers.SCHEMA}
        return REGISTRY.get_sample_value("unionhub_outbox_oldest_age_seconds", labels)

    await append(4)
    await asyncio.sleep(0.05)
    async with pool.acquire() as conn:
        assert await outbox_backlog(conn) == 4
    assert gauge() == 4
    waited = age()
    assert waited is not None
    assert waited >= 0.05
    stop = asyncio.Event()
    task = asyncio.create_task(OutboxRelay(pool, helpers.SCHEMA, js, poll_interval=0.1).run(stop))
    try:

        async def caught_up() -> bool:
            return gauge() == 0

        await helpers.eventually(caught_up)
    finally:
        stop.set()
        await asyncio.wait_for(task, 10)
    assert await outbox_counts(pool) == (4, 4)
    assert age() == 0
