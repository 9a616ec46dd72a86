"""What every command carries, and the answer every handler gives."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from uuid import UUID


@dataclass(frozen=True, kw_only=True)
class Command:
    """Base of every command.

    ``scope_root`` is the organisation at the top of the acting principal's subtree (the
    token's org-scope claim), ``None`` for a city administrator (the whole tree). Handlers
    refuse targets outside it. Commands that create something carry the new id, so a caller
    knows it before the command runs and a retried request can reuse it.
    """

    scope_root: UUID | None


@dataclass(frozen=True)
class CommandResult:
    """The aggregate a command created or changed, its version afterwards, and the aggregate
    itself when the handler had it, so an entrypoint renders its answer from what the handler
    returned rather than reaching back into a repository."""

    aggregate_id: UUID
    version: int
    aggregate: Any = field(default=None, compare=False, repr=False)
