"""The assistance FastAPI application: routers, lifespan (pool, NATS, relay, consumers), probes."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

from fastapi import FastAPI
from nats.aio.client import Client as NatsClient
from shared.bus import connect_nats, provision
from shared.http.app import create_app as create_platform_app
from shared.http.domain_errors import install_domain_error_handler
from shared.http.health import consumer_check, nats_check, postgres_check
from shared.lifecycle import shut_down
from shared.outbox import OutboxRelay

from assistance.bootstrap import Container, build_container
from assistance.config import CONSUMERS, SCHEMA, SERVICE_NAME, STREAMS, AssistanceSettings
from assistance.entrypoints.api import access_log, aid, giving, households, visits
from assistance.entrypoints.api.aid import resume_payment_batches
from assistance.entrypoints.consumers import consumer_runners
from assistance.entrypoints.periodic import flag_overdue_periodically

API_VERSION = "0.1.0"
DESCRIPTION = (
    "困难职工帮扶: 困难职工建档立卡、年度复核、走访慰问、帮扶项目与预算、申请审批与资金发放。"
    "困难职工数据仅限帮扶干部（管辖范围内）与审计人员查看，每次查阅均记入访问日志; "
    "写操作支持 Idempotency-Key。"
)


AREAS = (households, visits, aid, giving)
"""Each area package of the API exposes its routers as ``ROUTERS``."""


def _routers() -> list[object]:
    return [*(router for area in AREAS for router in area.ROUTERS), access_log.router]


def create_app(settings: AssistanceSettings | None = None) -> FastAPI:
    """Build the app; the pool, NATS, the relay and the consumers start with its lifespan."""
    settings = settings or AssistanceSettings()

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        container = await build_container(settings)
        nc = await connect_nats(settings.nats_servers, name=f"{SERVICE_NAME}-api")
        app.state.container = container
        app.state.readiness.update(
            postgres=postgres_check(container.pool),
            nats=nats_check(nc),
            **{spec.durable: consumer_check(container.pool, nc, spec) for spec in CONSUMERS},
        )
        stop = asyncio.Event()
        await _start_background(container, nc, stop)
        try:
            yield
        finally:
            await shut_down(stop, container.tasks, nc=nc, pool=container.pool)

    app = create_platform_app(
        title="UnionHub 困难职工帮扶服务 (assistance)",
        version=API_VERSION,
        settings=settings,
        service_name=SERVICE_NAME,
        readiness={},
        lifespan=lifespan,
    )
    app.description = DESCRIPTION
    install_domain_error_handler(app, SERVICE_NAME)
    for router in _routers():
        app.include_router(router)  # type: ignore[arg-type]
    return app


async def _start_background(container: Container, nc: NatsClient, stop: asyncio.Event) -> None:
    settings = container.settings
    if settings.run_relay:
        container.spawn(OutboxRelay(container.pool, SCHEMA, nc.jetstream).run(stop))
    if settings.run_consumers:
        js = nc.jetstream()
        await provision(js, STREAMS, CONSUMERS, replicas=settings.nats_stream_replicas)
        for runner in consumer_runners(container, js):
            container.spawn(runner.run(stop))
    await resume_payment_batches(container)
    if settings.overdue_check_interval_seconds > 0:
        container.spawn(flag_overdue_periodically(container, stop))
