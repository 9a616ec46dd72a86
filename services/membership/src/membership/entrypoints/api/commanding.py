"""Running a command from a route: scope, idempotency key and unit of work in one transaction."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any
from uuid import UUID

from fastapi import Request, Response
from pydantic import BaseModel
from shared.auth import Principal
from shared.http.idempotency import IdempotencyKey, idempotent
from shared.http.problems import not_found

from membership.adapters.sql_base import Connection
from membership.adapters.unit_of_work import SqlUnitOfWork
from membership.bootstrap import Container
from membership.entrypoints.api.deps import scope_path, scope_root
from membership.service_layer.commands import Command, CommandResult
from membership.service_layer.handlers import handle

MakeCommand = Callable[[UUID], Command]
Render = Callable[[Connection, CommandResult, SqlUnitOfWork], Awaitable[BaseModel | None]]
"""The response body for a result: read on the connection, or taken from what the unit wrote."""
FetchView = Callable[[Connection, str, UUID], Awaitable[Any]]


def view_renderer(principal: Principal, fetch: FetchView, model: type[BaseModel]) -> Render:
    """Answer with the caller's view of the aggregate the command touched (``fetch`` in scope)."""

    async def render(
        conn: Connection, result: CommandResult, _unit: SqlUnitOfWork
    ) -> BaseModel | None:
        row = await fetch(conn, await scope_path(conn, principal), result.aggregate_id)
        return model(**dict(row)) if row else None

    return render


async def run_command(
    request: Request,
    container: Container,
    principal: Principal,
    key: IdempotencyKey,
    make_command: MakeCommand,
    render: Render,
    *,
    status: int = 200,
    location: str | None = None,
    founding: UUID | None = None,
) -> Response:
    """Run ``make_command(scope_root)`` and answer with ``render``'s view of the result.

    The idempotency key, the command's rows and its outbox events commit together; a retry
    with the same key gets the stored response and runs nothing.
    """
    async with idempotent(request, container.pool, principal, key) as idem:
        if idem.replay:
            return idem.replay
        root = await scope_root(idem.conn, principal, founding=founding, container=container)
        uow = container.uow(idem.conn)
        uow.correlation_id = request.headers.get("X-Correlation-ID")
        result = await handle(make_command(root), uow)
        view = await render(idem.conn, result, uow)
        if view is None:
            raise not_found("资源")
        headers: dict[str, Any] = {}
        if location is not None:
            headers["Location"] = location.format(id=result.aggregate_id)
        return idem.store(status, view, headers)
