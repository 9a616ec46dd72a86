"""Handler of a case's transfer (移交) to another mediation organisation.

Whom a caller may hand a case to: a mediation organisation on a node within their own subtree,
or on the node right above their scope (a community hands up to its street; the street can then
move it on within its own subtree). A sideways hand-over to a sibling community would put work
in a queue the caller does not answer for, so it goes through the common parent. The target's
node must not be dissolved. The city (no scope) reaches every node.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import UUID

from shared.seedwork import InvalidValue, NotInScope

from disputes.domain.cases.case import Case
from disputes.domain.cases.codes import TransferReason
from disputes.domain.cases.transfer import TransferTarget
from disputes.service_layer.cases import commands as c
from disputes.service_layer.cases.loading import on_case
from disputes.service_layer.commands import CommandResult

if TYPE_CHECKING:
    from datetime import date

    from disputes.service_layer.ports import AbstractUnitOfWork


async def transfer_case(cmd: c.TransferCase, uow: AbstractUnitOfWork) -> CommandResult:
    reason = TransferReason(cmd.reason)

    async def transfer(case: Case, today: date) -> None:
        target = await uow.mediation_orgs.get(cmd.mediation_org_id)
        if target is None:
            raise InvalidValue("调解组织不存在", field="mediation_org_id")
        await _reachable(uow, target.org_id, cmd.scope_root)
        where = TransferTarget(target.id, target.org_id)
        case.transfer(where, reason, cmd.transferred_on or today, today)

    return await on_case(uow, cmd, transfer)


async def _reachable(uow: AbstractUnitOfWork, org_id: UUID, scope_root: UUID | None) -> None:
    """The target's node is active and within the caller's subtree or the node above it.

    Raises:
        InvalidValue: the node is unknown or dissolved.
        NotInScope: neither the caller's subtree nor their parent node.
    """
    node = await uow.replica.organisation(org_id)
    if node is None or node.dissolved:
        raise InvalidValue("目标调解组织所在组织不存在或已撤销", field="mediation_org_id")
    if scope_root is None or await uow.replica.is_within(org_id, scope_root):
        return
    own = await uow.replica.organisation(scope_root)
    if own is None or own.parent_id != org_id:
        raise NotInScope("只能移交本级及下级或上一级组织的调解组织", field="mediation_org_id")
