"""Typed dependencies shared by the routers: the container, the caller and their scope.

Dispute files are seen by mediators (within their organisation's subtree), auditors (read-only,
within theirs) and city administrators; every other role gets 403.
"""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import Depends, Query
from shared.adapters import Connection
from shared.auth import Principal, Role, require_roles
from shared.http.commanding import CommandContext, command_context, get_container
from shared.http.problems import Problem

from disputes.bootstrap import Container
from disputes.service_layer.handlers import handle

WRITE_ROLES = (Role.MEDIATOR, Role.CITY_ADMIN)
READ_ROLES = (Role.MEDIATOR, Role.AUDITOR, Role.CITY_ADMIN)
AUDIT_ROLES = (Role.AUDITOR, Role.CITY_ADMIN)
REVEAL_ROLES = (Role.MEDIATOR, Role.CITY_ADMIN)
"""Roles that may see full names, ID numbers, phones and texts when they ask (``?reveal=true``)."""

_admit_writers = require_roles(*WRITE_ROLES)

ContainerDep = Annotated[Container, Depends(get_container)]
Reader = Annotated[Principal, Depends(require_roles(*READ_ROLES))]
Writer = Annotated[Principal, Depends(_admit_writers)]
Auditor = Annotated[Principal, Depends(require_roles(*AUDIT_ROLES))]
Commanding = Annotated[CommandContext[Container], Depends(command_context(handle, _admit_writers))]
"""A command route's request, caller (a writer), container and idempotency key."""
RevealQuery = Annotated[
    bool, Query(description="显示完整姓名、证件号、电话与案情（仅调解员、管理员；记入访问日志）")
]


async def scope_path(conn: Connection, principal: Principal) -> str:
    """Materialised-path prefix of the caller's subtree in the replica (``/`` for the city).

    Raises:
        Problem: 403 when the token's organisation is not (yet) in the replica.
    """
    if principal.org_id is None:
        return "/"
    path = await conn.fetchval("SELECT path FROM org_replica WHERE id = $1", UUID(principal.org_id))
    if path is None:
        raise Problem(403, "无权访问", "令牌的组织范围不存在")
    return str(path)


def may_reveal(principal: Principal, asked: bool) -> bool:
    """Full personal data only when asked for, and by a mediator or a city admin."""
    return asked and principal.has_any(*REVEAL_ROLES)
