"""Commands on visits (走访慰问)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from uuid import UUID, uuid4

from assistance.service_layer.commands import Command


@dataclass(frozen=True, kw_only=True)
class RecordVisit(Command):
    """A visit to a household, a member, or a member's household."""

    occasion: str
    visited_on: date
    recorded_by: str
    household_id: UUID | None = None
    member_id: UUID | None = None
    employer_id: UUID | None = None
    note: str | None = field(default=None, repr=False)
    visit_id: UUID = field(default_factory=uuid4)
