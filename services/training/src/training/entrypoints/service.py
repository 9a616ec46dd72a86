"""Training described for the kit, which runs its CLI and its API's lifespan from it."""

from __future__ import annotations

from shared.service import ServiceDescription

from training.config import (
    CONSUMERS,
    MIGRATIONS_DIR,
    SCHEMA,
    SERVICE_NAME,
    STREAMS,
    TrainingSettings,
)

SERVICE = ServiceDescription(
    name=SERVICE_NAME,
    title="职工培训与就业服务 training service",
    schema=SCHEMA,
    migrations=MIGRATIONS_DIR,
    settings=TrainingSettings,
    port=8104,
    app="training.entrypoints.app:create_app",
    container="training.bootstrap:build_container",
    streams=STREAMS,
    consumers=CONSUMERS,
    runners="training.entrypoints.consumers:consumer_runners",
)
