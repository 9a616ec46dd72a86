"""Each service process stops within 10 s of SIGTERM, exit 0, when NATS or PostgreSQL is gone.

Real processes (``<service> serve | relay | consume``) on a PostgreSQL cluster and a nats-server
of the test's own. Work flows while the process runs (outbox rows to publish, events to
consume); one server is killed, the process gets SIGTERM, and afterwards nothing is found
acknowledged that was not committed: every outbox row marked published is in the stream, and
every message below a consumer's ack floor is in its inbox.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from datetime import date
from pathlib import Path

import asyncpg
import nats
import pytest
import pytest_asyncio
from assistance import config as assistance_config
from membership import config as membership_config
from reporting import config as reporting_config
from shared.bus import (
    ASSISTANCE_STREAM,
    DEAD_LETTER_STREAM,
    DISPUTES_STREAM,
    MEMBERSHIP_STREAM,
    provision,
)
from shared.contracts.membership import UnionFounded
from shared.devstack import NatsServer, PostgresServer, free_port
from shared.devstack.ports import port_open
from shared.migrations import migrate
from shared.outbox import PendingEvent
from shared.outbox.writer import append_to_outbox, to_cloud_event
from training import config as training_config

pytestmark = pytest.mark.integration

STOP_BOUND_SECONDS = 10.0  # the requirement
START_PATIENCE_SECONDS = 60.0
ROOT = uuid.UUID(int=1)

# name → (command, schema whose outbox it relays or None, durable consumers it runs)
PROCESSES: dict[str, tuple[list[str], str | None, list[str]]] = {
    "membership-serve": (["membership", "serve"], "membership", []),
    "assistance-serve": (["assistance", "serve"], "assistance", ["assistance-membership"]),
    "training-serve": (["training", "serve"], "training", ["training-membership"]),
    "reporting-serve": (["reporting", "serve"], None, ["reporting-membership"]),
    "membership-relay": (["membership", "relay"], "membership", []),
    "reporting-consume": (["reporting", "consume"], None, ["reporting-membership"]),
}


@pytest.fixture(scope="module")
def cluster() -> Iterator[PostgresServer]:
    """A PostgreSQL cluster the tests may kill; restarted by the next test that needs it.

    Not under pytest's temporary folders, which the unprivileged server account cannot enter.
    Durable commits (fsync on): killed, the server must keep what it reported committed.
    """
    root = Path(tempfile.mkdtemp(prefix="unionhub-lifecycle-pg-"))
    root.chmod(0o755)
    server = PostgresServer(root / "pg", free_port(), fsync=True)
    server.start()
    yield server
    server.stop("immediate")
    shutil.rmtree(root, ignore_errors=True)


@pytest_asyncio.fixture
async def dsn(cluster: PostgresServer) -> AsyncIterator[str]:
    if cluster.running_pid() is None:
        await asyncio.to_thread(cluster.start)
    yield await asyncio.to_thread(cluster.create_database, f"stop_{uuid.uuid4().hex[:8]}")


async def _prepare(name: str, dsn: str, nats_url: str) -> None:
    service = name.partition("-")[0]
    module = {
        "membership": membership_config,
        "assistance": assistance_config,
        "reporting": reporting_config,
        "training": training_config,
    }[service]
    await migrate(dsn, module.SCHEMA, module.MIGRATIONS_DIR)
    nc = await nats.connect(nats_url)
    try:
        js = nc.jetstream()
        await provision(js, [MEMBERSHIP_STREAM, DEAD_LETTER_STREAM])
        if service == "assistance":
            await provision(js, assistance_config.STREAMS, assistance_config.CONSUMERS)
        if service == "training":
            await provision(js, training_config.STREAMS, training_config.CONSUMERS)
        if service == "reporting":
            consumers = [
                reporting_config.MEMBERSHIP_CONSUMER,
                reporting_config.ASSISTANCE_CONSUMER,
                reporting_config.DISPUTES_CONSUMER,
            ]
            streams = [MEMBERSHIP_STREAM, ASSISTANCE_STREAM, DISPUTES_STREAM, DEAD_LETTER_STREAM]
            await provision(js, streams, consumers)
    finally:
        await nc.close()


def _founded(index: int) -> PendingEvent:
    org = ROOT if index == 0 else uuid.uuid4()
    event = UnionFounded(
        org_id=org,
        occurred_on=date(2024, 1, 1),
        parent_id=None if index == 0 else ROOT,
        kind="city_federation" if index == 0 else "district_federation",
        name=f"工会 {index}",
    )
    return PendingEvent(event, str(org), 1)


async def _write_outbox(dsn: str, schema: str) -> None:
    """Commit outbox rows in small transactions until cancelled or the database goes."""
    conn = await asyncpg.connect(dsn, server_settings={"search_path": schema})
    try:
        index = 0
        while True:
            async with conn.transaction():
                await append_to_outbox(conn, schema, [_founded(index + i) for i in range(20)])
            index += 20
            await asyncio.sleep(0.02)
    finally:
        with contextlib.suppress(Exception):
            await conn.close()


async def _publish_events(nats_url: str) -> None:
    """Publish membership events until cancelled or NATS goes."""
    nc = await nats.connect(nats_url, allow_reconnect=False)
    try:
        js = nc.jetstream()
        index = 0
        while True:
            for _ in range(20):
                envelope = to_cloud_event(_founded(index), "membership")
                await js.publish(
                    envelope.nats_subject,
                    envelope.model_dump_json().encode(),
                    headers={"Nats-Msg-Id": envelope.id},
                )
                index += 1
            await asyncio.sleep(0.02)
    finally:
        with contextlib.suppress(Exception):
            await nc.close()


async def _progress(dsn: str, schema: str | None, durables: list[str]) -> bool:
    """Whether the process has done work yet; a look-up that stalls counts as "not yet".

    Bounded, because an unbounded look-up that never returned once held a whole test until
    the suite's timeout on a busy machine, with nothing said of where it stood.
    """
    try:
        conn = await asyncpg.connect(dsn, timeout=10, command_timeout=10)
    except (OSError, TimeoutError, asyncpg.PostgresError):
        return False
    try:
        if schema and not await conn.fetchval(
            f'SELECT count(*) FROM "{schema}".outbox WHERE published_at IS NOT NULL'
        ):
            return False
        for durable in durables:
            service = durable.partition("-")[0]
            query = f'SELECT count(*) FROM "{service}".inbox WHERE consumer = $1'
            if not await conn.fetchval(query, durable):
                return False
        return True
    except TimeoutError:
        return False
    finally:
        await conn.close(timeout=5)


async def _wait_working(
    process: subprocess.Popen[bytes], port: int | None, dsn: str, name: str
) -> None:
    _, schema, durables = PROCESSES[name]
    deadline = time.monotonic() + START_PATIENCE_SECONDS
    while time.monotonic() < deadline:
        assert process.poll() is None, f"{name} exited at start-up ({process.returncode})"
        if (port is None or port_open(port)) and await _progress(dsn, schema, durables):
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f"{name} did no work within {START_PATIENCE_SECONDS}s")


def _start(
    name: str, dsn: str, nats_url: str, port: int | None, log: Path
) -> subprocess.Popen[bytes]:
    program, *args = PROCESSES[name][0]
    if port is not None:
        args += ["--port", str(port)]
    env = {**os.environ, "DATABASE_URL": dsn, "NATS_URL": nats_url, "ENVIRONMENT": "test"}
    with log.open("wb") as out:
        return subprocess.Popen(
            [str(Path(sys.executable).parent / program), *args],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )


async def _stopped_within(process: subprocess.Popen[bytes], bound: float) -> tuple[int, float]:
    started = time.monotonic()
    process.send_signal(signal.SIGTERM)
    try:
        code = await asyncio.to_thread(process.wait, bound + 5)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        raise AssertionError(f"still running {bound + 5:.0f}s after SIGTERM") from None
    return code, time.monotonic() - started


async def _stream_ids(js: nats.js.JetStreamContext, stream: str) -> dict[int, str]:
    """Every message of ``stream``: its id by its stream sequence, read in batches.

    In batches rather than one ``get_msg`` a sequence: the publisher runs through the whole
    test, and tens of thousands of single requests outlasted the test's time on a busy machine.
    """
    total = (await js.stream_info(stream)).state.messages
    subscription = await js.pull_subscribe(">", stream=stream)
    ids: dict[int, str] = {}
    deadline = time.monotonic() + 60
    while len(ids) < total and time.monotonic() < deadline:
        with contextlib.suppress(TimeoutError):
            for message in await subscription.fetch(1000, timeout=0.5):
                ids[message.metadata.sequence.stream] = (message.headers or {}).get(
                    "Nats-Msg-Id", ""
                )
                await message.ack()
    await subscription.unsubscribe()
    assert len(ids) >= total, f"read {len(ids)} of the {total} messages of {stream}"
    return ids


async def _assert_nothing_acked_uncommitted(dsn: str, nats_url: str, name: str) -> None:
    _, schema, durables = PROCESSES[name]
    conn = await asyncpg.connect(dsn, timeout=30, command_timeout=30)
    nc = await nats.connect(nats_url)
    try:
        js = nc.jetstream()
        stream = await _stream_ids(js, "MEMBERSHIP")  # the rows hold membership events
        if schema:
            stored = set(stream.values())
            marked = await conn.fetch(
                f'SELECT event_id::text FROM "{schema}".outbox WHERE published_at IS NOT NULL'
            )
            missing = {row[0] for row in marked} - stored
            assert not missing, f"{len(missing)} rows marked published are not in the stream"
        for durable in durables:
            info = await js.consumer_info("MEMBERSHIP", durable)
            floor = info.ack_floor.stream_seq if info.ack_floor else 0
            acked = {stream[seq] for seq in range(1, floor + 1)}
            service = durable.partition("-")[0]
            rows = await conn.fetch(
                f'SELECT event_id::text FROM "{service}".inbox WHERE consumer = $1', durable
            )
            missing = acked - {row[0] for row in rows}
            assert not missing, f"{durable}: {len(missing)} acked messages never committed"
    finally:
        await nc.close()
        await conn.close()


@contextlib.asynccontextmanager
async def _phase(what: str, seconds: float) -> AsyncIterator[None]:
    """Fail naming the phase that outlasts ``seconds``, rather than at the suite's timeout."""
    try:
        async with asyncio.timeout(seconds):
            yield
    except TimeoutError:
        pytest.fail(f"{what} took more than {seconds:g} s")


