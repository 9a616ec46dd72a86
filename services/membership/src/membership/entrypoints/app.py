"""The membership FastAPI application: routers, lifespan (pool, NATS, relay), probes."""

from __future__ import annotations

from fastapi import APIRouter, FastAPI
from shared.http.app import create_app as create_platform_app
from shared.http.lifespan import service_lifespan

from membership.bootstrap import build_container
from membership.config import SERVICE_NAME, MembershipSettings
from membership.entrypoints.api import (
    contracts,
    employers,
    members,
    organisations,
    roster_imports,
)
from membership.entrypoints.service import SERVICE

API_VERSION = "0.1.0"
DESCRIPTION = (
    "组织建设与会籍管理: 工会组织体系、单位与排摸、会员实名入会与会籍接转、集体合同。"
    "所有查询限定在调用者的组织范围内; 写操作支持 Idempotency-Key。"
)


def _routers() -> list[APIRouter]:
    return [
        organisations.router,
        employers.router,
        members.router,
        contracts.router,
        roster_imports.router,
    ]


def create_app(settings: MembershipSettings | None = None) -> FastAPI:
    """Build the app; the pool, the NATS connection and the relay start with its lifespan."""
    settings = settings or MembershipSettings()
    lifespan = service_lifespan(SERVICE, settings, build_container)
    return create_platform_app(
        title="UnionHub 组织与会籍服务 (membership)",
        version=API_VERSION,
        settings=settings,
        service_name=SERVICE_NAME,
        readiness={},
        lifespan=lifespan,
        # Only the roster upload takes a large body; every other route keeps the kit's limit.
        body_allowances={
            f"POST {roster_imports.router.prefix}": settings.roster_max_bytes + 64 * 1024
        },
        description=DESCRIPTION,
        routers=_routers(),
    )
