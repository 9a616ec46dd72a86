"""Answering a membership command with the caller's view of what it touched."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any
from uuid import UUID

from pydantic import BaseModel
from shared.adapters import Connection
from shared.auth import Principal
from shared.http.commanding import Render
from shared.service_layer import CommandResult

from membership.entrypoints.api.deps import scope_path

FetchView = Callable[[Connection, str, UUID], Awaitable[Any]]


def view_renderer(principal: Principal, fetch: FetchView, model: type[BaseModel]) -> Render:
    """Answer with the caller's view of the aggregate the command touched (``fetch`` in scope)."""

    async def render(conn: Connection, result: CommandResult) -> BaseModel | None:
        row = await fetch(conn, await scope_path(conn, principal), result.aggregate_id)
        return model(**dict(row)) if row else None

    return render
