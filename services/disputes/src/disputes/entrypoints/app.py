"""The disputes FastAPI application: routers, lifespan (pool, NATS, relay, consumers), probes."""

from __future__ import annotations

import asyncio

from fastapi import APIRouter, FastAPI
from nats.aio.client import Client as NatsClient
from shared.http.lifespan import service_app

from disputes.bootstrap import Container, build_container
from disputes.config import DisputesSettings
from disputes.entrypoints.api import audit, cases, network, reception
from disputes.entrypoints.consumers import consumer_runners
from disputes.entrypoints.periodic import mark_overdue_periodically
from disputes.entrypoints.service import SERVICE

DESCRIPTION = (
    "劳动争议调解: 接待来访、案件受理、调解（15日期限）、调解协议书、转仲裁、法律援助、预警。"
    "案件仅限调解员（本调解组织管辖范围内）、审计人员与管理员查看，每次查阅均记入访问日志; "
    "每一步记入哈希链历史，可由审计接口核验; 写操作支持 Idempotency-Key。"
)

AREAS = (network, reception, cases)
"""Each area package of the API exposes its routers as ``ROUTERS``."""


def _routers() -> list[APIRouter]:
    return [*(router for area in AREAS for router in area.ROUTERS), audit.router]


def create_app(settings: DisputesSettings | None = None) -> FastAPI:
    """Build the app; the pool, NATS, the relay and the consumers start with its lifespan."""
    settings = settings or DisputesSettings()
    body = settings.evidence_max_bytes + 64 * 1024
    return service_app(
        SERVICE,
        settings,
        build_container,
        title="UnionHub 劳动争议调解服务 (disputes)",
        description=DESCRIPTION,
        routers=_routers(),
        runners=consumer_runners,
        start=_start_jobs,
        body_allowances={"POST /api/v1/cases/{case_id}/evidence": body},
    )


async def _start_jobs(container: Container, _nc: NatsClient, stop: asyncio.Event) -> None:
    """Cases past their due date are marked periodically."""
    if container.settings.overdue_check_interval_seconds > 0:
        container.spawn(mark_overdue_periodically(container, stop))
