"""Operators' CLI: ``training migrate | provision | serve | relay | consume | republish | purge |
link-people``."""

from __future__ import annotations

import asyncio

import typer
from shared.cli import service_cli

from training.config import TrainingSettings
from training.entrypoints.service import SERVICE

app = service_cli(SERVICE)


@app.command(name="link-people")
def link_people() -> None:
    """Give people registered before the person link existed their link (idempotent)."""
    from training.adapters.people import link_unlinked_people
    from training.bootstrap import build_container

    async def _run() -> int:
        container = await build_container(TrainingSettings())
        try:
            return await link_unlinked_people(container.pool, container.cipher)
        finally:
            await container.pool.close()

    typer.echo(f"people linked: {asyncio.run(_run())}")


if __name__ == "__main__":
    app()
