"""Disputes case commands through the API, on one worker: ``POST /api/v1/cases`` (案件登记, each
with its own applicant) and then ``POST /api/v1/cases/{id}/accept`` (受理) of every case.

The organisation replica and the employer are written straight into the disputes tables (they
come from membership's events in the real flow); the mediation organisation is set up through
the API like a street federation starting its mediation work.
"""

from __future__ import annotations

import asyncio
import uuid
from dataclasses import dataclass

import asyncpg
import orjson
from disputes.config import MIGRATIONS_DIR, SCHEMA, STREAMS
from shared.devstack import free_port
from shared.identifiers import make_uscc, today_in_china

from bench.loadgen import build_request, run_load
from bench.server import ServiceProcess
from bench.stack import Stack, prepare_service
from bench.write_api import WARM_UP_REQUESTS, WriteApiResult, person_id_number, timed_load

CASES_PATH = "/api/v1/cases"


@dataclass(frozen=True)
class DisputesApiResult:
    """Registration and acceptance of the same cases, each a timed run."""

    register: WriteApiResult
    accept: WriteApiResult


@dataclass(frozen=True)
class Seeded:
    street: str
    employer: str
    centre: str


async def _seed_replica(dsn: str) -> tuple[str, str]:
    """City → street in the replica, and one employer of the street."""
    city, street, employer = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    conn = await asyncpg.connect(dsn, server_settings={"search_path": SCHEMA})
    try:
        await conn.execute(
            "INSERT INTO org_replica (id, parent_id, kind, name, path, version) VALUES"
            " ($1, NULL, 'city_federation', '南京市总工会', $3, 1),"
            " ($2, $1, 'street_federation', '新街口街道总工会', $4, 1)",
            city, street, f"/{city}/", f"/{city}/{street}/",
        )  # fmt: skip
        await conn.execute(
            "INSERT INTO employer_replica (id, org_id, uscc, version) VALUES ($1, $2, $3, 1)",
            employer, street, make_uscc("91320100MA0000001"),
        )  # fmt: skip
    finally:
        await conn.close()
    return str(street), str(employer)


def case_request(seeded: Seeded, headers: dict[str, str], index: int) -> bytes:
    """Registering case ``index``: one applicant of its own, a wage claim."""
    body = {
        "org_id": seeded.street, "mediation_org_id": seeded.centre, "channel": "visit",
        "category": "wages", "workers_involved": 1, "migrant_workers": index % 2,
        "applicants": [{"name": f"王{index}", "id_number": person_id_number(index),
                        "phone": f"138{index:08d}", "migrant_worker": bool(index % 2)}],
        "employer_id": seeded.employer, "claimed_fen": 100_000 + index,
        "facts": "拖欠工资两个月", "claims": "支付拖欠工资",
        "received_on": today_in_china().isoformat(),
    }  # fmt: skip
    return build_request("POST", CASES_PATH, orjson.dumps(body), headers)


async def _case_ids(dsn: str) -> list[str]:
    conn = await asyncpg.connect(dsn, server_settings={"search_path": SCHEMA})
    try:
        rows = await conn.fetch("SELECT id FROM cases WHERE status = 'received' ORDER BY id")
    finally:
        await conn.close()
    return [str(r["id"]) for r in rows]


async def _setup_centre(service: ServiceProcess, headers: dict[str, str], street: str) -> str:
    import httpx

    body = {"org_id": street, "kind": "street_centre", "name": "新街口街道调解分中心"}
    async with httpx.AsyncClient(base_url=service.base_url, headers=headers, timeout=30) as c:
        response = await c.post("/api/v1/mediation-orgs", json=body)
    if response.status_code != 201:
        raise RuntimeError(f"mediation organisation: {response.status_code} {response.text}")
    return str(response.json()["id"])


async def measure_disputes_api(
    stack: Stack, env: dict[str, str], headers: dict[str, str], requests: int, connections: int
) -> DisputesApiResult:
    """Start ``disputes serve``, seed, warm up, then time registrations and acceptances."""
    await prepare_service(stack, SCHEMA, MIGRATIONS_DIR, STREAMS)
    street, employer = await _seed_replica(stack.dsn)
    service = ServiceProcess(free_port(), env, stack.root / "disputes.log", service="disputes")
    await asyncio.to_thread(service.start)
    try:
        seeded = Seeded(street, employer, await _setup_centre(service, headers, street))
        offset = 1_000_000
        await run_load(service.port, lambda i: case_request(seeded, headers, offset + i),
                       WARM_UP_REQUESTS, connections)  # fmt: skip
        register = await timed_load(service, "disputes_register",
                                    lambda i: case_request(seeded, headers, i),
                                    requests, connections)  # fmt: skip
        ids = await _case_ids(stack.dsn)
        body = orjson.dumps({"accepted_on": today_in_china().isoformat()})

        def accept(i: int) -> bytes:
            return build_request("POST", f"{CASES_PATH}/{ids[i]}/accept", body, headers)

        accepted = await timed_load(service, "disputes_accept", accept, len(ids), connections)
    finally:
        await asyncio.to_thread(service.stop)
    return DisputesApiResult(register, accepted)
