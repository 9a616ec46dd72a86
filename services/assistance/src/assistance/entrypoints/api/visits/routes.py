"""走访慰问 visits: record a dated visit to a household or a member, list them."""

from __future__ import annotations

from datetime import date, datetime
from functools import partial
from typing import Annotated
from uuid import UUID

import asyncpg
from fastapi import APIRouter, Query, Response
from pydantic import ConfigDict, Field
from shared.adapters import Connection
from shared.http.fields import ApiModel, BusinessDate
from shared.http.pagination import Page, PageDep
from shared.pii import PiiCipher

from assistance.adapters.visits import views
from assistance.domain.visits.codes import VisitOccasion
from assistance.entrypoints.api.deps import (
    Commanding,
    ContainerDep,
    Reader,
    may_see_notes,
    scope_path,
)
from assistance.entrypoints.api.households.view import log_related_reads
from assistance.service_layer.commands import CommandResult
from assistance.service_layer.visits.commands import RecordVisit

router = APIRouter(prefix="/api/v1/visits", tags=["走访慰问 visits"])


class VisitIn(ApiModel):
    model_config = ConfigDict(extra="forbid")

    occasion: VisitOccasion = Field(description="事由: 住院、子女升学、节日、婚嫁、丧事、其他")
    visited_on: BusinessDate = Field(
        description="走访日期：不晚于今天，不早于该户建档日期和可补录历史的起始日"
    )
    household_id: UUID | None = Field(default=None, description="走访的困难户")
    member_id: UUID | None = Field(default=None, description="走访的会员")
    employer_id: UUID | None = Field(default=None, description="所在单位（默认取会员的单位）")
    note: str | None = Field(default=None, max_length=1000, description="走访记录（加密保存）")


class VisitOut(ApiModel):
    id: UUID
    org_id: UUID
    household_id: UUID | None
    member_id: UUID | None
    employer_id: UUID | None
    occasion: str
    visited_on: date
    note: str | None = Field(description="走访记录（仅帮扶干部与管理员可见）")
    recorded_by: str = Field(description="录入人（令牌主体）")
    entered_at: datetime = Field(description="录入时间（补录历史走访时晚于走访日期）")


def visit_out(row: asyncpg.Record, cipher: PiiCipher, *, with_note: bool) -> VisitOut:
    note = cipher.decrypt(row["note_cipher"]) if with_note and row["note_cipher"] else None
    fields = {k: row[k] for k in VisitOut.model_fields if k != "note"}
    return VisitOut(**fields, note=note)


@router.post("", status_code=201, response_model=VisitOut)
async def record_visit(body: VisitIn, command: Commanding) -> Response:
    """走访慰问: record a visit (四必访/五必访) to a household or a member."""

    make = partial(RecordVisit, recorded_by=command.principal.subject, **body.model_dump())

    async def render(conn: Connection, result: CommandResult) -> VisitOut | None:
        row = await views.visit(conn, result.aggregate_id)
        return visit_out(row, command.container.cipher, with_note=True) if row else None

    return await command.run(
        make,
        render,
        status=201,
        location="/api/v1/visits/{id}",
    )


@router.get("", response_model=Page[VisitOut])
async def list_visits(
    principal: Reader,
    container: ContainerDep,
    paging: PageDep,
    household_id: UUID | None = None,
    member_id: UUID | None = None,
    occasion: VisitOccasion | None = None,
    since: Annotated[date | None, Query(description="走访日期起（含）")] = None,
    until: Annotated[date | None, Query(description="走访日期止（含）")] = None,
) -> Page[VisitOut]:
    """List visits in the caller's subtree, newest first."""
    filters = views.VisitFilters(household_id, member_id, occasion, since, until)
    async with container.pool.acquire() as conn:
        rows, total = await views.list_visits(
            conn,
            await scope_path(conn, principal),
            filters,
            limit=paging.limit,
            offset=paging.offset,
        )
        await log_related_reads(conn, principal, (r["household_id"] for r in rows), "visits")
    with_note = may_see_notes(principal)
    return paging.page([visit_out(r, container.cipher, with_note=with_note) for r in rows], total)
