"""Operators' CLI: ``membership migrate | provision | serve | relay | republish | purge``."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import typer
from shared.bus import DEAD_LETTER_STREAM, MEMBERSHIP_STREAM, connect_nats, provision
from shared.collector import freeze_start_up
from shared.db import connect, create_pool
from shared.lifecycle import run_until_signalled, serve_http, shut_down
from shared.migrations import migrate as run_migrations
from shared.outbox import OutboxRelay
from shared.outbox.maintenance import purge_published, republish

from membership.config import MIGRATIONS_DIR, SCHEMA, SERVICE_NAME, MembershipSettings

app = typer.Typer(add_completion=False, help="组织与会籍服务 membership service")


@app.command()
def migrate() -> None:
    """Apply pending database migrations (idempotent)."""
    settings = MembershipSettings()
    applied = asyncio.run(run_migrations(settings.database_url, SCHEMA, MIGRATIONS_DIR))
    typer.echo(
        f"migrations applied: {len(applied)}" + (f" ({', '.join(applied)})" if applied else "")
    )


@app.command(name="provision")
def provision_streams() -> None:
    """Create or update the JetStream streams this service publishes to (idempotent)."""

    async def _run() -> None:
        settings = MembershipSettings()
        nc = await connect_nats(settings.nats_servers, name=f"{SERVICE_NAME}-provision")
        try:
            await provision(
                nc.jetstream(),
                [MEMBERSHIP_STREAM, DEAD_LETTER_STREAM],
                replicas=settings.nats_stream_replicas,
            )
        finally:
            await nc.close()

    asyncio.run(_run())
    typer.echo(f"streams provisioned: {MEMBERSHIP_STREAM.name}, {DEAD_LETTER_STREAM.name}")


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1"),
    port: int = typer.Option(8101),
    relay: bool = typer.Option(True, help="run the outbox relay in this process too"),
) -> None:
    """Serve the REST API (and, by default, the outbox relay)."""
    from membership.entrypoints.app import create_app

    settings = MembershipSettings(run_relay=relay)
    serve_http(create_app(settings), host=host, port=port)


@app.command(name="relay")
def run_relay() -> None:
    """Run only the outbox relay until SIGTERM."""
    settings = MembershipSettings()
    run_until_signalled(lambda stop: _relay_forever(settings, stop))


async def _relay_forever(settings: MembershipSettings, stop: asyncio.Event) -> None:
    pool = await create_pool(settings.database_url, SCHEMA)
    nc = await connect_nats(settings.nats_servers, name=f"{SERVICE_NAME}-relay")
    freeze_start_up()
    try:
        await OutboxRelay(pool, SCHEMA, nc.jetstream).run(stop)
    finally:
        await shut_down(stop, nc=nc, pool=pool)


@app.command(name="republish")
def republish_events(
    since_position: int = typer.Option(..., help="re-send outbox rows from this position on"),
) -> None:
    """Mark published outbox rows for sending again (the outbox is the system of record)."""

    async def _run() -> int:
        conn = await connect(MembershipSettings().database_url, SCHEMA)
        try:
            return await republish(conn, since_position=since_position)
        finally:
            await conn.close()

    typer.echo(f"rows queued for re-publishing: {asyncio.run(_run())}")


@app.command()
def purge(older_than_days: int = typer.Option(30, min=1)) -> None:
    """Delete published outbox rows older than the retention period."""

    async def _run() -> int:
        conn = await connect(MembershipSettings().database_url, SCHEMA)
        try:
            return await purge_published(conn, timedelta(days=older_than_days))
        finally:
            await conn.close()

    typer.echo(f"outbox rows purged: {asyncio.run(_run())}")


if __name__ == "__main__":
    app()
