"""The hand-computed district of :mod:`.scenario` plus a joint union with a committee and an
employer whose census left women and migrant workers unknown, served by the app.

Extras, all in 2024 under 梅园街道 (S2): union UX (grassroots, joint) founded 06-01 with a
committee of 5 elected for 2024-06-01–2029-05-31; employer EX (registration type 310, class
外商投资) registered 03-01 with a census of 10 workers, women and migrant workers unknown;
member M6 transferred from UA into UX on 07-01, whose admission reporting never received (so
neither sex nor 农民工 status is known).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any
from uuid import UUID, uuid4

import httpx
from reporting.entrypoints.app import create_app
from shared.auth import issue_token
from shared.contracts import membership as c
from shared.contracts.envelope import CloudEvent

from .conftest import Bus, envelope
from .scenario import Scenario


@dataclass
class District:
    scenario: Scenario = field(default_factory=Scenario)
    ux: UUID = field(default_factory=uuid4)
    ex: UUID = field(default_factory=uuid4)
    committee: UUID = field(default_factory=uuid4)
    m6: UUID = field(default_factory=uuid4)

    def events(self) -> list[CloudEvent]:
        s = self.scenario
        founded = c.UnionFounded(
            org_id=self.ux,
            occurred_on=date(2024, 6, 1),
            parent_id=s.s2,
            kind="grassroots_union",
            grassroots_mode="joint",
            name="丁联合工会",
        )
        elected = c.CommitteeElected(
            org_id=self.ux,
            occurred_on=date(2024, 6, 1),
            committee_id=self.committee,
            elected_on=date(2024, 6, 1),
            term_start=date(2024, 6, 1),
            term_end=date(2029, 5, 31),
            size=5,
            by_role={"chair": 1, "vice_chair": 1, "member": 3},
            women=2,
            sex_recorded=5,
            full_time=1,
        )
        registered = c.EmployerRegistered(
            org_id=s.s2,
            occurred_on=date(2024, 3, 1),
            employer_id=self.ex,
            uscc="91320100MA9999999X",
            registration_type="310",
            ownership_class="foreign",
            industry="制造业",
        )
        census = c.EmployerCensusUpdated(
            org_id=s.s2,
            occurred_on=date(2024, 3, 1),
            employer_id=self.ex,
            workers=10,
            women=None,
            migrant_workers=None,
        )
        moved_in = c.MemberTransferred(
            org_id=self.ux,
            occurred_on=date(2024, 7, 1),
            member_id=self.m6,
            transfer_id=uuid4(),
            from_union_id=s.ua,
            to_union_id=self.ux,
            employer_id=s.eb1,
            reason="relocation",
        )
        return [*s.events(), envelope(founded, self.ux, 1), envelope(elected, self.ux, 2),
                envelope(registered, self.ex, 1), envelope(census, self.ex, 2),
                envelope(moved_in, self.m6, 2)]  # fmt: skip


@dataclass
class AnnualApi:
    http: httpx.AsyncClient
    bus: Bus
    district: District

    async def get(self, path: str, role: str = "city_admin", org: UUID | None = None,
                  **params: Any) -> httpx.Response:  # fmt: skip
        token = issue_token(self.bus.container.settings, subject=f"{role}-tester", roles=[role],
                            org_id=str(org) if org else None)  # fmt: skip
        return await self.http.get(path, params=params,
                                   headers={"Authorization": f"Bearer {token}"})  # fmt: skip

    async def json(self, path: str, role: str = "city_admin", org: UUID | None = None,
                   **params: Any) -> Any:  # fmt: skip
        response = await self.get(path, role, org, **params)
        assert response.status_code == 200, response.text
        return response.json()

    async def cells(self, table: str, org: UUID, **params: Any) -> dict[str, Any]:
        body = await self.json(f"/api/v1/annual-report/{table}", org_id=str(org), **params)
        return {cell["key"]: _number(cell["value"]) for cell in body["cells"]}

    async def all_facts(self, table: str, cell: str, org: UUID, role: str = "city_admin",
                        **params: Any) -> list[dict[str, Any]]:  # fmt: skip
        """Every fact of the cell, page by page (three a page, so paging is exercised)."""
        found: list[dict[str, Any]] = []
        cursor: str | None = None
        while True:
            query = {"org_id": str(org), "limit": 3, **params}
            if cursor:
                query["cursor"] = cursor
            page = await self.json(f"/api/v1/annual-report/{table}/cells/{cell}/facts", role,
                                   **query)  # fmt: skip
            found += page["facts"]
            cursor = page["next_cursor"]
            if cursor is None:
                assert page["total"] == len(found)
                return found


def _number(value: Any) -> Any:
    return Decimal(value) if isinstance(value, str) else value


def facts_figure(kind: str, facts: list[dict[str, Any]]) -> Any:
    """What the facts add up to: their number, or the sum of their values for a sum cell."""
    if kind == "sum":
        return sum((Decimal(str(f["value"])) for f in facts), Decimal(0))
    return len(facts)


async def serve(bus: Bus) -> AsyncIterator[AnnualApi]:
    """The district applied, and the app (its consumers off) over it."""
    district = District()
    for event in district.events():
        await bus.publish(event)
    await bus.drain()
    settings = bus.container.settings.model_copy(update={"run_consumers": False})
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://r.test") as http:
            yield AnnualApi(http, bus, district)
