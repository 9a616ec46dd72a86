"""Dispatch of a command to its handler: ``await handle(command, uow)``."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import Any, TypeAlias

from shared.service_layer.commands import Command, CommandResult

Handler: TypeAlias = Callable[[Any, Any], Awaitable[CommandResult]]
"""A handler: ``async def handler(cmd: SomeCommand, uow: TheServicesUnitOfWork)``."""

Dispatch: TypeAlias = Callable[[Command, Any], Awaitable[CommandResult]]


def dispatcher(handlers: Mapping[type[Command], Handler]) -> Dispatch:
    """The ``handle`` function of a service, over its table of handlers by command type.

    The returned function raises whatever the handler raises (the service's domain errors) and
    ``TypeError`` for a command type with no handler.
    """

    async def handle(cmd: Command, uow: Any) -> CommandResult:
        handler = handlers.get(type(cmd))
        if handler is None:
            raise TypeError(f"no handler for {type(cmd).__name__}")
        return await handler(cmd, uow)

    return handle
