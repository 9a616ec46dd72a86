"""The reporting FastAPI application: routes, lifespan (pool, NATS, consumer), probes."""

from __future__ import annotations

from fastapi import APIRouter, FastAPI
from shared.http.lifespan import service_app

from reporting.bootstrap import build_container
from reporting.config import ReportingSettings
from reporting.entrypoints.api import (
    annual_report,
    assistance_exports,
    assistance_statistics,
    breakdown_exports,
    breakdowns,
    dispute_exports,
    dispute_statistics,
    employer_statistics,
    exports,
    hardship_reads,
    statistics,
    training_exports,
    training_statistics,
)
from reporting.entrypoints.api import timeline as member_timeline
from reporting.entrypoints.consumers.wiring import consumer_runners
from reporting.entrypoints.pages import annual_routes as annual_pages
from reporting.entrypoints.pages import assistance_routes as assistance_pages
from reporting.entrypoints.pages import breakdown_routes as breakdown_pages
from reporting.entrypoints.pages import dispute_routes as dispute_pages
from reporting.entrypoints.pages import routes as pages
from reporting.entrypoints.pages import training_routes as training_pages
from reporting.entrypoints.service import SERVICE

DESCRIPTION = (
    "统计报表: 按组织（含下级）与任意期间统计会籍、困难职工帮扶、劳动争议调解与职工培训就业指标，"
    "可回溯到任一历史日期; 汇总按统计日当时的组织隶属关系。"
    "数据来自会籍、帮扶、劳动争议调解与培训服务发布的事件。"
)


def create_app(settings: ReportingSettings | None = None) -> FastAPI:
    """Build the app; the pool, NATS and the event consumers start with its lifespan."""
    settings = settings or ReportingSettings()
    return service_app(
        SERVICE, settings, build_container, title="UnionHub 统计报表服务 (reporting)",
        description=DESCRIPTION, routers=_routers(), runners=consumer_runners,
    )  # fmt: skip


def _routers() -> list[APIRouter]:
    return [
        statistics.router,
        breakdowns.router,
        breakdown_exports.router,
        annual_report.router,
        employer_statistics.router,
        exports.router,
        assistance_statistics.router,
        assistance_exports.router,
        dispute_statistics.router,
        dispute_exports.router,
        member_timeline.router,
        hardship_reads.router,
        pages.router,
        assistance_pages.router,
        dispute_pages.router,
        training_statistics.router,
        training_exports.router,
        training_pages.router,
        breakdown_pages.router,
        annual_pages.router,
    ]
