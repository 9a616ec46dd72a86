"""Commands on file suggestions (建档建议)."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from assistance.service_layer.commands import Command


@dataclass(frozen=True, kw_only=True)
class DismissSuggestion(Command):
    """An officer decided the member needs no hardship file."""

    suggestion_id: UUID
