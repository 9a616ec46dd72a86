"""The portal described for the kit, which runs its CLI from it.

The workbench publishes and consumes no events: it keeps accounts and sessions in its own
schema and reaches the services only through their public HTTP APIs.
"""

from __future__ import annotations

from shared.service import ServiceDescription

from portal.config import MIGRATIONS_DIR, SCHEMA, SERVICE_NAME, PortalSettings

SERVICE = ServiceDescription(
    name=SERVICE_NAME,
    title="工会干部工作台 cadre workbench",
    schema=SCHEMA,
    migrations=MIGRATIONS_DIR,
    settings=PortalSettings,
    port=8080,
    app="portal.entrypoints.app:create_app",
    container="portal.bootstrap:build_container",
    streams=(),
    publishes=False,
)
