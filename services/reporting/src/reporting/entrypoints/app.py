"""The reporting FastAPI application: routes, lifespan (pool, NATS, consumer), probes."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from typing import Any

import asyncpg
from fastapi import FastAPI
from nats.aio.client import Client as NatsClient
from shared.bus import ConsumerSpec, connect_nats
from shared.collector import freeze_start_up
from shared.http.app import create_app as create_platform_app
from shared.http.health import CheckResult, ReadinessCheck, nats_check, postgres_check
from shared.lifecycle import shut_down
from shared.metrics import CONSUMER_LAG, CONSUMER_LAST_SEQUENCE

from reporting.bootstrap import build_container
from reporting.config import (
    ASSISTANCE_CONSUMER,
    MEMBERSHIP_CONSUMER,
    SERVICE_NAME,
    ReportingSettings,
)
from reporting.entrypoints.api import assistance_exports, assistance_statistics, exports, statistics
from reporting.entrypoints.api import timeline as member_timeline
from reporting.entrypoints.consumers.wiring import provision_consumers, start_consumers
from reporting.entrypoints.pages import assistance_routes as assistance_pages
from reporting.entrypoints.pages import routes as pages

API_VERSION = "0.1.0"
DESCRIPTION = (
    "统计报表: 按组织（含下级）与任意期间统计会籍与困难职工帮扶指标，可回溯到任一历史日期; "
    "汇总按统计日当时的组织隶属关系。数据来自会籍服务与帮扶服务发布的事件。"
)


def create_app(settings: ReportingSettings | None = None) -> FastAPI:
    """Build the app; the pool, NATS and the event consumers start with its lifespan."""
    settings = settings or ReportingSettings()

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        container = await build_container(settings)
        freeze_start_up()
        nc = await connect_nats(settings.nats_servers, name=f"{SERVICE_NAME}-api")
        app.state.container = container
        app.state.readiness.update(
            postgres=postgres_check(container.pool),
            nats=nats_check(nc),
            membership_consumer=consumer_check(container.pool, nc),
            assistance_consumer=consumer_check(container.pool, nc, ASSISTANCE_CONSUMER),
        )
        stop = asyncio.Event()
        tasks: list[asyncio.Task[None]] = []
        if settings.run_consumer:
            await provision_consumers(nc.jetstream(), settings.nats_stream_replicas)
            tasks = start_consumers(container, nc.jetstream(), stop)
        try:
            yield
        finally:
            await shut_down(stop, tasks, nc=nc, pool=container.pool)

    app = create_platform_app(
        title="UnionHub 统计报表服务 (reporting)",
        version=API_VERSION,
        settings=settings,
        service_name=SERVICE_NAME,
        readiness={},
        lifespan=lifespan,
    )
    app.description = DESCRIPTION
    app.include_router(statistics.router)
    app.include_router(exports.router)
    app.include_router(assistance_statistics.router)
    app.include_router(assistance_exports.router)
    app.include_router(member_timeline.router)
    app.include_router(pages.router)
    app.include_router(assistance_pages.router)
    return app


def consumer_check(
    pool: asyncpg.Pool[Any], nc: NatsClient, spec: ConsumerSpec = MEMBERSHIP_CONSUMER
) -> ReadinessCheck:
    """Reports the last applied stream sequence and the messages still pending (the lag)."""

    async def check() -> CheckResult:
        last_seq = await pool.fetchval(
            "SELECT last_seq FROM consumer_tracking WHERE consumer = $1", spec.durable
        )
        info = await nc.jetstream().consumer_info(spec.stream, spec.durable)
        detail = {
            "last_applied_sequence": last_seq or 0,
            "pending": info.num_pending,
            "unacknowledged": info.num_ack_pending,
        }
        # The runner sets these after each batch only: refresh them while it idles or fails.
        CONSUMER_LAG.labels(consumer=spec.durable).set(info.num_pending)
        CONSUMER_LAST_SEQUENCE.labels(consumer=spec.durable).set(last_seq or 0)
        return CheckResult(True, detail)

    return check
