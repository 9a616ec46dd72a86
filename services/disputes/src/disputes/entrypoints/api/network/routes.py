"""调解组织, 调解员, 预警员 and 预警: the mediation network of the organisation tree."""

from __future__ import annotations

from datetime import date
from functools import partial
from uuid import UUID

from fastapi import APIRouter, Response
from pydantic import Field
from shared.adapters import Connection
from shared.adapters.listing import Filters, page
from shared.http.fields import ApiModel, BusinessDate, Count
from shared.http.pagination import Page, PageDep
from shared.pii import mask_name

from disputes.domain.network.codes import MediationOrgKind, RiskKind
from disputes.entrypoints.api.cases.schemas import Body
from disputes.entrypoints.api.deps import Commanding, ContainerDep, Reader, scope_path
from disputes.service_layer.commands import CommandResult
from disputes.service_layer.network import commands as c

router = APIRouter(prefix="/api/v1", tags=["调解网络 mediation network"])


class MediationOrgIn(Body):
    org_id: UUID = Field(description="所在组织节点（街道、社区、企业工会）")
    kind: MediationOrgKind
    name: str = Field(min_length=1, max_length=200)
    employer_id: UUID | None = Field(default=None, description="企业调解委员会所在单位")


class MediationOrgOut(ApiModel):
    id: UUID
    org_id: UUID
    kind: str
    name: str
    employer_id: UUID | None


class PersonIn(Body):
    name: str = Field(min_length=1, max_length=50, description="姓名（加密保存）")
    phone: str | None = Field(default=None, max_length=11, description="手机号（加密保存）")


class ReporterIn(PersonIn):
    org_id: UUID
    employer_id: UUID


class PersonOut(ApiModel):
    id: UUID
    role: str
    org_id: UUID
    mediation_org_id: UUID | None
    employer_id: UUID | None
    name: str = Field(description="姓名（遮蔽）")
    active: bool


class WarningIn(Body):
    reporter_id: UUID
    risk: RiskKind
    workers_at_risk: Count
    reported_on: BusinessDate
    note: str | None = Field(default=None, max_length=2000, description="说明（加密保存）")


class WarningOut(ApiModel):
    id: UUID
    reporter_id: UUID
    org_id: UUID
    employer_id: UUID | None
    risk: str
    workers_at_risk: int
    reported_on: date


def _fields(model: type[ApiModel], source: object) -> dict[str, object]:
    return {k: getattr(source, k) for k in model.model_fields if hasattr(source, k)}


def _person(command: Commanding) -> object:
    async def render(_conn: Connection, result: CommandResult) -> PersonOut:
        p = result.aggregate
        name = mask_name(command.container.cipher.decrypt(p.name_cipher))
        return PersonOut(**_fields(PersonOut, p) | {"name": name})

    return render


@router.post("/mediation-orgs", status_code=201, response_model=MediationOrgOut)
async def establish(body: MediationOrgIn, command: Commanding) -> Response:
    """设立调解组织 on a node of the tree (调解分中心, 调解室, 企业调解委员会)."""

    async def render(_conn: Connection, result: CommandResult) -> MediationOrgOut:
        return MediationOrgOut(**_fields(MediationOrgOut, result.aggregate))

    make = partial(c.EstablishMediationOrg, **body.model_dump())
    return await command.run(make, render, status=201)


@router.get("/mediation-orgs", response_model=Page[MediationOrgOut])
async def list_orgs(
    principal: Reader, container: ContainerDep, paging: PageDep
) -> Page[MediationOrgOut]:
    """Mediation organisations in the caller's subtree."""
    async with container.pool.acquire() as conn:
        where = Filters("o.path", await scope_path(conn, principal))
        rows, total = await page(
            conn,
            "mediation_orgs m JOIN org_replica o ON o.id = m.org_id",
            where,
            "m.id, m.org_id, m.kind, m.name, m.employer_id",
            "o.path, m.name",
            paging.limit,
            paging.offset,
        )
    return paging.page([MediationOrgOut(**dict(r)) for r in rows], total)


@router.post(
    "/mediation-orgs/{mediation_org_id}/mediators", status_code=201, response_model=PersonOut
)
async def appoint_mediator(mediation_org_id: UUID, body: PersonIn, command: Commanding) -> Response:
    """聘任调解员 of a mediation organisation."""
    make = partial(c.AppointMediator, mediation_org_id=mediation_org_id, **body.model_dump())
    return await command.run(make, _person(command), status=201)  # type: ignore[arg-type]


@router.post("/warning-reporters", status_code=201, response_model=PersonOut)
async def appoint_reporter(body: ReporterIn, command: Commanding) -> Response:
    """聘任预警员 in an enterprise."""
    make = partial(c.AppointReporter, **body.model_dump())
    return await command.run(make, _person(command), status=201)  # type: ignore[arg-type]


@router.post("/people/{person_id}/retirement", response_model=PersonOut)
async def retire(person_id: UUID, command: Commanding) -> Response:
    """离任: a mediator or reporter no longer serves."""
    return await command.run(partial(c.RetirePerson, person_id=person_id), _person(command))  # type: ignore[arg-type]


@router.get("/people", response_model=Page[PersonOut])
async def list_people(
    principal: Reader, container: ContainerDep, paging: PageDep, role: str | None = None
) -> Page[PersonOut]:
    """Mediators and reporters in the caller's subtree (names masked)."""
    columns = "p.id, p.role, p.org_id, p.mediation_org_id, p.employer_id, p.name_cipher, p.active"
    async with container.pool.acquire() as conn:
        where = Filters("o.path", await scope_path(conn, principal)).equal("p.role", role)
        rows, total = await page(
            conn,
            "network_people p JOIN org_replica o ON o.id = p.org_id",
            where,
            columns,
            "p.id",
            paging.limit,
            paging.offset,
        )
    cipher = container.cipher
    return paging.page(
        [
            PersonOut(
                **{k: v for k, v in r.items() if k != "name_cipher"},
                name=mask_name(cipher.decrypt(r["name_cipher"])),
            )
            for r in rows
        ],
        total,
    )


@router.post("/warnings", status_code=201, response_model=WarningOut)
async def report(body: WarningIn, command: Commanding) -> Response:
    """预警: an early-warning reporter reports a risk in the enterprise."""

    async def render(_conn: Connection, result: CommandResult) -> WarningOut:
        return WarningOut(**_fields(WarningOut, result.aggregate))

    return await command.run(partial(c.ReportRisk, **body.model_dump()), render, status=201)


@router.get("/warnings", response_model=Page[WarningOut])
async def list_warnings(
    principal: Reader, container: ContainerDep, paging: PageDep
) -> Page[WarningOut]:
    """Risks reported in the caller's subtree, newest first."""
    columns = (
        "w.id, w.reporter_id, w.org_id, w.employer_id, w.risk, w.workers_at_risk, w.reported_on"
    )
    async with container.pool.acquire() as conn:
        where = Filters("o.path", await scope_path(conn, principal))
        rows, total = await page(
            conn,
            "risk_warnings w JOIN org_replica o ON o.id = w.org_id",
            where,
            columns,
            "w.reported_on DESC, w.id",
            paging.limit,
            paging.offset,
        )
    return paging.page([WarningOut(**dict(r)) for r in rows], total)
