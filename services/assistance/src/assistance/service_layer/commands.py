"""What every command shares, and the answer a command gets.

Every command carries ``scope_root``: the organisation at the top of the acting principal's
subtree (the token's org-scope claim), ``None`` for a city administrator (the whole tree).
Handlers refuse targets outside it. Commands that create something carry the new id, so a
caller knows it before the command runs. Each area declares its commands in its own package
(``service_layer.households.commands`` …).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeAlias
from uuid import UUID

if TYPE_CHECKING:
    # Annotations only: the unit of work is built from the areas, whose handlers import this.
    from assistance.service_layer.ports import AbstractUnitOfWork


@dataclass(frozen=True, kw_only=True)
class Command:
    scope_root: UUID | None


@dataclass(frozen=True)
class CommandResult:
    """The aggregate a command created or changed, and its version afterwards."""

    aggregate_id: UUID
    version: int


Handler: TypeAlias = "Callable[[Any, AbstractUnitOfWork], Awaitable[CommandResult]]"
"""A command handler: the command and the unit of work it runs in."""
