"""``make trace`` draws a real request's trace of ``make run`` across services.

A union is founded through membership's API on a running ``make run``; the founding reaches
reporting through the outbox, the relay and NATS. ``make trace`` must then print that request
as one tree: membership's request span with its SQL, the relay's publish, reporting's
processing of the event.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from shared.auth import issue_token
from shared.devstack import free_port
from shared.devstack.ports import port_open
from shared.settings import ServiceSettings

from .test_make_run import REPOSITORY

pytestmark = pytest.mark.integration

SERVICES = ("membership", "reporting")
PATIENCE_SECONDS = 90.0


@pytest.fixture
def data() -> Iterator[Path]:
    """A data folder outside pytest's (0700) temporary folders, for the PostgreSQL account."""
    folder = Path(tempfile.mkdtemp(prefix="unionhub-trace-"))
    folder.chmod(0o755)
    yield folder / "data"
    shutil.rmtree(folder, ignore_errors=True)


def _make_run(data: Path, ports: dict[str, int]) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "UNIONHUB_PG_PORT": str(ports["postgres"]),
        "UNIONHUB_NATS_PORT": str(ports["nats"]),
    }
    for name in ("DATABASE_URL", "NATS_URL", "UNIONHUB_TRACE_DIR"):
        env.pop(name, None)
    services = " ".join(f"{name}={ports[name]}" for name in SERVICES)
    log = (data.parent / "run.log").open("wb")
    return subprocess.Popen(
        ["make", "-s", "run", f"DATA={data}", f"RUN_SERVICES={services}"],
        cwd=REPOSITORY, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip


def _found_a_union(port: int) -> None:
    token = issue_token(
        ServiceSettings(environment="dev"), subject="t", roles=["city_admin"], org_id=None
    )
    body = {
        "kind": "city_federation",
        "name": "南京市总工会",
        "parent_id": None,
        "founded_on": "2020-01-01",
    }
    response = httpx.post(
        f"http://127.0.0.1:{port}/api/v1/organisations",
        json=body, headers={"Authorization": f"Bearer {token}", "Idempotency-Key": "trace-1"},
    )  # fmt: skip
    assert response.status_code == 201, response.text


def _trace(data: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["make", "-s", "trace", f"DATA={data}"], cwd=REPOSITORY, capture_output=True, text=True
    )


def test_make_trace_prints_a_founding_across_membership_and_reporting(data: Path) -> None:
    ports = {name: free_port() for name in (*SERVICES, "postgres", "nats")}
    make = _make_run(data, ports)
    try:
        deadline = time.monotonic() + PATIENCE_SECONDS
        while not all(port_open(ports[name]) for name in SERVICES):
            assert make.poll() is None, "make run ended early"
            assert time.monotonic() < deadline, "make run did not start"
            time.sleep(0.1)
        _found_a_union(ports["membership"])
        deadline = time.monotonic() + 30
        while "reporting" not in (printed := _trace(data)).stdout:  # spans are written in batches
            assert time.monotonic() < deadline, printed.stdout + printed.stderr
            time.sleep(0.5)
    finally:
        os.killpg(make.pid, signal.SIGINT)
        make.wait(timeout=30)
    print(printed.stdout)  # shown when the test fails
    header, request, *rest = printed.stdout.splitlines()
    assert "membership → " in header
    assert request.split()[-5:] == ["membership", "POST", "/api/v1/organisations", "→", "201"]
    assert any("INSERT" in line and line.split()[4] == "membership" for line in rest)
    assert any(line.split()[4] == "reporting" for line in rest)
