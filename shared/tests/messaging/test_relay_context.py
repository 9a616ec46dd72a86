"""The relay keeps one JetStream context, so its passes do not pile up subscriptions."""

from __future__ import annotations

from typing import Any

import asyncpg
from nats.aio.client import Client
from shared.outbox import OutboxRelay


async def test_passes_of_a_relay_given_a_provider_add_no_subscriptions(
    pool: asyncpg.Pool[asyncpg.Record], nc: Client, js: Any, append: Any, helpers: Any
) -> None:
    # Provisioned by the js fixture; the relay gets the provider the services pass it.
    relay = OutboxRelay(pool, helpers.SCHEMA, nc.jetstream)
    await append(2)
    assert await relay.publish_pending() == 2
    subscriptions = len(nc._subs)

    for _ in range(5):
        await append(2)
        assert await relay.publish_pending() == 2

    assert len(nc._subs) == subscriptions
    stream_ids = await helpers.stream_event_ids(js, helpers.TEST_STREAM.name)
    assert len(stream_ids) == len(set(stream_ids)) == 12
