"""Real servers for tests: the env URLs if given, else local servers on free ports.

``TEST_DATABASE_URL`` / ``TEST_NATS_URL`` point the suite at external servers. Otherwise one
PostgreSQL cluster and one nats-server are started per test session under a temporary folder;
each test gets its own empty database and a NATS account emptied of streams (or, asking for
``module_database_url`` and ``module_nats_url``, one of each for all the tests of a module, so
that they can share one scenario built once). Tests that stop
or kill NATS ask for ``private_nats``, a server of their own, or ``nats_cluster``, three.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path

import asyncpg
import nats
import pytest
import pytest_asyncio

from shared.devstack import NatsServer, PostgresServer, free_port
from shared.devstack.cluster import NatsCluster
from shared.testing.pushgateway import StandInPushgateway, stand_in_pushgateway


@pytest.fixture(scope="session")
def stack_root() -> Iterator[Path]:
    root = Path(tempfile.mkdtemp(prefix="unionhub-test-"))
    root.chmod(0o755)  # the unprivileged PostgreSQL account must traverse it
    yield root
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def pg_server(stack_root: Path) -> Iterator[PostgresServer | None]:
    if os.environ.get("TEST_DATABASE_URL"):
        yield None
        return
    server = PostgresServer(stack_root / "pg", free_port(), fsync=False)
    server.start()
    yield server
    server.stop("immediate")


@pytest.fixture(scope="session")
def nats_server(stack_root: Path) -> Iterator[NatsServer | None]:
    if os.environ.get("TEST_NATS_URL"):
        yield None
        return
    server = NatsServer(stack_root / "nats", free_port())
    server.start()
    yield server
    server.stop()


async def _create_database(admin_url: str, name: str) -> None:
    conn = await asyncpg.connect(admin_url)
    try:
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()


@asynccontextmanager
async def fresh_database(pg_server: PostgresServer | None) -> AsyncIterator[str]:
    """An empty database of its own, dropped on leaving.

    Args:
        pg_server: The test run's PostgreSQL cluster, or None when ``TEST_DATABASE_URL`` is set.

    Yields:
        The database's DSN.
    """
    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = os.environ.get("TEST_DATABASE_URL") or (pg_server.url("postgres") if pg_server else "")
    await _create_database(admin, name)
    try:
        yield admin.rsplit("/", 1)[0] + f"/{name}"
    finally:
        conn = await asyncpg.connect(admin)
        try:
            await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            await conn.close()


async def emptied_nats(nats_server: NatsServer | None) -> str:
    """Delete every stream of the shared nats-server.

    Args:
        nats_server: The test run's nats-server, or None when ``TEST_NATS_URL`` is set.

    Returns:
        The server's URL.
    """
    url = os.environ.get("TEST_NATS_URL") or (nats_server.url if nats_server else "")
    nc = await nats.connect(url)
    js = nc.jetstream()
    for stream in await js.streams_info():
        if stream.config.name:
            await js.delete_stream(stream.config.name)
    await nc.close()
    return url


@pytest_asyncio.fixture
async def database_url(pg_server: PostgresServer | None) -> AsyncIterator[str]:
    """DSN of a fresh, empty database for this test."""
    async with fresh_database(pg_server) as url:
        yield url


@pytest_asyncio.fixture
async def nats_url(nats_server: NatsServer | None) -> AsyncIterator[str]:
    """URL of the shared nats-server, with every stream deleted before the test."""
    yield await emptied_nats(nats_server)


@pytest_asyncio.fixture(scope="module")
async def module_database_url(pg_server: PostgresServer | None) -> AsyncIterator[str]:
    """DSN of a fresh, empty database shared by the tests of one module (one scenario)."""
    async with fresh_database(pg_server) as url:
        yield url


@pytest_asyncio.fixture(scope="module")
async def module_nats_url(nats_server: NatsServer | None) -> AsyncIterator[str]:
    """URL of the shared nats-server, with every stream deleted before the module's tests."""
    yield await emptied_nats(nats_server)


@pytest.fixture
def private_nats(tmp_path: Path) -> Iterator[NatsServer]:
    """A nats-server of this test's own, which the test may stop, kill and restart."""
    tmp_path.chmod(0o755)
    server = NatsServer(tmp_path / "nats", free_port())
    server.start()
    yield server
    server.stop()


@pytest.fixture
def nats_cluster(tmp_path: Path) -> Iterator[NatsCluster]:
    """Three JetStream nodes of this test's own (``urls``), which the test may kill and restart.

    ``await nats_cluster.leader(js, stream)`` names the node leading a stream; ``node.kill()``
    is a SIGKILL, ``nats_cluster.restart(node)`` returns once the node has caught up.
    """
    cluster = NatsCluster.on_free_ports(tmp_path / "nats-cluster")
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture
def pushgateway() -> Iterator[StandInPushgateway]:
    """A stand-in Pushgateway on a free port, recording what batch commands push."""
    with stand_in_pushgateway() as gateway:
        yield gateway


@pytest.fixture
def private_postgres() -> Iterator[PostgresServer]:
    """A PostgreSQL cluster of this test's own, which the test may stop and restart.

    Not under ``tmp_path``: as root, pytest's temporary folders are 0700 and the unprivileged
    account running PostgreSQL could not reach its data directory.
    """
    root = Path(tempfile.mkdtemp(prefix="unionhub-private-pg-"))
    root.chmod(0o755)
    server = PostgresServer(root / "pg", free_port(), fsync=False)
    server.start()
    yield server
    server.stop("immediate")
    shutil.rmtree(root, ignore_errors=True)


_SERVER_FIXTURES = frozenset(
    {
        "pg_server",
        "nats_server",
        "database_url",
        "nats_url",
        "module_database_url",
        "module_nats_url",
        "private_nats",
        "private_postgres",
        "nats_cluster",
    }
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that needs a real server ``integration`` (``make test-unit`` skips them).

    The mark follows the fixtures a test actually requests, directly or through others, so no
    test can forget it.
    """
    for item in items:
        if _SERVER_FIXTURES.intersection(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.integration)
