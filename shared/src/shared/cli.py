"""The operators' CLI every service offers, built from a description of the service.

``<service> migrate | provision | prepare | serve | recover | relay | consume | republish |
purge``: a service describes itself once (:class:`~shared.service.ServiceDescription`) and gets
these commands from :func:`service_cli`; it adds its own commands (``assistance flag-overdue``,
``reporting rebuild``) to the Typer app returned. Long-lived commands stop as every process of the
platform does (:mod:`shared.lifecycle`).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import typer

from shared.batch_metrics import reported_batch_run
from shared.bus import connect_nats, provision
from shared.collector import freeze_start_up
from shared.db import connect, create_pool
from shared.lifecycle import run_until_signalled, serve_http, shut_down
from shared.metrics_server import start_metrics_server
from shared.migrations import migrate as run_migrations
from shared.outbox import OutboxRelay
from shared.outbox.maintenance import purge_published, republish
from shared.recovery import RecoveryFailed
from shared.recovery import recover as run_recovery
from shared.service import ServiceDescription, load
from shared.settings import ServiceSettings


def service_cli(service: ServiceDescription) -> typer.Typer:
    """The Typer app with the commands every service shares."""
    cli = typer.Typer(add_completion=False, help=service.title)
    _add_migrate(cli, service)
    _add_provision(cli, service)
    _add_prepare(cli, service)
    _add_serve(cli, service)
    _add_recover(cli, service)
    if service.publishes:
        _add_outbox_commands(cli, service)
    if service.consumers:
        _add_consume(cli, service)
    return cli


def _add_migrate(cli: typer.Typer, service: ServiceDescription) -> None:
    @cli.command()
    def migrate() -> None:
        """Apply pending database migrations (idempotent)."""
        _migrate(service)


def _add_provision(cli: typer.Typer, service: ServiceDescription) -> None:
    @cli.command(name="provision")
    def provision_streams() -> None:
        """Create or update the streams published and consumed, and the durable consumers."""
        _provision(service)


def _add_prepare(cli: typer.Typer, service: ServiceDescription) -> None:
    @cli.command()
    def prepare() -> None:
        """migrate, then provision: what a start needs, in one process (``make run``)."""
        _migrate(service)
        _provision(service)


def _migrate(service: ServiceDescription) -> None:
    url = service.settings().database_url
    applied = asyncio.run(run_migrations(url, service.schema, service.migrations))
    listed = f" ({', '.join(applied)})" if applied else ""
    typer.echo(f"{service.name}: migrations applied: {len(applied)}{listed}")


def _provision(service: ServiceDescription) -> None:
    if not service.uses_nats:  # its migrate Job keeps the step; nothing to reach
        typer.echo(f"{service.name}: streams provisioned: none (the service uses no NATS)")
        return

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
    names = ", ".join(s.name for s in service.streams)
    typer.echo(f"{service.name}: streams provisioned: {names}; consumers: {consumers}")


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
        create_app: Callable[[ServiceSettings], Any] = load(service.app)
        settings = service.settings(run_relay=relay, run_consumers=consume)
        start_metrics_server(settings)
        serve_http(create_app(settings), host=host, port=port)


def _add_recover(cli: typer.Typer, service: ServiceDescription) -> None:
    @cli.command()
    def recover(
        since_position: int | None = typer.Option(
            None,
            help="re-publish the outbox from this position on (default: every row still kept)",
            hidden=not service.publishes,
        ),
        timeout: float = typer.Option(300.0, help="seconds to wait for everything to catch up"),
    ) -> None:
        """Recover from a lost NATS stream: provision, re-publish, reset positions, catch up."""
        settings = service.settings()
        try:
            asyncio.run(
                run_recovery(service, settings, since_position=since_position, within=timeout)
            )
        except RecoveryFailed as failure:
            typer.echo(f"恢复失败 (recovery failed): {failure}", err=True)
            raise typer.Exit(1) from failure


def _add_outbox_commands(cli: typer.Typer, service: ServiceDescription) -> None:
    @cli.command(name="relay")
    def run_relay() -> None:
        """Run only the outbox relay until SIGTERM (``/metrics`` on ``METRICS_PORT`` if set)."""
        start_metrics_server(service.settings())
        run_until_signalled(lambda stop: _relay_until(service, stop))

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
        settings = service.settings()

        async def run() -> int:
            conn = await connect(settings.database_url, service.schema)
            try:
                return await purge_published(conn, timedelta(days=older_than_days))
            finally:
                await conn.close()

        with reported_batch_run(settings, f"{service.name}-purge") as batch:
            batch.items = asyncio.run(run())
        typer.echo(f"outbox rows purged: {batch.items}")


def _add_consume(cli: typer.Typer, service: ServiceDescription) -> None:
    @cli.command()
    def consume() -> None:
        """Run only the durable consumers until SIGTERM (``/metrics`` on ``METRICS_PORT`` if set)."""
        start_metrics_server(service.settings())
        run_until_signalled(lambda stop: _consume_until(service, stop))


async def _relay_until(service: ServiceDescription, stop: asyncio.Event) -> None:
    settings = service.settings()
    pool = await create_pool(settings.database_url, service.schema)
    nc = await connect_nats(settings.nats_servers, name=f"{service.name}-relay")
    freeze_start_up()
    try:
        await OutboxRelay(pool, service.schema, nc.jetstream).run(stop)
    finally:
        await shut_down(stop, nc=nc, pool=pool)


async def _consume_until(service: ServiceDescription, stop: asyncio.Event) -> None:
    assert service.runners is not None, "a consuming service names its consumer runners"
    settings = service.settings()
    container = await load(service.container)(settings)
    nc = await connect_nats(settings.nats_servers, name=f"{service.name}-consumer")
    freeze_start_up()
    try:
        runners = load(service.runners)(container, nc.jetstream())
        await asyncio.gather(*(runner.run(stop) for runner in runners))
    finally:
        await shut_down(stop, nc=nc, pool=container.pool)
