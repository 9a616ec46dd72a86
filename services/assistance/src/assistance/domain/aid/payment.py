"""帮扶资金发放: a payment order, paid exactly once.

An approved application gets one payment order (pending); an officer confirms disbursement
with the method (paid) or cancels it (cancelled, the reservation returns to the budget). A
festival batch creates its payments already paid. ``AidPaid`` is recorded once per payment,
at the one transition into ``paid``: confirming a paid payment again with the same method
changes nothing and records nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from uuid import UUID, uuid5

from shared.seedwork import Aggregate, InvalidValue, RecordedEvent

from assistance.domain.aid.codes import METHOD_LABELS, PAYMENT_METHODS, PaymentMethod, Programme
from assistance.domain.aid.errors import PaymentClosed
from assistance.domain.aid.events import AidPaid
from assistance.domain.amounts import ensure_amount
from assistance.domain.history import After, Dating


class PaymentStatus(StrEnum):
    PENDING = "pending"
    PAID = "paid"
    CANCELLED = "cancelled"


PAYMENT_NAMESPACE = UUID("5b0c8f1e-7d0a-4d61-9a4e-2f3b6c1d8e90")


def payment_id_for_application(application_id: UUID) -> UUID:
    """The one payment id an approved application can ever have (derived, not random)."""
    return uuid5(PAYMENT_NAMESPACE, f"application:{application_id}")


def payment_id_for_batch_item(batch_id: UUID, household_id: UUID) -> UUID:
    """The one payment id a household can ever have in a batch."""
    return uuid5(PAYMENT_NAMESPACE, f"batch:{batch_id}:{household_id}")


def ensure_method(method: str) -> PaymentMethod:
    """A payment method code.

    Raises:
        InvalidValue: an unknown method.
    """
    if method not in PAYMENT_METHODS:
        raise InvalidValue("发放方式代码无效：" + "、".join(PAYMENT_METHODS), field="method")
    return PaymentMethod(method)


@dataclass(frozen=True)
class Payee:
    """Who is paid and where it counts: pseudonymous ids only."""

    org_id: UUID
    household_id: UUID | None
    member_id: UUID | None
    employer_id: UUID | None


@dataclass(frozen=True)
class Funding:
    """What pays: the programme and the budget (and its organisation) the money comes from."""

    programme: Programme
    budget_id: UUID
    budget_org_id: UUID


@dataclass(eq=False)
class Payment(Aggregate):
    """One payment order."""

    id: UUID
    payee: Payee
    funding: Funding
    amount_fen: int
    created_on: date
    application_id: UUID | None = None
    batch_id: UUID | None = None
    status: PaymentStatus = PaymentStatus.PENDING
    method: PaymentMethod | None = None
    paid_on: date | None = None
    paid_by: str | None = None
    cancelled_on: date | None = None
    version: int = 0
    events: list[RecordedEvent] = field(default_factory=list)

    @classmethod
    def for_application(
        cls,
        *,
        application_id: UUID,
        payee: Payee,
        funding: Funding,
        amount_fen: int,
        approved_on: date,
    ) -> Payment:
        """The pending payment order of an approved application (its amount is reserved)."""
        ensure_amount(amount_fen, field="amount_fen")
        payment = cls(
            id=payment_id_for_application(application_id),
            payee=payee,
            funding=funding,
            amount_fen=amount_fen,
            created_on=approved_on,
            application_id=application_id,
        )
        payment._touch()
        return payment

    @classmethod
    def paid_in_batch(
        cls,
        *,
        batch_id: UUID,
        payee: Payee,
        funding: Funding,
        amount_fen: int,
        method: PaymentMethod,
        paid_on: date,
        paid_by: str,
    ) -> Payment:
        """A festival batch's payment to one household, paid when created."""
        assert payee.household_id is not None, "a batch pays households"
        payment = cls(
            id=payment_id_for_batch_item(batch_id, payee.household_id),
            payee=payee,
            funding=funding,
            amount_fen=ensure_amount(amount_fen, field="amount_fen"),
            created_on=paid_on,
            batch_id=batch_id,
        )
        payment._mark_paid(method, paid_on, paid_by)
        return payment

    def disburse(
        self, method: str, *, paid_on: date, paid_by: str, today: date,
        dating: Dating | None = None,
    ) -> bool:  # fmt: skip
        """Confirm the money was handed over.

        Returns:
            True when the payment became paid now; False when it was already paid with this
            method (a repeated confirmation: nothing changes, nothing is recorded).

        Raises:
            InvalidValue: an unknown method, or a payment date after today, before the history
                limit or before the approval.
            PaymentClosed: the payment was cancelled, or was paid with another method.
        """
        code = ensure_method(method)
        if self.status == PaymentStatus.PAID:
            if self.method != code:
                label = METHOD_LABELS[self.method] if self.method else ""
                raise PaymentClosed(f"该款项已以{label}方式发放，不能重复发放", field="method")
            return False
        if self.status == PaymentStatus.CANCELLED:
            raise PaymentClosed("该款项已撤销，不能发放", field="payment_id")
        (dating or Dating(today)).check(
            paid_on, field="paid_on", label="发放日期", after=After(self.created_on, "审批日期")
        )
        self._mark_paid(code, paid_on, paid_by)
        return True

    def cancel(self, *, today: date) -> None:
        """Cancel a pending payment; the caller returns the reservation to the budget.

        Raises:
            PaymentClosed: the payment is paid or already cancelled.
        """
        if self.status != PaymentStatus.PENDING:
            raise PaymentClosed("只有待发放的款项可以撤销", field="payment_id")
        self.status, self.cancelled_on = PaymentStatus.CANCELLED, today
        self._touch()

    def _mark_paid(self, method: PaymentMethod, paid_on: date, paid_by: str) -> None:
        self.status, self.method = PaymentStatus.PAID, method
        self.paid_on, self.paid_by = paid_on, paid_by
        self._record(
            AidPaid(
                payment_id=self.id,
                org_id=self.payee.org_id,
                application_id=self.application_id,
                batch_id=self.batch_id,
                programme=self.funding.programme,
                household_id=self.payee.household_id,
                member_id=self.payee.member_id,
                employer_id=self.payee.employer_id,
                amount_fen=self.amount_fen,
                method=method,
                budget_org_id=self.funding.budget_org_id,
                paid_on=paid_on,
            )
        )
