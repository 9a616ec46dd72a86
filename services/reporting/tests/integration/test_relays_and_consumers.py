"""Two relays and two consumer instances, under concurrent writes, lose no member's history.

Members are admitted, transferred and some retained, each change in a transaction of its own,
by several writers at once into an outbox; two relays publish it (one holding its claimed rows
a while before publishing, as a slow one does, so the other overtakes it with later versions);
two runners of the same durable consumer apply the stream. Every admission and transfer must
be counted once, and the read models must equal the events applied in version order.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any
from uuid import UUID, uuid4

import asyncpg
import pytest
from reporting.adapters.projections.membership import apply_membership_event
from reporting.config import MEMBERSHIP_CONSUMER, MIGRATIONS_DIR
from shared.contracts import membership as c
from shared.contracts.envelope import CloudEvent
from shared.contracts.registry import IntegrationEvent
from shared.db import create_pool
from shared.migrations import migrate
from shared.outbox import OutboxRelay, PendingEvent, append_to_outbox

from .conftest import Bus

pytestmark = pytest.mark.integration
OUTBOX, IN_ORDER = "relayed_outbox", "reporting_in_order"
MEMBERS, WRITERS = 40, 4
COMPARED = ("member_facts", "membership_periods", "member_totals", "org_versions")


class HoldingRelay(OutboxRelay):
    """Holds the rows it claimed for a while before publishing them."""

    async def _publish(self, rows: Sequence[asyncpg.Record]) -> None:
        await asyncio.sleep(0.1)
        await super()._publish(rows)


def histories(unions: list[UUID]) -> list[tuple[UUID, list[IntegrationEvent]]]:
    rng, start = random.Random(11), date(2024, 1, 1)
    found = []
    for _ in range(MEMBERS):
        member, first, second = uuid4(), *rng.sample(unions, 2)
        admitted = start + timedelta(days=rng.randrange(100))
        events: list[IntegrationEvent] = [
            c.MemberAdmitted(org_id=first, occurred_on=admitted, member_id=member,
                             employer_id=uuid4(), sex="female", birth_year=1990,
                             is_migrant_worker=False),
            c.MemberTransferred(org_id=second, occurred_on=admitted + timedelta(days=30),
                                member_id=member, transfer_id=uuid4(), from_union_id=first,
                                to_union_id=second, employer_id=uuid4(), reason="job_change"),
        ]  # fmt: skip
        if rng.random() < 0.5:
            events.append(c.MemberRetained(org_id=second, member_id=member, reason="retired",
                                           occurred_on=admitted + timedelta(days=60)))  # fmt: skip
        found.append((member, events))
    return found


async def write(
    pool: asyncpg.Pool[Any], mine: list[tuple[UUID, list[IntegrationEvent]]]
) -> list[list[CloudEvent]]:
    """Each change of each member in a transaction of its own, as the membership service does."""
    written = []
    for member, events in mine:
        envelopes = []
        for version, event in enumerate(events, 1):
            async with pool.acquire() as conn, conn.transaction():
                pending = [PendingEvent(event, str(member), version)]
                envelopes += await append_to_outbox(conn, "membership", pending)
            await asyncio.sleep(0.01)
        written.append(envelopes)
    return written


async def rows(pool: asyncpg.Pool[Any], table: str) -> list[str]:
    found = await pool.fetch(f"SELECT to_jsonb(t)::text FROM {table} t ORDER BY 1")
    return [row[0] for row in found]


async def test_two_relays_and_two_consumers_keep_every_admission_and_transfer(bus: Bus) -> None:
    dsn, js = bus.container.settings.database_url, bus.nc.jetstream()
    await migrate(dsn, OUTBOX, MIGRATIONS_DIR)
    await migrate(dsn, IN_ORDER, MIGRATIONS_DIR)
    outbox = await create_pool(dsn, OUTBOX, min_size=1, max_size=6)
    reference = await create_pool(dsn, IN_ORDER, min_size=1, max_size=1)
    unions = [uuid4() for _ in range(3)]
    founded = [c.UnionFounded(org_id=u, occurred_on=date(2020, 1, 1), parent_id=None,
                              kind="grassroots_union", name=f"工会{n}")
               for n, u in enumerate(unions)]  # fmt: skip
    planned = histories(unions)
    stop = asyncio.Event()
    relays = [OutboxRelay(outbox, OUTBOX, js, batch_size=5, poll_interval=0.05),
              HoldingRelay(outbox, OUTBOX, js, batch_size=5, poll_interval=0.05)]  # fmt: skip
    consumers = [bus.container.membership_consumer(js) for _ in range(2)]
    running = [asyncio.create_task(part.run(stop)) for part in (*relays, *consumers)]
    try:
        written = await write(outbox, [(u, [f]) for u, f in zip(unions, founded, strict=True)])
        shares = [planned[n::WRITERS] for n in range(WRITERS)]
        for share in await asyncio.gather(*(write(outbox, share) for share in shares)):
            written += share
        total = sum(len(envelopes) for envelopes in written)
        await wait_until_applied(bus.pool, total)
        for envelopes in written:  # the reference: each aggregate's events in version order
            async with reference.acquire() as conn, conn.transaction():
                for event in envelopes:
                    await apply_membership_event(conn, event)  # type: ignore[arg-type]
        applied = {row[0] for row in await bus.pool.fetch("SELECT event_id FROM inbox")}
        assert applied == {UUID(event.id) for envelopes in written for event in envelopes}
        facts = await bus.pool.fetch("SELECT fact, count(*) FROM member_facts GROUP BY fact")
        assert dict(facts)["admitted"] == dict(facts)["transferred"] == MEMBERS
        for table in COMPARED:
            assert await rows(bus.pool, table) == await rows(reference, table), table
        info = await js.consumer_info(MEMBERSHIP_CONSUMER.stream, MEMBERSHIP_CONSUMER.durable)
        assert (info.num_pending, info.num_ack_pending) == (0, 0)
    finally:
        stop.set()
        await asyncio.gather(*running, return_exceptions=True)
        await outbox.close()
        await reference.close()


async def wait_until_applied(pool: asyncpg.Pool[Any], total: int) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 60
    while await pool.fetchval("SELECT count(*) FROM inbox") < total:
        assert loop.time() < deadline, "the consumers did not apply every event in time"
        await asyncio.sleep(0.1)
