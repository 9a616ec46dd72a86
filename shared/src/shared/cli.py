"""The operators' CLI every service offers, built from a description of the service.

``<service> migrate | provision | serve | relay | consume | republish | purge``: a service
describes itself once (:class:`ServiceDescription`) and gets these commands from
:func:`service_cli`; it adds its own commands (``assistance flag-overdue``, ``reporting
rebuild``) to the Typer app returned.
"""

from __future__ import annotations

import asyncio
import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any, Protocol

import asyncpg
import typer
import uvicorn
from nats.js.client import JetStreamContext

from shared.bus import ConsumerRunner, ConsumerSpec, StreamSpec, connect_nats, provision
from shared.collector import freeze_start_up
from shared.db import connect, create_pool
from shared.migrations import migrate as run_migrations
from shared.outbox import OutboxRelay
from shared.outbox.maintenance import purge_published, republish
from shared.settings import ServiceSettings


class ConsumingContainer(Protocol):
    """What ``consume`` needs of a service's container: its pool and its consumer runners."""

    @property
    def pool(self) -> asyncpg.Pool[asyncpg.Record]: ...

    def consumers(self, js: JetStreamContext) -> Sequence[ConsumerRunner]: ...


@dataclass(frozen=True)
class ServiceDescription:
    """What the kit needs to know to run a service's processes.

    Attributes:
        name: the service's name, also its CLI's name and the outbox events' source.
        title: the CLI's help line, Chinese first.
        schema: its PostgreSQL schema.
        migrations: the folder of its numbered SQL migrations.
        settings: its settings class (a :class:`ServiceSettings`).
        port: the port ``serve`` listens on by default.
        app: ``"module:function"`` building its FastAPI app from settings (imported when served).
        streams: the streams ``provision`` creates or updates (its own, those it consumes and
            the dead-letter stream).
        consumers: its durable consumers, if it consumes any.
        publishes: whether it writes an outbox (``relay``, ``republish`` and ``purge`` exist).
        container: ``"module:function"`` building its container from settings, for ``consume``.
    """

    name: str
    title: str
    schema: str
    migrations: Path
    settings: type[ServiceSettings]
    port: int
    app: str
    streams: Sequence[StreamSpec]
    consumers: Sequence[ConsumerSpec] = ()
    publishes: bool = True
    container: str | None = None


def service_cli(service: ServiceDescription) -> typer.Typer:
    """The Typer app with the commands every service shares."""
    cli = typer.Typer(add_completion=False, help=service.title)
    _add_migrate(cli, service)
    _add_provision(cli, service)
    _add_serve(cli, service)
    if service.publishes:
        _add_outbox_commands(cli, service)
    if service.consumers:
        _add_consume(cli, service)
    return cli


def _load(reference: str) -> Any:
    module, _, name = reference.partition(":")
    return getattr(importlib.import_module(module), name)


def _add_migrate(cli: typer.Typer, service: ServiceDescription) -> None:
    @cli.command()
    def migrate() -> None:
        """Apply pending database migrations (idempotent)."""
        url = service.settings().database_url
        applied = asyncio.run(run_migrations(url, service.schema, service.migrations))
        listed = f" ({', '.join(applied)})" if applied else ""
        typer.echo(f"migrations applied: {len(applied)}{listed}")


def _add_provision(cli: typer.Typer, service: ServiceDescription) -> None:
    @cli.command(name="provision")
    def provision_streams() -> None:
        """Create or update the streams published and consumed, and the durable consumers."""

        async def run() -> None:
            settings = service.settings()
            nc = await connect_nats(settings.nats_servers, name=f"{service.name}-provision")
            try:
                await provision(
                    nc.jetstream(),
                    service.streams,
                    service.consumers,
                    replicas=settings.nats_stream_replicas,
                )
            finally:
                await nc.close()

        asyncio.run(run())
        consumers = ", ".join(c.durable for c in service.consumers) or "none"
        typer.echo(
            f"streams provisioned: {', '.join(s.name for s in service.streams)}; "
            f"consumers: {consumers}"
        )


def _add_serve(cli: typer.Typer, service: ServiceDescription) -> None:
    @cli.command()
    def serve(
        host: str = typer.Option("127.0.0.1"),
        port: int = typer.Option(service.port),
        relay: bool = typer.Option(
            True, help="run the outbox relay in this process too", hidden=not service.publishes
        ),
        consume: bool = typer.Option(
            True, help="run the durable consumers in this process too", hidden=not service.consumers
        ),
    ) -> None:
        """Serve the REST API (and, by default, the outbox relay and the consumers)."""
        create_app: Callable[[ServiceSettings], Any] = _load(service.app)
        settings = service.settings(run_relay=relay, run_consumers=consume)
        app = create_app(settings)
        uvicorn.run(app, host=host, port=port, log_config=None, access_log=False)


def _add_outbox_commands(cli: typer.Typer, service: ServiceDescription) -> None:
    @cli.command(name="relay")
    def run_relay() -> None:
        """Run only the outbox relay until SIGTERM."""
        asyncio.run(_relay_forever(service))

    @cli.command(name="republish")
    def republish_events(
        since_position: int = typer.Option(..., help="re-send outbox rows from this position on"),
    ) -> None:
        """Mark published outbox rows for sending again (the outbox is the system of record)."""

        async def run() -> int:
            conn = await connect(service.settings().database_url, service.schema)
            try:
                return await republish(conn, since_position=since_position)
            finally:
                await conn.close()

        typer.echo(f"rows queued for re-publishing: {asyncio.run(run())}")

    @cli.command()
    def purge(older_than_days: int = typer.Option(30, min=1)) -> None:
        """Delete published outbox rows older than the retention period."""

        async def run() -> int:
            conn = await connect(service.settings().database_url, service.schema)
            try:
                return await purge_published(conn, timedelta(days=older_than_days))
            finally:
                await conn.close()

        typer.echo(f"outbox rows purged: {asyncio.run(run())}")


def _add_consume(cli: typer.Typer, service: ServiceDescription) -> None:
    @cli.command()
    def consume() -> None:
        """Run only the durable consumers until SIGTERM."""
        asyncio.run(_consume_forever(service))


async def _relay_forever(service: ServiceDescription) -> None:
    settings = service.settings()
    stop = _stop_on_signals()
    pool = await create_pool(settings.database_url, service.schema)
    nc = await connect_nats(settings.nats_servers, name=f"{service.name}-relay")
    freeze_start_up()
    try:
        await OutboxRelay(pool, service.schema, nc.jetstream).run(stop)
    finally:
        await nc.close()
        await pool.close()


async def _consume_forever(service: ServiceDescription) -> None:
    assert service.container is not None, "a consuming service names its container factory"
    build: Callable[[ServiceSettings], Any] = _load(service.container)
    settings = service.settings()
    stop = _stop_on_signals()
    container: ConsumingContainer = await build(settings)
    nc = await connect_nats(settings.nats_servers, name=f"{service.name}-consumer")
    freeze_start_up()
    try:
        runners = container.consumers(nc.jetstream())
        await asyncio.gather(*(runner.run(stop) for runner in runners))
    finally:
        await nc.close()
        await container.pool.close()


def _stop_on_signals() -> asyncio.Event:
    import signal

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    return stop
