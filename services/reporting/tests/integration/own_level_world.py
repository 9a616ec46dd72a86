"""The hand-computed district of :mod:`.scenario` plus facts recorded at 新街口街道 (S1) itself,
served by the app, for reading the breakdowns and employer figures 含下级 and 本级.

Extras: union UJ (grassroots, joint, "新街口联合工会") founded 2024-02-01 directly under S1;
employer ES (registration type 120, class 集体) whose territory is S1 itself, registered
2024-01-05 with 30 workers (12 women, 6 migrant workers), covered by UJ from 2024-02-01; S1's
own committee of 7 (chair 1, vice chairs 2, members 4; 3 women, all sexes recorded, 2
full-time) for 2023-01-01–2027-12-31 and UA's of 3 (chair 1, members 2; 1 woman, all
recorded) for 2024-05-01–2029-04-30; contract KS (wage) signed by S1 itself as the regional
union on 2024-05-01 for ES (1 employer, 30 workers) until 2027-04-30.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from uuid import UUID, uuid4

import httpx
from reporting.entrypoints.app import create_app
from shared.auth import issue_token
from shared.contracts import membership as c
from shared.contracts.envelope import CloudEvent
from shared.contracts.registry import IntegrationEvent

from .conftest import Bus, envelope
from .scenario import Scenario


@dataclass
class OwnLevel:
    scenario: Scenario = field(default_factory=Scenario)
    uj: UUID = field(default_factory=uuid4)
    es: UUID = field(default_factory=uuid4)
    ks: UUID = field(default_factory=uuid4)
    street_committee: UUID = field(default_factory=uuid4)
    ua_committee: UUID = field(default_factory=uuid4)

    def events(self) -> list[CloudEvent]:
        s = self.scenario
        uj: list[IntegrationEvent] = [
            c.UnionFounded(org_id=self.uj, occurred_on=date(2024, 2, 1), parent_id=s.s1,
                           kind="grassroots_union", grassroots_mode="joint", name="新街口联合工会"),
        ]  # fmt: skip
        es: list[IntegrationEvent] = [
            c.EmployerRegistered(org_id=s.s1, occurred_on=date(2024, 1, 5), employer_id=self.es,
                                 uscc="91320100MA8888888X", registration_type="120",
                                 ownership_class="collective", industry="商贸业"),
            c.EmployerCensusUpdated(org_id=s.s1, occurred_on=date(2024, 1, 5),
                                    employer_id=self.es, workers=30, women=12, migrant_workers=6),
            c.EmployerCoverageChanged(org_id=s.s1, occurred_on=date(2024, 2, 1),
                                      employer_id=self.es, covered_by_union_id=self.uj,
                                      coverage_mode="joint"),
        ]  # fmt: skip
        ks: list[IntegrationEvent] = [
            c.ContractSigned(org_id=s.s1, occurred_on=date(2024, 5, 1), contract_id=self.ks,
                             kind="wage", employer_ids=[self.es], signing_party="regional_union",
                             employers_covered=1, workers_covered=30,
                             starts_on=date(2024, 5, 1), ends_on=date(2027, 4, 30)),
        ]  # fmt: skip
        street = _committee(s.s1, self.street_committee, (date(2023, 1, 1), date(2027, 12, 31)),
                            (1, 2, 4), 3, 2)  # fmt: skip
        ua = _committee(s.ua, self.ua_committee, (date(2024, 5, 1), date(2029, 4, 30)),
                        (1, 0, 2), 1, 0)  # fmt: skip
        own = [(self.uj, uj), (self.es, es), (self.ks, ks)]
        return [
            *s.events(),
            *(envelope(e, agg, v + 1) for agg, evs in own for v, e in enumerate(evs)),
            envelope(street, s.s1, 2),
            envelope(ua, s.ua, 2),
        ]


def _committee(org: UUID, committee: UUID, term: tuple[date, date], roles: tuple[int, int, int],
               women: int, full_time: int) -> c.CommitteeElected:  # fmt: skip
    """A committee of chair, vice chairs and members elected on its first day, sexes recorded."""
    size = sum(roles)
    return c.CommitteeElected(
        org_id=org, occurred_on=term[0], committee_id=committee, elected_on=term[0],
        term_start=term[0], term_end=term[1], size=size,
        by_role=dict(zip(("chair", "vice_chair", "member"), roles, strict=True)),
        women=women, sex_recorded=size, full_time=full_time,
    )  # fmt: skip


@dataclass
class OwnLevelApi:
    http: httpx.AsyncClient
    bus: Bus
    world: OwnLevel

    async def get(self, path: str, role: str = "city_admin", org: UUID | None = None,
                  **params: Any) -> httpx.Response:  # fmt: skip
        token = issue_token(self.bus.container.settings, subject=f"{role}-tester", roles=[role],
                            org_id=str(org) if org else None)  # fmt: skip
        return await self.http.get(path, params=params,
                                   headers={"Authorization": f"Bearer {token}"})  # fmt: skip

    async def json(self, path: str, **params: Any) -> Any:
        response = await self.get(path, **params)
        assert response.status_code == 200, response.text
        return response.json()


async def serve(bus: Bus) -> AsyncIterator[OwnLevelApi]:
    """The district and its 本级 extras applied, and the app (its consumers off) over it."""
    world = OwnLevel()
    for event in world.events():
        await bus.publish(event)
    await bus.drain()
    settings = bus.container.settings.model_copy(update={"run_consumers": False})
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://r.test") as http:
            yield OwnLevelApi(http, bus, world)
