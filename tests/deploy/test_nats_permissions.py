"""Each service's NATS user, generated from its description, on a real nats-server.

The committed Helm values (deploy/platform/nats/auth.yaml) must be what the description
generates; the same users, with test passwords, then run a nats-server, and each service
provisions, publishes and consumes what it needs and is refused everything else; the kit's own
outbox relay and consumer runner (dead letters included) run as those users without a refusal.
"""

from __future__ import annotations

import asyncio
import json
import signal
import subprocess
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any, ClassVar

import asyncpg
import nats
import pytest
import yaml
from nats.aio.client import Client
from nats.js import api
from shared.bus import (
    DEAD_LETTER_STREAM,
    SERVICE_STREAMS,
    ConsumerRunner,
    PoisonMessage,
    provision,
)
from shared.bus.pulling import BatchPuller
from shared.contracts.envelope import CloudEvent
from shared.contracts.registry import IntegrationEvent
from shared.db import create_pool
from shared.devstack.children import spawn, stop_process
from shared.devstack.nats import find_nats_server
from shared.devstack.ports import free_port, wait_for_port
from shared.migrations import migrate
from shared.nats_permissions import BACKUP_USER, authorization, describe, helm_values, users
from shared.outbox import OutboxRelay, PendingEvent, append_to_outbox

ROOT = Path(__file__).resolve().parents[2]
AUTH_VALUES = ROOT / "deploy" / "platform" / "nats" / "auth.yaml"
# Every service of the repository, as `make nats-auth` lists them.
SERVICE_NAMES = tuple(sorted(p.parent.name for p in (ROOT / "services").glob("*/pyproject.toml")))
SERVICES = {service.name: service for service in describe(SERVICE_NAMES)}
# The services with a NATS user: all but the workbench, which publishes and consumes nothing.
NATS_USERS = tuple(name for name in SERVICE_NAMES if SERVICES[name].uses_nats)


def password(user: str) -> str:
    return f"test-password-of-{user}"


