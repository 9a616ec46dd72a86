"""Reporting described for the kit, which runs its CLI and its API's lifespan from it.

Reporting publishes nothing: it consumes one durable consumer per projected stream (the
registry ``PROJECTED_STREAMS``) and keeps the ``/readyz`` names its clients know.
"""

from __future__ import annotations

from shared.service import ServiceDescription

from reporting.config import (
    ASSISTANCE_CONSUMER,
    DISPUTES_CONSUMER,
    MEMBERSHIP_CONSUMER,
    MIGRATIONS_DIR,
    SCHEMA,
    SERVICE_NAME,
    TRAINING_CONSUMER,
    ReportingSettings,
)
from reporting.entrypoints.consumers.wiring import CONSUMERS, STREAMS

SERVICE = ServiceDescription(
    name=SERVICE_NAME,
    title="统计报表服务 reporting service",
    schema=SCHEMA,
    migrations=MIGRATIONS_DIR,
    settings=ReportingSettings,
    port=8100,
    app="reporting.entrypoints.app:create_app",
    container="reporting.bootstrap:build_container",
    streams=STREAMS,
    consumers=CONSUMERS,
    runners="reporting.entrypoints.consumers.wiring:consumer_runners",
    publishes=False,
    replays=True,
    readiness_names={
        MEMBERSHIP_CONSUMER.durable: "membership_consumer",
        ASSISTANCE_CONSUMER.durable: "assistance_consumer",
        DISPUTES_CONSUMER.durable: "disputes_consumer",
        TRAINING_CONSUMER.durable: "training_consumer",
    },
)
