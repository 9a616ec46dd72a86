"""Commands on hardship files (建档立卡). Personal data arrives in clear and is sealed by the
handler before anything reaches a repository."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from uuid import UUID, uuid4

from assistance.service_layer.commands import Command


@dataclass(frozen=True)
class HeadIn:
    """The head of household as entered."""

    name: str = field(repr=False)
    id_number: str = field(repr=False)
    member_id: UUID | None = None
    phone: str | None = field(default=None, repr=False)
    address: str | None = field(default=None, repr=False)


@dataclass(frozen=True)
class RelativeIn:
    """A family member as entered; the ID number is optional."""

    relation: str
    name: str = field(repr=False)
    id_number: str | None = field(default=None, repr=False)


@dataclass(frozen=True, kw_only=True)
class OpenFile(Command):
    """Start a file as a draft. ``org_id`` is needed only when the head is not a member."""

    head: HeadIn
    family: tuple[RelativeIn, ...]
    level: str
    causes: tuple[str, ...]
    monthly_income_per_capita_fen: int
    temporary: bool = False
    org_id: UUID | None = None
    household_id: UUID = field(default_factory=uuid4)


@dataclass(frozen=True, kw_only=True)
class EditFile(Command):
    """Complete a draft or returned file; fields left ``None`` stay as they are."""

    household_id: UUID
    head: HeadIn | None = None
    family: tuple[RelativeIn, ...] | None = None
    level: str | None = None
    causes: tuple[str, ...] | None = None
    monthly_income_per_capita_fen: int | None = None
    temporary: bool | None = None
    org_id: UUID | None = None


@dataclass(frozen=True, kw_only=True)
class SubmitFile(Command):
    household_id: UUID


@dataclass(frozen=True, kw_only=True)
class ReturnFile(Command):
    household_id: UUID
    note: str


@dataclass(frozen=True, kw_only=True)
class ApproveFile(Command):
    """建档: the file under review goes on file."""

    household_id: UUID
    effective_on: date | None = None


@dataclass(frozen=True, kw_only=True)
class FormaliseFile(Command):
    household_id: UUID
    effective_on: date | None = None


@dataclass(frozen=True, kw_only=True)
class ReverifyFile(Command):
    """年度复核 with the level and income found; causes stay unless given."""

    household_id: UUID
    level: str
    monthly_income_per_capita_fen: int
    causes: tuple[str, ...] | None = None
    effective_on: date | None = None


@dataclass(frozen=True, kw_only=True)
class ExitFile(Command):
    household_id: UUID
    effective_on: date | None = None
    reason: str


@dataclass(frozen=True, kw_only=True)
class CancelFile(Command):
    household_id: UUID
    effective_on: date | None = None
    reason: str
