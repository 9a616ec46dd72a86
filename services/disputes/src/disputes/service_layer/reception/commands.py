"""Commands of reception (接待来访/信访)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from uuid import UUID, uuid4

from disputes.service_layer.commands import Command


@dataclass(frozen=True, kw_only=True)
class LogContact(Command):
    org_id: UUID
    channel: str
    workers_involved: int
    contacted_on: date
    topic: str = field(repr=False)
    category: str | None = None
    caller_name: str | None = field(default=None, repr=False)
    entered_by: str | None = None
    """Who enters the contact (the token's subject), kept beside the moment it was entered."""
    contact_id: UUID = field(default_factory=uuid4)


@dataclass(frozen=True, kw_only=True)
class AnswerContact(Command):
    contact_id: UUID
    answer: str = field(repr=False)
    closed_on: date


@dataclass(frozen=True, kw_only=True)
class OpenCaseFromContact(Command):
    contact_id: UUID
    case_id: UUID
    closed_on: date
