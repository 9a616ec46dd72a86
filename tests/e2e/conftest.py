"""Both services running in-process on one database and one JetStream, with spans kept in memory.

Each app runs its full lifespan: membership with its outbox relay, reporting with its
membership consumer. Tracing is process-wide, so the in-memory exporter sees the spans of both.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass

import httpx
import nats
import pytest
import pytest_asyncio
from assistance.config import MIGRATIONS_DIR as ASSISTANCE_MIGRATIONS
from assistance.config import SCHEMA as ASSISTANCE_SCHEMA
from assistance.config import AssistanceSettings
from assistance.entrypoints.app import create_app as create_assistance_app
from disputes.config import MIGRATIONS_DIR as DISPUTES_MIGRATIONS
from disputes.config import SCHEMA as DISPUTES_SCHEMA
from disputes.config import DisputesSettings
from disputes.entrypoints.app import create_app as create_disputes_app
from fastapi import FastAPI
from membership.config import MIGRATIONS_DIR as MEMBERSHIP_MIGRATIONS
from membership.config import SCHEMA as MEMBERSHIP_SCHEMA
from membership.config import MembershipSettings
from membership.entrypoints.app import create_app as create_membership_app
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from reporting.config import MIGRATIONS_DIR as REPORTING_MIGRATIONS
from reporting.config import SCHEMA as REPORTING_SCHEMA
from reporting.config import ReportingSettings
from reporting.entrypoints.app import create_app as create_reporting_app
from shared.auth import issue_token
from shared.bus import DEAD_LETTER_STREAM, MEMBERSHIP_STREAM, provision
from shared.migrations import migrate
from shared.telemetry import setup_tracing
from training.config import MIGRATIONS_DIR as TRAINING_MIGRATIONS
from training.config import SCHEMA as TRAINING_SCHEMA
from training.config import TrainingSettings
from training.entrypoints.app import create_app as create_training_app


@dataclass
class Platform:
    """An HTTP client on each running service, both authenticated as a city administrator."""

    membership: httpx.AsyncClient
    reporting: httpx.AsyncClient


@pytest.fixture
def exporter() -> Iterator[InMemorySpanExporter]:
    """Every span finished from now on, across both services."""
    spans = InMemorySpanExporter()
    processor = SimpleSpanProcessor(spans)
    setup_tracing("unionhub-e2e", extra_processor=processor)
    yield spans
    processor.shutdown()  # the provider keeps the processor; a stopped exporter takes nothing


async def _serve(
    stack: AsyncExitStack, app: FastAPI, base_url: str, headers: dict[str, str]
) -> httpx.AsyncClient:
    await stack.enter_async_context(app.router.lifespan_context(app))
    transport = httpx.ASGITransport(app=app)
    return await stack.enter_async_context(
        httpx.AsyncClient(transport=transport, base_url=base_url, headers=headers)
    )


@pytest_asyncio.fixture
async def platform(
    database_url: str, nats_url: str, exporter: InMemorySpanExporter
) -> AsyncIterator[Platform]:
    """Membership (with its relay) and reporting (with its consumer), started in that order.

    Depends on ``exporter`` so that spans are recorded before either app exists.
    """
    await migrate(database_url, MEMBERSHIP_SCHEMA, MEMBERSHIP_MIGRATIONS)
    await migrate(database_url, REPORTING_SCHEMA, REPORTING_MIGRATIONS)
    nc = await nats.connect(nats_url)
    await provision(nc.jetstream(), [MEMBERSHIP_STREAM, DEAD_LETTER_STREAM])
    await nc.close()
    membership_settings = MembershipSettings(
        environment="test", database_url=database_url, nats_url=nats_url
    )
    reporting_settings = ReportingSettings(
        environment="test", database_url=database_url, nats_url=nats_url
    )
    token = issue_token(
        membership_settings, subject="e2e-tester", roles=["city_admin"], org_id=None
    )
    headers = {"Authorization": f"Bearer {token}"}
    async with AsyncExitStack() as stack:
        membership = await _serve(
            stack, create_membership_app(membership_settings), "http://membership.test", headers
        )
        reporting = await _serve(
            stack, create_reporting_app(reporting_settings), "http://reporting.test", headers
        )
        yield Platform(membership, reporting)


@dataclass
class Services:
    """Membership, assistance and reporting, each with an HTTP client as a city administrator;
    disputes and training too when asked for."""

    membership: httpx.AsyncClient
    assistance: httpx.AsyncClient
    reporting: httpx.AsyncClient
    settings: AssistanceSettings
    disputes: httpx.AsyncClient | None = None
    training: httpx.AsyncClient | None = None

    def as_(self, subject: str) -> dict[str, str]:
        """A city administrator's token under a subject of its own (steps need three people)."""
        token = issue_token(self.settings, subject=subject, roles=["city_admin"], org_id=None)
        return {"Authorization": f"Bearer {token}"}


@asynccontextmanager
async def running_services(
    database_url: str, nats_url: str, *, mediation_and_training: bool = False
) -> AsyncIterator[Services]:
    """The three services in-process with their full lifespans (relays and consumers), and
    disputes and training with theirs when ``mediation_and_training``."""
    schemas = [(MEMBERSHIP_SCHEMA, MEMBERSHIP_MIGRATIONS), (ASSISTANCE_SCHEMA, ASSISTANCE_MIGRATIONS),
               (REPORTING_SCHEMA, REPORTING_MIGRATIONS)]  # fmt: skip
    if mediation_and_training:
        schemas += [(DISPUTES_SCHEMA, DISPUTES_MIGRATIONS), (TRAINING_SCHEMA, TRAINING_MIGRATIONS)]
    for schema, migrations in schemas:
        await migrate(database_url, schema, migrations)
    urls = {"environment": "test", "database_url": database_url, "nats_url": nats_url}
    settings = AssistanceSettings(**urls, overdue_check_interval_seconds=0)  # type: ignore[arg-type]
    token = issue_token(settings, subject="e2e-admin", roles=["city_admin"], org_id=None)
    headers = {"Authorization": f"Bearer {token}"}
    async with AsyncExitStack() as stack:
        membership = await _serve(
            stack, create_membership_app(MembershipSettings(**urls)),  # type: ignore[arg-type]
            "http://membership.test", headers,
        )  # fmt: skip
        assistance = await _serve(
            stack, create_assistance_app(settings), "http://assistance.test", headers
        )
        reporting = await _serve(
            stack, create_reporting_app(ReportingSettings(**urls)),  # type: ignore[arg-type]
            "http://reporting.test", headers,
        )  # fmt: skip
        services = Services(membership, assistance, reporting, settings)
        if mediation_and_training:
            # no overdue sweep in the background, as for assistance above
            disputes_settings = DisputesSettings(**urls, overdue_check_interval_seconds=0)  # type: ignore[arg-type]
            services.disputes = await _serve(
                stack, create_disputes_app(disputes_settings), "http://disputes.test", headers
            )
            services.training = await _serve(
                stack, create_training_app(TrainingSettings(**urls)),  # type: ignore[arg-type]
                "http://training.test", headers,
            )  # fmt: skip
        yield services
