"""Operators' CLI: ``membership migrate | provision | serve | relay | republish | purge``."""

from __future__ import annotations

from shared.cli import ServiceDescription, service_cli

from membership.config import MIGRATIONS_DIR, SCHEMA, SERVICE_NAME, STREAMS, MembershipSettings

SERVICE = ServiceDescription(
    name=SERVICE_NAME,
    title="组织与会籍服务 membership service",
    schema=SCHEMA,
    migrations=MIGRATIONS_DIR,
    settings=MembershipSettings,
    port=8101,
    app="membership.entrypoints.app:create_app",
    streams=STREAMS,
)

app = service_cli(SERVICE)

if __name__ == "__main__":
    app()
