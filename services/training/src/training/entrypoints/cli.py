"""Operators' CLI: ``training migrate | provision | serve | relay | consume | republish | purge``."""

from __future__ import annotations

from shared.cli import service_cli

from training.entrypoints.service import SERVICE

app = service_cli(SERVICE)


if __name__ == "__main__":
    app()
