"""The street's mediation half-year published to real JetStream, applied by the real consumers."""

from __future__ import annotations

import random
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from uuid import UUID

import httpx
import pytest_asyncio
from reporting.adapters.projections.projected_streams import DISPUTES
from reporting.adapters.queries.dispute_statistics import dispute_figures
from reporting.config import DISPUTES_CONSUMER
from reporting.domain.dispute_figures import DisputeFigures
from reporting.entrypoints.app import create_app
from shared.auth import issue_token
from shared.bus import DISPUTES_STREAM, provision
from shared.contracts.envelope import CloudEvent

from .assistance_scenario import Street
from .conftest import Bus
from .dispute_scenario import Mediation


@dataclass
class World:
    bus: Bus
    mediation: Mediation
    events: list[CloudEvent] = field(default_factory=list)  # as published, ids included

    @property
    def street(self) -> Street:
        return self.mediation.street

    async def drain(self) -> int:
        """Apply every message published so far on both streams; the disputes messages."""
        await self.bus.drain()
        return await self.bus.drain_consumer(
            DISPUTES_CONSUMER, lambda js: self.bus.container.consumer(DISPUTES, js)
        )

    async def figures(self, org: UUID, date_from: date, stock_date: date) -> DisputeFigures:
        async with self.bus.pool.acquire() as conn:
            return await dispute_figures(conn, org, date_from, stock_date)


async def build_world(bus: Bus, shuffle_seed: int | None = None) -> World:
    """Publish the tree, then the disputes events (in version order, or shuffled), and apply."""
    await provision(bus.nc.jetstream(), [DISPUTES_STREAM], [DISPUTES_CONSUMER])
    mediation = Mediation()
    world = World(bus, mediation, mediation.events())
    for event in mediation.street.membership_events():
        await bus.publish(event)
    published = list(world.events)
    if shuffle_seed is not None:
        random.Random(shuffle_seed).shuffle(published)
    for event in published:
        await bus.publish(event)
    assert await world.drain() == len(world.events)
    return world


@pytest_asyncio.fixture
async def world(bus: Bus) -> World:
    return await build_world(bus)


@dataclass
class Api:
    http: httpx.AsyncClient
    world: World

    @property
    def street(self) -> Street:
        return self.world.street

    def token(self, role: str, org: UUID | None) -> str:
        return issue_token(self.world.bus.container.settings, subject=f"{role}-tester",
                           roles=[role], org_id=str(org) if org else None)  # fmt: skip

    async def get(self, path: str, role: str = "city_admin", org: UUID | None = None,
                  **params: Any) -> httpx.Response:  # fmt: skip
        headers = {"Authorization": f"Bearer {self.token(role, org)}"}
        return await self.http.get(path, params=params, headers=headers)

    async def json(self, path: str, role: str = "city_admin", org: UUID | None = None,
                   **params: Any) -> Any:  # fmt: skip
        response = await self.get(path, role, org, **params)
        assert response.status_code == 200, response.text
        return response.json()


@pytest_asyncio.fixture
async def api(world: World) -> AsyncIterator[Api]:
    settings = world.bus.container.settings.model_copy(update={"run_consumers": False})
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://r.test") as http:
            yield Api(http, world)
