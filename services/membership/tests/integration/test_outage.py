"""NATS outages and relay crashes lose no event and duplicate none; the API keeps admitting."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Iterable, Sequence
from typing import Any

import nats
import pytest
from membership.config import SCHEMA
from shared.bus import DEAD_LETTER_STREAM, MEMBERSHIP_STREAM, provision
from shared.devstack import NatsServer
from shared.outbox import OutboxRelay
from shared.outbox.writer import Connection

from .conftest import Api, Tree, admit_body, start_api
from .probes import ADMITTED, eventually, fetch, plant_tree, stream_events, unpublished

TREE_EVENTS = 11  # seven organisations founded, two employers registered with a census each


@contextlib.asynccontextmanager
async def running_app(database_url: str, nats_url: str, **overrides: Any) -> AsyncIterator[Api]:
    nc = await nats.connect(nats_url)
    await provision(nc.jetstream(), [MEMBERSHIP_STREAM, DEAD_LETTER_STREAM])
    await nc.close()
    api, lifespan = await start_api(database_url, nats_url, **overrides)
    try:
        yield api
    finally:
        await api.client.aclose()
        await lifespan.__aexit__(None, None, None)


async def admit_all(api: Api, tree: Tree, people: Iterable[int]) -> list[str]:
    ids = []
    for seq in people:
        response = await api.post("/api/v1/members", admit_body(tree, seq), expect=201)
        ids.append(response.json()["id"])
    return ids


async def wait_until_published(database_url: str) -> None:
    async def outbox_drained() -> bool:
        return await unpublished(database_url) == 0

    await eventually(outbox_drained, what="every outbox row published", within=30)


async def outbox_event_ids(database_url: str) -> set[str]:
    return {
        str(row["event_id"]) for row in await fetch(database_url, "SELECT event_id FROM outbox")
    }


async def assert_streamed_once(nats_url: str, database_url: str, member_ids: Sequence[str]) -> None:
    """Every outbox event is on the stream exactly once, and every admission is among them."""
    events = await stream_events(nats_url)
    assert sorted(e.event.id for e in events) == sorted(await outbox_event_ids(database_url))
    assert all(e.msg_id == e.event.id for e in events)
    admitted = [e for e in events if e.subject == ADMITTED]
    assert len(admitted) == len(member_ids)
    assert len({e.event.id for e in admitted}) == len(member_ids)
    assert sorted(e.event.data["member_id"] for e in admitted) == sorted(member_ids)


@pytest.mark.parametrize("outage", ["stop", "kill"])
async def test_admissions_during_a_nats_outage_reach_the_stream_exactly_once(
    database_url: str, private_nats: NatsServer, outage: str
) -> None:
    async with running_app(database_url, private_nats.url) as api:
        tree = await plant_tree(api)
        before = await admit_all(api, tree, range(1, 31))
        await wait_until_published(database_url)

        await asyncio.to_thread(getattr(private_nats, outage))
        during = await admit_all(api, tree, range(31, 61))
        assert await unpublished(database_url) == len(during)

        await asyncio.to_thread(private_nats.start)
        await wait_until_published(database_url)

    await assert_streamed_once(private_nats.url, database_url, before + during)
    assert len(await stream_events(private_nats.url)) == TREE_EVENTS + 60


class RelayDyingBeforeMark(OutboxRelay):
    """Publishes a batch, then dies before marking it, as a killed relay process would."""

    deaths = 1

    async def _mark_published(self, conn: Connection, positions: Sequence[int]) -> None:
        if self.deaths:
            self.deaths -= 1
            raise ConnectionResetError("relay died between publishing and marking")
        await super()._mark_published(conn, positions)


async def test_a_relay_dying_between_publish_and_mark_duplicates_nothing(
    database_url: str, nats_url: str
) -> None:
    async with running_app(database_url, nats_url, run_relay=False) as api:
        tree = await plant_tree(api)
        assert await unpublished(database_url) == TREE_EVENTS
        member_ids = await admit_all(api, tree, range(1, 6))
        pool = api.app.state.container.pool
        nc = await nats.connect(nats_url)
        try:
            with pytest.raises(ConnectionResetError):
                await RelayDyingBeforeMark(pool, SCHEMA, nc.jetstream()).publish_pending()
            # Published but not marked: the stream has the batch, the outbox still owes it.
            assert len(await stream_events(nats_url)) == TREE_EVENTS + 5
            assert await unpublished(database_url) == TREE_EVENTS + 5

            fresh = OutboxRelay(pool, SCHEMA, nc.jetstream())
            assert await fresh.publish_pending() == TREE_EVENTS + 5
        finally:
            await nc.close()

    assert await unpublished(database_url) == 0
    await assert_streamed_once(nats_url, database_url, member_ids)
    attempts = await fetch(database_url, "SELECT DISTINCT attempts FROM outbox")
    assert [row["attempts"] for row in attempts] == [1]
