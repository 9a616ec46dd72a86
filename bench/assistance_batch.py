"""A festival payment batch of 10,000 households, through the assistance service's batch job.

The organisation replica and the households on file are written straight into the tables
(they come from other steps of the real flow); the budget is set and the batch started and
paid by the service's own handlers and background job, in this process, chunk by chunk as
the API's job does. Afterwards every household must have exactly one payment and the budget
must be used exactly: count, distinct households, sums and the ``AidPaid`` outbox rows.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass

import asyncpg
from assistance.bootstrap import build_container
from assistance.config import MIGRATIONS_DIR, SCHEMA, AssistanceSettings
from assistance.service_layer.aid import commands as c
from assistance.service_layer.aid.payment_batch_job import DEFAULT_CHUNK_SIZE, run_payment_batch
from assistance.service_layer.handlers import handle
from shared.adapters import Connection
from shared.identifiers import today_in_china
from shared.migrations import migrate

from bench.stack import Stack

EACH_FEN = 50_000  # 500 yuan per household, a usual Spring Festival amount


@dataclass(frozen=True)
class AssistanceBatchResult:
    """What the batch did and how fast; ``exactly_once`` sums up the checks."""

    households: int
    payments: int
    distinct_households: int
    paid_fen: int
    budget_paid_fen: int
    aid_paid_events: int
    chunk_size: int
    elapsed_seconds: float

    @property
    def payments_per_second(self) -> float:
        return self.payments / self.elapsed_seconds

    @property
    def exactly_once(self) -> bool:
        expected = self.households * EACH_FEN
        return (
            self.payments == self.distinct_households == self.aid_paid_events == self.households
            and self.paid_fen == self.budget_paid_fen == expected
        )


async def _seed(conn: Connection, households: int) -> tuple[uuid.UUID, uuid.UUID]:
    """City → street → community → grassroots union, and ``households`` files on file there."""
    city, street, community, union = (uuid.uuid4() for _ in range(4))
    path = "/"
    for org_id, parent, kind in (
        (city, None, "city_federation"),
        (street, city, "street_federation"),
        (community, street, "community_federation"),
        (union, community, "grassroots_union"),
    ):
        path += f"{org_id}/"
        await conn.execute(
            "INSERT INTO org_replica (id, parent_id, kind, name, path, version)"
            " VALUES ($1, $2, $3, $4, $5, 1)",
            org_id, parent, kind, f"bench {kind}", path,
        )  # fmt: skip
    await conn.execute(
        "INSERT INTO households (id, org_id, head_name_cipher, head_id_number_index,"
        " head_id_number_cipher, level, causes, monthly_income_per_capita_fen, temporary, status,"
        " created_on, filed_on, last_verified_on, version)"
        " SELECT gen_random_uuid(), $1, '\\x00', 'bench-' || n, '\\x00', 'deep', '{illness}',"
        " 60000, false, 'filed', current_date, current_date, current_date, 3"
        " FROM generate_series(1, $2) AS n",
        union,
        households,
    )
    return street, community


async def _check(
    conn: Connection, batch_id: uuid.UUID, budget_org: uuid.UUID, year: int
) -> asyncpg.Record:
    # The batch's own budget and AidPaid rows only: in a whole `make bench` the assistance
    # step has written budgets and payments of its own into the same schema before.
    row = await conn.fetchrow(
        "SELECT count(*) AS payments, count(DISTINCT household_id) AS distinct_households,"
        " coalesce(sum(amount_fen), 0) AS paid_fen,"
        " (SELECT paid_fen FROM aid_budgets WHERE org_id = $2"
        "  AND programme = 'festival_consolation' AND year = $3) AS budget_paid_fen,"
        " (SELECT count(*) FROM outbox WHERE event_type = 'assistance.aid.paid'"
        "  AND (payload -> 'data' ->> 'batch_id')::uuid = $1) AS aid_paid"
        " FROM aid_payments WHERE batch_id = $1",
        batch_id,
        budget_org,
        year,
    )
    assert row is not None
    found: asyncpg.Record = row
    return found


async def measure_assistance_batch(
    stack: Stack, households: int = 10_000, chunk_size: int = DEFAULT_CHUNK_SIZE
) -> AssistanceBatchResult:
    """Seed, then time the batch from its start command to its last chunk."""
    await migrate(stack.dsn, SCHEMA, MIGRATIONS_DIR)
    settings = AssistanceSettings(
        environment="dev", database_url=stack.dsn, nats_url=stack.nats_url
    )
    container = await build_container(settings)
    try:
        async with container.pool.acquire() as conn:
            street, community = await _seed(conn, households)
        year = today_in_china().year
        budget = c.AllocateBudget(
            scope_root=None, org_id=street, programme="festival_consolation", year=year,
            amount_fen=households * EACH_FEN,
        )  # fmt: skip
        await handle(budget, container.uow())
        batch_id = uuid.uuid4()
        started = time.perf_counter()
        start = c.StartPaymentBatch(
            scope_root=None, batch_id=batch_id, programme="festival_consolation", year=year,
            budget_org_id=street, amount_fen=EACH_FEN, method="cash", created_by="bench",
            org_id=community,
        )  # fmt: skip
        await handle(start, container.uow())
        await run_payment_batch(batch_id, container.uow, chunk_size=chunk_size)
        elapsed = time.perf_counter() - started
        async with container.pool.acquire() as conn:
            found = await _check(conn, batch_id, street, year)
    finally:
        await container.pool.close()
    return AssistanceBatchResult(
        households=households,
        payments=int(found["payments"]),
        distinct_households=int(found["distinct_households"]),
        paid_fen=int(found["paid_fen"]),
        budget_paid_fen=int(found["budget_paid_fen"]),
        aid_paid_events=int(found["aid_paid"]),
        chunk_size=chunk_size,
        elapsed_seconds=elapsed,
    )


def assistance_batch_note(result: AssistanceBatchResult | None, error: str) -> str:
    """The table's note: what ran and whether every household was paid exactly once."""
    if result is None:
        return error
    verdict = "each household paid exactly once ✓" if result.exactly_once else "NOT exactly once ✗"
    return (
        f"{result.households:,} households × {EACH_FEN / 100:.0f} yuan, batch job in chunks of "
        f"{result.chunk_size} (one transaction each, fsync on): {result.payments:,} payments, "
        f"{result.distinct_households:,} distinct households, {result.aid_paid_events:,} AidPaid, "
        f"budget paid {result.budget_paid_fen / 100:,.0f} yuan in {result.elapsed_seconds:.2f} s; "
        f"{verdict}"
    )
