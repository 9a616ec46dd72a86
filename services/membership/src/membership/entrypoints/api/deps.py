"""Typed dependencies shared by the routers: the container, the caller and their scope."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import Depends
from shared.adapters import Connection
from shared.auth import Principal, Role, get_principal, require_roles
from shared.http.commanding import CommandContext, command_context, get_container
from shared.http.problems import Problem

from membership.bootstrap import Container
from membership.service_layer.handlers import handle

WRITE_ROLES = (Role.CITY_ADMIN, Role.UNION_CADRE)
READ_ROLES = (
    Role.CITY_ADMIN,
    Role.UNION_CADRE,
    Role.ANALYST,
    Role.AUDITOR,
    Role.ASSISTANCE_OFFICER,
    Role.MEDIATOR,
    Role.TRAINING_COORDINATOR,
)
# Roles that may see a member's full ID number and mobile when they ask for it.
REVEAL_ROLES = (Role.CITY_ADMIN, Role.UNION_CADRE)


_admit_writers = require_roles(*WRITE_ROLES)

ContainerDep = Annotated[Container, Depends(get_container)]
Reader = Annotated[Principal, Depends(require_roles(*READ_ROLES))]
Writer = Annotated[Principal, Depends(_admit_writers)]
Commanding = Annotated[CommandContext[Container], Depends(command_context(handle, _admit_writers))]
"""A command route's request, caller (a writer), container and idempotency key."""
Caller = Annotated[Principal, Depends(get_principal)]


async def scope_path(conn: Connection, principal: Principal) -> str:
    """Materialised-path prefix of the caller's subtree (``/`` for a city admin)."""
    if principal.org_id is None:
        return "/"
    path = await conn.fetchval(
        "SELECT path FROM organisations WHERE id = $1", UUID(principal.org_id)
    )
    if path is None:
        raise Problem(403, "无权访问", "令牌的组织范围不存在")
    return str(path)
