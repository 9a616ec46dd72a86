"""The embedded PostgreSQL under a long folder path, and after its server was killed."""

from __future__ import annotations

import os
import shutil
import signal
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import asyncpg
import pytest
from shared.devstack import PostgresServer, free_port

pytestmark = pytest.mark.integration

LONGEST_SOCKET_PATH = 107


@pytest.fixture
def deep_folder() -> Iterator[Path]:
    """A folder whose path is longer than a Unix socket path may be (outside pytest's 0700)."""
    top = Path(tempfile.mkdtemp(prefix="unionhub-pg-"))
    folder = top.joinpath(*["a-rather-long-folder-name-for-a-data-folder"] * 3)
    folder.mkdir(parents=True)
    for path in [top, *folder.relative_to(top).parents]:
        (top / path).chmod(0o755)
    yield folder
    shutil.rmtree(top, ignore_errors=True)


async def _answers(server: PostgresServer) -> int:
    conn = await asyncpg.connect(server.url())
    try:
        return int(await conn.fetchval("SELECT 41 + 1"))
    finally:
        await conn.close()


async def test_a_server_under_a_long_path_starts_and_starts_again_after_a_kill(
    deep_folder: Path,
) -> None:
    server = PostgresServer(deep_folder / "postgres", free_port(), fsync=False)
    assert len(str(server.datadir / f".s.PGSQL.{server.port}")) > LONGEST_SOCKET_PATH
    server.start()
    try:
        assert await _answers(server) == 42
        assert server.process is not None
        os.kill(server.process.pid, signal.SIGKILL)  # leaves postmaster.pid saying "ready"
        server.process.wait()
        server.process = None
        _wait_for_backends_to_exit(server)
        server.start()
        assert await _answers(server) == 42
    finally:
        server.stop("immediate")


def _wait_for_backends_to_exit(server: PostgresServer) -> None:
    """The killed postmaster's backends leave by themselves; a new one may start after them."""
    deadline = time.monotonic() + 10
    while _processes_working_in(server.datadir):
        assert time.monotonic() < deadline, "the killed server's backends did not exit"
        time.sleep(0.05)


def _processes_working_in(folder: Path) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if Path(os.readlink(entry / "cwd")) == folder:
                    found.append(int(entry.name))
            except OSError:
                continue
    return found
