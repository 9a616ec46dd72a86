"""Running a command from a route: scope, idempotency key, unit of work and answer in one
transaction.

A service's routes declare one dependency, e.g.
``Commanding = Annotated[CommandContext, Depends(command_context(handle, writer))]``,
and a command route is then a few lines::

    @router.post("", status_code=201, response_model=MemberOut)
    async def admit_member(body: AdmitMemberIn, command: Commanding) -> Response:
        \"\"\"入会: admit a person to a grassroots union.\"\"\"
        make = partial(commands.AdmitMember, member_id=uuid4(), **body.model_dump())
        return await command.run(make, render_member, status=201, location="/api/v1/members/{id}")
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar
from uuid import UUID

import asyncpg
from fastapi import Depends, Request, Response
from pydantic import BaseModel

from shared.auth import Principal
from shared.http.idempotency import IdempotencyKey, idempotency_key, idempotent
from shared.http.problems import not_found
from shared.outbox.writer import Connection
from shared.service_layer import Command, CommandResult, Dispatch, UnitOfWork

MakeCommand = Callable[..., Command]
"""Builds the command given ``scope_root=`` (the caller's scope, see :func:`scope_root`)."""

Render = Callable[[Connection, CommandResult], Awaitable[BaseModel | None]]
"""The response body for a result, read on the command's connection (inside its transaction,
so a render that writes — an access log — commits with the command); ``None`` → 404."""


class CommandContainer(Protocol):
    """What running a command needs of a service's container."""

    @property
    def pool(self) -> asyncpg.Pool[asyncpg.Record]: ...

    def uow(self, conn: Connection | None = None) -> UnitOfWork: ...


C = TypeVar("C", bound=CommandContainer)


def scope_root(principal: Principal) -> UUID | None:
    """The organisation at the top of the caller's subtree; ``None`` means the whole city."""
    return UUID(principal.org_id) if principal.org_id is not None else None


@dataclass(frozen=True)
class CommandContext(Generic[C]):
    """What a command route needs, bundled: the request, the caller, the container, the key."""

    request: Request
    principal: Principal
    container: C
    key: IdempotencyKey
    handle: Dispatch

    async def run(
        self,
        make_command: MakeCommand,
        render: Render,
        *,
        status: int = 200,
        location: str | None = None,
    ) -> Response:
        """Run ``make_command(scope_root=…)`` and answer with ``render``'s view of the result.

        The idempotency key, the command's rows and its outbox events commit together; a retry
        with the same key gets the stored response and runs nothing.
        """
        pool = self.container.pool
        async with idempotent(self.request, pool, self.principal, self.key) as idem:
            if idem.replay:
                return idem.replay
            uow = self.container.uow(idem.conn)
            uow.correlation_id = self.request.headers.get("X-Correlation-ID")
            command = make_command(scope_root=scope_root(self.principal))
            result = await self.handle(command, uow)
            view = await render(idem.conn, result)
            if view is None:
                raise not_found("资源")
            headers: dict[str, Any] = {}
            if location is not None:
                headers["Location"] = location.format(id=result.aggregate_id)
            return idem.store(status, view, headers)


PrincipalDependency = Callable[..., Awaitable[Principal]]


def command_context(
    handle: Dispatch, admit: PrincipalDependency
) -> Callable[..., Awaitable[CommandContext[Any]]]:
    """The FastAPI dependency giving a route its :class:`CommandContext`.

    Args:
        handle: the service's dispatch (``service_layer.handlers.handle``).
        admit: the dependency admitting the callers allowed to run these commands, e.g.
            ``require_roles(*WRITE_ROLES)`` — the same object the service's read routes use,
            so FastAPI verifies the token once per request.
    """

    # A default, not an Annotated string: annotations are resolved from the module's globals,
    # where ``admit`` does not exist. The caller comes first: FastAPI resolves dependencies in
    # this order, and an anonymous request must hear 401 before its key is judged (400).
    async def dependency(
        request: Request,
        principal: Principal = Depends(admit),  # noqa: B008
        key: IdempotencyKey = Depends(idempotency_key),  # noqa: B008
    ) -> CommandContext[Any]:
        return CommandContext(request, principal, request.app.state.container, key, handle)

    return dependency


async def get_container(request: Request) -> Any:
    """FastAPI dependency: the service's container, built by its lifespan.

    Services annotate it with their own type: ``Annotated[Container, Depends(get_container)]``.
    """
    return request.app.state.container
