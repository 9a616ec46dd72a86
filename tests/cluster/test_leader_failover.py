"""Membership's relay and reporting's consumer ride out a three-node JetStream losing nodes.

Both services run in-process on one database, connected to every node of a real cluster, as
production runs them (three replicas per stream, ``sync_interval: always``). While admissions
pour in, the MEMBERSHIP stream's leader is killed (SIGKILL) and restarted, then a follower.
Every committed admission must end in the stream once and in the read model once: nothing
lost, nothing twice.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import asyncpg
import httpx
import pytest
from membership.config import MIGRATIONS_DIR as MEMBERSHIP_MIGRATIONS
from membership.config import SCHEMA as MEMBERSHIP_SCHEMA
from membership.config import MembershipSettings
from membership.entrypoints.app import create_app as create_membership_app
from nats.js.client import JetStreamContext
from reporting.config import MEMBERSHIP_CONSUMER, ReportingSettings
from reporting.config import MIGRATIONS_DIR as REPORTING_MIGRATIONS
from reporting.config import SCHEMA as REPORTING_SCHEMA
from reporting.entrypoints.app import create_app as create_reporting_app
from shared.auth import issue_token
from shared.bus import DEAD_LETTER_STREAM, MEMBERSHIP_STREAM, connect_nats, provision
from shared.devstack.cluster import ClusterNode, NatsCluster
from shared.identifiers import make_id_number, make_uscc
from shared.migrations import migrate

logger = logging.getLogger(__name__)

STREAM = MEMBERSHIP_STREAM.name
REPLICAS = 3
WRITERS = 2
SETTLE_SECONDS = 60.0


@dataclass
class Load:
    """Admissions written until ``stop`` is set; ``admitted`` holds every one committed (201)."""

    client: httpx.AsyncClient
    union: str
    employer: str
    stop: asyncio.Event = field(default_factory=asyncio.Event)
    admitted: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    _next: int = 0

    async def write(self) -> None:
        while not self.stop.is_set():
            seq, self._next = self._next, self._next + 1
            response = await self.client.post("/api/v1/members", json=self._body(seq))
            if response.status_code == 201:
                self.admitted.append(str(response.json()["id"]))
            else:
                self.refused.append(f"{response.status_code} {response.text}")

    def _body(self, seq: int) -> dict[str, Any]:
        born = date(1980, 1, 1) + timedelta(days=seq // 100)
        return {
            "name": f"王{seq}",
            "id_number": make_id_number("320102", born, seq % 100, "female"),
            "mobile": "13812345678",
            "household_type": "agricultural",
            "employer_id": self.employer,
            "union_id": self.union,
            "joined_on": "2024-03-01",
        }


async def created(client: httpx.AsyncClient, path: str, body: dict[str, Any]) -> str:
    response = await client.post(path, json=body)
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


async def plant_union_and_employer(client: httpx.AsyncClient) -> tuple[str, str]:
    parent = None
    for kind, name in [
        ("city_federation", "南京市总工会"),
        ("district_federation", "鼓楼区总工会"),
        ("street_federation", "湖南路街道总工会"),
        ("community_federation", "山西路社区工联会"),
    ]:
        body = {"kind": kind, "name": name, "parent_id": parent, "founded_on": "2020-01-01"}
        parent = await created(client, "/api/v1/organisations", body)
    union = await created(
        client,
        "/api/v1/organisations",
        {"kind": "grassroots_union", "name": "丙公司工会", "parent_id": parent,
         "founded_on": "2020-01-01", "grassroots_mode": "single"},
    )  # fmt: skip
    employer = await created(
        client,
        "/api/v1/employers",
        {"uscc": make_uscc("91320100MA0000009"), "name": "丙公司", "registration_type": "173",
         "industry": "制造业", "territory_org_id": parent,
         "census": {"workers": 5000, "women": 2500, "migrant_workers": 100,
                    "effective_on": "2024-01-01"}},
    )  # fmt: skip
    return union, employer


@contextlib.asynccontextmanager
async def services(database_url: str, nats_url: str) -> AsyncIterator[httpx.AsyncClient]:
    """Membership (API and relay) and reporting (its consumers); a client on membership's API."""
    common: dict[str, Any] = {
        "environment": "test",
        "database_url": database_url,
        "nats_url": nats_url,
        "nats_stream_replicas": REPLICAS,
    }
    membership_settings = MembershipSettings(**common)
    membership = create_membership_app(membership_settings)
    reporting = create_reporting_app(ReportingSettings(**common))
    token = issue_token(membership_settings, subject="cluster", roles=["city_admin"], org_id=None)
    async with AsyncExitStack() as stack:
        await stack.enter_async_context(membership.router.lifespan_context(membership))
        await stack.enter_async_context(reporting.router.lifespan_context(reporting))
        yield await stack.enter_async_context(
            httpx.AsyncClient(
                transport=httpx.ASGITransport(app=membership),
                base_url="http://membership.test",
                headers={"Authorization": f"Bearer {token}"},
            )
        )


