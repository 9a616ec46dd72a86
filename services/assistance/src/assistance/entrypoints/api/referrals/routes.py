"""建档建议: members whose wage-arrears or work-injury dispute ended and who head no file.

Officers list the pending suggestions of their subtree and open a file (``POST /households``
with the member as head: the suggestion closes in the same transaction) or dismiss it.
"""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import Literal
from uuid import UUID

import asyncpg
from fastapi import APIRouter, Response
from pydantic import Field
from shared.adapters import Connection
from shared.http.fields import ApiModel
from shared.http.pagination import Page, PageDep

from assistance.adapters.referrals import views
from assistance.entrypoints.api.deps import Commanding, ContainerDep, Reader, scope_path
from assistance.service_layer.commands import CommandResult
from assistance.service_layer.referrals.commands import DismissSuggestion

router = APIRouter(prefix="/api/v1/file-suggestions", tags=["建档建议 file suggestions"])


class SuggestionOut(ApiModel):
    id: UUID
    member_id: UUID = Field(description="会员（化名标识）")
    org_id: UUID = Field(description="会员所在工会（未知时为受理争议的组织）")
    employer_id: UUID | None = Field(description="单位")
    case_id: UUID = Field(description="劳动争议案件（化名标识）")
    category: Literal["wages", "work_injury"] = Field(description="争议类别: 劳动报酬/欠薪、工伤")
    ending: Literal["settled", "failed", "arbitration_decided"] = Field(
        description="结案方式: 调解成功、调解不成、仲裁结果"
    )
    suggested_on: date = Field(description="建议日期（争议结案日期）")
    status: Literal["pending", "opened", "dismissed"] = Field(
        description="状态: 待处理、已建档、已忽略"
    )


def suggestion_out(row: asyncpg.Record) -> SuggestionOut:
    return SuggestionOut(**{name: row[name] for name in SuggestionOut.model_fields})


@router.get("", response_model=Page[SuggestionOut])
async def list_suggestions(
    principal: Reader, container: ContainerDep, paging: PageDep, member_id: UUID | None = None
) -> Page[SuggestionOut]:
    """待处理的建档建议 in the caller's subtree, oldest first."""
    async with container.pool.acquire() as conn:
        rows, total = await views.pending_suggestions(
            conn,
            await scope_path(conn, principal),
            member_id,
            limit=paging.limit,
            offset=paging.offset,
        )
    return paging.page([suggestion_out(row) for row in rows], total)


@router.post("/{suggestion_id}/dismiss", response_model=SuggestionOut)
async def dismiss(suggestion_id: UUID, command: Commanding) -> Response:
    """忽略: the member needs no hardship file; the suggestion leaves the list."""

    async def render(conn: Connection, result: CommandResult) -> SuggestionOut | None:
        row = await views.suggestion(conn, result.aggregate_id)
        return suggestion_out(row) if row else None

    return await command.run(partial(DismissSuggestion, suggestion_id=suggestion_id), render)
