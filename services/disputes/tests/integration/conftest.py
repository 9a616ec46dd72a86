"""A running disputes app on real PostgreSQL and NATS, fed by real membership CloudEvents.

The app starts without its background relay and consumers so that tests drive them
deterministically: ``api.drain()`` runs the real consumer runner until the stream is empty,
``api.relay()`` publishes the outbox to JetStream with the real relay. A test that wants them
in the background starts the app itself with ``start_api(..., run_consumers=True)``.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import httpx
import nats
import pytest_asyncio
from disputes.bootstrap import Container
from disputes.config import (
    CONSUMERS,
    MEMBERSHIP_CONSUMER,
    MIGRATIONS_DIR,
    SCHEMA,
    STREAMS,
    DisputesSettings,
)
from disputes.entrypoints.app import create_app
from disputes.entrypoints.consumers import consumer_handlers
from fastapi import FastAPI
from nats.aio.client import Client as NatsClient
from shared.auth import issue_token
from shared.bus import ConsumerRunner, provision
from shared.contracts import membership as contracts
from shared.contracts.envelope import CloudEvent
from shared.contracts.registry import IntegrationEvent
from shared.identifiers import make_uscc
from shared.migrations import migrate
from shared.outbox import OutboxRelay, PendingEvent
from shared.outbox.writer import to_cloud_event
from shared.testing.consumers import drain


@dataclass
class Api:
    """An HTTP client on the app, tokens per role and org, and the membership side of the bus."""

    client: httpx.AsyncClient
    app: FastAPI
    settings: DisputesSettings
    nc: NatsClient
    versions: dict[str, int] = field(default_factory=dict)
    runners: dict[str, ConsumerRunner] = field(default_factory=dict)

    @property
    def container(self) -> Container:
        container: Container = self.app.state.container
        return container

    def token(self, role: str = "city_admin", org_id: str | None = None) -> dict[str, str]:
        token = issue_token(
            self.settings, subject=f"{role}-{org_id or 'city'}", roles=[role], org_id=org_id
        )
        return {"Authorization": f"Bearer {token}"}

    async def post(
        self,
        path: str,
        body: dict[str, Any] | None = None,
        *,
        headers: dict[str, str] | None = None,
        expect: int | None = None,
    ) -> httpx.Response:
        response = await self.client.post(path, json=body or {}, headers=headers or self.token())
        if expect is not None:
            assert response.status_code == expect, response.text
        return response

    async def get(
        self,
        path: str,
        *,
        headers: dict[str, str] | None = None,
        expect: int | None = None,
        **params: Any,
    ) -> httpx.Response:
        response = await self.client.get(path, params=params, headers=headers or self.token())
        if expect is not None:
            assert response.status_code == expect, response.text
        return response

    async def publish(self, event: IntegrationEvent, aggregate_id: Any) -> CloudEvent:
        """Publish a membership event as membership's relay would, at the aggregate's next version."""
        key = str(aggregate_id)
        self.versions[key] = self.versions.get(key, 0) + 1
        envelope = to_cloud_event(PendingEvent(event, key, self.versions[key]), "membership")
        await self.republish(envelope)
        return envelope

    async def republish(self, envelope: CloudEvent, *, msg_id: str | None = None) -> None:
        """Publish an envelope as is (a redelivery when ``msg_id`` differs from the first)."""
        await self.nc.jetstream().publish(
            envelope.nats_subject,
            envelope.model_dump_json().encode(),
            headers={"Nats-Msg-Id": msg_id or envelope.id},
        )

    async def drain(self, durable: str = MEMBERSHIP_CONSUMER.durable) -> int:
        """Run the real consumer runner until its stream has nothing more; messages processed."""
        spec = next(spec for spec in CONSUMERS if spec.durable == durable)
        # One runner per consumer for the test's life: a pull request the last drain gave up on
        # a moment before the server did may still deliver into that runner's subscription,
        # where its next fetch finds the message; a new runner would leave it unacknowledged
        # until ack_wait (30 s) ran out.
        runner = self.runners.get(durable)
        if runner is None:
            handler = consumer_handlers(self.container)[durable]
            runner = ConsumerRunner(self.container.pool, self.nc.jetstream(), spec, handler)
            self.runners[durable] = runner
        return await drain(runner, self.nc.jetstream(), spec)

    async def relay(self) -> int:
        """Publish every pending outbox row to JetStream with the real relay."""
        relay = OutboxRelay(self.container.pool, SCHEMA, self.nc.jetstream())
        total = 0
        while published := await relay.publish_pending():
            total += published
        return total


async def start_api(database_url: str, nats_url: str, **overrides: Any) -> tuple[Api, Any]:
    settings = DisputesSettings(
        environment="test",
        database_url=database_url,
        nats_url=nats_url,
        **{
            "run_relay": False,
            "run_consumers": False,
            "overdue_check_interval_seconds": 0,
            **overrides,
        },
    )
    await migrate(database_url, SCHEMA, MIGRATIONS_DIR)
    nc = await nats.connect(nats_url)
    await provision(nc.jetstream(), list(STREAMS), list(CONSUMERS))
    app = create_app(settings)
    lifespan = app.router.lifespan_context(app)
    await lifespan.__aenter__()
    transport = httpx.ASGITransport(app=app)
    client = httpx.AsyncClient(transport=transport, base_url="http://disputes.test")
    return Api(client, app, settings, nc), lifespan


async def stop_api(api: Api, lifespan: Any) -> None:
    await api.client.aclose()
    await lifespan.__aexit__(None, None, None)
    await api.nc.close()


@pytest_asyncio.fixture
async def api(database_url: str, nats_url: str) -> AsyncIterator[Api]:
    started, lifespan = await start_api(database_url, nats_url)
    yield started
    await stop_api(started, lifespan)


@dataclass
class World:
    """City → district → street → two communities (a union each), an employer, a member, a
    street mediation centre with a mediator, a community mediation room with its own."""

    city: str
    street: str
    community_a: str
    community_b: str
    union_a: str
    employer: str
    member: str
    centre: str
    mediator: str
    room_b: str
    mediator_b: str

    def mediator_token(self, api: Api, org: str | None = None) -> dict[str, str]:
        return api.token("mediator", org or self.street)


async def found(api: Api, kind: str, name: str, parent: str | None) -> str:
    org_id = uuid.uuid4()
    event = contracts.UnionFounded(
        org_id=org_id,
        occurred_on=date(2020, 1, 1),
        parent_id=uuid.UUID(parent) if parent else None,
        kind=kind,  # type: ignore[arg-type]
        grassroots_mode="single" if kind == "grassroots_union" else None,
        name=name,
    )
    await api.publish(event, org_id)
    return str(org_id)


EMPLOYER_NAME = "南京金陵精密机械有限公司"


async def register_employer(api: Api, org: str) -> str:
    employer_id = uuid.uuid4()
    event = contracts.EmployerRegistered(
        org_id=uuid.UUID(org),
        occurred_on=date(2020, 1, 1),
        employer_id=employer_id,
        uscc=make_uscc("91320102MA1X2Y3W4"),
        name=EMPLOYER_NAME,
        registration_type="173",
        ownership_class="private",
        industry="制造业",
    )
    await api.publish(event, employer_id)
    return str(employer_id)


async def admit(api: Api, union: str, employer: str) -> str:
    member_id = uuid.uuid4()
    event = contracts.MemberAdmitted(
        org_id=uuid.UUID(union),
        occurred_on=date(2024, 3, 1),
        member_id=member_id,
        employer_id=uuid.UUID(employer),
        sex="female",
        birth_year=1985,
        is_migrant_worker=True,
    )
    await api.publish(event, member_id)
    return str(member_id)


async def mediation_org(api: Api, org: str, kind: str, name: str) -> tuple[str, str]:
    """A mediation organisation on ``org`` and one mediator of it."""
    body = {"org_id": org, "kind": kind, "name": name}
    made = (await api.post("/api/v1/mediation-orgs", body, expect=201)).json()
    person = {"name": "李调解", "phone": "13912345678"}
    path = f"/api/v1/mediation-orgs/{made['id']}/mediators"
    mediator = (await api.post(path, person, expect=201)).json()
    return made["id"], mediator["id"]


@pytest_asyncio.fixture
async def world(api: Api) -> World:
    city = await found(api, "city_federation", "南京市总工会", None)
    district = await found(api, "district_federation", "玄武区总工会", city)
    street = await found(api, "street_federation", "新街口街道总工会", district)
    comm_a = await found(api, "community_federation", "汉中门社区工联会", street)
    comm_b = await found(api, "community_federation", "石鼓路社区工联会", street)
    union_a = await found(api, "grassroots_union", "甲公司工会", comm_a)
    await api.drain()
    employer = await register_employer(api, union_a)
    member = await admit(api, union_a, employer)
    await api.drain()
    centre, mediator = await mediation_org(api, street, "street_centre", "新街口街道调解分中心")
    room_b, mediator_b = await mediation_org(api, comm_b, "community_room", "石鼓路社区调解室")
    return World(
        city,
        street,
        comm_a,
        comm_b,
        union_a,
        employer,
        member,
        centre,
        mediator,
        room_b,
        mediator_b,
    )
