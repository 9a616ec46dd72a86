"""A batch applied set-based leaves exactly the rows the events applied one by one leave.

The same untidy stream (see ``event_mix.py``) is consumed twice from its start, through the
same durable consumer name: once event by event into the ``reporting`` schema, once in
batches by the batch handler into a second schema. Every table must then hold the same rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any
from uuid import UUID, uuid4

import asyncpg
import pytest
from reporting.adapters.projections.membership import apply_membership_batch, apply_membership_event
from reporting.config import MEMBERSHIP_CONSUMER, MIGRATIONS_DIR
from shared.bus import ConsumerRunner, provision
from shared.contracts import membership as c
from shared.contracts.envelope import CloudEvent
from shared.db import create_pool
from shared.migrations import migrate
from shared.testing.consumers import drain

from .conftest import Bus, envelope
from .event_mix import EventMix

pytestmark = pytest.mark.integration
BATCHED_SCHEMA = "reporting_batched"
# Every table the projection writes, with the columns that hold a wall-clock time left out.
TABLES: dict[str, tuple[str, ...]] = {
    "aggregate_versions": (),
    "org_facts": (),
    "org_versions": (),
    "committee_facts": (),
    "employers": (),
    "employer_census": (),
    "employer_coverage": (),
    "member_facts": (),
    "membership_periods": (),
    "contracts": (),
    "member_timeline": (),
    "member_totals": (),
    "employer_totals": (),
    "contract_totals": (),
    "totals_orgs": (),
    "inbox": ("applied_at",),
    "consumer_tracking": ("updated_at",),
}


async def compare(one_pool: asyncpg.Pool[Any], batched_pool: asyncpg.Pool[Any]) -> None:
    for table, left_out in TABLES.items():
        expected = await rows(one_pool, table, left_out)
        assert await rows(batched_pool, table, left_out) == expected, table


async def rows(pool: asyncpg.Pool[asyncpg.Record], table: str, left_out: tuple[str, ...]) -> Any:
    found = await pool.fetch(
        f"SELECT (to_jsonb(t) - $1::text[])::text FROM {table} t ORDER BY 1", list(left_out)
    )
    return [row[0] for row in found]


@pytest.mark.parametrize(("seed", "grouped"), [(7, False), (2024, False), (5, True)])
async def test_batches_leave_the_same_rows_as_events_one_by_one(
    bus: Bus, seed: int, grouped: bool
) -> None:
    stream = EventMix(seed, grouped).stream()
    for number, event in enumerate(stream):
        await bus.publish(event, msg_id=f"{event.id}-{number}")
    js = bus.nc.jetstream()
    one_by_one = ConsumerRunner(bus.pool, js, MEMBERSHIP_CONSUMER, apply_membership_event,
                                batch_size=40, fetch_timeout=0.2)  # fmt: skip
    assert await drain(one_by_one, js, MEMBERSHIP_CONSUMER) == len(stream)

    await js.delete_consumer(MEMBERSHIP_CONSUMER.stream, MEMBERSHIP_CONSUMER.durable)
    await provision(js, [], [MEMBERSHIP_CONSUMER])
    dsn = bus.container.settings.database_url
    await migrate(dsn, BATCHED_SCHEMA, MIGRATIONS_DIR)
    batched_pool = await create_pool(dsn, BATCHED_SCHEMA, min_size=1, max_size=2)
    batches: list[int | Exception] = []

    async def recording(conn: asyncpg.Connection[Any], events: Sequence[CloudEvent]) -> None:
        try:
            await apply_membership_batch(conn, events)
        except Exception as error:
            batches.append(error)
            raise
        batches.append(len(events))

    try:
        batched = ConsumerRunner(
            batched_pool, js, MEMBERSHIP_CONSUMER, apply_membership_event,
            batch_handler=recording, batch_size=40, fetch_timeout=0.2,
        )  # fmt: skip
        assert await drain(batched, js, MEMBERSHIP_CONSUMER) == len(stream)
        # Every batch went the set-based way; none fell back to one by one.
        assert all(isinstance(size, int) for size in batches), batches
        assert len(batches) > 3
        for table, left_out in TABLES.items():
            assert await rows(bus.pool, table, left_out), table  # the mix reaches every table
        await compare(bus.pool, batched_pool)
    finally:
        await batched_pool.close()


def _signed(contract: UUID, union: UUID, workers: int) -> c.ContractSigned:
    return c.ContractSigned(
        org_id=union, occurred_on=date(2024, 3, 1), contract_id=contract, kind="wage",
        signing_party="own_union",
        employer_ids=[uuid4()], employers_covered=1, workers_covered=workers,
        starts_on=date(2024, 3, 1), ends_on=date(2026, 2, 28),
    )  # fmt: skip


def _ended(contract: UUID, union: UUID, day: int) -> c.ContractTerminated:
    return c.ContractTerminated(org_id=union, occurred_on=date(2024, 6, day), contract_id=contract)


def _contract_batches() -> list[list[CloudEvent]]:
    """Terminations before and after signings, signings twice, in one batch and across two."""
    union, late, twice, known = uuid4(), uuid4(), uuid4(), uuid4()
    return [
        [
            envelope(_ended(late, union, 1), late, 1),  # before its contract exists: no effect
            envelope(_signed(late, union, 10), late, 2),
            envelope(_signed(twice, union, 20), twice, 1),
            envelope(_ended(twice, union, 2), twice, 2),
            envelope(_signed(twice, union, 99), twice, 3),  # known already: kept as first signed
            envelope(_ended(twice, union, 3), twice, 4),
            envelope(_signed(known, union, 30), known, 1),
        ],
        [
            envelope(_ended(known, union, 4), known, 2),
            envelope(_signed(known, union, 31), known, 3),
            envelope(_ended(known, union, 5), known, 4),
            envelope(_ended(late, union, 6), late, 1),  # stale: version 1 was applied
        ],
    ]


async def test_contract_signings_and_terminations_in_one_batch_keep_their_order(
    bus: Bus,
) -> None:
    dsn = bus.container.settings.database_url
    await migrate(dsn, BATCHED_SCHEMA, MIGRATIONS_DIR)
    batched_pool = await create_pool(dsn, BATCHED_SCHEMA, min_size=1, max_size=2)
    try:
        for batch in _contract_batches():
            async with bus.pool.acquire() as conn, conn.transaction():
                for event in batch:
                    await apply_membership_event(conn, event)  # type: ignore[arg-type]
            async with batched_pool.acquire() as conn, conn.transaction():
                await apply_membership_batch(conn, batch)  # type: ignore[arg-type]
        await compare(bus.pool, batched_pool)
        ends = await batched_pool.fetch(
            "SELECT workers_covered, terminated_on FROM contracts ORDER BY workers_covered"
        )
    finally:
        await batched_pool.close()
    assert [(row[0], row[1]) for row in ends] == [
        (10, None), (20, date(2024, 6, 3)), (30, date(2024, 6, 5)),
    ]  # fmt: skip
