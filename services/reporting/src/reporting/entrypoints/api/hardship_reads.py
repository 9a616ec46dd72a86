"""``/api/v1/hardship-reads``: who saw hardship entries in member timelines, for auditors.

Rows name a caller and a pseudonymous member, not an organisation, so the list is for the
city's administrators and the auditors whose scope is the whole city (the tree's root).
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends, Query
from pydantic import Field
from shared.auth import Principal, Role, require_roles
from shared.http.fields import ApiModel
from shared.http.pagination import Page, PageDep
from shared.http.problems import Problem

from reporting.adapters.queries import hardship_reads
from reporting.entrypoints.api.statistics import ContainerDep

router = APIRouter(prefix="/api/v1/hardship-reads", tags=["access log"])
Auditor = Annotated[Principal, Depends(require_roles(Role.AUDITOR, Role.CITY_ADMIN))]


class HardshipReadView(ApiModel):
    id: int
    at: datetime
    subject: str = Field(description="读取者")
    roles: list[str]
    member_id: UUID = Field(description="会员的假名标识")
    action: str
    entries: int = Field(description="显示的帮扶条目数")
    trace_id: str | None


@router.get("", response_model=Page[HardshipReadView], summary="帮扶数据查阅记录")
async def list_hardship_reads(
    principal: Auditor,
    container: ContainerDep,
    paging: PageDep,
    member_id: UUID | None = None,
    subject: Annotated[str | None, Query(max_length=200)] = None,
    since: datetime | None = None,
) -> Page[HardshipReadView]:
    """会员时间线中帮扶条目的查阅记录（市级审计与管理员），最新在前。"""
    async with container.pool.acquire() as conn:
        scope = principal.org_id
        if scope is not None and not await hardship_reads.is_city_root(conn, UUID(scope)):
            raise Problem(403, "超出管辖范围", "查阅记录仅限市级审计人员与管理员")
        rows, total = await hardship_reads.list_reads(
            conn, member_id=member_id, subject=subject, since=since,
            limit=paging.limit, offset=paging.offset,
        )  # fmt: skip
    return paging.page([HardshipReadView(**dict(row)) for row in rows], total)
