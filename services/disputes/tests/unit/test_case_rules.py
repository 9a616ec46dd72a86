"""The case aggregate's rules, without a server."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

import pytest
from disputes.domain.cases import events as ev
from disputes.domain.cases.case import Case
from disputes.domain.cases.codes import (
    CaseStatus,
    Category,
    Channel,
    FailureReason,
    TransferReason,
)
from disputes.domain.cases.parts import Agreement, SealedApplicant, SealedEmployer
from disputes.domain.cases.transfer import TransferTarget
from disputes.domain.dating import Dating
from shared.seedwork import InvalidTransition, InvalidValue

TODAY = date(2026, 6, 15)


def received(workers: int = 1, migrants: int = 0) -> Case:
    applicant = SealedApplicant(b"n", None, None, None, uuid.uuid4(), False)
    return Case.receive(
        dating=Dating(TODAY),
        id=uuid.uuid4(),
        org_id=uuid.uuid4(),
        channel=Channel.VISIT,
        category=Category.WAGES,
        employer=SealedEmployer(uuid.uuid4(), None, None),
        applicants=(applicant,),
        workers_involved=workers,
        migrant_workers=migrants,
        claimed_fen=100,
        facts_cipher=b"f",
        claims_cipher=b"c",
        received_on=TODAY,
    )


def mediating() -> Case:
    case = received()
    case.accept(TODAY, TODAY)
    case.assign_mediator(uuid.uuid4(), TODAY, TODAY)
    no = case.schedule_session(TODAY, TODAY)
    case.hold_session(no, TODAY, 2, b"r", TODAY)
    return case


def test_acceptance_sets_the_fifteen_day_due_date() -> None:
    case = received()
    case.accept(TODAY, TODAY)
    assert case.due_on == TODAY + timedelta(days=15)
    assert isinstance(case.events[-1].event, ev.CaseAccepted)


def test_ten_workers_make_a_collective_dispute() -> None:
    assert received(workers=10).collective is True
    assert received(workers=9).collective is False
    with pytest.raises(InvalidValue) as refused:
        received(workers=2, migrants=3)
    assert refused.value.field == "migrant_workers"


def test_closing_only_from_an_ended_case() -> None:
    case = received()
    case.accept(TODAY, TODAY)
    with pytest.raises(InvalidTransition) as refused:
        case.close(TODAY, TODAY)
    assert refused.value.field == "status"
    assert "已受理" in refused.value.message
    case.withdraw(TODAY, TODAY)
    case.close(TODAY, TODAY)
    assert case.status == CaseStatus.CLOSED


def test_settlement_needs_both_confirmations() -> None:
    case = mediating()
    agreement = Agreement(500, b"t", TODAY, None)
    with pytest.raises(InvalidValue) as refused:
        case.settle(agreement, True, False, TODAY)
    assert refused.value.field == "employer_confirmed"
    case.settle(agreement, True, True, TODAY)
    assert case.status == CaseStatus.SETTLED


def test_overdue_only_after_the_due_date_and_once() -> None:
    case = received()
    case.accept(TODAY, TODAY)
    assert case.mark_overdue(TODAY + timedelta(days=15)) is False
    assert case.mark_overdue(TODAY + timedelta(days=16)) is True
    assert case.mark_overdue(TODAY + timedelta(days=17)) is False
    case.fail(FailureReason.DEADLINE_PASSED, TODAY + timedelta(days=16), TODAY + timedelta(days=16))
    assert case.mark_overdue(TODAY + timedelta(days=18)) is False


def test_recoveries_never_exceed_the_agreement() -> None:
    case = mediating()
    case.settle(Agreement(500, b"t", TODAY, None), True, True, TODAY)
    case.record_recovery(uuid.uuid4(), 300, TODAY, TODAY)
    with pytest.raises(InvalidValue):
        case.record_recovery(uuid.uuid4(), 201, TODAY, TODAY)
    case.record_recovery(uuid.uuid4(), 200, TODAY, TODAY)
    assert case.recovered_fen == 500


def test_two_equal_recoveries_on_one_case_keep_their_own_ids() -> None:
    case = mediating()
    case.settle(Agreement(500, b"t", TODAY, None), True, True, TODAY)
    first, second = uuid.uuid4(), uuid.uuid4()
    case.record_recovery(first, 100, TODAY, TODAY)
    case.record_recovery(second, 100, TODAY, TODAY)
    recoveries = [r.event for r in case.events if isinstance(r.event, ev.RecoveryRecorded)]
    assert [(r.recovery_id, r.amount_fen) for r in recoveries] == [
        (first, 100),
        (second, 100),
    ]


def test_a_transfer_moves_the_case_and_releases_its_mediator() -> None:
    case = mediating()
    before, due = case.org_id, case.due_on
    target = TransferTarget(uuid.uuid4(), uuid.uuid4())
    case.transfer(target, TransferReason.ESCALATED, TODAY, TODAY)
    assert (case.org_id, case.mediation_org_id) == (target.org_id, target.mediation_org_id)
    assert (case.status, case.mediator_id, case.due_on) == (CaseStatus.ACCEPTED, None, due)
    moved = case.events[-1].event
    assert isinstance(moved, ev.CaseTransferred)
    assert (moved.org_id, moved.from_org_id) == (target.org_id, before)
    with pytest.raises(InvalidValue) as again:
        case.transfer(target, TransferReason.OTHER, TODAY, TODAY)
    assert again.value.field == "mediation_org_id"


def test_a_case_with_an_outcome_is_not_transferred() -> None:
    case = mediating()
    case.settle(Agreement(500, b"t", TODAY, None), True, True, TODAY)
    target = TransferTarget(uuid.uuid4(), uuid.uuid4())
    with pytest.raises(InvalidTransition) as refused:
        case.transfer(target, TransferReason.ESCALATED, TODAY, TODAY)
    assert refused.value.field == "status"
    assert case.mediation_org_id is None
