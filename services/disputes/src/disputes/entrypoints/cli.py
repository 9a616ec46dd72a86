"""Operators' CLI: the kit's ``migrate | provision | serve | relay | consume | republish |
purge | recover`` plus ``mark-overdue`` and ``verify``."""

from __future__ import annotations

import asyncio

import typer
from shared.batch_metrics import reported_batch_run
from shared.cli import service_cli

from disputes.config import DisputesSettings
from disputes.entrypoints.service import SERVICE

app = service_cli(SERVICE)


@app.command(name="mark-overdue")
def mark_overdue() -> None:
    """Mark cases past their due date (publishes disputes.case.overdue once per case)."""
    from disputes.bootstrap import build_container
    from disputes.entrypoints.periodic import mark_all_overdue

    settings = DisputesSettings()

    async def _run() -> int:
        container = await build_container(settings)
        try:
            return await mark_all_overdue(container)
        finally:
            await container.pool.close()

    with reported_batch_run(settings, "disputes-mark-overdue") as batch:
        batch.items = asyncio.run(_run())
    typer.echo(f"cases marked overdue: {batch.items}")


@app.command()
def verify() -> None:
    """Recompute every case's history chain; name the first broken entry of each (exit 1)."""
    from disputes.adapters.cases import history
    from disputes.bootstrap import build_container
    from disputes.domain.cases.history import Break

    async def _run() -> tuple[int, list[Break]]:
        container = await build_container(DisputesSettings())
        try:
            async with container.pool.acquire() as conn:
                broken = [b async for b in history.verify_all(conn)]
                return await history.count_in_scope(conn), broken
        finally:
            await container.pool.close()

    checked, broken = asyncio.run(_run())
    for b in broken:
        typer.echo(f"案件 {b.case_id}: 第{b.seq}条 — {b.reason}")
    typer.echo(f"cases checked: {checked}, broken chains: {len(broken)}")
    if broken:
        raise typer.Exit(1)


if __name__ == "__main__":
    app()
