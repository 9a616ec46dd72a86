"""Operators' CLI: ``reporting migrate | provision | serve | consume``."""

from __future__ import annotations

import asyncio

import typer
from shared.bus import connect_nats
from shared.collector import freeze_start_up
from shared.lifecycle import run_until_signalled, serve_http, shut_down
from shared.migrations import migrate as run_migrations

from reporting.bootstrap import build_container
from reporting.config import MIGRATIONS_DIR, SCHEMA, SERVICE_NAME, ReportingSettings
from reporting.entrypoints.consumers import wiring

app = typer.Typer(add_completion=False, help="统计报表服务 reporting service")


@app.command()
def migrate() -> None:
    """Apply pending database migrations (idempotent)."""
    settings = ReportingSettings()
    applied = asyncio.run(run_migrations(settings.database_url, SCHEMA, MIGRATIONS_DIR))
    typer.echo(
        f"migrations applied: {len(applied)}" + (f" ({', '.join(applied)})" if applied else "")
    )


@app.command(name="provision")
def provision_consumers() -> None:
    """Create or update the streams consumed and this service's durable consumers."""

    async def _run() -> None:
        settings = ReportingSettings()
        nc = await connect_nats(settings.nats_servers, name=f"{SERVICE_NAME}-provision")
        try:
            await wiring.provision_consumers(nc.jetstream(), settings.nats_stream_replicas)
        finally:
            await nc.close()

    asyncio.run(_run())
    typer.echo(
        f"consumers provisioned: {', '.join(consumer.durable for consumer in wiring.CONSUMERS)}"
    )


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1"),
    port: int = typer.Option(8100),
    consume: bool = typer.Option(True, help="run the event consumers in this process too"),
) -> None:
    """Serve the REST API (and, by default, the event consumers)."""
    from reporting.entrypoints.app import create_app

    settings = ReportingSettings(run_consumer=consume)
    serve_http(create_app(settings), host=host, port=port)


@app.command()
def consume() -> None:
    """Run only the event consumers (membership and assistance) until SIGTERM."""
    settings = ReportingSettings()
    run_until_signalled(lambda stop: _consume_forever(settings, stop))


async def _consume_forever(settings: ReportingSettings, stop: asyncio.Event) -> None:
    container = await build_container(settings)
    nc = await connect_nats(settings.nats_servers, name=f"{SERVICE_NAME}-consumer")
    freeze_start_up()
    try:
        await wiring.run_consumers(container, nc.jetstream(), stop)
    finally:
        await shut_down(stop, nc=nc, pool=container.pool)


_PERIODS_OPTION = typer.Option(None, help="期间 (可重复, 如 2024H1); 默认最近 4 个半年")


@app.command()
def rebuild(
    period: list[str] | None = _PERIODS_OPTION,
    swap: bool = typer.Option(True, help="figures equal: swap the rebuilt schema in"),
    wait: float = typer.Option(30.0, help="seconds to wait for the live consumer to catch up"),
) -> None:
    """Replay the read models from the stream's start, compare the figures, swap them in.

    Exits 1 when the figures differ, 2 when the rebuild was refused.
    """
    from rich.console import Console

    from reporting.entrypoints.rebuild_cli import run_rebuild

    settings = ReportingSettings()
    raise typer.Exit(asyncio.run(run_rebuild(settings, period or [], swap=swap, wait_seconds=wait,
                                             console=Console())))  # fmt: skip


if __name__ == "__main__":
    app()
