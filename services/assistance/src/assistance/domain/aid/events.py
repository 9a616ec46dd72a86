"""Events of budgets, applications and payments.

They hold ids, codes, dates and amounts only: rejection notes and every other free text stay
on the aggregates, so nothing that could name a person leaves the service.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from shared.seedwork import DomainEvent

from assistance.domain.aid.codes import (
    ApprovalStep,
    PaymentMethod,
    Programme,
    RejectionReason,
)


@dataclass(frozen=True)
class BudgetAllocated(DomainEvent):
    budget_id: UUID
    org_id: UUID
    programme: Programme
    year: int
    amount_fen: int
    allocated_on: date


@dataclass(frozen=True)
class ApplicationSubmitted(DomainEvent):
    application_id: UUID
    org_id: UUID
    programme: Programme
    household_id: UUID | None
    member_id: UUID | None
    requested_fen: int
    submitted_on: date


@dataclass(frozen=True)
class ApplicationApproved(DomainEvent):
    application_id: UUID
    org_id: UUID
    programme: Programme
    household_id: UUID | None
    member_id: UUID | None
    approved_fen: int
    budget_org_id: UUID
    approved_on: date


@dataclass(frozen=True)
class ApplicationRejected(DomainEvent):
    application_id: UUID
    org_id: UUID
    programme: Programme
    step: ApprovalStep
    reason: RejectionReason
    rejected_on: date


@dataclass(frozen=True)
class AidPaid(DomainEvent):
    payment_id: UUID
    org_id: UUID
    application_id: UUID | None
    batch_id: UUID | None
    programme: Programme
    household_id: UUID | None
    member_id: UUID | None
    employer_id: UUID | None
    amount_fen: int
    method: PaymentMethod
    budget_org_id: UUID
    paid_on: date
