"""Operators' CLI: ``assistance migrate | provision | serve | relay | consume | republish |
purge | flag-overdue``."""

from __future__ import annotations

import asyncio

import typer
from shared.cli import service_cli

from assistance.config import AssistanceSettings
from assistance.entrypoints.service import SERVICE

app = service_cli(SERVICE)


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


if __name__ == "__main__":
    app()
