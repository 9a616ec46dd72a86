"""A lost NATS store is reported on ``/readyz`` and ``/metrics``, and one command recovers it.

Membership (with its relay) and reporting (with its consumers) run in-process against a
nats-server of the test's own. Some admissions reach the figures, more are published while
reporting is down; then the server loses its whole store. Reporting comes back on empty
streams and says so; ``recover`` for membership, then for reporting, brings every admission
back into the figures exactly once.
"""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date
from typing import Any

import httpx
import pytest
from membership.entrypoints.service import SERVICE as MEMBERSHIP
from reporting.entrypoints.service import SERVICE as REPORTING
from shared.auth import issue_token
from shared.bus import connect_nats, provision
from shared.db import create_pool
from shared.devstack import NatsServer
from shared.identifiers import make_id_number
from shared.migrations import migrate
from shared.outbox.maintenance import outbox_backlog
from shared.recovery import recover
from shared.service import ServiceDescription, load
from shared.settings import ServiceSettings

from .conftest import Platform
from .test_admit_to_report import created, plant_city_with_a_covered_employer

BEFORE, WHILE_DOWN = 3, 4
PATIENCE_SECONDS = 15.0
LOST_GAUGE = 'unionhub_consumer_stream_lost{consumer="reporting-membership"}'


async def admit(platform: Platform, union: str, employer: str, numbers: range) -> None:
    for number in numbers:
        await created(
            platform.membership,
            "/api/v1/members",
            {
                "name": f"会员{number}",
                "id_number": make_id_number("320104", date(1990, 1, 1), number, "male"),
                "mobile": f"139000000{number:02d}",
                "household_type": "non_agricultural",
                "employer_id": employer,
                "union_id": union,
                "joined_on": "2024-03-01",
            },
        )


async def admitted(reporting: httpx.AsyncClient, city: str) -> int:
    response = await reporting.get("/api/v1/statistics", params={"org_id": city, "period": "2024"})
    assert response.status_code in (200, 404), response.text
    return int(response.json()["flows"]["members_admitted"]) if response.status_code == 200 else 0


async def until(check: Any, what: str) -> None:
    deadline = asyncio.get_running_loop().time() + PATIENCE_SECONDS
    while not await check():
        if asyncio.get_running_loop().time() > deadline:
            pytest.fail(f"{what} within {PATIENCE_SECONDS:g} s")
        await asyncio.sleep(0.1)


@asynccontextmanager
async def serving(
    service: ServiceDescription, settings: ServiceSettings, headers: dict[str, str]
) -> AsyncIterator[httpx.AsyncClient]:
    """The service's app with its full lifespan (relay, consumers), and a client on it."""
    app = load(service.app)(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(
            transport=transport, base_url=f"http://{service.name}.test", headers=headers
        ) as client:
            yield client


async def readiness(reporting: httpx.AsyncClient) -> tuple[int, dict[str, Any]]:
    response = await reporting.get("/readyz")
    return response.status_code, response.json()["checks"]["membership_consumer"]


async def lost_gauge(reporting: httpx.AsyncClient) -> str:
    metrics = (await reporting.get("/metrics")).text
    return next(line for line in metrics.splitlines() if line.startswith(LOST_GAUGE))


async def test_a_lost_store_is_reported_and_one_command_recovers_it(
    database_url: str, private_nats: NatsServer
) -> None:
    membership_settings = MEMBERSHIP.settings(
        environment="test", database_url=database_url, nats_url=private_nats.url
    )
    reporting_settings = REPORTING.settings(
        environment="test", database_url=database_url, nats_url=private_nats.url
    )
    for service in (MEMBERSHIP, REPORTING):
        await migrate(database_url, service.schema, service.migrations)
    nc = await connect_nats([private_nats.url], "stream-loss-test")
    await provision(nc.jetstream(), MEMBERSHIP.streams)
    await nc.close()
    token = issue_token(membership_settings, subject="tester", roles=["city_admin"], org_id=None)
    headers = {"Authorization": f"Bearer {token}"}
    outbox = await create_pool(database_url, MEMBERSHIP.schema, min_size=1, max_size=1)
    try:
        async with serving(MEMBERSHIP, membership_settings, headers) as membership:
            async with serving(REPORTING, reporting_settings, headers) as reporting:
                platform = Platform(membership, reporting)
                city, union, employer = await plant_city_with_a_covered_employer(platform)
                await admit(platform, union, employer, range(1, BEFORE + 1))

                async def first_counted() -> bool:
                    return await admitted(reporting, city) == BEFORE

                await until(first_counted, "reporting did not count the first admissions")
            # Published while reporting is down: in the stream only, read by no one yet.
            await admit(platform, union, employer, range(BEFORE + 1, BEFORE + WHILE_DOWN + 1))

            async def all_published() -> bool:
                async with outbox.acquire() as conn:
                    return await outbox_backlog(conn) == 0

            await until(all_published, "the relay did not publish the admissions")
            await asyncio.to_thread(private_nats.stop)
            await asyncio.to_thread(shutil.rmtree, private_nats.root / "jetstream")
            await asyncio.to_thread(private_nats.start)

            async with serving(REPORTING, reporting_settings, headers) as reporting:
                status, check = await readiness(reporting)
                assert status == 503
                assert check["ok"] is False
                assert check["detail"]["code"] == "stream_recreated"
                assert "recover" in check["detail"]["reason"]
                assert (await lost_gauge(reporting)).endswith(" 1.0")

                said: list[str] = []
                await recover(MEMBERSHIP, membership_settings, within=20, say=said.append)
                await recover(REPORTING, reporting_settings, within=20, say=said.append)

                assert said[-1] == "reporting 恢复完成 (recovered)"
                assert await admitted(reporting, city) == BEFORE + WHILE_DOWN
                assert (await readiness(reporting))[0] == 200
                assert (await lost_gauge(reporting)).endswith(" 0.0")
    finally:
        await outbox.close()
