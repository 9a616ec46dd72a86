"""Typed dependencies shared by the routers: the container, the caller and their scope.

Training coordinators (within their subtree) and city administrators write; union cadres and
auditors read too. Names, ID numbers and phones are masked unless a coordinator or a city
administrator asks for them (``?reveal=true``).
"""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import Depends, Query
from shared.adapters import Connection
from shared.auth import Principal, Role, require_roles
from shared.http.commanding import CommandContext, command_context, get_container
from shared.http.problems import Problem

from training.bootstrap import Container
from training.service_layer.handlers import handle

WRITE_ROLES = (Role.TRAINING_COORDINATOR, Role.CITY_ADMIN)
READ_ROLES = (Role.TRAINING_COORDINATOR, Role.UNION_CADRE, Role.AUDITOR, Role.CITY_ADMIN)
REVEAL_ROLES = (Role.TRAINING_COORDINATOR, Role.CITY_ADMIN)
"""Roles that may see full names, ID numbers and phones when they ask (``?reveal=true``)."""

_admit_writers = require_roles(*WRITE_ROLES)

ContainerDep = Annotated[Container, Depends(get_container)]
Reader = Annotated[Principal, Depends(require_roles(*READ_ROLES))]
Writer = Annotated[Principal, Depends(_admit_writers)]
Commanding = Annotated[CommandContext[Container], Depends(command_context(handle, _admit_writers))]
"""A command route's request, caller (a writer), container and idempotency key."""
RevealQuery = Annotated[bool, Query(description="显示完整姓名、证件号和电话（仅培训干部与管理员）")]


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
    """Full personal data only when asked for, and by a coordinator or a city admin."""
    return asked and principal.has_any(*REVEAL_ROLES)
