"""Raw baselines: what nats-py and asyncpg do alone on this machine, in this run."""

from __future__ import annotations

import asyncio
import time
import uuid

import asyncpg
import nats

PUBLISH_WINDOW = 2_000  # acks in flight, as the relay keeps them


async def nats_async_publish(url: str, count: int) -> float:
    """JetStream publishes with acks awaited in windows; messages per second."""
    nc = await nats.connect(url)
    js = nc.jetstream()
    await js.add_stream(name="BENCH_RAW", subjects=["bench.raw.>"])
    payload = b"x" * 400  # about the size of one of our CloudEvents
    started = time.perf_counter()
    for offset in range(0, count, PUBLISH_WINDOW):
        batch = min(PUBLISH_WINDOW, count - offset)
        await asyncio.gather(*(js.publish("bench.raw.a", payload) for _ in range(batch)))
    elapsed = time.perf_counter() - started
    await js.delete_stream("BENCH_RAW")
    await nc.close()
    return count / elapsed


async def nats_pull_ack(url: str, count: int, batch: int = 256) -> float:
    """Durable pull consumer fetching batches and acking each message; messages per second."""
    nc = await nats.connect(url)
    js = nc.jetstream()
    await js.add_stream(name="BENCH_PULL", subjects=["bench.pull.>"])
    payload = b"x" * 400
    for offset in range(0, count, PUBLISH_WINDOW):
        n = min(PUBLISH_WINDOW, count - offset)
        await asyncio.gather(*(js.publish("bench.pull.a", payload) for _ in range(n)))
    sub = await js.pull_subscribe("bench.pull.>", durable="bench")
    done = 0
    started = time.perf_counter()
    while done < count:
        msgs = await sub.fetch(batch, timeout=5)
        await asyncio.gather(*(m.ack() for m in msgs))
        done += len(msgs)
    elapsed = time.perf_counter() - started
    await js.delete_stream("BENCH_PULL")
    await nc.close()
    return count / elapsed


async def postgres_single_insert(dsn: str, count: int, concurrency: int = 16) -> float:
    """One INSERT per transaction (autocommit), ``concurrency`` connections; rows per second."""
    pool = await asyncpg.create_pool(dsn, min_size=concurrency, max_size=concurrency)
    assert pool is not None
    await pool.execute(
        "CREATE TABLE IF NOT EXISTS bench_raw (id uuid PRIMARY KEY, body jsonb NOT NULL)"
    )
    per_worker = count // concurrency

    async def worker() -> None:
        async with pool.acquire() as conn:
            stmt = await conn.prepare("INSERT INTO bench_raw (id, body) VALUES ($1, $2::jsonb)")
            for _ in range(per_worker):
                await stmt.fetch(uuid.uuid4(), '{"k": "v"}')

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    elapsed = time.perf_counter() - started
    await pool.execute("DROP TABLE bench_raw")
    await pool.close()
    return per_worker * concurrency / elapsed
