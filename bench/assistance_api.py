"""Assistance commands through the API, on one worker: ``POST /api/v1/households`` (建档立卡,
each household headed by a person of its own) over the bench's connections.

The organisation replica is written straight into the assistance tables (it comes from
membership's events in the real flow). Payment disbursement (``POST /api/v1/payments/{id}/
disburse``) is not measured yet: its pending payments come from approved applications, four
commands each, which the bench does not set up.
"""

from __future__ import annotations

import asyncio
import uuid

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
DISBURSEMENT_NOTE = (
    "POST /api/v1/payments/{id}/disburse: not measured yet (pending payments come from "
    "approved applications, four commands each)"
)


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


async def measure_household_filing(
    stack: Stack, env: dict[str, str], headers: dict[str, str], requests: int, connections: int
) -> WriteApiResult:
    """Start ``assistance serve``, warm up, then time ``requests`` household files."""
    union = await _prepare(stack)
    service = ServiceProcess(free_port(), env, stack.root / "assistance.log", service="assistance")
    await asyncio.to_thread(service.start)
    try:
        offset = 1_000_000
        await run_load(service.port, lambda i: filing_request(union, headers, offset + i),
                       WARM_UP_REQUESTS, connections)  # fmt: skip
        return await timed_load(service, "assistance_filing",
                                lambda i: filing_request(union, headers, i),
                                requests, connections)  # fmt: skip
    finally:
        await asyncio.to_thread(service.stop)
