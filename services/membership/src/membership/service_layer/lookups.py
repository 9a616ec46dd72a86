"""Loading what a command targets, and treating targets outside the caller's scope as missing.

A target outside the caller's subtree answers exactly as an unknown one (``NotFound`` with the
same message and field), so a write discloses no more than a read does about what exists
elsewhere. Objects a command refers to (the employer of an admission, the employers a contract
covers) are checked against the caller's scope like the object being written.
"""

from __future__ import annotations

from uuid import UUID

from shared.seedwork import NotFound

from membership.domain import CollectiveContract, Employer, Member, UnionOrganisation
from membership.service_layer.ports import AbstractUnitOfWork

_MISSING_ORGANISATION = "工会组织不存在"
_MISSING_EMPLOYER = "单位不存在"


async def _in_scope(uow: AbstractUnitOfWork, org_id: UUID, scope_root: UUID | None) -> bool:
    return scope_root is None or await uow.organisations.is_within(org_id, scope_root)


async def organisation(uow: AbstractUnitOfWork, org_id: UUID, *, field: str) -> UnionOrganisation:
    """The organisation, or NotFound naming ``field``."""
    found = await uow.organisations.get(org_id)
    if found is None:
        raise NotFound(_MISSING_ORGANISATION, field=field)
    return found


async def organisation_in_scope(
    uow: AbstractUnitOfWork, org_id: UUID, scope_root: UUID | None, *, field: str
) -> UnionOrganisation:
    """The organisation, provided it lies in the caller's subtree (else as if unknown)."""
    found = await organisation(uow, org_id, field=field)
    if not await _in_scope(uow, org_id, scope_root):
        raise NotFound(_MISSING_ORGANISATION, field=field)
    return found


async def employer(uow: AbstractUnitOfWork, employer_id: UUID, *, field: str) -> Employer:
    """The employer, or NotFound naming ``field``."""
    found = await uow.employers.get(employer_id)
    if found is None:
        raise NotFound(_MISSING_EMPLOYER, field=field)
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
    if not await _in_scope(uow, found.territory_org_id, scope_root):
        raise NotFound(_MISSING_EMPLOYER, field=field)
    return found


async def member_in_scope(
    uow: AbstractUnitOfWork, member_id: UUID, scope_root: UUID | None
) -> Member:
    """The membership, provided the union holding it lies in the caller's subtree."""
    found = await uow.members.get(member_id)
    if found is None or not await _in_scope(uow, found.union_id, scope_root):
        raise NotFound("会员不存在", field="member_id")
    return found


async def contract_in_scope(
    uow: AbstractUnitOfWork, contract_id: UUID, scope_root: UUID | None
) -> CollectiveContract:
    """The contract, provided the signing union lies in the caller's subtree."""
    found = await uow.contracts.get(contract_id)
    if found is None or not await _in_scope(uow, found.union_id, scope_root):
        raise NotFound("集体合同不存在", field="contract_id")
    return found
