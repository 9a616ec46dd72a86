"""Events of hardship files. Published only once a file is on file (filed): a draft or a
file under review is internal work and never leaves the service."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from shared.seedwork import DomainEvent

from assistance.domain.households.codes import (
    CancellationReason,
    ExitReason,
    HardshipCause,
    HardshipLevel,
    RelocationReason,
    ReviewFlag,
)


@dataclass(frozen=True)
class HouseholdFiled(DomainEvent):
    household_id: UUID
    org_id: UUID
    head_member_id: UUID | None
    employer_id: UUID | None
    level: HardshipLevel
    causes: tuple[HardshipCause, ...]
    family_size: int
    temporary: bool
    filed_on: date


@dataclass(frozen=True)
class HouseholdFormalised(DomainEvent):
    household_id: UUID
    org_id: UUID
    level: HardshipLevel
    formalised_on: date


@dataclass(frozen=True)
class HouseholdReverified(DomainEvent):
    household_id: UUID
    org_id: UUID
    level: HardshipLevel
    previous_level: HardshipLevel
    verified_on: date


@dataclass(frozen=True)
class HouseholdRelocated(DomainEvent):
    household_id: UUID
    org_id: UUID
    from_org_id: UUID
    reason: RelocationReason
    relocated_on: date


@dataclass(frozen=True)
class HouseholdFlagged(DomainEvent):
    household_id: UUID
    org_id: UUID
    flag: ReviewFlag
    flagged_on: date


@dataclass(frozen=True)
class HouseholdExited(DomainEvent):
    household_id: UUID
    org_id: UUID
    reason: ExitReason
    exited_on: date


@dataclass(frozen=True)
class HouseholdCancelled(DomainEvent):
    household_id: UUID
    org_id: UUID
    reason: CancellationReason
    cancelled_on: date
