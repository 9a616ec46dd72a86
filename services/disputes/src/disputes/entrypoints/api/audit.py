"""审计: the history chains verified, and the access log of case reads (auditors, city admins)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query
from pydantic import Field
from shared.http.fields import ApiModel
from shared.http.pagination import Page, PageDep

from disputes.adapters import access_log as log
from disputes.adapters.cases import history
from disputes.entrypoints.api.deps import Auditor, ContainerDep, scope_path

router = APIRouter(prefix="/api/v1", tags=["审计 audit"])


class BreakOut(ApiModel):
    case_id: UUID
    seq: int = Field(description="第一条不符的记录")
    reason: str


class VerificationOut(ApiModel):
    cases_checked: int
    intact: bool
    broken: list[BreakOut]


@router.get("/audit/history-verification", response_model=VerificationOut)
async def verify_history(principal: Auditor, container: ContainerDep) -> VerificationOut:
    """Recompute every case's hash chain in the caller's subtree; name each first broken entry."""
    async with container.pool.acquire() as conn:
        scope = await scope_path(conn, principal)
        broken = [
            BreakOut(case_id=b.case_id, seq=b.seq, reason=b.reason)
            async for b in history.verify_all(conn, scope)
        ]
        checked = await history.count_in_scope(conn, scope)
    return VerificationOut(cases_checked=checked, intact=not broken, broken=broken)


class AccessOut(ApiModel):
    id: int
    at: datetime = Field(description="查阅时间")
    subject: str = Field(description="查阅人（令牌主体）")
    roles: list[str]
    case_id: UUID
    action: str = Field(description="detail, list 或某项操作; 带 :reveal 表示显示了完整信息")
    revealed: bool
    trace_id: str | None


@router.get("/access-log", response_model=Page[AccessOut])
async def list_access(
    principal: Auditor,
    container: ContainerDep,
    paging: PageDep,
    case_id: UUID | None = None,
    subject: Annotated[str | None, Query(max_length=200)] = None,
    since: Annotated[datetime | None, Query(description="起（含），ISO 8601")] = None,
    until: Annotated[datetime | None, Query(description="止（不含），ISO 8601")] = None,
) -> Page[AccessOut]:
    """Reads of cases in the caller's subtree, newest first."""
    filters = log.AccessFilters(case_id, subject, since, until)
    async with container.pool.acquire() as conn:
        rows, total = await log.list_reads(
            conn,
            await scope_path(conn, principal),
            filters,
            limit=paging.limit,
            offset=paging.offset,
        )
    return paging.page([AccessOut(**dict(r)) for r in rows], total)
