"""Write API throughput: ``POST /api/v1/members`` on one worker, through the real HTTP stack.

The organisation tree and the employer are created through the API first, like a city
federation setting up; then every admission carries a distinct, valid ID number.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

import httpx
import orjson
from shared.identifiers import Sex, make_id_number, make_uscc

from bench.loadgen import LoadResult, RequestFactory, build_request, run_load
from bench.profiling import profiled
from bench.server import ServiceProcess

ADMISSION_REGION = "320102"
FIRST_BIRTH_DATE = date(1970, 1, 1)
PEOPLE_PER_BIRTH_DATE = 100  # make_id_number's order numbers run 0-99 within a day
WARM_UP_REQUESTS = 300
MEMBERS_PATH = "/api/v1/members"


@dataclass(frozen=True)
class Seeded:
    """The grassroots union and the employer members are admitted to."""

    union_id: str
    employer_id: str


@dataclass(frozen=True)
class WriteApiResult:
    """One measured run of admissions."""

    requests: int
    elapsed_seconds: float
    rps: float
    p50_ms: float
    p99_ms: float
    non_2xx: int
    server_cpu_ms_per_request: float
    relay_cpu_ms_per_request: float = 0.0
    """CPU of the service's relay process over the same window, per request."""
    statuses: dict[int, int] = field(default_factory=dict)
    first_failure: str | None = None


def person_id_number(index: int, region: str = ADMISSION_REGION) -> str:
    """A valid ID number, distinct for every ``index`` within one ``region``."""
    born = FIRST_BIRTH_DATE + timedelta(days=index // PEOPLE_PER_BIRTH_DATE)
    sex: Sex = "female" if index % 2 else "male"
    return make_id_number(region, born, index % PEOPLE_PER_BIRTH_DATE, sex)


async def seed_union_and_employer(base_url: str, headers: dict[str, str]) -> Seeded:
    """City → district → street → community → grassroots union, and one employer."""
    async with httpx.AsyncClient(base_url=base_url, headers=headers, timeout=30) as client:
        parent: str | None = None
        for kind, name in (
            ("city_federation", "南京市总工会"),
            ("district_federation", "玄武区总工会"),
            ("street_federation", "新街口街道总工会"),
            ("community_federation", "汉中门社区工联会"),
        ):
            parent = await _found(client, kind, name, parent)
        union = await _found(
            client, "grassroots_union", "甲公司工会", parent, grassroots_mode="single"
        )
        employer = await _created(client, "/api/v1/employers", _employer_body(territory=parent))
    return Seeded(union_id=union, employer_id=employer)


async def _found(
    client: httpx.AsyncClient, kind: str, name: str, parent: str | None, **extra: Any
) -> str:
    body = {"kind": kind, "name": name, "parent_id": parent, "founded_on": "2020-01-01", **extra}
    return await _created(client, "/api/v1/organisations", body)


def _employer_body(territory: str | None) -> dict[str, Any]:
    return {
        "uscc": make_uscc("91320100MA0000001"),
        "name": "甲公司",
        "registration_type": "173",
        "industry": "制造业",
        "territory_org_id": territory,
        "census": {
            "workers": 50_000,
            "women": 25_000,
            "migrant_workers": 12_000,
            "effective_on": "2024-01-01",
        },
    }


async def _created(client: httpx.AsyncClient, path: str, body: dict[str, Any]) -> str:
    response = await client.post(path, json=body)
    if response.status_code != 201:
        raise RuntimeError(f"seeding {path} answered {response.status_code}: {response.text}")
    return str(response.json()["id"])


def admission_request(
    seeded: Seeded, headers: dict[str, str], index: int, *, keyed: bool = False
) -> bytes:
    """The raw HTTP request admitting person ``index``, with an ``Idempotency-Key`` if
    ``keyed`` (as the workbench sends on every form)."""
    body = {
        "name": f"王{index}",
        "id_number": person_id_number(index),
        "mobile": f"138{index:08d}",
        "household_type": "agricultural" if index % 3 == 0 else "non_agricultural",
        "employer_id": seeded.employer_id,
        "union_id": seeded.union_id,
        "joined_on": "2024-03-01",
    }
    if keyed:
        headers = {**headers, "Idempotency-Key": f"bench-admission-{index}"}
    return build_request("POST", MEMBERS_PATH, orjson.dumps(body), headers)


async def measure_admissions(
    service: ServiceProcess,
    seeded: Seeded,
    headers: dict[str, str],
    requests: int,
    connections: int,
    *,
    keyed: bool = False,
) -> WriteApiResult:
    """Time ``requests`` admissions over ``connections`` sockets, after a warm-up.

    ``keyed`` times ``requests`` more admissions instead (people numbered after the plain run
    and its warm-up), each with its own ``Idempotency-Key``: the key claimed and the response
    stored in the command's transaction, as for the workbench's requests.
    """
    first = requests + WARM_UP_REQUESTS if keyed else 0
    if not keyed:
        warm = [admission_request(seeded, headers, requests + i) for i in range(WARM_UP_REQUESTS)]
        await run_load(service.port, warm.__getitem__, WARM_UP_REQUESTS, connections)

    def make(i: int) -> bytes:
        return admission_request(seeded, headers, first + i, keyed=keyed)

    name = "admissions_keyed" if keyed else "admissions"
    return await timed_load(service, name, make, requests, connections)


async def timed_load(
    service: ServiceProcess, name: str, make: RequestFactory, requests: int, connections: int
) -> WriteApiResult:
    """Time ``requests`` requests against ``service``, with its CPU and (when asked) a
    profile named ``name`` recorded over exactly the timed load."""
    cpu_before, relay_before = service.cpu_seconds(), service.relay_cpu_seconds()
    async with profiled(service.pid, name):
        load = await run_load(service.port, make, requests, connections)
    result = _summarise(load, service.cpu_seconds() - cpu_before)
    relay_seconds = service.relay_cpu_seconds() - relay_before
    return replace(result, relay_cpu_ms_per_request=relay_seconds * 1000 / max(load.requests, 1))


def _summarise(load: LoadResult, server_cpu_seconds: float) -> WriteApiResult:
    failure = load.first_failure
    return WriteApiResult(
        requests=load.requests,
        elapsed_seconds=load.elapsed,
        rps=load.rps,
        p50_ms=load.percentile(0.50) * 1000,
        p99_ms=load.percentile(0.99) * 1000,
        non_2xx=load.failures,
        server_cpu_ms_per_request=server_cpu_seconds * 1000 / max(load.requests, 1),
        statuses=dict(sorted(load.statuses.items())),
        first_failure=failure.decode("utf-8", errors="replace")[:500] if failure else None,
    )