async def provision_streams(js: JetStreamContext) -> None:
    await provision(
        js, [MEMBERSHIP_STREAM, DEAD_LETTER_STREAM], [MEMBERSHIP_CONSUMER], replicas=REPLICAS
    )


async def kill_and_restart(cluster: NatsCluster, js: JetStreamContext, node: ClusterNode) -> None:
    """SIGKILL ``node``, let the load run on without it, start it again and let it catch up.

    Meanwhile the streams are provisioned again, as by a pod starting during the election.
    """
    await asyncio.to_thread(node.kill)
    await provision_streams(js)
    await cluster.leader(js, STREAM)
    await asyncio.sleep(2.0)
    await asyncio.to_thread(cluster.restart, node)
    await cluster.caught_up(js, STREAM)


async def follower(cluster: NatsCluster, js: JetStreamContext) -> ClusterNode:
    leader = await cluster.leader(js, STREAM)
    return next(node for node in cluster.nodes if node is not leader)


async def settled(pool: asyncpg.Pool[asyncpg.Record], js: JetStreamContext, admitted: int) -> None:
    """Wait until the outbox is published and reporting has applied every admission."""
    deadline = time.monotonic() + SETTLE_SECONDS
    while time.monotonic() < deadline:
        unpublished = await pool.fetchval(
            f"SELECT count(*) FROM {MEMBERSHIP_SCHEMA}.outbox WHERE published_at IS NULL"
        )
        facts = await pool.fetchval(
            f"SELECT count(*) FROM {REPORTING_SCHEMA}.member_facts WHERE fact = 'admitted'"
        )
        if unpublished == 0 and facts >= admitted:
            info = await js.consumer_info(STREAM, MEMBERSHIP_CONSUMER.durable)
            if info.num_pending == 0 and info.num_ack_pending == 0:
                return
        await asyncio.sleep(0.2)
    pytest.fail(f"not settled after {SETTLE_SECONDS:g} s: {unpublished} unpublished, {facts} facts")


async def stream_ids(js: JetStreamContext) -> list[str]:
    """The ``Nats-Msg-Id`` of every message of the stream, duplicates included."""
    state = (await js.stream_info(STREAM)).state
    ids = []
    for seq in range(state.first_seq, state.last_seq + 1):
        message = await js.get_msg(STREAM, seq)
        ids.append((message.headers or {}).get("Nats-Msg-Id", ""))
    return ids


async def test_every_committed_admission_is_applied_once_across_leader_and_follower_kills(
    database_url: str, nats_cluster: NatsCluster
) -> None:
    await migrate(database_url, MEMBERSHIP_SCHEMA, MEMBERSHIP_MIGRATIONS)
    await migrate(database_url, REPORTING_SCHEMA, REPORTING_MIGRATIONS)
    nc = await connect_nats(nats_cluster.urls, "cluster-test")
    js = nc.jetstream()
    pool = await asyncpg.create_pool(database_url, min_size=1, max_size=2)
    try:
        await provision_streams(js)
        async with services(database_url, ",".join(nats_cluster.urls)) as client:
            load = Load(client, *await plant_union_and_employer(client))
            writers = [asyncio.create_task(load.write()) for _ in range(WRITERS)]
            await asyncio.sleep(3.0)
            await kill_and_restart(nats_cluster, js, await nats_cluster.leader(js, STREAM))
            await kill_and_restart(nats_cluster, js, await follower(nats_cluster, js))
            await asyncio.sleep(2.0)
            load.stop.set()
            await asyncio.gather(*writers)
            await settled(pool, js, len(load.admitted))
            await assert_exactly_once(pool, js, load)
    finally:
        await pool.close()
        await nc.close()


async def assert_exactly_once(
    pool: asyncpg.Pool[asyncpg.Record], js: JetStreamContext, load: Load
) -> None:
    assert load.refused == []
    assert len(load.admitted) > 100  # the kills happened under load
    info = await js.stream_info(STREAM)
    assert info.config.num_replicas == REPLICAS
    outbox = [
        row["id"]
        for row in await pool.fetch(f"SELECT event_id::text AS id FROM {MEMBERSHIP_SCHEMA}.outbox")
    ]
    in_stream = await stream_ids(js)
    assert len(in_stream) == len(set(in_stream)), "an event is in the stream twice"
    assert sorted(in_stream) == sorted(outbox), "the stream and the outbox differ"
    applied = await pool.fetch(
        f"SELECT event_id::text AS id FROM {REPORTING_SCHEMA}.inbox WHERE consumer = $1",
        MEMBERSHIP_CONSUMER.durable,
    )
    assert sorted(row["id"] for row in applied) == sorted(outbox)
    logger.info("%d admissions, %d events, all applied once", len(load.admitted), len(outbox))
    members = await pool.fetch(
        f"SELECT member_id::text AS id FROM {REPORTING_SCHEMA}.member_facts WHERE fact = 'admitted'"
    )
    assert sorted(row["id"] for row in members) == sorted(load.admitted)
