"""Operators' CLI: ``assistance migrate | provision | serve | relay | consume | flag-overdue | purge``."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import typer
from shared.bus import connect_nats, provision
from shared.collector import freeze_start_up
from shared.db import connect, create_pool
from shared.lifecycle import run_until_signalled, serve_http, shut_down
from shared.migrations import migrate as run_migrations
from shared.outbox import OutboxRelay
from shared.outbox.maintenance import purge_published

from assistance.config import (
    CONSUMERS,
    MIGRATIONS_DIR,
    SCHEMA,
    SERVICE_NAME,
    STREAMS,
    AssistanceSettings,
)

app = typer.Typer(add_completion=False, help="困难职工帮扶服务 assistance service")


@app.command()
def migrate() -> None:
    """Apply pending database migrations (idempotent)."""
    settings = AssistanceSettings()
    applied = asyncio.run(run_migrations(settings.database_url, SCHEMA, MIGRATIONS_DIR))
    typer.echo(
        f"migrations applied: {len(applied)}" + (f" ({', '.join(applied)})" if applied else "")
    )


@app.command(name="provision")
def provision_streams() -> None:
    """Create or update the streams published and consumed, and the durable consumers."""

    async def _run() -> None:
        settings = AssistanceSettings()
        nc = await connect_nats(settings.nats_servers, name=f"{SERVICE_NAME}-provision")
        try:
            await provision(
                nc.jetstream(), STREAMS, CONSUMERS, replicas=settings.nats_stream_replicas
            )
        finally:
            await nc.close()

    asyncio.run(_run())
    typer.echo(
        f"streams provisioned: {', '.join(s.name for s in STREAMS)}; "
        f"consumers: {', '.join(c.durable for c in CONSUMERS)}"
    )


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1"),
    port: int = typer.Option(8102),
    relay: bool = typer.Option(True, help="run the outbox relay in this process too"),
    consume: bool = typer.Option(True, help="run the durable consumers in this process too"),
) -> None:
    """Serve the REST API (and, by default, the outbox relay and the consumers)."""
    from assistance.entrypoints.app import create_app

    settings = AssistanceSettings(run_relay=relay, run_consumers=consume)
    serve_http(create_app(settings), host=host, port=port)


@app.command(name="relay")
def run_relay() -> None:
    """Run only the outbox relay until SIGTERM."""
    settings = AssistanceSettings()
    run_until_signalled(lambda stop: _relay_forever(settings, stop))


@app.command()
def consume() -> None:
    """Run only the durable consumers until SIGTERM."""
    settings = AssistanceSettings()
    run_until_signalled(lambda stop: _consume_forever(settings, stop))


@app.command(name="flag-overdue")
def flag_overdue() -> None:
    """Flag files not re-verified for 12 months (publishes HouseholdFlagged once per file)."""
    from assistance.bootstrap import build_container
    from assistance.entrypoints.periodic import flag_all_overdue

    async def _run() -> int:
        container = await build_container(AssistanceSettings())
        try:
            return await flag_all_overdue(container)
        finally:
            await container.pool.close()

    typer.echo(f"files flagged: {asyncio.run(_run())}")


@app.command()
def purge(older_than_days: int = typer.Option(30, min=1)) -> None:
    """Delete published outbox rows older than the retention period."""

    async def _run() -> int:
        conn = await connect(AssistanceSettings().database_url, SCHEMA)
        try:
            return await purge_published(conn, timedelta(days=older_than_days))
        finally:
            await conn.close()

    typer.echo(f"outbox rows purged: {asyncio.run(_run())}")


async def _relay_forever(settings: AssistanceSettings, stop: asyncio.Event) -> None:
    pool = await create_pool(settings.database_url, SCHEMA)
    nc = await connect_nats(settings.nats_servers, name=f"{SERVICE_NAME}-relay")
    freeze_start_up()
    try:
        await OutboxRelay(pool, SCHEMA, nc.jetstream).run(stop)
    finally:
        await shut_down(stop, nc=nc, pool=pool)


async def _consume_forever(settings: AssistanceSettings, stop: asyncio.Event) -> None:
    from assistance.bootstrap import build_container
    from assistance.entrypoints.consumers import consumer_runners

    container = await build_container(settings)
    nc = await connect_nats(settings.nats_servers, name=f"{SERVICE_NAME}-consumer")
    freeze_start_up()
    try:
        runners = consumer_runners(container, nc.jetstream())
        await asyncio.gather(*(runner.run(stop) for runner in runners))
    finally:
        await shut_down(stop, nc=nc, pool=container.pool)


if __name__ == "__main__":
    app()
