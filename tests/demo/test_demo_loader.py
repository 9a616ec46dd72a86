"""The demo loader against the real membership and reporting apps on PostgreSQL and JetStream."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from dataclasses import dataclass
from datetime import date

import httpx
import nats
import pytest
import pytest_asyncio
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
from shared.bus import DEAD_LETTER_STREAM, MEMBERSHIP_STREAM, provision
from shared.identifiers import validate_id_number, validate_uscc
from shared.migrations import migrate

from demo.generate import build_plan
from demo.plan import LAST_DAY, Size
from demo.run import run_demo

SMALL = Size(employers=20, members=200)


@dataclass
class Platform:
    membership: httpx.AsyncClient
    reporting: httpx.AsyncClient


async def _client(
    stack: AsyncExitStack, app: FastAPI, headers: dict[str, str]
) -> httpx.AsyncClient:
    await stack.enter_async_context(app.router.lifespan_context(app))
    transport = httpx.ASGITransport(app=app)
    return await stack.enter_async_context(
        httpx.AsyncClient(transport=transport, base_url="http://app.test", headers=headers)
    )


@pytest_asyncio.fixture
async def platform(database_url: str, nats_url: str) -> AsyncIterator[Platform]:
    await migrate(database_url, MEMBERSHIP_SCHEMA, MEMBERSHIP_MIGRATIONS)
    await migrate(database_url, REPORTING_SCHEMA, REPORTING_MIGRATIONS)
    nc = await nats.connect(nats_url)
    await provision(nc.jetstream(), [MEMBERSHIP_STREAM, DEAD_LETTER_STREAM])
    await nc.close()
    membership_settings = MembershipSettings(
        environment="test", database_url=database_url, nats_url=nats_url
    )
    reporting_settings = ReportingSettings(
        environment="test", database_url=database_url, nats_url=nats_url
    )
    token = issue_token(membership_settings, subject="demo-test", roles=["city_admin"], org_id=None)
    headers = {"Authorization": f"Bearer {token}"}
    async with AsyncExitStack() as stack:
        membership = await _client(stack, create_membership_app(membership_settings), headers)
        reporting = await _client(stack, create_reporting_app(reporting_settings), headers)
        yield Platform(membership, reporting)


@pytest.mark.integration
async def test_reporting_shows_exactly_what_the_demo_loaded(platform: Platform) -> None:
    console = Console(quiet=True)
    outcome = await run_demo(
        SMALL, platform.membership, platform.reporting, console, patience_seconds=30
    )

    assert outcome.created
    assert outcome.reported == outcome.expected
    stock = outcome.expected["stock"]
    assert stock["employers"] == SMALL.employers
    assert 0 < stock["covered_employers"] < SMALL.employers
    assert stock["active_members"] + stock["retained_members"] >= 0.9 * SMALL.members
    assert outcome.statistics["name"] == "夫子庙街道总工会"


@pytest.mark.integration
async def test_a_second_run_finds_the_demo_and_creates_nothing(platform: Platform) -> None:
    console = Console(quiet=True)
    await run_demo(SMALL, platform.membership, platform.reporting, console, patience_seconds=30)
    members_before = (await platform.membership.get("/api/v1/members")).json()["total"]

    again = await run_demo(
        SMALL, platform.membership, platform.reporting, console, patience_seconds=30
    )

    assert not again.created
    assert again.statistics["stock"]["employers"] == SMALL.employers
    assert (await platform.membership.get("/api/v1/members")).json()["total"] == members_before


def test_the_full_plan_is_deterministic_and_follows_the_domain_rules() -> None:
    plan = build_plan(Size())

    assert build_plan(Size()).members == plan.members
    founded = {org.key: org.founded_on for org in plan.orgs}
    covered = [e for e in plan.employers if e.covered_on is not None]
    assert 0.85 <= len(covered) / len(plan.employers) <= 0.90
    assert 2_800 <= len(plan.members) <= 3_200
    assert 0.25 <= sum(m.agricultural for m in plan.members) / len(plan.members) <= 0.35
    assert len({m.id_number for m in plan.members}) == len(plan.members)
    assert all(validate_id_number(m.id_number) for m in plan.members)
    assert len({e.uscc for e in plan.employers}) == len(plan.employers) == 300
    assert all(validate_uscc(e.uscc) == e.uscc for e in plan.employers)
    assert all(date(2024, 1, 1) <= m.joined_on <= LAST_DAY for m in plan.members)
    assert all(founded[m.union_key] <= m.joined_on for m in plan.members)
    joined = {m.index: m.joined_on for m in plan.members}
    assert all(joined[x.member] < x.effective_on <= LAST_DAY for x in plan.movements)
    assert {x.action for x in plan.movements} == {"transfer", "leave", "retain"}
    assert {c.kind for c in plan.contracts} == {"comprehensive", "wage", "women"}
    assert all(c.signed_on < c.starts_on < c.ends_on for c in plan.contracts)
    assert all(founded[c.union_key] <= c.signed_on <= LAST_DAY for c in plan.contracts)
    for org in plan.orgs:
        if org.parent_key is not None:
            assert founded[org.parent_key] < org.founded_on
