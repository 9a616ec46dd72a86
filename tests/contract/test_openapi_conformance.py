"""Every service's OpenAPI tells the truth: schemathesis over each running service, with every
check (``--checks all``), finds no server error, no response outside the document (status,
content type, headers, schema), no schema-violating request accepted and no schema-valid
request refused without a reason the document cannot state.

How the two data checks are kept honest:

- ``negative_data_rejection``: a request the document calls invalid must be refused. The kit
  refuses it at the root: typed query values are read as the document types them
  (``shared.http.typed_query``: no Unix time for a date, no ``1.0`` for an integer, no empty
  value), body integers as JSON Schema's ``integer`` (``shared.http.fields.JSON_INTEGER``).
- ``positive_data_acceptance``: a request the document calls valid must be accepted, or meet
  the state of things — 403, 404 and 409 by schemathesis' default. ``schemathesis.toml`` adds
  422 only where the refusal is a rule OpenAPI cannot express: the commands (POST, PATCH),
  which check what a body names against the current state (that organisation, member,
  household or application exists, is in scope and is at the right step), check characters of
  ID numbers and credit codes, and one field requiring another (a refusal and its reason code);
  reporting's statistics, which take ``period`` or both dates (a rule across parameters); and
  for the roster upload, also 415, since a file is judged by its content. The hooks' check
  ``refusals_are_business_rules`` (``hooks.py``) fails any such 422 that is the kit's request
  validation rather than a business rule: then the document, not the request, is wrong.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from shared.auth import issue_token
from shared.devstack.ports import free_port
from shared.settings import ServiceSettings

pytestmark = pytest.mark.integration

BIN = Path(sys.executable).parent
SERVICES = ("membership", "assistance", "disputes", "training", "reporting")
HERE = Path(__file__).parent
CONFIG = HERE / "schemathesis.toml"
HOOKS = HERE / "hooks.py"


def _env(database_url: str, nats_url: str) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "NATS_URL": nats_url,
        "ENVIRONMENT": "dev",
        "OVERDUE_CHECK_INTERVAL_SECONDS": "0",
    }


def _wait_live(port: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert process.poll() is None, "the service exited during start-up"
        try:
            if httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"nothing ready on port {port} after 60 s")


@pytest.fixture
def running(
    database_url: str, nats_url: str, tmp_path: Path, service: str
) -> Iterator[dict[str, int]]:
    """The service under test, migrated, provisioned and serving on a port of its own.

    One service a test: each document is judged against its own service alone, and starting the
    other four for nothing cost half a minute a test.
    """
    env = _env(database_url, nats_url)
    subprocess.run([BIN / service, "prepare"], env=env, check=True, capture_output=True)
    port = free_port()
    with (tmp_path / f"{service}.log").open("wb") as log:
        serve = [BIN / service, "serve", "--port", str(port)]
        process = subprocess.Popen(serve, env=env, stdout=log, stderr=log)
    try:
        _wait_live(port, process)
        yield {service: port}
    finally:
        process.terminate()
        process.wait(timeout=15)


@pytest.mark.timeout(900)  # five examples per operation; disputes alone has some forty operations
@pytest.mark.parametrize("service", SERVICES)
def test_the_document_tells_the_truth(running: dict[str, int], service: str) -> None:
    settings = ServiceSettings(environment="dev")
    token = issue_token(settings, subject="schemathesis", roles=["city_admin"], org_id=None)
    command = [
        BIN / "st", "--config-file", CONFIG, "run",
        f"http://127.0.0.1:{running[service]}/openapi.json", "--checks", "all",
        "--max-examples", "5", "--workers", "1", "--seed", "20261204",
        "--header", f"Authorization: Bearer {token}", "--warnings", "off",
        # Health checks judge how hard the schema makes generating data (dates with a year
        # pattern filter many candidates), not the service: they must not fail this test.
        "--suppress-health-check", "all",
    ]  # fmt: skip

    env = {**os.environ, "SCHEMATHESIS_HOOKS": str(HOOKS)}
    run = subprocess.run(command, capture_output=True, text=True, timeout=600, env=env)

    assert run.returncode == 0, run.stdout[-6000:]
