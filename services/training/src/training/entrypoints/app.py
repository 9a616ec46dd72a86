"""The training FastAPI application: routers, lifespan (pool, NATS, relay, consumers), probes."""

from __future__ import annotations

from fastapi import APIRouter, FastAPI
from shared.http.lifespan import service_app

from training.bootstrap import build_container
from training.config import TrainingSettings
from training.entrypoints.api import classes, competitions, employment
from training.entrypoints.consumers import consumer_runners
from training.entrypoints.service import SERVICE

DESCRIPTION = (
    "职工培训与就业服务: 培训班（报名、候补、考勤、结业、证书）、证书公开查询、技能竞赛、"
    "求职登记、招聘信息、招聘会与就业登记（含3个月、6个月回访）。"
    "姓名、身份证号、手机号加密保存，默认遮蔽; 写操作支持 Idempotency-Key。"
)

AREAS = (classes, employment, competitions)
"""Each area package of the API exposes its routers as ``ROUTERS``."""


def _routers() -> list[APIRouter]:
    return [router for area in AREAS for router in area.ROUTERS]


def create_app(settings: TrainingSettings | None = None) -> FastAPI:
    """Build the app; the pool, NATS, the relay and the consumer start with its lifespan."""
    settings = settings or TrainingSettings()
    return service_app(
        SERVICE, settings, build_container, title="UnionHub 职工培训与就业服务 (training)",
        description=DESCRIPTION, routers=_routers(), runners=consumer_runners,
    )  # fmt: skip
