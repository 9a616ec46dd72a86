"""The approval chain: steps in order, who may act, segregation of duties, rejections."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

import pytest
from assistance.domain.aid.application import Application
from assistance.domain.aid.application_authority import Actor, Reach
from assistance.domain.aid.application_status import Applicant
from assistance.domain.aid.errors import NotEntitled, SegregationOfDuties, StepOutOfOrder
from assistance.domain.aid.events import (
    ApplicationApproved,
    ApplicationRejected,
    ApplicationSubmitted,
)
from shared.seedwork import InvalidValue, NotInScope

TODAY = date(2025, 6, 30)
IN_SCOPE = Reach(applicant_org=True, budget_org=True)
COMMUNITY = Actor("community-officer", "assistance_officer", "community_federation")
STREET = Actor("street-officer", "assistance_officer", "street_federation")
DISTRICT = Actor("district-officer", "assistance_officer", "district_federation")
ADMIN = Actor("admin", "city_admin")


def submitted(requested_fen: int = 50_000, programme: str = "medical_aid") -> Application:
    return Application.submit(
        application_id=uuid4(),
        programme=programme,
        applicant=Applicant(org_id=uuid4(), household_id=uuid4(), member_id=None, employer_id=None),
        requested_fen=requested_fen,
        submitted_by="clerk",
        today=TODAY,
    )


def reviewed() -> Application:
    application = submitted()
    application.give_opinion(COMMUNITY, IN_SCOPE, today=TODAY)
    application.review(STREET, IN_SCOPE, today=TODAY)
    return application


def approve(application: Application, actor: Actor, amount: int = 30_000) -> None:
    application.approve(
        actor, IN_SCOPE, approved_fen=amount, budget_id=uuid4(), budget_org_id=uuid4(), today=TODAY
    )


def test_the_full_chain_records_submission_and_approval() -> None:
    application = reviewed()
    approve(application, DISTRICT, 30_000)
    assert application.status == "approved"
    assert (application.opinion_by, application.reviewed_by, application.approved_by) == (
        "community-officer",
        "street-officer",
        "district-officer",
    )
    submitted_event, approved_event = (recorded.event for recorded in application.events)
    assert isinstance(submitted_event, ApplicationSubmitted)
    assert isinstance(approved_event, ApplicationApproved)
    assert approved_event.approved_fen == 30_000
    assert [r.aggregate_version for r in application.events] == [1, 4]


@pytest.mark.parametrize("requested", [0, -100, 12.5])
def test_a_non_positive_or_fractional_request_is_refused(requested: object) -> None:
    with pytest.raises(InvalidValue) as error:
        submitted(requested)  # type: ignore[arg-type]
    assert error.value.field == "requested_fen"


def test_an_unknown_programme_or_nobody_to_aid_is_refused() -> None:
    with pytest.raises(InvalidValue) as error:
        submitted(programme="lottery")
    assert error.value.field == "programme"
    with pytest.raises(InvalidValue) as error:
        Application.submit(
            application_id=uuid4(),
            programme="student_aid",
            applicant=Applicant(uuid4(), None, None, None),
            requested_fen=1,
            submitted_by="clerk",
            today=TODAY,
        )
    assert error.value.field == "household_id"


def test_steps_cannot_be_skipped() -> None:
    application = submitted()
    with pytest.raises(StepOutOfOrder):
        application.review(STREET, IN_SCOPE, today=TODAY)
    with pytest.raises(StepOutOfOrder):
        approve(application, DISTRICT)
    assert application.status == "submitted"


def test_the_approved_amount_is_at_most_the_requested_amount() -> None:
    application = reviewed()
    with pytest.raises(InvalidValue) as error:
        approve(application, DISTRICT, 50_001)
    assert error.value.field == "approved_fen"
    with pytest.raises(InvalidValue):
        approve(application, DISTRICT, 0)
    approve(application, DISTRICT, 50_000)
    assert application.approved_fen == 50_000


@pytest.mark.parametrize("role_actor", [Actor("analyst", "other"), Actor("cadre", "other")])
def test_other_roles_take_no_step(role_actor: Actor) -> None:
    application = submitted()
    with pytest.raises(NotEntitled):
        application.give_opinion(role_actor, IN_SCOPE, today=TODAY)
    application.give_opinion(COMMUNITY, IN_SCOPE, today=TODAY)
    with pytest.raises(NotEntitled):
        application.review(role_actor, IN_SCOPE, today=TODAY)


def test_an_officer_outside_the_applicants_org_gives_no_opinion() -> None:
    application = submitted()
    with pytest.raises(NotInScope):
        application.give_opinion(COMMUNITY, Reach(applicant_org=False), today=TODAY)


def test_review_needs_a_street_district_or_city_officer() -> None:
    application = submitted()
    application.give_opinion(COMMUNITY, IN_SCOPE, today=TODAY)
    other_community = Actor("other-community", "assistance_officer", "community_federation")
    with pytest.raises(NotEntitled):
        application.review(other_community, IN_SCOPE, today=TODAY)
    with pytest.raises(NotInScope):
        application.review(STREET, Reach(applicant_org=False), today=TODAY)
    application.review(DISTRICT, IN_SCOPE, today=TODAY)
    assert application.status == "reviewed"


def test_the_officer_who_gave_the_opinion_does_not_review() -> None:
    application = submitted()
    application.give_opinion(STREET, IN_SCOPE, today=TODAY)
    with pytest.raises(SegregationOfDuties):
        application.review(STREET, IN_SCOPE, today=TODAY)


def test_the_reviewer_does_not_approve() -> None:
    application = reviewed()
    with pytest.raises(SegregationOfDuties):
        approve(application, STREET)
    assert application.status == "reviewed"


def test_approval_needs_the_budget_organisation_in_scope() -> None:
    application = reviewed()
    with pytest.raises(NotInScope) as error:
        application.approve(
            DISTRICT,
            Reach(applicant_org=True, budget_org=False),
            approved_fen=1,
            budget_id=uuid4(),
            budget_org_id=uuid4(),
            today=TODAY,
        )
    assert error.value.field == "budget_org_id"


def test_a_city_admin_may_take_any_step_but_not_two_of_one_application() -> None:
    application = submitted()
    application.give_opinion(ADMIN, Reach(applicant_org=False), today=TODAY)
    with pytest.raises(SegregationOfDuties):
        application.review(ADMIN, IN_SCOPE, today=TODAY)
    application.review(STREET, IN_SCOPE, today=TODAY)
    with pytest.raises(SegregationOfDuties):
        approve(application, ADMIN)
    other_admin = Actor("admin-2", "city_admin")
    approve(application, other_admin)
    assert application.approved_by == "admin-2"


@pytest.mark.parametrize(
    ("steps_done", "expected_step"),
    [(0, "grassroots_opinion"), (1, "review"), (2, "approval")],
)
def test_a_rejection_ends_the_application_at_the_step_due(
    steps_done: int, expected_step: str
) -> None:
    application = submitted()
    actors = [COMMUNITY, STREET, DISTRICT]
    if steps_done >= 1:
        application.give_opinion(COMMUNITY, IN_SCOPE, today=TODAY)
    if steps_done >= 2:
        application.review(STREET, IN_SCOPE, today=TODAY)
    step = application.reject(
        actors[steps_done], IN_SCOPE, reason="ineligible", note_cipher=b"sealed", today=TODAY
    )
    assert step == expected_step
    assert application.status == "rejected"
    assert application.rejection is not None
    assert application.rejection.note_cipher == b"sealed"
    rejected = application.events[-1].event
    assert isinstance(rejected, ApplicationRejected)
    assert (rejected.step, rejected.reason) == (expected_step, "ineligible")
    assert "sealed" not in repr(rejected)
    with pytest.raises(StepOutOfOrder):
        application.reject(ADMIN, IN_SCOPE, reason="other", note_cipher=None, today=TODAY)


def test_a_rejection_needs_a_known_reason_and_the_steps_authority() -> None:
    application = reviewed()
    with pytest.raises(InvalidValue) as error:
        application.reject(DISTRICT, IN_SCOPE, reason="dislike", note_cipher=None, today=TODAY)
    assert error.value.field == "reason"
    with pytest.raises(SegregationOfDuties):
        application.reject(STREET, IN_SCOPE, reason="other", note_cipher=None, today=TODAY)
    assert application.status == "reviewed"


def test_rejecting_at_approval_needs_a_reviewing_officer_not_a_budget() -> None:
    application = reviewed()
    no_budget = Reach(applicant_org=True, budget_org=False)
    other_community = Actor("other-community", "assistance_officer", "community_federation")
    with pytest.raises(NotEntitled):
        application.reject(
            other_community, no_budget, reason="other", note_cipher=None, today=TODAY
        )
    application.reject(DISTRICT, no_budget, reason="duplicate", note_cipher=None, today=TODAY)
    assert application.rejection is not None
    assert application.rejection.step == "approval"
