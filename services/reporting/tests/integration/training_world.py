"""The street's half-year of training published to real JetStream, applied by the real consumers."""

from __future__ import annotations

import random
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID, uuid4

import httpx
import pytest_asyncio
from reporting.adapters.projections.projected_streams import PROJECTED_STREAMS
from reporting.config import TRAINING_CONSUMER
from reporting.entrypoints.app import create_app
from shared.auth import issue_token
from shared.bus import TRAINING_STREAM, provision
from shared.contracts.envelope import CloudEvent

from .conftest import Bus
from .training_scenario import TrainingStreet

STATISTICS = "/api/v1/statistics/training"


@dataclass
class TrainingWorld:
    bus: Bus
    street: TrainingStreet
    events: list[CloudEvent] = field(default_factory=list)  # as published, ids included

    async def drain(self) -> int:
        """Apply every message published so far on both streams; the training messages."""
        await self.bus.drain()
        return await self.bus.drain_consumer(
            TRAINING_CONSUMER, self.bus.container.training_consumer
        )


@dataclass
class TrainingApi:
    http: httpx.AsyncClient
    world: TrainingWorld

    @property
    def street(self) -> TrainingStreet:
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

    async def figures(self, org: UUID, **window: str) -> dict[str, Any]:
        """The organisation's training figures as the API answers them."""
        found: dict[str, Any] = await self.json(STATISTICS, org_id=str(org), **window)
        return found


def shuffled_with_copies(events: list[CloudEvent], seed: int) -> list[CloudEvent]:
    """``events`` in a random order, with a third of them published again under new event
    ids (a re-publication: same subject and version)."""
    chosen = random.Random(seed)
    copies = [
        e.model_copy(update={"id": str(uuid4())}) for e in chosen.sample(events, len(events) // 3)
    ]
    mixed = [*events, *copies]
    chosen.shuffle(mixed)
    return mixed


def as_v1_follow_up(event: CloudEvent) -> CloudEvent:
    """A placement follow-up as it was published before v2: without its person."""
    if event.type != "training.placement.followed_up":
        return event
    data = {k: v for k, v in event.data.items() if k not in ("person_id", "member_id")}
    return event.model_copy(update={"dataversion": 1, "data": data})


async def build_world(bus: Bus, seed: int | None = None, *, backwards: bool = False,
                      v1_follow_ups: bool = False) -> TrainingWorld:  # fmt: skip
    """The street published in version order, or backwards (every correction before what it
    corrects), or, with ``seed``, shuffled with copies; ``v1_follow_ups`` publishes every
    placement follow-up as v1 (no person)."""
    # Every projected stream's durable consumer, as `reporting provision` leaves them.
    consumers = [stream.consumer for stream in PROJECTED_STREAMS]
    await provision(bus.nc.jetstream(), [TRAINING_STREAM], consumers)
    street = TrainingStreet()
    events = street.events()
    world = TrainingWorld(bus, street, [as_v1_follow_up(e) for e in events] if v1_follow_ups
                          else events)  # fmt: skip
    published = world.events if seed is None else shuffled_with_copies(world.events, seed)
    if backwards:
        published = published[::-1]
    for event in (*street.membership_events(), *published):
        await bus.publish(event)
    assert await world.drain() == len(published)
    return world


@pytest_asyncio.fixture
async def training_world(bus: Bus) -> TrainingWorld:
    return await build_world(bus)


async def serve(world: TrainingWorld) -> AsyncIterator[TrainingApi]:
    settings = world.bus.container.settings.model_copy(update={"run_consumers": False})
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://r.test") as http:
            yield TrainingApi(http, world)


@pytest_asyncio.fixture
async def training_api(training_world: TrainingWorld) -> AsyncIterator[TrainingApi]:
    async for api in serve(training_world):
        yield api
