"""Organisation scope checks the handlers share, answered from the replica."""

from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import UUID

from shared.seedwork import InvalidValue, NotFound, NotInScope

if TYPE_CHECKING:
    # Annotations only: the unit of work is built from the areas, which import this module.
    from disputes.service_layer.ports import AbstractUnitOfWork


async def organisation_in_scope(
    uow: AbstractUnitOfWork, org_id: UUID, scope_root: UUID | None, *, field: str
) -> None:
    """The organisation must be known, not dissolved and within the caller's scope.

    Raises:
        NotFound: no such organisation has been published by membership.
        NotInScope: it lies outside the caller's subtree.
        InvalidValue: it is dissolved.
    """
    organisation = await uow.replica.organisation(org_id)
    if organisation is None:
        raise NotFound("组织不存在", field=field)
    if not await uow.replica.is_within(org_id, scope_root):
        raise NotInScope("该组织不在您的管辖范围内", field=field)
    if organisation.dissolved:
        raise InvalidValue("该组织已撤销", field=field)


async def ensure_visible(
    uow: AbstractUnitOfWork, org_id: UUID, scope_root: UUID | None, *, what: str
) -> None:
    """Something the caller targets must lie in their subtree; otherwise it "does not exist".

    Raises:
        NotFound: outside the caller's scope (its existence is not revealed).
    """
    if not await uow.replica.is_within(org_id, scope_root):
        raise NotFound(f"{what}不存在")
