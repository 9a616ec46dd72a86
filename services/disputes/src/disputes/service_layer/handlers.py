"""Command handlers and the simple dispatch: ``await handle(command, uow)``."""

from __future__ import annotations

from shared.service_layer import Command, Handler, dispatcher

from disputes.service_layer.areas import AREAS

HANDLERS: dict[type[Command], Handler] = {
    command: handler for area in AREAS for command, handler in area.HANDLERS.items()
}

handle = dispatcher(HANDLERS)
"""Run the handler of a command in a unit of work: ``await handle(cmd, uow)``."""


__all__ = ["HANDLERS", "Handler", "handle"]
