"""Operators' CLI: ``membership migrate | provision | serve | relay | republish | purge``."""

from __future__ import annotations

from shared.cli import service_cli

from membership.entrypoints.service import SERVICE

app = service_cli(SERVICE)

if __name__ == "__main__":
    app()
