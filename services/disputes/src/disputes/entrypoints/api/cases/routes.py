"""案件 cases: register, list, read (masked unless revealed, every read logged), deadlines."""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query, Response
from pydantic import Field
from shared.adapters import Connection
from shared.http.fields import ApiModel
from shared.http.pagination import Page, PageDep
from shared.http.problems import not_found

from disputes.adapters.cases import views
from disputes.domain.cases.codes import CaseStatus, Category
from disputes.entrypoints.api.cases import schemas
from disputes.entrypoints.api.cases.view import present, render_case
from disputes.entrypoints.api.deps import (
    Commanding,
    ContainerDep,
    Reader,
    RevealQuery,
    may_reveal,
    scope_path,
)
from disputes.service_layer.cases.commands import ApplicantInput, ReceiveCase
from disputes.service_layer.commands import CommandResult

router = APIRouter(prefix="/api/v1/cases", tags=["案件 cases"])


@router.post("", status_code=201, response_model=schemas.CaseOut)
async def receive_case(body: schemas.CaseIn, command: Commanding) -> Response:
    """案件登记: register a dispute brought for mediation (parties sealed)."""
    fields = body.model_dump(exclude={"applicants"})
    applicants = tuple(ApplicantInput(**a.model_dump()) for a in body.applicants)
    make = partial(ReceiveCase, by=command.principal.subject, applicants=applicants, **fields)

    async def render(conn: Connection, result: CommandResult) -> schemas.CaseOut:
        cipher, who = command.container.cipher, command.principal
        return await render_case(conn, cipher, who, result.aggregate, "received")

    return await command.run(make, render, status=201, location="/api/v1/cases/{id}")


@router.get("", response_model=Page[schemas.CaseOut])
async def list_cases(
    principal: Reader,
    container: ContainerDep,
    paging: PageDep,
    status: CaseStatus | None = None,
    category: Category | None = None,
    org_id: Annotated[UUID | None, Query(description="该组织及其下级")] = None,
    mediator_id: UUID | None = None,
    overdue: bool | None = None,
    since: Annotated[date | None, Query(description="登记日期起（含）")] = None,
    until: Annotated[date | None, Query(description="登记日期止（含）")] = None,
    reveal: RevealQuery = False,
) -> Page[schemas.CaseOut]:
    """List cases in the caller's subtree, newest first (each case listed is a logged read)."""
    filters = views.CaseFilters(status, category, org_id, mediator_id, overdue, since, until)
    revealed = may_reveal(principal, reveal)
    async with container.pool.acquire() as conn, conn.transaction():
        scope = await scope_path(conn, principal)
        found, total = await views.list_cases(
            conn, scope, filters, limit=paging.limit, offset=paging.offset
        )
        items = await present(conn, container.cipher, principal, found, "list", reveal=revealed)
    return paging.page(items, total)


class DueCaseOut(ApiModel):
    id: UUID
    org_id: UUID
    status: str
    category: str
    mediator_id: UUID | None
    due_on: date
    days_left: int = Field(description="距期限天数（负数为已逾期）")
    overdue: bool


@router.get("/deadlines", response_model=list[DueCaseOut])
async def deadlines(
    principal: Reader,
    container: ContainerDep,
    within_days: Annotated[int, Query(ge=0, le=365, description="N 日内到期")] = 3,
) -> list[DueCaseOut]:
    """15-day limit: open cases due within N days and those already overdue, soonest first."""
    today = container.clock()
    async with container.pool.acquire() as conn:
        found = await views.due_cases(conn, await scope_path(conn, principal), today, within_days)
    return [
        DueCaseOut(
            id=c.id,
            org_id=c.org_id,
            status=c.status,
            category=c.category,
            mediator_id=c.mediator_id,
            due_on=c.due_on,
            days_left=(c.due_on - today).days,
            overdue=c.due_on < today,
        )
        for c in found
        if c.due_on is not None
    ]


class SummaryOut(ApiModel):
    total: int
    open: int
    overdue: int
    due_soon: int = Field(description="3 日内到期")
    settled: int
    closed: int
    referred: int
    claimed_fen: int
    agreed_fen: int
    recovered_fen: int


@router.get("/summary", response_model=SummaryOut)
async def summary(principal: Reader, container: ContainerDep) -> SummaryOut:
    """Dashboard counts of the caller's subtree: open, overdue, due soon, settled, amounts."""
    async with container.pool.acquire() as conn:
        row = await views.summary(conn, await scope_path(conn, principal), container.clock())
    return SummaryOut(**dict(row))


@router.get("/{case_id}", response_model=schemas.CaseOut)
async def get_case(
    case_id: UUID, principal: Reader, container: ContainerDep, reveal: RevealQuery = False
) -> schemas.CaseOut:
    """One case (masked unless revealed by a mediator); the read is recorded in the access log."""
    async with container.pool.acquire() as conn, conn.transaction():
        found = await views.case_in_scope(conn, await scope_path(conn, principal), case_id)
        if found is None:
            raise not_found("案件")
        revealed = may_reveal(principal, reveal)
        shown = await present(conn, container.cipher, principal, [found], "detail", reveal=revealed)
    return shown[0]
