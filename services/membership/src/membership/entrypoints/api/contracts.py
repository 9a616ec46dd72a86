"""集体合同 collective contracts: signing and termination."""

from __future__ import annotations

from functools import partial
from uuid import UUID, uuid4

from fastapi import APIRouter, Response
from shared.http.pagination import Page, PageDep
from shared.http.problems import not_found

from membership.adapters import views
from membership.domain import ContractKind, ContractStatus
from membership.entrypoints.api import schemas
from membership.entrypoints.api.commanding import view_renderer
from membership.entrypoints.api.deps import Commanding, ContainerDep, Reader, scope_path
from membership.service_layer import commands

router = APIRouter(prefix="/api/v1/contracts", tags=["集体合同 contracts"])


def _out(row: object) -> schemas.ContractOut:
    return schemas.ContractOut(**dict(row))  # type: ignore[call-overload]


@router.post("", status_code=201, response_model=schemas.ContractOut)
async def sign_contract(body: schemas.SignContractIn, command: Commanding) -> Response:
    """签订集体合同: a union signs a contract covering one or more employers."""
    data = body.model_dump()
    data["employer_ids"] = tuple(data["employer_ids"])
    make = partial(commands.SignContract, contract_id=uuid4(), **data)
    render = view_renderer(command.principal, views.contract, schemas.ContractOut)
    return await command.run(make, render, status=201, location="/api/v1/contracts/{id}")


@router.get("", response_model=Page[schemas.ContractOut])
async def list_contracts(
    principal: Reader,
    container: ContainerDep,
    paging: PageDep,
    union_id: UUID | None = None,
    kind: ContractKind | None = None,
    status: ContractStatus | None = None,
) -> Page[schemas.ContractOut]:
    """List collective contracts signed by unions in the caller's subtree."""
    async with container.pool.acquire() as conn:
        rows, total = await views.list_contracts(
            conn,
            await scope_path(conn, principal),
            union_id=union_id,
            kind=kind.value if kind else None,
            status=status.value if status else None,
            limit=paging.limit,
            offset=paging.offset,
        )
    return paging.page([_out(r) for r in rows], total)


@router.get("/{contract_id}", response_model=schemas.ContractOut)
async def get_contract(
    contract_id: UUID, principal: Reader, container: ContainerDep
) -> schemas.ContractOut:
    """One collective contract."""
    async with container.pool.acquire() as conn:
        row = await views.contract(conn, await scope_path(conn, principal), contract_id)
    if row is None:
        raise not_found("集体合同")
    return _out(row)


@router.post("/{contract_id}/terminate", response_model=schemas.ContractOut)
async def terminate_contract(
    contract_id: UUID, body: schemas.TerminateIn, command: Commanding
) -> Response:
    """终止集体合同: end a contract before its term."""
    make = partial(commands.TerminateContract, contract_id=contract_id, **body.model_dump())
    render = view_renderer(command.principal, views.contract, schemas.ContractOut)
    return await command.run(make, render)
