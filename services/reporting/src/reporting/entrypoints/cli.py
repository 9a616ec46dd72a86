"""Operators' CLI: ``reporting migrate | provision | serve | consume | rebuild``."""

from __future__ import annotations

import asyncio

import typer
from shared.cli import service_cli

from reporting.config import ReportingSettings
from reporting.entrypoints.service import SERVICE

app = service_cli(SERVICE)

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
