"""困难职工档案 hardship files: draft, list, detail and edit. Every file shown is logged."""

from __future__ import annotations

from functools import partial
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query, Response
from shared.adapters import Connection
from shared.auth import Principal
from shared.http.commanding import Render
from shared.http.pagination import Page, PageDep
from shared.http.problems import not_found
from shared.identifiers import today_in_china

from assistance.adapters.households import views
from assistance.bootstrap import Container
from assistance.domain.households.codes import HardshipLevel, HouseholdStatus
from assistance.domain.households.household import review_due_before
from assistance.entrypoints.api.deps import Commanding, ContainerDep, Reader, scope_path
from assistance.entrypoints.api.households import schemas
from assistance.entrypoints.api.households.view import may_reveal, present
from assistance.service_layer.commands import CommandResult
from assistance.service_layer.households import commands

router = APIRouter(prefix="/api/v1/households", tags=["困难职工档案 households"])
RevealQuery = Annotated[
    bool, Query(description="显示完整姓名、身份证号和电话（限帮扶干部、市总管理员；记入访问日志）")
]


def file_renderer(container: Container, principal: Principal, action: str) -> Render:
    """Answer a command with the file as it now stands (masked), logging the read."""

    async def render(conn: Connection, result: CommandResult) -> schemas.HouseholdOut | None:
        found = await views.household(conn, "/", result.aggregate_id)
        if found is None:
            return None
        return (await present(conn, container.cipher, principal, [found], action))[0]

    return render


def head_command(body: schemas.HeadIn) -> commands.HeadIn:
    return commands.HeadIn(**body.model_dump())


def family_command(body: list[schemas.RelativeIn]) -> tuple[commands.RelativeIn, ...]:
    return tuple(commands.RelativeIn(**relative.model_dump()) for relative in body)


@router.post("", status_code=201, response_model=schemas.HouseholdOut)
async def open_household(body: schemas.OpenHouseholdIn, command: Commanding) -> Response:
    """建档立卡: start a household's hardship file as a draft (one active file per person)."""

    make = partial(
        commands.OpenFile,
        head=head_command(body.head),
        family=family_command(body.family),
        level=body.level,
        causes=tuple(body.causes),
        monthly_income_per_capita_fen=body.monthly_income_per_capita_fen,
        temporary=body.temporary,
        org_id=body.org_id,
    )

    render = file_renderer(command.container, command.principal, "create")
    return await command.run(
        make,
        render,
        status=201,
        location="/api/v1/households/{id}",
    )


@router.get("", response_model=Page[schemas.HouseholdOut])
async def list_households(
    principal: Reader,
    container: ContainerDep,
    paging: PageDep,
    status: HouseholdStatus | None = None,
    level: HardshipLevel | None = None,
    org_id: Annotated[UUID | None, Query(description="该组织及其下级的档案")] = None,
    needs_review: Annotated[
        bool | None, Query(description="有待复核标记（户主退会、保留会籍、逾期未复核）")
    ] = None,
    overdue_review: Annotated[bool, Query(description="在档且超过 12 个月未复核")] = False,
    reveal: RevealQuery = False,
) -> Page[schemas.HouseholdOut]:
    """List the files in the caller's subtree; each file returned is recorded in the access log."""
    filters = views.HouseholdFilters(
        status=status,
        level=level,
        org_id=org_id,
        needs_review=needs_review,
        overdue_before=review_due_before(today_in_china()) if overdue_review else None,
    )
    revealed = may_reveal(principal, reveal)
    async with container.pool.acquire() as conn, conn.transaction():
        found, total = await views.list_households(
            conn,
            await scope_path(conn, principal),
            filters,
            limit=paging.limit,
            offset=paging.offset,
        )
        items = await present(conn, container.cipher, principal, found, "list", reveal=revealed)
    return paging.page(items, total)


@router.get("/{household_id}", response_model=schemas.HouseholdOut)
async def get_household(
    household_id: UUID, principal: Reader, container: ContainerDep, reveal: RevealQuery = False
) -> schemas.HouseholdOut:
    """One file (masked unless revealed by an officer); the read is recorded in the access log."""
    async with container.pool.acquire() as conn, conn.transaction():
        found = await views.household(conn, await scope_path(conn, principal), household_id)
        if found is None:
            raise not_found("困难档案")
        revealed = may_reveal(principal, reveal)
        shown = await present(conn, container.cipher, principal, [found], "detail", reveal=revealed)
    return shown[0]


@router.patch("/{household_id}", response_model=schemas.HouseholdOut)
async def edit_household(
    household_id: UUID, body: schemas.EditHouseholdIn, command: Commanding
) -> Response:
    """Complete or correct a draft or a returned file (fields left out stay as they are)."""

    make = partial(
        commands.EditFile,
        household_id=household_id,
        head=head_command(body.head) if body.head else None,
        family=family_command(body.family) if body.family is not None else None,
        level=body.level,
        causes=tuple(body.causes) if body.causes is not None else None,
        monthly_income_per_capita_fen=body.monthly_income_per_capita_fen,
        temporary=body.temporary,
        org_id=body.org_id,
    )

    render = file_renderer(command.container, command.principal, "edit")
    return await command.run(make, render)
