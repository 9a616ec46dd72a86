"""The demo's year of assistance loaded through the real membership, assistance and reporting
apps (their relays and consumers running) on PostgreSQL and JetStream: reporting's figures
equal the plan's, and a second run creates nothing."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from dataclasses import dataclass
from typing import Any

import httpx
import nats
import pytest
import pytest_asyncio
from assistance.config import MIGRATIONS_DIR as ASSISTANCE_MIGRATIONS
from assistance.config import SCHEMA as ASSISTANCE_SCHEMA
from assistance.config import AssistanceSettings
from assistance.entrypoints.app import create_app as create_assistance_app
from fastapi import FastAPI
from membership.config import MIGRATIONS_DIR as MEMBERSHIP_MIGRATIONS
from membership.config import SCHEMA as MEMBERSHIP_SCHEMA
from membership.config import MembershipSettings
from membership.entrypoints.app import create_app as create_membership_app
from reporting.config import MIGRATIONS_DIR as REPORTING_MIGRATIONS
from reporting.config import SCHEMA as REPORTING_SCHEMA
from reporting.config import ReportingSettings
from reporting.entrypoints.app import create_app as create_reporting_app
from rich.console import Console
from shared.auth import issue_token
from shared.bus import ASSISTANCE_STREAM, DEAD_LETTER_STREAM, MEMBERSHIP_STREAM, provision
from shared.identifiers import today_in_china
from shared.migrations import migrate

from demo.assistance_access import Officers
from demo.assistance_run import AssistanceSide, wait_for_replica
from demo.loader import DemoFailed
from demo.plan import Size
from demo.run import run_demo

SMALL = Size(employers=20, members=200)
PATIENCE_SECONDS = 60


@dataclass
class Platform:
    membership: httpx.AsyncClient
    assistance: httpx.AsyncClient
    reporting: httpx.AsyncClient
    settings: AssistanceSettings
    admin: dict[str, str]

    async def run(self, console: Console) -> Any:
        side = AssistanceSide(self.assistance, self.settings, PATIENCE_SECONDS)
        return await run_demo(
            SMALL, self.membership, self.reporting, console,
            patience_seconds=PATIENCE_SECONDS, assistance=side,
        )  # fmt: skip

    async def assistance_page(self, path: str, **params: Any) -> dict[str, Any]:
        response = await self.assistance.get(path, params=params, headers=self.admin)
        assert response.status_code == 200, response.text
        page: dict[str, Any] = response.json()
        return page


async def _client(stack: AsyncExitStack, app: FastAPI, **kwargs: Any) -> httpx.AsyncClient:
    await stack.enter_async_context(app.router.lifespan_context(app))
    transport = httpx.ASGITransport(app=app)
    return await stack.enter_async_context(
        httpx.AsyncClient(transport=transport, base_url="http://app.test", **kwargs)
    )


@pytest_asyncio.fixture
async def platform(database_url: str, nats_url: str) -> AsyncIterator[Platform]:
    await migrate(database_url, MEMBERSHIP_SCHEMA, MEMBERSHIP_MIGRATIONS)
    await migrate(database_url, ASSISTANCE_SCHEMA, ASSISTANCE_MIGRATIONS)
    await migrate(database_url, REPORTING_SCHEMA, REPORTING_MIGRATIONS)
    nc = await nats.connect(nats_url)
    await provision(nc.jetstream(), [MEMBERSHIP_STREAM, ASSISTANCE_STREAM, DEAD_LETTER_STREAM])
    await nc.close()
    membership_settings = MembershipSettings(
        environment="test", database_url=database_url, nats_url=nats_url
    )
    assistance_settings = AssistanceSettings(
        environment="test",
        database_url=database_url,
        nats_url=nats_url,
        overdue_check_interval_seconds=0,
    )
    reporting_settings = ReportingSettings(
        environment="test", database_url=database_url, nats_url=nats_url
    )
    token = issue_token(membership_settings, subject="demo-test", roles=["city_admin"], org_id=None)
    admin = {"Authorization": f"Bearer {token}"}
    async with AsyncExitStack() as stack:
        membership = await _client(stack, create_membership_app(membership_settings), headers=admin)
        assistance = await _client(stack, create_assistance_app(assistance_settings))
        reporting = await _client(stack, create_reporting_app(reporting_settings), headers=admin)
        yield Platform(membership, assistance, reporting, assistance_settings, admin)


@pytest.mark.integration
async def test_reporting_shows_the_year_of_assistance_the_demo_loaded(platform: Platform) -> None:
    console = Console(quiet=True)

    outcome = await platform.run(console)

    assistance = outcome.assistance
    assert assistance is not None
    assert assistance.created
    assert assistance.reported == assistance.expected
    assert outcome.succeeded
    assert assistance.statistics["name"] == "夫子庙街道总工会"
    assert assistance.as_of == today_in_china()
    filed = assistance.expected["households"]["filed"]
    files = await platform.assistance_page("/api/v1/households", limit=1)
    assert files["total"] == filed > 0


@pytest.mark.integration
async def test_applications_pass_three_people_and_the_approved_are_paid_once(
    platform: Platform,
) -> None:
    outcome = await platform.run(Console(quiet=True))

    applications = (await platform.assistance_page("/api/v1/applications"))["items"]
    approved = [a for a in applications if a["status"] == "approved"]
    rejected = [a for a in applications if a["status"] == "rejected"]
    assert len(approved) == 3
    assert [(a["rejected_step"], a["rejection_reason"]) for a in rejected] == [
        ("review", "insufficient_documents")
    ]
    for application in approved:
        actors = {application["opinion_by"], application["reviewed_by"], application["approved_by"]}
        assert len(actors) == 3
        assert application["budget_org_id"] == outcome.street_id
        payments = await platform.assistance_page(
            "/api/v1/payments", application_id=application["id"]
        )
        assert [(p["status"], p["amount_fen"]) for p in payments["items"]] == [
            ("paid", application["approved_fen"])
        ]


@pytest.mark.integration
async def test_a_second_run_finds_the_assistance_demo_and_creates_nothing(
    platform: Platform,
) -> None:
    console = Console(quiet=True)
    first = await platform.run(console)
    files = (await platform.assistance_page("/api/v1/households", limit=1))["total"]
    visits = (await platform.assistance_page("/api/v1/visits", limit=1))["total"]

    again = await platform.run(console)

    assert again.assistance is not None
    assert not again.assistance.created
    assert again.succeeded
    assert first.assistance is not None
    assert again.assistance.statistics == first.assistance.statistics
    assert (await platform.assistance_page("/api/v1/households", limit=1))["total"] == files
    assert (await platform.assistance_page("/api/v1/visits", limit=1))["total"] == visits


@pytest.mark.integration
async def test_the_loader_gives_up_clearly_when_assistance_never_learns_the_street(
    platform: Platform,
) -> None:
    unknown_street = Officers(platform.settings, str(uuid.uuid4()))

    with pytest.raises(DemoFailed, match="未同步会籍服务的组织和会员数据"):
        await wait_for_replica(platform.assistance, unknown_street, patience_seconds=1)
