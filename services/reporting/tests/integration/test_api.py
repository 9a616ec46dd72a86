"""The HTTP API on the running app: figures, per-child breakdown, scope, errors, readiness."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any
from uuid import UUID

import httpx
import nats
import pytest
import pytest_asyncio
from reporting.config import MIGRATIONS_DIR, SCHEMA, ReportingSettings
from reporting.entrypoints.app import create_app
from shared.auth import issue_token
from shared.bus import MEMBERSHIP_STREAM, provision
from shared.migrations import migrate

from .scenario import Scenario

pytestmark = pytest.mark.integration


@dataclass
class Client:
    http: httpx.AsyncClient
    settings: ReportingSettings
    scenario: Scenario

    async def get(self, path: str, role: str = "city_admin", org: UUID | None = None,
                  **params: Any) -> httpx.Response:  # fmt: skip
        token = issue_token(self.settings, subject=f"{role}-tester", roles=[role],
                            org_id=str(org) if org else None)  # fmt: skip
        return await self.http.get(
            path, params=params, headers={"Authorization": f"Bearer {token}"}
        )


@pytest_asyncio.fixture
async def client(database_url: str, nats_url: str) -> AsyncIterator[Client]:
    await migrate(database_url, SCHEMA, MIGRATIONS_DIR)
    settings = ReportingSettings(environment="test", database_url=database_url, nats_url=nats_url)
    scenario = Scenario()
    events = scenario.events()
    nc = await nats.connect(nats_url)
    await provision(nc.jetstream(), [MEMBERSHIP_STREAM])
    for event in events:
        await nc.jetstream().publish(
            event.nats_subject, event.model_dump_json().encode(), headers={"Nats-Msg-Id": event.id}
        )
    await nc.close()
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        http = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://r.test")
        await _until_applied(app, len(events))
        yield Client(http, settings, scenario)
        await http.aclose()


async def _until_applied(app: Any, count: int) -> None:
    """Wait for the lifespan's consumer to apply ``count`` messages, failing after a while."""
    pool = app.state.container.pool
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 20
    while (await pool.fetchval("SELECT max(last_seq) FROM consumer_tracking") or 0) < count:
        if loop.time() > deadline:
            pytest.fail(f"the consumer did not apply {count} messages")
        await asyncio.sleep(0.05)


async def test_district_analyst_reads_a_street_half_year(client: Client) -> None:
    s = client.scenario
    response = await client.get("/api/v1/statistics", "analyst", s.district,
                                org_id=str(s.s1), period="2024H1")  # fmt: skip
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["name"] == "新街口街道总工会"
    assert (body["date_from"], body["stock_date"]) == ("2024-01-01", "2024-06-30")
    stock, flows = body["stock"], body["flows"]
    assert (stock["employers"], stock["workers"], stock["covered_employers"]) == (2, 150, 1)
    assert (stock["coverage_rate"], stock["membership_rate"]) == ("50.0", "1.3")
    assert (flows["members_admitted"], flows["admitted_migrant"], flows["transfers_out"]) == (
        4,
        2,
        1,
    )
    assert body["contracts"]["comprehensive"]["in_force"] == 1


async def test_as_of_and_explicit_dates(client: Client) -> None:
    s = client.scenario
    before_move = await client.get("/api/v1/statistics", org_id=str(s.s2), period="2024",
                                   as_of="2024-03-31")  # fmt: skip
    assert before_move.status_code == 200, before_move.text
    assert before_move.json()["stock"]["employers"] == 0
    assert before_move.json()["stock"]["membership_rate"] is None
    by_dates = await client.get("/api/v1/statistics", org_id=str(s.s2),
                                date_from="2024-04-01", date_to="2024-05-31")  # fmt: skip
    assert by_dates.json()["flows"]["transfers_in"] == 1
    assert by_dates.json()["stock"]["active_members"] == 2


async def test_children_breakdown_follows_the_tree_of_the_stock_date(client: Client) -> None:
    s = client.scenario
    june = await client.get("/api/v1/statistics/children", org_id=str(s.s1), period="2024H1")
    assert june.status_code == 200, june.text
    assert [row["org_id"] for row in june.json()["children"]] == [str(s.a)]
    march = await client.get("/api/v1/statistics/children", org_id=str(s.s1), period="2024Q1")
    children = {row["org_id"]: row for row in march.json()["children"]}
    assert set(children) == {str(s.a), str(s.b)}
    total = march.json()["total"]
    assert total["stock"]["workers"] == sum(r["stock"]["workers"] for r in children.values())
    assert total["stock"]["active_members"] == 4


async def test_community_cadre_sees_only_their_own_figures(client: Client) -> None:
    s = client.scenario
    own = await client.get("/api/v1/statistics", "union_cadre", s.a,
                           org_id=str(s.a), period="2024H1")  # fmt: skip
    assert own.status_code == 200
    assert own.json()["stock"]["active_members"] == 2
    for other in (s.s1, s.b, s.district):
        denied = await client.get("/api/v1/statistics", "union_cadre", s.a,
                                  org_id=str(other), period="2024H1")  # fmt: skip
        assert denied.status_code == 404, other
        assert denied.headers["content-type"] == "application/problem+json"
    for org in (s.s1, s.s2, s.a, s.b):
        seen = await client.get("/api/v1/statistics", "analyst", s.district,
                                org_id=str(org), period="2024H1")  # fmt: skip
        assert seen.status_code == 200, org


async def test_refusals(client: Client) -> None:
    s = client.scenario
    assert (await client.http.get("/api/v1/statistics", params={"org_id": str(s.a),
                                                                 "period": "2024"})).status_code == 401  # fmt: skip
    wrong_role = await client.get("/api/v1/statistics", "mediator", s.district,
                                  org_id=str(s.a), period="2024")  # fmt: skip
    assert wrong_role.status_code == 403
    bad = await client.get("/api/v1/statistics", org_id=str(s.a), period="2024H3")
    assert bad.status_code == 422
    neither = await client.get("/api/v1/statistics", org_id=str(s.a))
    assert neither.status_code == 422
    unknown = await client.get("/api/v1/statistics", org_id=str(s.members[0]), period="2024")
    assert unknown.status_code == 404


async def test_readiness_reports_the_consumer_position(client: Client) -> None:
    response = await client.http.get("/readyz")
    assert response.status_code == 200, response.text
    detail = response.json()["checks"]["membership_consumer"]["detail"]
    assert detail["last_applied_sequence"] == len(client.scenario.events())
    assert detail["pending"] == 0
