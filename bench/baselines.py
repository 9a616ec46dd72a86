"""Raw baselines: what nats-py and asyncpg do alone on this machine, in this run."""

from __future__ import annotations

import asyncio
import time
import uuid

import asyncpg
import nats
from nats.js.client import JetStreamContext

PUBLISH_WINDOW = 2_000
"""Publishes in flight before their acks are awaited (the relay awaits a whole batch too)."""
PAYLOAD = b"x" * 400  # about the size of one of our CloudEvents


async def _publish_windowed(js: JetStreamContext, subject: str, count: int) -> None:
    for offset in range(0, count, PUBLISH_WINDOW):
        window = min(PUBLISH_WINDOW, count - offset)
        acks = [await js.publish_async(subject, PAYLOAD) for _ in range(window)]
        await asyncio.gather(*acks)


async def nats_async_publish(url: str, count: int) -> float:
    """JetStream ``publish_async`` with acks awaited per window; messages per second."""
    nc = await nats.connect(url)
    js = nc.jetstream()
    try:
        await js.add_stream(name="BENCH_RAW", subjects=["bench.raw.>"])
        started = time.perf_counter()
        await _publish_windowed(js, "bench.raw.a", count)
        elapsed = time.perf_counter() - started
        await js.delete_stream("BENCH_RAW")
    finally:
        await nc.close()
    return count / elapsed


async def nats_pull_ack(url: str, count: int, batch: int = 256) -> float:
    """Durable pull consumer fetching batches and acking each message; messages per second."""
    nc = await nats.connect(url)
    js = nc.jetstream()
    try:
        await js.add_stream(name="BENCH_PULL", subjects=["bench.pull.>"])
        await _publish_windowed(js, "bench.pull.a", count)
        sub = await js.pull_subscribe("bench.pull.>", durable="bench")
        done = 0
        started = time.perf_counter()
        while done < count:
            msgs = await sub.fetch(batch, timeout=5)
            await asyncio.gather(*(m.ack() for m in msgs))
            done += len(msgs)
        await nc.flush()  # the acks are only sent, not confirmed, until the buffer is out
        elapsed = time.perf_counter() - started
        await js.delete_stream("BENCH_PULL")
    finally:
        await nc.close()
    return count / elapsed


async def postgres_single_insert(dsn: str, count: int, concurrency: int = 16) -> float:
    """One INSERT per transaction (autocommit), ``concurrency`` connections; rows per second."""
    pool = await asyncpg.create_pool(dsn, min_size=concurrency, max_size=concurrency)
    assert pool is not None
    per_worker = count // concurrency

    async def worker() -> None:
        async with pool.acquire() as conn:
            stmt = await conn.prepare("INSERT INTO bench_raw (id, body) VALUES ($1, $2::jsonb)")
            for _ in range(per_worker):
                await stmt.fetch(uuid.uuid4(), '{"k": "v"}')

    try:
        await pool.execute(
            "CREATE TABLE IF NOT EXISTS bench_raw (id uuid PRIMARY KEY, body jsonb NOT NULL)"
        )
        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed = time.perf_counter() - started
        await pool.execute("DROP TABLE bench_raw")
    finally:
        await pool.close()
    return per_worker * concurrency / elapsed
