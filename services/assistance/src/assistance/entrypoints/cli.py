"""Operators' CLI: ``assistance migrate | provision | serve | relay | consume | republish |
purge | flag-overdue``."""

from __future__ import annotations

import asyncio

import typer
from shared.batch_metrics import reported_batch_run
from shared.cli import service_cli

from assistance.config import AssistanceSettings
from assistance.entrypoints.service import SERVICE

app = service_cli(SERVICE)


@app.command(name="flag-overdue")
def flag_overdue() -> None:
    """Flag files not re-verified for 12 months (publishes HouseholdFlagged once per file)."""
    from assistance.bootstrap import build_container
    from assistance.entrypoints.periodic import flag_all_overdue

    settings = AssistanceSettings()

    async def _run() -> int:
        container = await build_container(settings)
        try:
            return await flag_all_overdue(container)
        finally:
            await container.pool.close()

    with reported_batch_run(settings, "assistance-flag-overdue") as batch:
        batch.items = asyncio.run(_run())
    typer.echo(f"files flagged: {batch.items}")


if __name__ == "__main__":
    app()
