"""Running a command from a route: idempotency key, unit of work and response in one transaction."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any
from uuid import UUID

from fastapi import Request, Response
from pydantic import BaseModel
from shared.auth import Principal
from shared.http.idempotency import IdempotencyKey, idempotent
from shared.http.problems import not_found

from assistance.adapters.sql_base import Connection
from assistance.bootstrap import Container
from assistance.entrypoints.api.deps import scope_root
from assistance.service_layer.commands import Command, CommandResult
from assistance.service_layer.handlers import handle

MakeCommand = Callable[[UUID | None], Command]
Render = Callable[[Connection, CommandResult], Awaitable[BaseModel | None]]
"""The response body for a result, read on the command's connection (inside its transaction,
so a render that writes — the access log — commits with the command)."""


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
) -> Response:
    """Run ``make_command(scope_root)`` and answer with ``render``'s view of the result.

    The idempotency key, the command's rows and its outbox events commit together; a retry
    with the same key gets the stored response and runs nothing.
    """
    async with idempotent(request, container.pool, principal, key) as idem:
        if idem.replay:
            return idem.replay
        uow = container.uow(idem.conn)
        uow.correlation_id = request.headers.get("X-Correlation-ID")
        result = await handle(make_command(scope_root(principal)), uow)
        view = await render(idem.conn, result)
        if view is None:
            raise not_found("资源")
        headers: dict[str, Any] = {}
        if location is not None:
            headers["Location"] = location.format(id=result.aggregate_id)
        return idem.store(status, view, headers)
