"""Assistance commands through the API, on one worker: ``POST /api/v1/households`` (建档立卡,
each household headed by a person of its own), then ``POST /api/v1/payments/{id}/disburse``
(资金发放, one pending payment per household filed), over the bench's connections.

What other steps of the real flow would make is written straight into the assistance tables:
the organisation replica (membership's events) and, for the disbursements, a budget with the
amounts reserved, an approved application per household and its pending payment (the
application chain is four commands each). The disbursement then runs the whole command: the
payment row locked, the budget settled, ``AidPaid`` in the outbox.
"""

from __future__ import annotations

import asyncio
import uuid
from dataclasses import dataclass

import asyncpg
import orjson
from assistance.config import MIGRATIONS_DIR, SCHEMA, STREAMS
from shared.devstack import free_port

from bench.loadgen import build_request, run_load
from bench.server import ServiceProcess
from bench.stack import Stack, prepare_service
from bench.write_api import WARM_UP_REQUESTS, WriteApiResult, person_id_number, timed_load

HOUSEHOLDS_PATH = "/api/v1/households"
FILING_REGION = "320106"  # people of their own, apart from the admissions' and the cases'
PAYMENTS_PATH = "/api/v1/payments"
PAYMENT_FEN = 50_000


@dataclass(frozen=True)
class AssistanceApiResult:
    """The household filing load, then the disbursement of one payment per household."""

    filing: WriteApiResult
    disbursement: WriteApiResult


async def _prepare(stack: Stack) -> str:
    """Migrate, provision the streams, and write city → street → community → union into the
    replica; returns the union's id, where the households are filed."""
    await prepare_service(stack, SCHEMA, MIGRATIONS_DIR, STREAMS)
    conn = await asyncpg.connect(stack.dsn, server_settings={"search_path": SCHEMA})
    try:
        parent, path = None, "/"
        for kind in ("city_federation", "street_federation", "community_federation",
                     "grassroots_union"):  # fmt: skip
            org_id = uuid.uuid4()
            path += f"{org_id}/"
            await conn.execute(
                "INSERT INTO org_replica (id, parent_id, kind, name, path, version)"
                " VALUES ($1, $2, $3, $4, $5, 1)",
                org_id, parent, kind, f"bench {kind}", path,
            )  # fmt: skip
            parent = org_id
    finally:
        await conn.close()
    return str(parent)


def filing_request(union: str, headers: dict[str, str], index: int) -> bytes:
    """Opening the file of household ``index``: its head, deep hardship through illness."""
    body = {
        "head": {
            "name": f"赵{index}",
            "id_number": person_id_number(index, FILING_REGION),
            "phone": f"137{index:08d}",
        },
        "level": "deep",
        "causes": ["illness"],
        "monthly_income_per_capita_fen": 60_000,
        "org_id": union,
    }
    return build_request("POST", HOUSEHOLDS_PATH, orjson.dumps(body), headers)


def disbursement_request(payment_id: uuid.UUID, headers: dict[str, str]) -> bytes:
    """Confirming that ``payment_id`` was paid by bank transfer today."""
    body = orjson.dumps({"method": "bank_transfer"})
    return build_request("POST", f"{PAYMENTS_PATH}/{payment_id}/disburse", body, headers)


async def _pending_payments(stack: Stack, union: str) -> list[uuid.UUID]:
    """A budget with every amount reserved, an approved application and a pending payment per
    household filed under ``union``; returns the payments' ids."""
    conn = await asyncpg.connect(stack.dsn, server_settings={"search_path": SCHEMA})
    try:
        async with conn.transaction():
            households = [row["id"] for row in await conn.fetch(
                "SELECT id FROM households WHERE org_id = $1 ORDER BY id", uuid.UUID(union))]  # fmt: skip
            budget, org = uuid.uuid4(), uuid.UUID(union)
            total = PAYMENT_FEN * len(households)
            await conn.execute(
                "INSERT INTO aid_budgets (id, org_id, programme, year, amount_fen, reserved_fen,"
                " version) VALUES ($1, $2, 'emergency_relief', extract(year FROM current_date),"
                " $3, $3, 1)",
                budget, org, total,
            )  # fmt: skip
            rows = [(uuid.uuid4(), uuid.uuid4(), household) for household in households]
            await conn.executemany(_APPROVED_APPLICATION, [(a, h, budget, org, PAYMENT_FEN)
                                                           for a, _, h in rows])  # fmt: skip
            await conn.executemany(_PENDING_PAYMENT, [(p, a, h, budget, org, PAYMENT_FEN)
                                                      for a, p, h in rows])  # fmt: skip
    finally:
        await conn.close()
    return [payment for _, payment, _ in rows]


_APPROVED_APPLICATION = (
    "INSERT INTO aid_applications (id, programme, org_id, household_id, requested_fen,"
    " submitted_on, submitted_by, status, opinion_by, opinion_on, reviewed_by, reviewed_on,"
    " approved_by, approved_on, approved_fen, budget_id, budget_org_id, version)"
    " VALUES ($1, 'emergency_relief', $4, $2, $5, current_date, 'bench-a', 'approved',"
    " 'bench-a', current_date, 'bench-b', current_date, 'bench-c', current_date, $5, $3, $4, 4)"
)
_PENDING_PAYMENT = (
    "INSERT INTO aid_payments (id, application_id, org_id, household_id, programme, budget_id,"
    " budget_org_id, amount_fen, status, created_on, version)"
    " VALUES ($1, $2, $5, $3, 'emergency_relief', $4, $5, $6, 'pending', current_date, 1)"
)


async def measure_assistance_api(
    stack: Stack, env: dict[str, str], headers: dict[str, str], requests: int, connections: int
) -> AssistanceApiResult:
    """Start ``assistance serve``, warm up, time ``requests`` household files, then the
    disbursement of a payment to each household filed (warm-up ones included, first)."""
    union = await _prepare(stack)
    service = ServiceProcess(free_port(), env, stack.root / "assistance.log", service="assistance")
    await asyncio.to_thread(service.start)
    try:
        offset = 1_000_000
        await run_load(service.port, lambda i: filing_request(union, headers, offset + i),
                       WARM_UP_REQUESTS, connections)  # fmt: skip
        filing = await timed_load(service, "assistance_filing",
                                  lambda i: filing_request(union, headers, i),
                                  requests, connections)  # fmt: skip
        payments = await _pending_payments(stack, union)
        warm, timed = payments[:WARM_UP_REQUESTS], payments[WARM_UP_REQUESTS:]
        await run_load(service.port, lambda i: disbursement_request(warm[i], headers),
                       len(warm), connections)  # fmt: skip
        disbursement = await timed_load(service, "assistance_disbursement",
                                        lambda i: disbursement_request(timed[i], headers),
                                        len(timed), connections)  # fmt: skip
        return AssistanceApiResult(filing, disbursement)
    finally:
        await asyncio.to_thread(service.stop)
