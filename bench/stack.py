"""The bench's own PostgreSQL and nats-server, on free ports under a temporary folder.

PostgreSQL runs with ``fsync`` on, as in production: every figure pays for durable commits.
Leaving :func:`running_stack` stops both servers and removes the folder, whatever happened.
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import nats
from membership.config import MIGRATIONS_DIR, SCHEMA
from shared.bus import DEAD_LETTER_STREAM, MEMBERSHIP_STREAM, StreamSpec, provision
from shared.devstack import NatsServer, PostgresServer, free_port
from shared.migrations import migrate


@dataclass(frozen=True)
class Stack:
    """The running servers and the folder holding their data and logs."""

    root: Path
    postgres: PostgresServer
    nats_server: NatsServer

    @property
    def dsn(self) -> str:
        return self.postgres.url()

    @property
    def nats_url(self) -> str:
        return self.nats_server.url


@contextlib.contextmanager
def running_stack() -> Iterator[Stack]:
    """Start PostgreSQL (fsync on) and JetStream on free ports; stop and delete on exit."""
    root = Path(tempfile.mkdtemp(prefix="unionhub-bench-"))
    root.chmod(0o755)  # the unprivileged PostgreSQL account must traverse it
    postgres = PostgresServer(root / "pg", free_port(), fsync=True)
    nats_server = NatsServer(root / "nats", free_port())
    try:
        postgres.start()
        nats_server.start()
        yield Stack(root=root, postgres=postgres, nats_server=nats_server)
    finally:
        try:
            nats_server.stop()
        finally:
            postgres.stop("fast")
            shutil.rmtree(root, ignore_errors=True)


async def prepare_service(
    stack: Stack, schema: str, migrations: Path, streams: Sequence[StreamSpec]
) -> None:
    """Apply a service's migrations and provision its streams, as ``make run`` would."""
    await migrate(stack.dsn, schema, migrations)
    nc = await nats.connect(stack.nats_url, name=f"bench-provision-{schema}")
    try:
        await provision(nc.jetstream(), list(streams))
    finally:
        await nc.close()


async def prepare_membership(stack: Stack) -> None:
    """Apply the membership migrations and provision its streams, as ``make run`` would."""
    await prepare_service(stack, SCHEMA, MIGRATIONS_DIR, [MEMBERSHIP_STREAM, DEAD_LETTER_STREAM])
