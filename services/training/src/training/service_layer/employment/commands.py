"""Commands of employment services: seekers, postings, fairs and placements."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from uuid import UUID, uuid4

from training.service_layer.commands import Command
from training.service_layer.people import PersonDetails


@dataclass(frozen=True, kw_only=True)
class RegisterSeeker(Command):
    """求职登记."""

    org_id: UUID
    person: PersonDetails
    status: str
    wanted_occupation: str
    registered_on: date | None = None
    """A paper registration entered later keeps its own day (None: today)."""
    seeker_id: UUID = field(default_factory=uuid4)


@dataclass(frozen=True, kw_only=True)
class PublishPosting(Command):
    """发布招聘信息."""

    org_id: UUID
    employer_id: UUID | None
    employer_name: str
    title: str
    occupation: str
    positions: int
    posting_id: UUID = field(default_factory=uuid4)


@dataclass(frozen=True, kw_only=True)
class HoldFair(Command):
    """举办招聘会."""

    org_id: UUID
    title: str
    venue: str
    held_on: date
    fair_id: UUID = field(default_factory=uuid4)


@dataclass(frozen=True, kw_only=True)
class AddFairEmployer(Command):
    """参会单位 and the positions it offers."""

    fair_id: UUID
    employer_id: UUID | None
    employer_name: str
    positions: int


@dataclass(frozen=True, kw_only=True)
class AddFairSeeker(Command):
    """A registered seeker attended the fair."""

    fair_id: UUID
    seeker_id: UUID


@dataclass(frozen=True, kw_only=True)
class CountFairSeekers(Command):
    """到场求职人数, the head count at the door (registered seekers included)."""

    fair_id: UUID
    seekers_counted: int


@dataclass(frozen=True, kw_only=True)
class RecordPlacement(Command):
    """实现就业/再就业."""

    seeker_id: UUID
    employer_id: UUID | None
    employer_name: str
    placed_on: date
    channel: str
    fair_id: UUID | None = None
    posting_id: UUID | None = None
    entered_by: str | None = None
    """Who enters the placement (the token's subject): kept beside the day it was entered."""
    placement_id: UUID = field(default_factory=uuid4)


@dataclass(frozen=True, kw_only=True)
class FollowUpPlacement(Command):
    """跟踪回访 at 3 or 6 months."""

    placement_id: UUID
    months: int
    still_employed: bool
