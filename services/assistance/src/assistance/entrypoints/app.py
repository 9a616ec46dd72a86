"""The assistance FastAPI application: routers, lifespan (pool, NATS, relay, consumers), probes."""

from __future__ import annotations

import asyncio

from fastapi import APIRouter, FastAPI
from nats.aio.client import Client as NatsClient
from shared.http.lifespan import service_app

from assistance.bootstrap import Container, build_container
from assistance.config import AssistanceSettings
from assistance.entrypoints.api import (
    access_log,
    aid,
    giving,
    households,
    imports,
    referrals,
    visits,
)
from assistance.entrypoints.api.aid import resume_payment_batches
from assistance.entrypoints.consumers import consumer_runners
from assistance.entrypoints.periodic import flag_overdue_periodically
from assistance.entrypoints.service import SERVICE

DESCRIPTION = (
    "困难职工帮扶: 困难职工建档立卡、年度复核、走访慰问、帮扶项目与预算、申请审批与资金发放。"
    "困难职工数据仅限帮扶干部（管辖范围内）与审计人员查看，每次查阅均记入访问日志; "
    "写操作支持 Idempotency-Key。"
)


AREAS = (households, visits, aid, giving, referrals)
"""Each area package of the API exposes its routers as ``ROUTERS``."""


def _routers() -> list[APIRouter]:
    return [
        *(router for area in AREAS for router in area.ROUTERS),
        access_log.router,
        *imports.ROUTERS,
    ]


def create_app(settings: AssistanceSettings | None = None) -> FastAPI:
    """Build the app; the pool, NATS, the relay and the consumers start with its lifespan."""
    settings = settings or AssistanceSettings()
    # Only the import uploads take a large body (the file plus the multipart envelope), so the
    # import's own limit answers for the file; every other route keeps the kit's limit.
    upload = settings.import_max_bytes + 64 * 1024
    allowances = {f"POST {imports.PREFIX}/{{kind}}": upload}
    return service_app(
        SERVICE, settings, build_container, title="UnionHub 困难职工帮扶服务 (assistance)",
        description=DESCRIPTION, routers=_routers(), runners=consumer_runners, start=_start_jobs,
        body_allowances=allowances,
    )  # fmt: skip


async def _start_jobs(container: Container, _nc: NatsClient, stop: asyncio.Event) -> None:
    """Payment batches interrupted by a stop resume; files overdue for re-verification are
    flagged periodically."""
    await resume_payment_batches(container)
    if container.settings.overdue_check_interval_seconds > 0:
        container.spawn(flag_overdue_periodically(container, stop))
