"""Loading what a command targets, and refusing targets outside the caller's scope."""

from __future__ import annotations

from uuid import UUID

from shared.seedwork import NotFound, NotInScope

from membership.domain import CollectiveContract, Employer, Member, UnionOrganisation
from membership.service_layer.ports import AbstractUnitOfWork


async def ensure_in_scope(
    uow: AbstractUnitOfWork, org_id: UUID, scope_root: UUID | None, *, field: str
) -> None:
    """Raises NotInScope unless ``org_id`` lies in the subtree under ``scope_root`` (the whole
    tree when ``None``)."""
    if scope_root is not None and not await uow.organisations.is_within(org_id, scope_root):
        raise NotInScope("目标组织不在您的管辖范围内", field=field)


async def organisation(uow: AbstractUnitOfWork, org_id: UUID, *, field: str) -> UnionOrganisation:
    """The organisation, or NotFound naming ``field``."""
    found = await uow.organisations.get(org_id)
    if found is None:
        raise NotFound("工会组织不存在", field=field)
    return found


async def organisation_in_scope(
    uow: AbstractUnitOfWork, org_id: UUID, scope_root: UUID | None, *, field: str
) -> UnionOrganisation:
    """The organisation, provided it lies in the caller's subtree."""
    found = await organisation(uow, org_id, field=field)
    await ensure_in_scope(uow, org_id, scope_root, field=field)
    return found


async def employer_in_scope(
    uow: AbstractUnitOfWork,
    employer_id: UUID,
    scope_root: UUID | None,
    *,
    field: str = "employer_id",
) -> Employer:
    """The employer, provided its territory organisation lies in the caller's subtree."""
    found = await employer(uow, employer_id, field=field)
    await ensure_in_scope(uow, found.territory_org_id, scope_root, field=field)
    return found


async def employer(uow: AbstractUnitOfWork, employer_id: UUID, *, field: str) -> Employer:
    """The employer, or NotFound naming ``field``."""
    found = await uow.employers.get(employer_id)
    if found is None:
        raise NotFound("单位不存在", field=field)
    return found


async def member_in_scope(
    uow: AbstractUnitOfWork, member_id: UUID, scope_root: UUID | None
) -> Member:
    """The membership, provided the union holding it lies in the caller's subtree."""
    found = await uow.members.get(member_id)
    if found is None:
        raise NotFound("会员不存在", field="member_id")
    await ensure_in_scope(uow, found.union_id, scope_root, field="member_id")
    return found


async def contract_in_scope(
    uow: AbstractUnitOfWork, contract_id: UUID, scope_root: UUID | None
) -> CollectiveContract:
    """The contract, provided the signing union lies in the caller's subtree."""
    found = await uow.contracts.get(contract_id)
    if found is None:
        raise NotFound("集体合同不存在", field="contract_id")
    await ensure_in_scope(uow, found.union_id, scope_root, field="contract_id")
    return found
