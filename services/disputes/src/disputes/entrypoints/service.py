"""Disputes described for the kit, which runs its CLI and its API's lifespan from it."""

from __future__ import annotations

from shared.service import ServiceDescription

from disputes.config import (
    CONSUMERS,
    MIGRATIONS_DIR,
    SCHEMA,
    SERVICE_NAME,
    STREAMS,
    DisputesSettings,
)

SERVICE = ServiceDescription(
    name=SERVICE_NAME,
    title="劳动争议调解服务 disputes service",
    schema=SCHEMA,
    migrations=MIGRATIONS_DIR,
    settings=DisputesSettings,
    port=8103,
    app="disputes.entrypoints.app:create_app",
    container="disputes.bootstrap:build_container",
    streams=STREAMS,
    consumers=CONSUMERS,
    runners="disputes.entrypoints.consumers:consumer_runners",
)
