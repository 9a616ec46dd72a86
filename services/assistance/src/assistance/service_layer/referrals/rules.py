"""What other services' events about a member do to hardship files.

Decided explicitly (and tested end to end through NATS):

- a **wage-arrears or work-injury dispute** (categories ``wages``, ``work_injury``) of a member
  ended — settled, failed or decided by arbitration: each open file the member heads is flagged
  ``dispute_concluded`` for review; when the member heads none, a suggestion to open a file
  (建档建议) waits for an officer. Other categories change nothing.
- a person was **placed** in a job (实现就业/再就业): each open file the person is on is
  flagged ``reemployed`` for review (the household's income changes) — a file the person
  heads as a member (``member_id``), or on which the person is head or family member, member
  or not (the platform-wide ``person_link`` of their ID number, which training computes with
  the same key). A file matched both ways is flagged once. No suggestion.

Disputes' outcomes match heads only: a case names its applicants by membership id, and
assistance records a membership id for the head of household, not for family members. Flags
are set once per flag (a second outcome adds nothing until a person reviews the file); a
suggestion is one per case and member, and one pending per member.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING
from uuid import UUID

from assistance.domain.households.codes import ReviewFlag
from assistance.domain.referrals.suggestion import (
    CaseEnding,
    DisputeCategory,
    FileSuggestion,
)

if TYPE_CHECKING:
    # Annotations only: the unit of work is built from the areas, which import this module.
    from assistance.service_layer.ports import AbstractUnitOfWork

REFERRING_CATEGORIES: frozenset[str] = frozenset(DisputeCategory)
"""The dispute categories that refer a worker to assistance."""


@dataclass(frozen=True)
class DisputeEnded:
    """The end of a dispute case, as assistance needs it."""

    case_id: UUID
    category: str
    ending: CaseEnding
    org_id: UUID
    employer_id: UUID | None
    member_ids: tuple[UUID, ...]
    on: date


async def dispute_ended(uow: AbstractUnitOfWork, ended: DisputeEnded) -> tuple[int, int]:
    """Flag the files the applicants head, or suggest files for those who head none.

    Returns:
        How many files got the flag now, and how many suggestions were made.
    """
    if ended.category not in REFERRING_CATEGORIES:
        return 0, 0
    flagged = suggested = 0
    async with uow:
        for member_id in dict.fromkeys(ended.member_ids):
            files = await uow.households.open_files_headed_by(member_id)
            if files:
                flagged += sum(h.flag(ReviewFlag.DISPUTE_CONCLUDED, ended.on) for h in files)
            elif await _suggest(uow, member_id, ended):
                suggested += 1
        await uow.commit()
    return flagged, suggested


@dataclass(frozen=True)
class PlacedPerson:
    """Who was placed, as assistance can recognise them: the member id, the person link."""

    member_id: UUID | None
    person_link: str | None


async def person_placed(uow: AbstractUnitOfWork, placed: PlacedPerson, on: date) -> int:
    """Flag the open files the placed person is on; returns how many got the flag now."""
    async with uow:
        files = await uow.households.open_files_of_person(placed.member_id, placed.person_link)
        flagged = sum(h.flag(ReviewFlag.REEMPLOYED, on) for h in files)
        await uow.commit()
    return flagged


async def _suggest(uow: AbstractUnitOfWork, member_id: UUID, ended: DisputeEnded) -> bool:
    """Add a suggestion unless one is pending for the member or this case made one already.

    It lies where a file of the member would: their union and employer in the replica, else
    the case's organisation and employer.
    """
    if await uow.file_suggestions.pending_for(member_id):
        return False
    member = await uow.replica.member(member_id)
    suggestion = FileSuggestion.from_dispute(
        member_id=member_id,
        org_id=member.org_id if member else ended.org_id,
        employer_id=(member.employer_id if member else None) or ended.employer_id,
        case_id=ended.case_id,
        category=DisputeCategory(ended.category),
        ending=ended.ending,
        on=ended.on,
    )
    if await uow.file_suggestions.get(suggestion.id) is not None:
        return False
    await uow.file_suggestions.add(suggestion)
    return True
