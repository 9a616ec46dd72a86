"""Command handlers and the simple dispatch: ``await handle(command, uow)``.

Each handler is a small async function that opens the unit of work, loads what the command
targets (refusing targets outside the caller's scope), asks the domain to change, and commits;
the unit of work turns the domain events into outbox entries in the same transaction. Each
area keeps its handlers in its own package and exposes them as its ``HANDLERS``.
"""

from __future__ import annotations

from assistance.service_layer.areas import AREAS
from assistance.service_layer.commands import Command, CommandResult, Handler
from assistance.service_layer.ports import AbstractUnitOfWork

HANDLERS: dict[type[Command], Handler] = {
    command: handler for area in AREAS for command, handler in area.HANDLERS.items()
}


async def handle(cmd: Command, uow: AbstractUnitOfWork) -> CommandResult:
    """Run the handler of ``cmd`` in ``uow``.

    Raises:
        assistance.domain.errors.DomainError: the command breaks a rule, targets something
            missing or outside the caller's scope.
        TypeError: no handler for this command type.
    """
    handler = HANDLERS.get(type(cmd))
    if handler is None:
        raise TypeError(f"no handler for {type(cmd).__name__}")
    return await handler(cmd, uow)


__all__ = ["HANDLERS", "Handler", "handle"]
