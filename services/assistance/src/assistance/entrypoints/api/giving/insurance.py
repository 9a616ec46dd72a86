"""职工互助医疗保障 mutual medical insurance: enrolments, claims, counts and amounts."""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import Annotated
from uuid import UUID, uuid4

from fastapi import APIRouter, Query, Response
from pydantic import ConfigDict, Field
from shared.adapters import Connection
from shared.http.fields import JSON_INTEGER, ApiModel, BusinessDate
from shared.http.pagination import Page, PageDep
from shared.http.problems import Problem

from assistance.adapters.giving import insurance_views as views
from assistance.domain.giving.codes import ClaimKind
from assistance.entrypoints.api.deps import Commanding, ContainerDep, Reader, scope_path
from assistance.service_layer.commands import CommandResult
from assistance.service_layer.giving import commands as c

router = APIRouter(prefix="/api/v1/insurance", tags=["互助保障 mutual insurance"])
Year = Annotated[int, Field(ge=2000, le=2100, description="保障年度"), JSON_INTEGER]


class EnrolmentIn(ApiModel):
    model_config = ConfigDict(extra="forbid")

    member_id: UUID = Field(description="参保会员")
    scheme_year: Year
    premium_fen: Annotated[int, Field(ge=0, description="保费（分）"), JSON_INTEGER]
    enrolled_on: BusinessDate = Field(description="参保日期")


class EnrolmentOut(ApiModel):
    id: UUID
    member_id: UUID
    org_id: UUID
    scheme_year: int
    premium_fen: int
    enrolled_on: date
    recorded_by: str


class ClaimIn(ApiModel):
    model_config = ConfigDict(extra="forbid")

    enrolment_id: UUID
    claim_kind: ClaimKind = Field(description="住院、门诊慢性病、重大疾病、意外伤害")
    amount_fen: Annotated[int, Field(gt=0, description="报销金额（分）"), JSON_INTEGER]
    paid_on: BusinessDate = Field(description="报销日期")


class ClaimOut(ApiModel):
    id: UUID
    enrolment_id: UUID
    member_id: UUID
    org_id: UUID
    claim_kind: str
    amount_fen: int
    paid_on: date
    recorded_by: str


class FiguresOut(ApiModel):
    org_id: UUID | None = Field(description="组织（含下级）；空为调用者的全部范围")
    scheme_year: int
    enrolments: int = Field(description="参保人数")
    premiums_fen: int = Field(description="保费合计（分）")
    claims: int = Field(description="报销人次")
    claims_fen: int = Field(description="报销金额（分）")
    claims_by_kind: dict[str, dict[str, int]]


@router.post("/enrolments", status_code=201, response_model=EnrolmentOut)
async def enrol(body: EnrolmentIn, command: Commanding) -> Response:
    """参保: enrol a member for a scheme year (once per member and year)."""
    enrolment_id = uuid4()

    make = partial(
        c.EnrolInsurance,
        enrolment_id=enrolment_id,
        recorded_by=command.principal.subject,
        **body.model_dump(),
    )

    async def render(conn: Connection, result: CommandResult) -> EnrolmentOut | None:
        row = await views.enrolment(conn, "/", result.aggregate_id)
        return EnrolmentOut(**dict(row)) if row else None

    return await command.run(make, render, status=201)


@router.get("/enrolments", response_model=Page[EnrolmentOut])
async def list_enrolments(
    principal: Reader, container: ContainerDep, paging: PageDep,
    member_id: UUID | None = None,
    scheme_year: Annotated[int | None, Query(ge=2000, le=2100, description="保障年度")] = None,
) -> Page[EnrolmentOut]:  # fmt: skip
    """List enrolments in the caller's subtree."""
    async with container.pool.acquire() as conn:
        rows, total = await views.list_enrolments(
            conn, await scope_path(conn, principal), member_id=member_id,
            scheme_year=scheme_year, limit=paging.limit, offset=paging.offset,
        )  # fmt: skip
    return paging.page([EnrolmentOut(**dict(row)) for row in rows], total)


@router.post("/claims", status_code=201, response_model=ClaimOut)
async def pay_claim(body: ClaimIn, command: Commanding) -> Response:
    """报销: record a claim paid on an enrolment."""
    claim_id = uuid4()

    make = partial(
        c.PayInsuranceClaim,
        claim_id=claim_id,
        recorded_by=command.principal.subject,
        **body.model_dump(),
    )

    async def render(conn: Connection, result: CommandResult) -> ClaimOut | None:
        row = await views.claim(conn, "/", result.aggregate_id)
        return ClaimOut(**dict(row)) if row else None

    return await command.run(make, render, status=201)


@router.get("/claims", response_model=Page[ClaimOut])
async def list_claims(
    principal: Reader, container: ContainerDep, paging: PageDep,
    enrolment_id: UUID | None = None, member_id: UUID | None = None,
) -> Page[ClaimOut]:  # fmt: skip
    """List claims paid in the caller's subtree, newest first."""
    async with container.pool.acquire() as conn:
        rows, total = await views.list_claims(
            conn, await scope_path(conn, principal), enrolment_id=enrolment_id,
            member_id=member_id, limit=paging.limit, offset=paging.offset,
        )  # fmt: skip
    return paging.page([ClaimOut(**dict(row)) for row in rows], total)


@router.get("/figures", response_model=FiguresOut)
async def figures(
    principal: Reader,
    container: ContainerDep,
    scheme_year: Annotated[int, Query(ge=2000, le=2100, description="保障年度")],
    org_id: Annotated[UUID | None, Query(description="组织（含下级）")] = None,
) -> FiguresOut:
    """参保/报销统计: enrolments, premiums, claims and amounts of an organisation and year."""
    async with container.pool.acquire() as conn:
        path = await scope_path(conn, principal)
        if org_id is not None:
            org_path = await conn.fetchval("SELECT path FROM org_replica WHERE id = $1", org_id)
            if org_path is None or not str(org_path).startswith(path):
                raise Problem(404, "资源不存在", "组织不存在")
            path = str(org_path)
        found = await views.figures(conn, path, scheme_year)
    by_kind = {k: {"count": n, "amount_fen": fen} for k, (n, fen) in found.claims_by_kind.items()}
    return FiguresOut(
        org_id=org_id, scheme_year=scheme_year, enrolments=found.enrolments,
        premiums_fen=found.premiums_fen, claims=found.claims, claims_fen=found.claims_fen,
        claims_by_kind=by_kind,
    )  # fmt: skip
