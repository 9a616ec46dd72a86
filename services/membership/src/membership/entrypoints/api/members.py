"""会员 members: admission, look-up, transfer, retention, reinstatement and leaving."""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from typing import Annotated, Any
from uuid import UUID, uuid4

import asyncpg
from fastapi import APIRouter, Query, Response
from shared.adapters import Connection
from shared.http.commanding import Render
from shared.http.pagination import Page, PageDep
from shared.http.problems import not_found
from shared.pii import mask_id_number, mask_mobile, mask_name
from shared.service_layer import CommandResult

from membership.adapters import views
from membership.adapters.members import member_columns
from membership.bootstrap import Container
from membership.domain import MemberStatus
from membership.entrypoints.api import schemas
from membership.entrypoints.api.deps import (
    REVEAL_ROLES,
    Commanding,
    ContainerDep,
    Reader,
    scope_path,
)
from membership.service_layer import commands

router = APIRouter(prefix="/api/v1/members", tags=["会员 members"])
MemberRow = asyncpg.Record | Mapping[str, Any]
"""A row of the members view, or the same columns taken from what a unit wrote."""


def member_out(
    row: MemberRow, container: Container, *, reveal: bool, full_name: bool
) -> schemas.MemberOut:
    """A member as the caller may see them: ID number and mobile masked unless revealed."""
    id_number = container.cipher.decrypt(row["id_number_cipher"])
    mobile = container.cipher.decrypt(row["mobile_cipher"]) if row["mobile_cipher"] else None
    return schemas.MemberOut(
        id=row["id"],
        name=row["name"] if full_name else mask_name(row["name"]),
        id_number=id_number if reveal else mask_id_number(id_number),
        mobile=(mobile if reveal else mask_mobile(mobile)) if mobile else None,
        sex=row["sex"],
        birth_date=row["birth_date"],
        household_type=row["household_type"],
        is_migrant_worker=row["is_migrant_worker"],
        employer_id=row["employer_id"],
        union_id=row["union_id"],
        joined_on=row["joined_on"],
        card_number=row["card_number"],
        status=row["status"],
        status_since=row["status_since"],
        union_since=row["union_since"],
        retention_reason=row["retention_reason"],
        leaving_reason=row["leaving_reason"],
        version=row["version"],
    )


def _renderer(container: Container) -> Render:
    async def render(_conn: Connection, result: CommandResult) -> schemas.MemberOut:
        # The member as the handler left it, even when transferred out of the caller's
        # scope: after the commit these are the columns the table holds.
        row = member_columns(result.aggregate)
        return member_out(row, container, reveal=False, full_name=True)

    return render


@router.post("", status_code=201, response_model=schemas.MemberOut)
async def admit_member(body: schemas.AdmitMemberIn, command: Commanding) -> Response:
    """入会: admit a person to a grassroots union (one current membership per person)."""
    make = partial(commands.AdmitMember, member_id=uuid4(), **body.model_dump())
    return await command.run(
        make, _renderer(command.container), status=201, location="/api/v1/members/{id}"
    )


@router.get("", response_model=Page[schemas.MemberOut])
async def list_members(
    principal: Reader,
    container: ContainerDep,
    paging: PageDep,
    union_id: UUID | None = None,
    employer_id: UUID | None = None,
    status: MemberStatus | None = None,
    name: Annotated[str | None, Query(max_length=50)] = None,
    id_number: Annotated[str | None, Query(max_length=18)] = None,
) -> Page[schemas.MemberOut]:
    """List members in the caller's subtree; filter by union, employer, status, name or ID number."""
    full_name = principal.has_any(*REVEAL_ROLES)
    async with container.pool.acquire() as conn:
        index = container.cipher.blind_index(id_number) if id_number else None
        rows, total = await views.list_members(
            conn,
            await scope_path(conn, principal),
            union_id=union_id,
            employer_id=employer_id,
            status=status.value if status else None,
            name=name,
            id_number_index=index,
            limit=paging.limit,
            offset=paging.offset,
        )
    items = [member_out(r, container, reveal=False, full_name=full_name) for r in rows]
    return paging.page(items, total)


@router.get("/{member_id}", response_model=schemas.MemberOut)
async def get_member(
    member_id: UUID,
    principal: Reader,
    container: ContainerDep,
    reveal: bool = Query(False, description="显示完整身份证号和手机号 (限工会干部)"),
) -> schemas.MemberOut:
    """One member; the ID number and mobile are masked unless a cadre asks to reveal them."""
    async with container.pool.acquire() as conn:
        row = await views.member(conn, await scope_path(conn, principal), member_id)
    if row is None:
        raise not_found("会员")
    allowed = principal.has_any(*REVEAL_ROLES)
    return member_out(row, container, reveal=reveal and allowed, full_name=allowed)


@router.get("/{member_id}/transfers", response_model=list[schemas.TransferOut])
async def member_transfers(
    member_id: UUID, principal: Reader, container: ContainerDep
) -> list[schemas.TransferOut]:
    """会籍接转记录: the hand-off records of one member."""
    async with container.pool.acquire() as conn:
        scope = await scope_path(conn, principal)
        if await views.member(conn, scope, member_id) is None:
            raise not_found("会员")
        rows = await views.transfers_of(conn, scope, member_id)
    return [
        schemas.TransferOut(**{k: r[k] for k in schemas.TransferOut.model_fields}) for r in rows
    ]


@router.post("/{member_id}/transfer", response_model=schemas.MemberOut)
async def transfer_member(
    member_id: UUID, body: schemas.TransferIn, container: ContainerDep, command: Commanding
) -> Response:
    """会籍接转: move the membership to another grassroots union, with a hand-off record."""
    make = partial(
        commands.TransferMember,
        member_id=member_id,
        handled_by=command.principal.subject,
        **body.model_dump(),
    )
    return await command.run(make, _renderer(container))


@router.post("/{member_id}/retain", response_model=schemas.MemberOut)
async def retain_member(
    member_id: UUID, body: schemas.RetainIn, container: ContainerDep, command: Commanding
) -> Response:
    """保留会籍: keep the membership of a retired or laid-off member."""
    make = partial(commands.RetainMember, member_id=member_id, **body.model_dump())
    return await command.run(make, _renderer(container))


@router.post("/{member_id}/reinstate", response_model=schemas.MemberOut)
async def reinstate_member(
    member_id: UUID, body: schemas.ReinstateIn, container: ContainerDep, command: Commanding
) -> Response:
    """恢复会籍: a retained member becomes active again."""
    make = partial(commands.ReinstateMember, member_id=member_id, **body.model_dump())
    return await command.run(make, _renderer(container))


@router.post("/{member_id}/leave", response_model=schemas.MemberOut)
async def member_leaves(
    member_id: UUID, body: schemas.LeaveIn, container: ContainerDep, command: Commanding
) -> Response:
    """退会/除名: the membership ends."""
    make = partial(commands.MemberLeaves, member_id=member_id, **body.model_dump())
    return await command.run(make, _renderer(container))
