"""Commands of aid programmes: budgets, applications, payments and festival batches.

Commands that act on the approval chain carry the actor (subject and role); the handler finds
where the actor's scope is rooted in the replica and lets the domain decide.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from uuid import UUID, uuid4

from assistance.domain.aid.application_authority import ActorRole
from assistance.service_layer.commands import Command


@dataclass(frozen=True, kw_only=True)
class AllocateBudget(Command):
    """Set an organisation's yearly budget for a programme (the new total)."""

    org_id: UUID
    programme: str
    year: int
    amount_fen: int
    budget_id: UUID = field(default_factory=uuid4)


@dataclass(frozen=True, kw_only=True)
class SubmitApplication(Command):
    """Apply for aid for a household on file or a member (student aid: the parent)."""

    programme: str
    requested_fen: int
    submitted_by: str
    household_id: UUID | None = None
    member_id: UUID | None = None
    submitted_on: date | None = None
    reason: str | None = None
    application_id: UUID = field(default_factory=uuid4)


@dataclass(frozen=True, kw_only=True)
class ApplicationStep(Command):
    """A step of the approval chain taken by an actor."""

    application_id: UUID
    actor_subject: str
    actor_role: ActorRole


@dataclass(frozen=True, kw_only=True)
class GiveOpinion(ApplicationStep):
    """基层工会意见: support, or reject with a reason."""

    support: bool
    reason: str | None = None
    note: str | None = field(default=None, repr=False)
    opinion_on: date | None = None


@dataclass(frozen=True, kw_only=True)
class ReviewApplication(ApplicationStep):
    """街道/区审核: pass, or reject with a reason."""

    passed: bool
    reason: str | None = None
    note: str | None = field(default=None, repr=False)
    reviewed_on: date | None = None


@dataclass(frozen=True, kw_only=True)
class ApproveApplication(ApplicationStep):
    """审批: approve an amount reserved from the budget of ``budget_org_id``."""

    approved_fen: int
    budget_org_id: UUID
    approved_on: date | None = None
    """The approval's date for a past approval entered late (default today); its year is the
    budget year drawn on."""


@dataclass(frozen=True, kw_only=True)
class RejectApplication(ApplicationStep):
    """Reject at the step due, with a reason code and an optional note."""

    reason: str
    note: str | None = field(default=None, repr=False)


@dataclass(frozen=True, kw_only=True)
class CreatePaymentOrder(Command):
    """Create the payment order of an approved application (the payments consumer)."""

    application_id: UUID


@dataclass(frozen=True, kw_only=True)
class DisbursePayment(Command):
    """Confirm a payment order was paid (again: the paid payment, unchanged)."""

    payment_id: UUID
    method: str
    paid_by: str
    paid_on: date | None = None


@dataclass(frozen=True, kw_only=True)
class CancelPayment(Command):
    """Cancel a pending payment order; its reservation returns to the budget."""

    payment_id: UUID


@dataclass(frozen=True, kw_only=True)
class StartPaymentBatch(Command):
    """A festival batch: a fixed amount to each selected household."""

    programme: str
    year: int
    budget_org_id: UUID
    amount_fen: int
    method: str
    created_by: str
    paid_on: date | None = None
    org_id: UUID | None = None
    levels: tuple[str, ...] = ()
    household_ids: tuple[UUID, ...] = ()
    batch_id: UUID = field(default_factory=uuid4)
