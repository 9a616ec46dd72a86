"""Typed dependencies shared by the routers: the container, the caller and their scope."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import Depends, Request
from shared.auth import Principal, Role, get_principal, require_roles
from shared.http.problems import Problem

from membership.adapters.sql_base import Connection
from membership.bootstrap import Container

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


# Async, like every dependency here: FastAPI runs a plain function in a worker thread.
async def get_container(request: Request) -> Container:
    container: Container = request.app.state.container
    return container


ContainerDep = Annotated[Container, Depends(get_container)]
Reader = Annotated[Principal, Depends(require_roles(*READ_ROLES))]
Writer = Annotated[Principal, Depends(require_roles(*WRITE_ROLES))]
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


async def scope_root(
    conn: Connection,
    principal: Principal,
    *,
    founding: UUID | None = None,
    container: Container | None = None,
) -> UUID:
    """The organisation at the top of the caller's subtree, as commands expect it.

    A city admin's scope is the root of the tree; while there is none yet, the admin founding
    the city federation gets the new root's id (``founding``) as scope. Given the
    ``container``, the root's id is read once and kept there: the root is never replaced.
    """
    if principal.org_id is not None:
        return UUID(principal.org_id)
    if container is not None and container.root_org_id is not None:
        return container.root_org_id
    root = await conn.fetchval("SELECT id FROM organisations WHERE parent_id IS NULL LIMIT 1")
    if root is not None:
        if container is not None:
            container.root_org_id = UUID(str(root))
        return UUID(str(root))
    if founding is not None:
        return founding
    raise Problem(409, "组织体系尚未建立", "请先创建市总工会")
