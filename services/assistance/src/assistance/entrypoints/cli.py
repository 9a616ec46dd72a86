"""Operators' CLI: ``assistance migrate | provision | serve | relay | consume | republish |
purge | flag-overdue | link-people``."""

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


@app.command(name="link-people")
def link_people() -> None:
    """Give heads and family members sealed before the person link existed their link
    (idempotent; a placement finds a file by its people's links)."""
    from assistance.adapters.households.person_links import link_unlinked_people
    from assistance.bootstrap import build_container

    async def _run() -> int:
        container = await build_container(AssistanceSettings())
        try:
            return await link_unlinked_people(container.pool, container.cipher)
        finally:
            await container.pool.close()

    typer.echo(f"people linked: {asyncio.run(_run())}")


if __name__ == "__main__":
    app()
