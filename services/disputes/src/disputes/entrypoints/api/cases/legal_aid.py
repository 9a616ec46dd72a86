"""法律援助 legal aid: grant it on a case or to a worker, conclude it, list it."""

from __future__ import annotations

from datetime import date
from functools import partial
from uuid import UUID

from fastapi import APIRouter, Response
from pydantic import Field
from shared.adapters import Connection
from shared.adapters.listing import Filters, page
from shared.http.fields import ApiModel, BusinessDate, Fen
from shared.http.pagination import Page, PageDep

from disputes.domain.cases.legal_aid import AidOutcome, AidStage, LegalAid
from disputes.entrypoints.api.cases.schemas import Body
from disputes.entrypoints.api.deps import Commanding, ContainerDep, Reader, scope_path
from disputes.service_layer.cases.commands import ConcludeLegalAid, GrantLegalAid
from disputes.service_layer.commands import CommandResult

router = APIRouter(prefix="/api/v1/legal-aid", tags=["法律援助 legal aid"])


class AidIn(Body):
    org_id: UUID = Field(description="提供援助的组织")
    provider: str = Field(min_length=1, max_length=200, description="援助机构/律师事务所")
    stage: AidStage = Field(description="阶段: 仲裁、一审、二审")
    granted_on: BusinessDate
    case_id: UUID | None = None
    member_id: UUID | None = None
    worker_name: str | None = Field(default=None, max_length=50, description="受援职工（加密保存）")


class ConclusionIn(Body):
    outcome: AidOutcome
    amount_fen: Fen = Field(description="为职工获得的金额（分）")
    concluded_on: BusinessDate


class AidOut(ApiModel):
    id: UUID
    org_id: UUID
    case_id: UUID | None
    member_id: UUID | None
    provider: str
    stage: str
    granted_on: date
    outcome: str | None
    amount_fen: int
    concluded_on: date | None


def _out(a: LegalAid) -> AidOut:
    return AidOut(**{k: getattr(a, k) for k in AidOut.model_fields})


async def _render(_conn: Connection, result: CommandResult) -> AidOut:
    return _out(result.aggregate)


@router.post("", status_code=201, response_model=AidOut)
async def grant(body: AidIn, command: Commanding) -> Response:
    """法律援助: grant legal aid on a case or to a worker, for a stage."""
    make = partial(GrantLegalAid, **body.model_dump())
    return await command.run(make, _render, status=201, location="/api/v1/legal-aid/{id}")


@router.post("/{aid_id}/conclusion", response_model=AidOut)
async def conclude(aid_id: UUID, body: ConclusionIn, command: Commanding) -> Response:
    """援助结案: the outcome and the amount obtained."""
    return await command.run(partial(ConcludeLegalAid, aid_id=aid_id, **body.model_dump()), _render)


@router.get("", response_model=Page[AidOut])
async def list_aid(
    principal: Reader, container: ContainerDep, paging: PageDep, case_id: UUID | None = None
) -> Page[AidOut]:
    """Legal aid in the caller's subtree, newest first."""
    columns = ", ".join(f"l.{k}" for k in AidOut.model_fields)
    async with container.pool.acquire() as conn:
        where = Filters("o.path", await scope_path(conn, principal)).equal("l.case_id", case_id)
        rows, total = await page(
            conn,
            "legal_aid l JOIN org_replica o ON o.id = l.org_id",
            where,
            columns,
            "l.granted_on DESC, l.id",
            paging.limit,
            paging.offset,
        )
    return paging.page([AidOut(**dict(r)) for r in rows], total)
