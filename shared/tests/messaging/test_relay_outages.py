"""The relay and consumer loops ride out NATS and PostgreSQL restarts on their own."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import asyncpg
import pytest
from nats.js.client import JetStreamContext
from shared.bus import ConsumerRunner, ConsumerSpec, connect_nats, provision
from shared.contracts.envelope import CloudEvent
from shared.devstack import NatsServer, PostgresServer
from shared.outbox import OutboxPublishError, OutboxRelay, append_to_outbox

N = 30


@contextlib.asynccontextmanager
async def running(*loops: OutboxRelay | ConsumerRunner) -> AsyncIterator[None]:
    stop = asyncio.Event()
    tasks = [asyncio.create_task(loop.run(stop)) for loop in loops]
    try:
        yield
    finally:
        stop.set()
        await asyncio.wait_for(asyncio.gather(*tasks), 10)


async def record(conn: asyncpg.Connection[Any], event: CloudEvent) -> None:
    await conn.execute("INSERT INTO applied (event_id) VALUES ($1)", event.id)


async def applied_ids(pool: asyncpg.Pool[asyncpg.Record]) -> list[str]:
    rows = await pool.fetch("SELECT event_id::text AS id FROM applied ORDER BY id")
    return [row["id"] for row in rows]


async def published_count(pool: asyncpg.Pool[asyncpg.Record]) -> int:
    return int(await pool.fetchval("SELECT count(published_at) FROM outbox"))


async def append_batch(pool: asyncpg.Pool[asyncpg.Record], helpers: Any, count: int) -> list[str]:
    async with pool.acquire() as conn, conn.transaction():
        written = await append_to_outbox(
            conn, "kittest", [helpers.pending(n) for n in range(count)]
        )
    return [event.id for event in written]


async def test_events_written_while_nats_is_down_reach_the_stream_exactly_once(
    pool: asyncpg.Pool[asyncpg.Record], private_nats: NatsServer, helpers: Any
) -> None:
    nc = await connect_nats([private_nats.url], "outage-test")
    js: JetStreamContext = nc.jetstream()
    await provision(js, [helpers.TEST_STREAM])
    relay = OutboxRelay(pool, helpers.SCHEMA, js, ack_timeout=0.5, poll_interval=0.2)
    try:
        await asyncio.to_thread(private_nats.stop)
        ids = await append_batch(pool, helpers, N)
        with pytest.raises(OutboxPublishError):
            await relay.publish_pending()
        assert await published_count(pool) == 0

        async with running(relay):
            await asyncio.sleep(1.5)  # several failing passes of the loop
            assert await published_count(pool) == 0
            assert await pool.fetchval("SELECT min(attempts) FROM outbox") >= 2
            await asyncio.to_thread(private_nats.start)

            async def all_published() -> bool:
                return await published_count(pool) == N

            await helpers.eventually(all_published)

        stream_ids = await helpers.stream_event_ids(js, helpers.TEST_STREAM.name)
        assert len(stream_ids) == N
        assert set(stream_ids) == set(ids)
    finally:
        await nc.close()


async def test_relay_and_consumer_loops_survive_a_postgres_restart(
    private_postgres: PostgresServer, nats_url: str, tmp_path: Path, helpers: Any
) -> None:
    dsn = await asyncio.to_thread(private_postgres.create_database, "relay_restart")
    pool = await helpers.migrated_pool(dsn, tmp_path / "service-sql")
    await pool.execute("CREATE TABLE applied (event_id uuid NOT NULL)")
    nc = await connect_nats([nats_url], "pg-restart-test")
    js = nc.jetstream()
    spec = ConsumerSpec(
        helpers.TEST_STREAM.name, "kittest-pg", ["kittest.>"], backoff=[0.1], ack_wait=2
    )
    await provision(js, [helpers.TEST_STREAM], [spec])
    relay = OutboxRelay(pool, helpers.SCHEMA, js, poll_interval=0.2)
    runner = ConsumerRunner(pool, js, spec, record, fetch_timeout=0.2)
    try:
        async with running(relay, runner):
            before = await append_batch(pool, helpers, N)

            async def first_batch_applied() -> bool:
                return len(await applied_ids(pool)) == N

            await helpers.eventually(first_batch_applied)
            # "fast" drops every client like a crash would, yet keeps what was committed: the
            # test cluster runs with synchronous_commit=off, so "immediate" would lose the last
            # commits after their messages were acked, a loss no protocol can make up for.
            await asyncio.to_thread(private_postgres.stop, "fast")
            await asyncio.sleep(0.5)  # both loops fail against a dead database meanwhile
            await asyncio.to_thread(private_postgres.start)
            after = await append_after_restart(pool, helpers)

            async def second_batch_applied() -> bool:
                return len(await applied_ids(pool)) >= 2 * N

            await helpers.eventually(second_batch_applied)
        assert await published_count(pool) == 2 * N
        stream_ids = await helpers.stream_event_ids(js, helpers.TEST_STREAM.name)
        assert sorted(stream_ids) == sorted(before + after)
        assert await applied_ids(pool) == sorted(before + after)
    finally:
        await nc.close()
        await pool.close()


async def append_after_restart(pool: asyncpg.Pool[asyncpg.Record], helpers: Any) -> list[str]:
    # The pool may hand out a connection the restart killed before noticing it is dead.
    for _ in range(20):
        try:
            return await append_batch(pool, helpers, N)
        except (asyncpg.InterfaceError, asyncpg.PostgresConnectionError, OSError):
            await asyncio.sleep(0.1)
    return await append_batch(pool, helpers, N)


async def test_relay_and_consumer_loops_apply_every_event_once_across_a_nats_crash(
    pool: asyncpg.Pool[asyncpg.Record], private_nats: NatsServer, helpers: Any
) -> None:
    await pool.execute("CREATE TABLE applied (event_id uuid NOT NULL)")
    nc = await connect_nats([private_nats.url], "pipeline-outage-test")
    js = nc.jetstream()
    # A message the server delivered just before it died (or whose ack died with it) comes
    # again only after ack_wait: short here, so the test waits seconds, not the default 30.
    spec = ConsumerSpec(
        helpers.TEST_STREAM.name, "kittest-pipeline", ["kittest.>"], backoff=[0.1], ack_wait=2
    )
    await provision(js, [helpers.TEST_STREAM], [spec])
    relay = OutboxRelay(pool, helpers.SCHEMA, js, ack_timeout=0.5, poll_interval=0.2)
    runner = ConsumerRunner(pool, js, spec, record, fetch_timeout=0.2)
    try:
        async with running(relay, runner):
            ids = await append_batch(pool, helpers, N)
            await asyncio.to_thread(private_nats.kill)
            ids += await append_batch(pool, helpers, N)
            await asyncio.sleep(0.5)
            await asyncio.to_thread(private_nats.start)

            async def all_applied() -> bool:
                return len(await applied_ids(pool)) >= 2 * N

            await helpers.eventually(all_applied)
        assert await applied_ids(pool) == sorted(ids)
    finally:
        await nc.close()


async def test_the_backlog_gauges_follow_a_backlog_the_relay_cannot_drain(
    pool: asyncpg.Pool[asyncpg.Record], private_nats: NatsServer, helpers: Any
) -> None:
    from prometheus_client import REGISTRY
    from shared.metrics import OUTBOX_BACKLOG, OUTBOX_OLDEST_AGE

    labels = {"schema": helpers.SCHEMA}
    OUTBOX_BACKLOG.labels(**labels).set(-1)  # whatever an earlier test left is not an answer
    OUTBOX_OLDEST_AGE.labels(**labels).set(-1)
    nc = await connect_nats([private_nats.url], "backlog-gauge-test")
    relay = OutboxRelay(
        pool, helpers.SCHEMA, nc.jetstream(), ack_timeout=0.3, poll_interval=0.1,
        backlog_interval=0.2,
    )  # fmt: skip
    try:
        await asyncio.to_thread(private_nats.stop)  # every pass fails: nothing is ever caught up
        await append_batch(pool, helpers, N)

        def gauges() -> tuple[float | None, float | None]:
            backlog = REGISTRY.get_sample_value("unionhub_outbox_backlog", labels)
            age = REGISTRY.get_sample_value("unionhub_outbox_oldest_age_seconds", labels)
            return backlog, age

        async with running(relay):

            async def counted(expected: int) -> bool:
                backlog, age = gauges()
                return backlog == expected and age is not None and age > 0

            await helpers.eventually(lambda: counted(N), within=10)
            first_age = gauges()[1]
            await append_batch(pool, helpers, 5)  # the backlog grows while NATS stays down
            await helpers.eventually(lambda: counted(N + 5), within=10)
            assert (gauges()[1] or 0) > (first_age or 0), "the oldest row keeps ageing"
        assert await published_count(pool) == 0
    finally:
        await asyncio.to_thread(private_nats.start)
        with contextlib.suppress(OSError):  # the connection died with the server it knew
            await nc.close()
