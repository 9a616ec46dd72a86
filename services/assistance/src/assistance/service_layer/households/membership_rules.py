"""What a head of household's membership change does to their open hardship files.

Decided explicitly (and tested end to end through NATS):

- the head is **transferred** to another grassroots union: each open file follows the head to
  the new union's territory (``HouseholdRelocated``, reason ``head_transferred``);
- the head **left** the union: the file stays open and is flagged for review
  (``HouseholdFlagged``, flag ``head_left_union``) — never dropped silently;
- the head's membership is **retained** (retired, laid off): flagged ``head_retained``.

A person then decides (re-verification resolves the flags; exit or cancellation closes the
file). The consumer runs these in the transaction that updates the replica.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING
from uuid import UUID

from assistance.domain.households.codes import RelocationReason, ReviewFlag

if TYPE_CHECKING:
    # Annotations only: the unit of work is built from the areas, which import this module.
    from assistance.service_layer.ports import AbstractUnitOfWork


async def head_transferred(
    uow: AbstractUnitOfWork, member_id: UUID, to_org_id: UUID, employer_id: UUID | None, on: date
) -> int:
    """Move the member's open files to their new union; returns how many moved."""
    async with uow:
        moved = [
            household
            for household in await uow.households.open_files_headed_by(member_id)
            if household.relocate(to_org_id, employer_id, RelocationReason.HEAD_TRANSFERRED, on)
        ]
        await uow.commit()
    return len(moved)


async def head_flagged(uow: AbstractUnitOfWork, member_id: UUID, flag: ReviewFlag, on: date) -> int:
    """Flag the member's open files for review; returns how many got the flag now."""
    async with uow:
        flagged = [
            household
            for household in await uow.households.open_files_headed_by(member_id)
            if household.flag(flag, on)
        ]
        await uow.commit()
    return len(flagged)
