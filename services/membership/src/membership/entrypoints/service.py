"""Membership described for the kit, which runs its CLI and its API's lifespan from it."""

from __future__ import annotations

from shared.service import ServiceDescription

from membership.config import MIGRATIONS_DIR, SCHEMA, SERVICE_NAME, STREAMS, MembershipSettings

SERVICE = ServiceDescription(
    name=SERVICE_NAME,
    title="组织与会籍服务 membership service",
    schema=SCHEMA,
    migrations=MIGRATIONS_DIR,
    settings=MembershipSettings,
    port=8101,
    app="membership.entrypoints.app:create_app",
    container="membership.bootstrap:build_container",
    streams=STREAMS,
)