@pytest.mark.parametrize("outage", ["nats", "postgres"])
# The stop itself is bounded by the assertions (10 s); the whole test also starts the process,
# waits until it works and restarts the server afterwards, which on a loaded machine has taken
# longer than the suite's default 120 s once.
@pytest.mark.timeout(300)
@pytest.mark.parametrize("name", list(PROCESSES))
async def test_process_stops_within_bound_when_a_server_is_gone(
    name: str,
    outage: str,
    cluster: PostgresServer,
    dsn: str,
    private_nats: NatsServer,
    tmp_path: Path,
) -> None:
    await _prepare(name, dsn, private_nats.url)
    _, schema, durables = PROCESSES[name]
    work = []
    if schema:
        work.append(asyncio.create_task(_write_outbox(dsn, schema)))
    if durables:
        work.append(asyncio.create_task(_publish_events(private_nats.url)))
    port = free_port() if name.endswith("serve") else None
    process = _start(name, dsn, private_nats.url, port, tmp_path / "process.log")
    try:
        async with _phase("start-up", START_PATIENCE_SECONDS + 15):
            await _wait_working(process, port, dsn, name)
        async with _phase(f"the {outage} outage", 60):
            if outage == "nats":
                await asyncio.to_thread(private_nats.kill)
            else:
                await asyncio.to_thread(cluster.stop, "immediate")
        await asyncio.sleep(1.0)  # the process meets the outage and starts retrying
        code, elapsed = await _stopped_within(process, STOP_BOUND_SECONDS)
    finally:
        for task in work:
            task.cancel()
        if work:  # a writer's closing is bounded too: it must not hold the test
            await asyncio.wait(work, timeout=10)
        if process.poll() is None:
            process.kill()
            process.wait()
    log = (tmp_path / "process.log").read_text(errors="replace")[-3000:]
    assert elapsed <= STOP_BOUND_SECONDS, f"{name} took {elapsed:.1f}s to stop\n{log}"
    assert code == 0, f"{name} exited {code}\n{log}"
    if outage == "nats":
        await asyncio.to_thread(private_nats.start)
    else:
        await asyncio.to_thread(cluster.start)
    async with _phase("the check of what was acknowledged", 120):
        await _assert_nothing_acked_uncommitted(dsn, private_nats.url, name)