def test_committed_helm_values_are_the_generated_ones() -> None:
    assert AUTH_VALUES.read_text(encoding="utf-8") == helm_values(list(SERVICES.values()))
    values = yaml.safe_load(AUTH_VALUES.read_text(encoding="utf-8"))
    names = [u["user"] for u in values["config"]["merge"]["authorization"]["users"]]
    assert names == [*NATS_USERS, BACKUP_USER]
    assert "portal" in SERVICE_NAMES
    assert "portal" not in names
    assert set(values["container"]["env"]) == {f"{n.upper()}_NATS_PASSWORD" for n in names}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("nats-auth")
    port = free_port()
    config = {
        "host": "127.0.0.1",
        "port": port,
        "jetstream": {"store_dir": str(root / "js")},
        "authorization": authorization(users(list(SERVICES.values())), password),
    }
    (root / "nats.conf").write_text(json.dumps(config), encoding="utf-8")
    with (root / "nats.log").open("ab") as log:
        process = spawn(
            [find_nats_server(), "-c", str(root / "nats.conf")],
            death_signal=signal.SIGKILL,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_for_port(port)
        yield f"nats://127.0.0.1:{port}"
    finally:
        stop_process(process, signal.SIGTERM, 2.0)


class UserConnection:
    """A connection as one user, collecting the server's permission violations."""

    def __init__(self, nc: Client, errors: list[str]) -> None:
        self.nc = nc
        self.js = nc.jetstream(timeout=2)
        self.errors = errors

    async def refused(
        self, action: Callable[[], Awaitable[Any]], subject: str, kind: str = "publish"
    ) -> None:
        """``action`` fails: the server reports a violation (``kind``) naming ``subject``."""
        self.errors.clear()
        try:
            await action()
            await self.nc.flush(timeout=2)
        except Exception:
            pass
        for _ in range(40):
            if any(
                f"permissions violation for {kind}" in e.lower() and subject.lower() in e.lower()
                for e in self.errors
            ):
                return
            await asyncio.sleep(0.05)
        raise AssertionError(f"{subject} was not refused: {self.errors}")


async def connect(url: str, user: str) -> UserConnection:
    errors: list[str] = []

    async def on_error(error: Exception) -> None:
        errors.append(str(error))

    nc = await nats.connect(
        url, user=user, password=password(user), error_cb=on_error, allow_reconnect=False
    )
    return UserConnection(nc, errors)


@pytest.fixture(scope="module")
async def connections(server: str) -> AsyncIterator[dict[str, UserConnection]]:
    opened = {name: await connect(server, name) for name in [*NATS_USERS, BACKUP_USER]}
    # Each service provisions its streams and consumers with its own user (publishers first).
    for name in sorted(NATS_USERS, key=lambda n: not SERVICES[n].publishes):
        service = SERVICES[name]
        await provision(opened[name].js, service.streams, service.consumers, patience=5)
    yield opened
    for connection in opened.values():
        await connection.nc.close()


async def test_wrong_password_is_refused(server: str) -> None:
    with pytest.raises(Exception, match=r"[Aa]uthorization"):
        await nats.connect(server, user="membership", password="wrong", allow_reconnect=False)


async def test_the_workbench_has_no_user(server: str) -> None:
    with pytest.raises(Exception, match=r"[Aa]uthorization"):
        await connect(server, "portal")


@pytest.mark.parametrize("name", NATS_USERS)
async def test_each_service_publishes_only_its_own_subjects(
    connections: dict[str, UserConnection], name: str
) -> None:
    connection, service = connections[name], SERVICES[name]
    if service.publishes:
        ack = await connection.js.publish(f"{name}.sample.happened.1", b"{}")
        assert ack.stream == SERVICE_STREAMS[name].name
    else:
        await connection.refused(lambda: connection.nc.publish(f"{name}.sample", b"{}"), f"{name}.")
    for other in (n for n in SERVICE_STREAMS if n != name):
        await refused_publish(connection, f"{other}.sample.happened.1")
    await refused_publish(connection, f"$JS.API.STREAM.DELETE.{DEAD_LETTER_STREAM.name}")
    await connection.refused(
        lambda: connection.nc.subscribe("membership.>"), "membership.>", "subscription"
    )
    await refused_publish(connection, "$JS.API.STREAM.CREATE.OTHER")


async def consume_one(connection: UserConnection, stream: str, durable: str) -> None:
    subscription = await connection.js.pull_subscribe_bind(durable, stream=stream)
    try:
        [message] = await subscription.fetch(1, timeout=3)
        await message.ack_sync(timeout=2)
    finally:
        await subscription.unsubscribe()


async def test_each_consumer_reads_and_acknowledges_its_durable_consumers(
    connections: dict[str, UserConnection],
) -> None:
    for name in SERVICE_STREAMS:
        if name in connections and SERVICES[name].publishes:
            await connections[name].js.publish(f"{name}.application.approved.2", b"{}")
    consumed = [(name, c) for name in SERVICE_NAMES for c in SERVICES[name].consumers]
    assert consumed, "some service consumes"
    owners = {stream.name: name for name, stream in SERVICE_STREAMS.items()}
    for _, consumer in consumed:
        # One message inside each consumer's filter (assistance reads only some dispute outcomes).
        owner = owners.get(consumer.stream)
        if consumer.filter_subjects and owner in connections:
            subject = consumer.filter_subjects[0].replace(">", "sample.2")
            await connections[owner].js.publish(subject, b"{}")
    for name, consumer in consumed:
        await consume_one(connections[name], consumer.stream, consumer.durable)
        info = await connections[name].js.consumer_info(consumer.stream, consumer.durable)
        assert info.ack_floor.stream_seq >= 1
        dead = f"deadletter.{consumer.durable}.{consumer.stream.lower()}.sample"
        assert (await connections[name].js.publish(dead, b"{}")).stream == DEAD_LETTER_STREAM.name
    for name, consumer in consumed:
        at = f"{consumer.stream}.{consumer.durable}"
        for other in (n for n in NATS_USERS if n != name):
            for subject in (
                f"$JS.API.CONSUMER.MSG.NEXT.{at}",
                f"$JS.API.CONSUMER.DELETE.{at}",
                f"$JS.ACK.{at}.1.1.1.1.1",
                f"deadletter.{consumer.durable}.x",
            ):
                await refused_publish(connections[other], subject)


async def refused_publish(connection: UserConnection, subject: str) -> None:
    await connection.refused(lambda: connection.nc.publish(subject, b"{}"), subject)


async def test_a_replaying_service_reads_through_ephemeral_consumers(
    connections: dict[str, UserConnection],
) -> None:
    replaying = [SERVICES[n] for n in SERVICE_NAMES if SERVICES[n].replays]
    assert [s.name for s in replaying] == ["reporting"]
    for service in replaying:
        js = connections[service.name].js
        for stream in {c.stream for c in service.consumers}:
            config = api.ConsumerConfig(
                deliver_policy=api.DeliverPolicy.ALL, ack_policy=api.AckPolicy.NONE
            )
            puller = await BatchPuller.ephemeral(js, stream, config, idle=timedelta(minutes=1))
            assert await puller.pull(10)
            await puller.close(delete=True)
    await refused_publish(connections["membership"], "$JS.API.CONSUMER.CREATE.ASSISTANCE")


async def test_the_backup_user_lists_and_reads_streams_and_changes_nothing(
    connections: dict[str, UserConnection],
) -> None:
    backup = connections[BACKUP_USER]
    names = {info.config.name for info in await backup.js.streams_info()}
    assert {s.name for s in SERVICE_STREAMS.values() if s.name in names} >= {
        "MEMBERSHIP",
        "ASSISTANCE",
    }
    await refused_publish(backup, "membership.x")
    await refused_publish(backup, "$JS.API.STREAM.PURGE.MEMBERSHIP")
    await refused_publish(backup, "$JS.API.STREAM.DELETE.MEMBERSHIP")


class ProbeCounted(IntegrationEvent):
    """A test-only membership fact (not registered in the contracts registry)."""

    event_type: ClassVar[str] = "membership.probe.counted"
    number: int
    poison: bool = False


async def count_probe(conn: asyncpg.Connection[Any], event: CloudEvent) -> None:
    if event.data.get("poison"):
        raise PoisonMessage("探针不可用: the probe is poisoned")
    await conn.execute("INSERT INTO probe_effects (number) VALUES ($1)", event.data["number"])


@pytest.mark.integration
async def test_the_kits_relay_and_consumer_runner_work_as_the_service_users(
    connections: dict[str, UserConnection], database_url: str, tmp_path: Path
) -> None:
    """membership's relay publishes its outbox; reporting's runner applies and dead-letters."""
    for connection in connections.values():
        connection.errors.clear()  # the refusals the other tests provoked
    (tmp_path / "sql").mkdir()
    await migrate(database_url, "kit_probe", tmp_path / "sql")
    pool = await create_pool(database_url, "kit_probe", min_size=1, max_size=4)
    try:
        await pool.execute("CREATE TABLE probe_effects (number int NOT NULL)")
        async with pool.acquire() as conn, conn.transaction():
            probes = [ProbeCounted(number=n, poison=n == 3) for n in (1, 2, 3)]
            pending = [PendingEvent(p, str(uuid.uuid4()), 1) for p in probes]
            await append_to_outbox(conn, "membership", pending)
        membership, reporting = connections["membership"], connections["reporting"]
        assert await OutboxRelay(pool, "kit_probe", membership.js).publish_pending() == 3
        [spec] = [c for c in SERVICES["reporting"].consumers if c.stream == "MEMBERSHIP"]
        runner = ConsumerRunner(pool, reporting.js, spec, count_probe)
        for _ in range(100):
            await runner.process_batch()
            info = await reporting.js.consumer_info(spec.stream, spec.durable)
            if info.num_pending == 0 and info.num_ack_pending == 0:
                break
        else:
            raise AssertionError("the consumer never drained")
        numbers = [r["number"] for r in await pool.fetch("SELECT number FROM probe_effects")]
        assert sorted(numbers) == [1, 2]
        dead = f"deadletter.{spec.durable}.{ProbeCounted.subject()}"
        parked = await reporting.js.stream_info(DEAD_LETTER_STREAM.name, subjects_filter=dead)
        assert parked.state.subjects == {dead: 1}
        violations = [e for s in connections.values() for e in s.errors if "violation" in e.lower()]
        assert not violations
    finally:
        await pool.close()
