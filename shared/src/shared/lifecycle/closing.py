"""Closing pools, NATS clients and background tasks with bounded waits.

A graceful close waits for the peer: asyncpg's ``Pool.close`` for every connection to be
released, nats-py's ``close`` for its buffer to drain into a socket that may be half dead. Each
helper here gives the graceful way a few seconds and then lets go.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable
from typing import Any

import asyncpg
from nats.aio.client import Client

logger = logging.getLogger(__name__)

TASKS_SECONDS = 3.0
CANCELLED_SECONDS = 1.0
NATS_SECONDS = 1.5
POOL_SECONDS = 1.5


async def stop_tasks(
    stop: asyncio.Event, tasks: Iterable[asyncio.Task[Any]], *, grace: float = TASKS_SECONDS
) -> None:
    """Set ``stop``, let the tasks finish their batch, cancel those still running after ``grace``.

    Cancelled tasks get a moment more to unwind (a transaction rolls back, a job is marked
    interrupted) before the connections under them close.
    """
    stop.set()
    running = [task for task in tasks if not task.done()]
    if not running:
        return
    _, pending = await asyncio.wait(running, timeout=grace)
    for task in pending:
        task.cancel()
    if pending:
        logger.warning("%d background task(s) cancelled at shutdown", len(pending))
        await asyncio.wait(pending, timeout=CANCELLED_SECONDS)


async def close_nats(nc: Client | None, *, grace: float = NATS_SECONDS) -> None:
    """Close the NATS client, giving up after ``grace`` seconds (NATS may be gone)."""
    if nc is None or nc.is_closed:
        return
    try:
        await asyncio.wait_for(nc.close(), grace)
    except Exception as error:
        logger.warning("NATS connection abandoned at shutdown: %r", error)


async def close_pool(
    pool: asyncpg.Pool[asyncpg.Record] | None, *, grace: float = POOL_SECONDS
) -> None:
    """Close the pool gracefully, or terminate its connections after ``grace`` seconds."""
    if pool is None or pool.is_closing():
        return
    try:
        await asyncio.wait_for(pool.close(), grace)
    except Exception as error:
        logger.warning("PostgreSQL pool terminated at shutdown: %r", error)
        pool.terminate()


async def shut_down(
    stop: asyncio.Event,
    tasks: Iterable[asyncio.Task[Any]] = (),
    *,
    nc: Client | None = None,
    pool: asyncpg.Pool[asyncpg.Record] | None = None,
) -> None:
    """Stop a process's background work, then close NATS, then the pool, each bounded.

    Args:
        stop: the event the background tasks watch.
        tasks: the background tasks (relay, consumers, periodic jobs).
        nc: the NATS client, if any.
        pool: the PostgreSQL pool, if any.
    """
    await stop_tasks(stop, list(tasks))
    await close_nats(nc)
    await close_pool(pool)
