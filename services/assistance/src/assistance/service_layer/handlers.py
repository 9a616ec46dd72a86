"""Command handlers and the simple dispatch: ``await handle(command, uow)``.

Each handler is a small async function that opens the unit of work, loads what the command
targets (refusing targets outside the caller's scope), asks the domain to change, and commits;
the unit of work turns the domain events into outbox entries in the same transaction. Each
area keeps its handlers in its own package and exposes them as its ``HANDLERS``.
"""

from __future__ import annotations

from shared.service_layer import Command, Handler, dispatcher

from assistance.service_layer.areas import AREAS

HANDLERS: dict[type[Command], Handler] = {
    command: handler for area in AREAS for command, handler in area.HANDLERS.items()
}

handle = dispatcher(HANDLERS)
"""Run the handler of a command in a unit of work: ``await handle(cmd, uow)``.

Raises the service's domain errors (a rule broken, a target missing or outside the caller's
scope) and ``TypeError`` for a command without a handler."""


__all__ = ["HANDLERS", "Handler", "handle"]
