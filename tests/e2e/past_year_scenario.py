"""The street's 2025 entered once for a test module, and the reading of its figures."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

from .conftest import Services, running_services
from .past_year_aid import plant_aid
from .past_year_mediation import Mediation, plant_mediation
from .past_year_street import Street, plant_membership
from .past_year_training import Training, plant_training

SETTLE_SECONDS = 30.0  # an upper bound on a loaded machine; the poll ends once everything is in
# The routes that read 本级 with scope=self (the "self" organisation is the street itself).
SELF_SCOPED = (
    "/api/v1/statistics",
    "/api/v1/statistics/breakdowns",
    "/api/v1/statistics/employers",
)


@dataclass
class Scenario:
    services: Services
    street: Street
    imports: dict[str, dict[str, Any]]
    mediation: Mediation | None = None
    training: Training | None = None

    def org(self, name: str) -> str:
        return {"street": self.street.street, "self": self.street.street,
                "A": self.street.community_a, "B": self.street.community_b}[name]  # fmt: skip

    async def read(self, path: str, org: str, window: str, **params: str) -> dict[str, Any]:
        extra = {"scope": "self"} if org == "self" and path in SELF_SCOPED else {}
        response = await self.services.reporting.get(
            path, params={"org_id": self.org(org), "period": window, **extra, **params}
        )
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    async def assistance(self, org: str, window: str) -> dict[str, Any]:
        """The assistance figures; 本级 is the ``self_only`` row of the children breakdown."""
        if org != "self":
            return await self.read("/api/v1/statistics/assistance", org, window)
        both = await self.read("/api/v1/statistics/assistance/children", org, window)
        own: dict[str, Any] = both["self_only"]
        return own


async def settle(scenario: Scenario) -> None:
    """Wait until reporting holds the last fact of each kind entered (or the time is up: the
    assertions then show what is missing)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + SETTLE_SECONDS
    while loop.time() < deadline:
        stats = await scenario.services.reporting.get(
            "/api/v1/statistics", params={"org_id": scenario.street.community_b, "period": "2025"}
        )
        aid = await scenario.services.reporting.get(
            "/api/v1/statistics/assistance",
            params={"org_id": scenario.street.street, "period": "2025"},
        )
        if stats.status_code == aid.status_code == 200:
            b, a = stats.json(), aid.json()
            # M9's transfer, E4's July census, U3's cover and C5, membership's last event; the
            # last visit, payment and file (a fact missing after the wait fails an assertion)
            if (b["flows"]["transfers_in"], b["stock"]["workers"], b["stock"]["covered_employers"],
                    b["contracts"]["women"]["in_force"], a["visits"]["visits"],
                    a["aid"]["payments"], a["households"]["on_file"]) == (1, 1208, 1, 1, 6, 7, 5):  # fmt: skip
                return
        await asyncio.sleep(0.2)


@asynccontextmanager
async def built_scenario(
    database_url: str, nats_url: str, *, mediation_and_training: bool = False
) -> AsyncIterator[Scenario]:
    """The services running with the street's 2025 entered and applied by reporting; with
    ``mediation_and_training`` its mediation and its training and employment too (reporting
    may still be applying those: the caller waits for what it reads)."""
    async with running_services(
        database_url, nats_url, mediation_and_training=mediation_and_training
    ) as services:
        street = await plant_membership(services)
        imports = await plant_aid(services, street)
        built = Scenario(services, street, imports)
        if services.disputes is not None and services.training is not None:
            built.mediation = await plant_mediation(services.disputes, street)
            built.training = await plant_training(services.training, street)
        await settle(built)
        yield built
