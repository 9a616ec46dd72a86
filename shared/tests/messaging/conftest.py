"""Fixtures for the messaging tests: a migrated schema, a NATS connection, a test contract."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any, ClassVar

import asyncpg
import pytest
import pytest_asyncio
from nats.aio.client import Client
from nats.js.client import JetStreamContext
from shared.bus import DEAD_LETTER_STREAM, StreamSpec, connect_nats, provision
from shared.contracts.envelope import CloudEvent
from shared.contracts.registry import IntegrationEvent
from shared.db import create_pool
from shared.migrations import migrate
from shared.outbox import PendingEvent, append_to_outbox
from shared.telemetry import setup_tracing

SCHEMA = "kit_test"
TEST_STREAM = StreamSpec("KITTEST", ["kittest.>"])


class ThingCounted(IntegrationEvent):
    """A test-only contract; deliberately not registered in the shared registry."""

    event_type: ClassVar[str] = "kittest.thing.counted"
    number: int
    poison: bool = False


SUBJECT = ThingCounted.subject()


@pytest.fixture(scope="session", autouse=True)
def _tracing() -> None:
    # Spans (and so traceparent headers) exist only under a real tracer provider.
    setup_tracing("messaging-tests")


async def migrated_pool(dsn: str, service_dir: Path) -> asyncpg.Pool[asyncpg.Record]:
    """Apply the kit's migrations to ``SCHEMA`` and open a small pool on it."""
    await asyncio.to_thread(service_dir.mkdir, exist_ok=True)
    await migrate(dsn, SCHEMA, service_dir)
    return await create_pool(dsn, SCHEMA, min_size=1, max_size=4)


@pytest_asyncio.fixture
async def pool(database_url: str, tmp_path: Path) -> AsyncIterator[asyncpg.Pool[asyncpg.Record]]:
    db_pool = await migrated_pool(database_url, tmp_path / "service-sql")
    yield db_pool
    await db_pool.close()


@pytest_asyncio.fixture
async def nc(nats_url: str) -> AsyncIterator[Client]:
    client = await connect_nats([nats_url], "messaging-tests")
    yield client
    await client.close()


@pytest_asyncio.fixture
async def js(nc: Client) -> JetStreamContext:
    context = nc.jetstream()
    await provision(context, [TEST_STREAM, DEAD_LETTER_STREAM])
    return context


def pending(number: int, *, poison: bool = False) -> PendingEvent:
    """A pending test event for a fresh aggregate."""
    return PendingEvent(ThingCounted(number=number, poison=poison), str(uuid.uuid4()), 1)


@pytest.fixture
def make_pending() -> Callable[..., PendingEvent]:
    return pending


@pytest.fixture
def append(
    pool: asyncpg.Pool[asyncpg.Record],
) -> Callable[[int], Awaitable[list[CloudEvent]]]:
    """Commit ``count`` test events to the outbox in one transaction."""

    async def append_events(count: int) -> list[CloudEvent]:
        async with pool.acquire() as conn, conn.transaction():
            return await append_to_outbox(conn, "kittest", [pending(n) for n in range(count)])

    return append_events


async def stream_event_ids(js: JetStreamContext, stream: str) -> list[str]:
    """The ``Nats-Msg-Id`` of every message in ``stream``, in stream order."""
    info = await js.stream_info(stream)
    ids = []
    for seq in range(info.state.first_seq, info.state.last_seq + 1):
        message = await js.get_msg(stream, seq)
        ids.append((message.headers or {}).get("Nats-Msg-Id", ""))
    return ids


async def eventually(check: Callable[[], Awaitable[bool]], *, within: float = 20.0) -> None:
    """Wait until ``check`` holds; fail the test if it never does within ``within`` seconds."""
    deadline = asyncio.get_running_loop().time() + within
    while not await check():
        if asyncio.get_running_loop().time() > deadline:
            pytest.fail(f"condition {check.__name__} never held")
        await asyncio.sleep(0.05)


@pytest.fixture
def helpers() -> Any:
    """Module-level helpers, reachable from test modules (which cannot import this file)."""

    class Helpers:
        SCHEMA = SCHEMA
        SUBJECT = SUBJECT
        TEST_STREAM = TEST_STREAM
        ThingCounted = ThingCounted
        migrated_pool = staticmethod(migrated_pool)
        pending = staticmethod(pending)
        stream_event_ids = staticmethod(stream_event_ids)
        eventually = staticmethod(eventually)

    return Helpers
