"""访问日志: who read which hardship file, for auditors and city administrators."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query
from pydantic import Field
from shared.http.fields import ApiModel
from shared.http.pagination import Page, PageDep

from assistance.adapters import access_log as log
from assistance.entrypoints.api.deps import Auditor, ContainerDep, scope_path

router = APIRouter(prefix="/api/v1/access-log", tags=["访问日志 access log"])


class AccessOut(ApiModel):
    id: int
    at: datetime = Field(description="查阅时间")
    subject: str = Field(description="查阅人（令牌主体）")
    roles: list[str]
    household_id: UUID
    action: str = Field(description="detail, list 或某项操作; 带 :reveal 表示显示了完整信息")
    revealed: bool
    trace_id: str | None


@router.get("", response_model=Page[AccessOut])
async def list_access(
    principal: Auditor,
    container: ContainerDep,
    paging: PageDep,
    household_id: UUID | None = None,
    subject: Annotated[str | None, Query(max_length=200)] = None,
    since: Annotated[datetime | None, Query(description="起（含），ISO 8601")] = None,
    until: Annotated[datetime | None, Query(description="止（不含），ISO 8601")] = None,
) -> Page[AccessOut]:
    """Reads of hardship files in the caller's subtree, newest first."""
    filters = log.AccessFilters(household_id, subject, since, until)
    async with container.pool.acquire() as conn:
        rows, total = await log.list_reads(
            conn,
            await scope_path(conn, principal),
            filters,
            limit=paging.limit,
            offset=paging.offset,
        )
    return paging.page([AccessOut(**dict(r)) for r in rows], total)
