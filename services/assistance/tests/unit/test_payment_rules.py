"""Payment orders: one AidPaid per payment, repeated confirmations change nothing."""

from __future__ import annotations

from datetime import date, timedelta
from uuid import uuid4

import pytest
from assistance.domain.aid.errors import PaymentClosed
from assistance.domain.aid.events import AidPaid
from assistance.domain.aid.payment import (
    Funding,
    Payee,
    Payment,
    payment_id_for_application,
    payment_id_for_batch_item,
)
from shared.seedwork import InvalidValue

TODAY = date(2025, 6, 30)
APPROVED = date(2025, 6, 1)


def pending() -> Payment:
    return Payment.for_application(
        application_id=uuid4(),
        payee=Payee(uuid4(), uuid4(), None, None),
        funding=Funding("medical_aid", uuid4(), uuid4()),
        amount_fen=30_000,
        approved_on=APPROVED,
    )


def test_an_application_has_one_derived_payment_id() -> None:
    application_id = uuid4()
    assert payment_id_for_application(application_id) == payment_id_for_application(application_id)
    assert payment_id_for_application(application_id) != payment_id_for_application(uuid4())
    batch, household = uuid4(), uuid4()
    assert payment_id_for_batch_item(batch, household) == payment_id_for_batch_item(
        batch, household
    )


def test_disbursing_records_aid_paid_once() -> None:
    payment = pending()
    assert payment.events == []
    assert payment.disburse("cash", paid_on=TODAY, paid_by="officer", today=TODAY) is True
    [recorded] = payment.events
    assert isinstance(recorded.event, AidPaid)
    assert (recorded.event.amount_fen, recorded.event.method) == (30_000, "cash")
    assert recorded.aggregate_version == 2
    assert payment.disburse("cash", paid_on=TODAY, paid_by="someone", today=TODAY) is False
    assert len(payment.events) == 1
    assert (payment.status, payment.paid_by) == ("paid", "officer")


def test_a_paid_payment_is_not_paid_again_another_way() -> None:
    payment = pending()
    payment.disburse("bank_transfer", paid_on=TODAY, paid_by="officer", today=TODAY)
    with pytest.raises(PaymentClosed) as error:
        payment.disburse("cash", paid_on=TODAY, paid_by="officer", today=TODAY)
    assert error.value.field == "method"
    assert len(payment.events) == 1


def test_a_cancelled_payment_cannot_be_paid_and_a_paid_one_not_cancelled() -> None:
    payment = pending()
    payment.cancel(today=TODAY)
    with pytest.raises(PaymentClosed):
        payment.disburse("cash", paid_on=TODAY, paid_by="officer", today=TODAY)
    with pytest.raises(PaymentClosed):
        payment.cancel(today=TODAY)
    paid = pending()
    paid.disburse("cash", paid_on=TODAY, paid_by="officer", today=TODAY)
    with pytest.raises(PaymentClosed):
        paid.cancel(today=TODAY)
    assert paid.status == "paid"


@pytest.mark.parametrize(
    ("method", "paid_on", "field"),
    [
        ("cheque", TODAY, "method"),
        ("cash", TODAY + timedelta(days=1), "paid_on"),
        ("cash", APPROVED - timedelta(days=1), "paid_on"),
    ],
)
def test_bad_disbursements_are_refused(method: str, paid_on: date, field: str) -> None:
    payment = pending()
    with pytest.raises(InvalidValue) as error:
        payment.disburse(method, paid_on=paid_on, paid_by="officer", today=TODAY)
    assert error.value.field == field
    assert (payment.status, payment.events) == ("pending", [])


def test_a_batch_payment_is_paid_when_created() -> None:
    batch, household = uuid4(), uuid4()
    payment = Payment.paid_in_batch(
        batch_id=batch,
        payee=Payee(uuid4(), household, None, None),
        funding=Funding("festival_consolation", uuid4(), uuid4()),
        amount_fen=50_000,
        method="cash",
        paid_on=TODAY,
        paid_by="officer",
    )
    assert payment.id == payment_id_for_batch_item(batch, household)
    [recorded] = payment.events
    assert isinstance(recorded.event, AidPaid)
    assert (recorded.event.batch_id, recorded.event.application_id) == (batch, None)
