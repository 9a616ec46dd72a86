"""What every command shares, and the answer a command gets.

Every command carries ``scope_root``: the organisation at the top of the acting principal's
subtree (the token's org-scope claim), ``None`` for a city administrator (the whole tree).
Handlers refuse targets outside it. Commands that create something carry the new id, so a
caller knows it before the command runs. Each area declares its commands in its own module
(``service_layer.household_commands`` …).
"""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID


@dataclass(frozen=True, kw_only=True)
class Command:
    scope_root: UUID | None


@dataclass(frozen=True)
class CommandResult:
    """The aggregate a command created or changed, and its version afterwards."""

    aggregate_id: UUID
    version: int
