"""Assistance described for the kit, which runs its CLI and its API's lifespan from it."""

from __future__ import annotations

from shared.service import ServiceDescription

from assistance.config import (
    CONSUMERS,
    MIGRATIONS_DIR,
    SCHEMA,
    SERVICE_NAME,
    STREAMS,
    AssistanceSettings,
)

SERVICE = ServiceDescription(
    name=SERVICE_NAME,
    title="困难职工帮扶服务 assistance service",
    schema=SCHEMA,
    migrations=MIGRATIONS_DIR,
    settings=AssistanceSettings,
    port=8102,
    app="assistance.entrypoints.app:create_app",
    container="assistance.bootstrap:build_container",
    streams=STREAMS,
    consumers=CONSUMERS,
    runners="assistance.entrypoints.consumers:consumer_runners",
)
