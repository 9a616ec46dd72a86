"""The membership FastAPI application: routers, lifespan (pool, NATS, relay), probes."""

from __future__ import annotations

from fastapi import APIRouter, FastAPI
from shared.http.lifespan import service_app

from membership.bootstrap import build_container
from membership.config import MembershipSettings
from membership.entrypoints.api import (
    committees,
    contracts,
    employers,
    members,
    organisations,
    roster_imports,
)
from membership.entrypoints.service import SERVICE

DESCRIPTION = (
    "组织建设与会籍管理: 工会组织体系、单位与排摸、会员实名入会与会籍接转、集体合同。"
    "所有查询限定在调用者的组织范围内; 写操作支持 Idempotency-Key。"
)


def _routers() -> list[APIRouter]:
    return [
        organisations.router,
        committees.router,
        employers.router,
        members.router,
        contracts.router,
        roster_imports.router,
    ]


def create_app(settings: MembershipSettings | None = None) -> FastAPI:
    """Build the app; the pool, the NATS connection and the relay start with its lifespan."""
    settings = settings or MembershipSettings()
    # Only the roster upload takes a large body; every other route keeps the kit's limit.
    upload = {f"POST {roster_imports.router.prefix}": settings.roster_max_bytes + 64 * 1024}
    return service_app(
        SERVICE, settings, build_container, title="UnionHub 组织与会籍服务 (membership)",
        description=DESCRIPTION, routers=_routers(), body_allowances=upload,
    )  # fmt: skip
