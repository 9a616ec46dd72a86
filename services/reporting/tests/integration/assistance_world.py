"""The street's year published to real JetStream, applied by both real consumers, and its API."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from uuid import UUID

import httpx
import pytest_asyncio
from reporting.adapters.projections.projected_streams import PROJECTED_STREAMS
from reporting.adapters.queries.assistance_statistics import assistance_figures
from reporting.config import ASSISTANCE_CONSUMER
from reporting.domain.assistance_figures import AssistanceFigures
from reporting.entrypoints.app import create_app
from shared.auth import issue_token
from shared.bus import ASSISTANCE_STREAM, provision
from shared.contracts.envelope import CloudEvent

from .assistance_scenario import Street
from .conftest import Bus


@dataclass
class World:
    bus: Bus
    street: Street
    events: list[CloudEvent] = field(default_factory=list)  # as published, ids included

    async def drain(self) -> int:
        """Apply every message published so far on both streams; the assistance messages."""
        await self.bus.drain()
        return await self.bus.drain_consumer(
            ASSISTANCE_CONSUMER, self.bus.container.assistance_consumer
        )

    async def figures(self, org: UUID, date_from: date, stock_date: date) -> AssistanceFigures:
        async with self.bus.pool.acquire() as conn:
            return await assistance_figures(conn, org, date_from, stock_date)


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


async def build_world(bus: Bus) -> World:
    # Every projected stream's durable consumer, as `reporting provision` leaves them.
    await provision(
        bus.nc.jetstream(), [ASSISTANCE_STREAM], [s.consumer for s in PROJECTED_STREAMS]
    )
    street = Street()
    world = World(bus, street, street.events())
    for event in (*street.membership_events(), *world.events):
        await bus.publish(event)
    assert await world.drain() == len(world.events)
    return world


@pytest_asyncio.fixture
async def world(bus: Bus) -> World:
    return await build_world(bus)


@pytest_asyncio.fixture
async def api(world: World) -> AsyncIterator[Api]:
    settings = world.bus.container.settings.model_copy(update={"run_consumers": False})
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://r.test") as http:
            yield Api(http, world)
