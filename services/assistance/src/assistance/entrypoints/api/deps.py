"""Typed dependencies shared by the routers: the container, the caller and their scope.

Hardship data is visible only to assistance officers (within their organisation subtree),
auditors (read-only, within theirs) and city administrators (everything). Every other role
gets 403 on every hardship endpoint.
"""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import Depends
from shared.adapters import Connection
from shared.auth import Principal, Role, require_roles
from shared.http.commanding import CommandContext, command_context, get_container
from shared.http.problems import Problem

from assistance.bootstrap import Container
from assistance.service_layer.handlers import handle

WRITE_ROLES = (Role.ASSISTANCE_OFFICER, Role.CITY_ADMIN)
READ_ROLES = (Role.ASSISTANCE_OFFICER, Role.AUDITOR, Role.CITY_ADMIN)
AUDIT_ROLES = (Role.AUDITOR, Role.CITY_ADMIN)
REVEAL_ROLES = (Role.ASSISTANCE_OFFICER, Role.CITY_ADMIN)
"""Roles that may see full names, ID numbers and phones when they ask (``?reveal=true``)."""


_admit_writers = require_roles(*WRITE_ROLES)

ContainerDep = Annotated[Container, Depends(get_container)]
Reader = Annotated[Principal, Depends(require_roles(*READ_ROLES))]
Writer = Annotated[Principal, Depends(_admit_writers)]
Auditor = Annotated[Principal, Depends(require_roles(*AUDIT_ROLES))]
Commanding = Annotated[CommandContext[Container], Depends(command_context(handle, _admit_writers))]
"""A command route's request, caller (a writer), container and idempotency key."""


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


def may_see_notes(principal: Principal) -> bool:
    """Free-text notes (which may name a person) only for officers and city admins."""
    return principal.has_any(*REVEAL_ROLES)
