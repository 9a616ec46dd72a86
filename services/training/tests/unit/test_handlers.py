"""Handlers on in-memory fakes: seats and the waiting list, completion and certificates,
scope, placements."""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from shared.identifiers import make_id_number
from shared.seedwork import InvalidTransition, NotInScope
from training.domain.classes.certificate_number import canonical
from training.service_layer.classes import commands as c
from training.service_layer.employment import commands as e
from training.service_layer.handlers import handle
from training.service_layer.people import PersonDetails

from services.training.tests.unit.fakes import FakeUnitOfWork


def someone(n: int) -> PersonDetails:
    return PersonDetails(f"张{n}", make_id_number("320102", date(1980, 1, 1), n, "male"))


async def a_class(uow: FakeUnitOfWork, org: uuid.UUID, capacity: int = 2) -> uuid.UUID:
    result = await handle(
        c.OpenClass(
            scope_root=None, org_id=org, title="电工", kind="skills", provider="中心",
            venue="基地", starts_on=date(2026, 5, 1), ends_on=date(2026, 5, 30),
            sessions_planned=2, capacity=capacity, target_groups=("laid_off",),
            min_attendance_percent=50,
        ),
        uow,
    )  # fmt: skip
    return result.aggregate_id


def published(uow: FakeUnitOfWork) -> list[str]:
    return [p.event.event_type for p in uow.published]


async def test_full_class_waits_and_a_withdrawal_promotes() -> None:
    uow = FakeUnitOfWork()
    class_id = await a_class(uow, uow.replica.found())
    made = [await handle(c.Enrol(scope_root=None, class_id=class_id, person=someone(n)), uow)
            for n in range(4)]  # fmt: skip
    assert [r.aggregate.status for r in made] == [
        "enrolled",
        "enrolled",
        "waitlisted",
        "waitlisted",
    ]
    await handle(
        c.Withdraw(scope_root=None, enrolment_id=made[0].aggregate_id, reason="personal"), uow
    )
    assert published(uow)[-2:] == ["training.enrolment.withdrawn", "training.enrolment.enrolled"]
    assert uow.stored_classes()[class_id].seats_taken == 2
    with pytest.raises(InvalidTransition):
        await handle(c.Withdraw(scope_root=None, enrolment_id=made[0].aggregate_id,
                                reason="personal"), uow)  # fmt: skip


async def test_completion_issues_checked_numbers_to_those_who_met_the_rule() -> None:
    uow = FakeUnitOfWork()
    class_id = await a_class(uow, uow.replica.found())
    made = [await handle(c.Enrol(scope_root=None, class_id=class_id, person=someone(n)), uow)
            for n in range(2)]  # fmt: skip
    marks = ((made[0].aggregate_id, "present"), (made[1].aggregate_id, "absent"))
    await handle(
        c.MarkAttendance(scope_root=None, class_id=class_id, session_no=1, marks=marks), uow
    )
    await handle(c.CompleteClass(scope_root=None, class_id=class_id), uow)
    (certificate,) = uow.stored_certificates().values()
    assert certificate.enrolment_id == made[0].aggregate_id
    assert canonical(certificate.number) == certificate.number
    assert published(uow).count("training.certificate.issued") == 1
    for pending in uow.published:
        assert "张" not in pending.event.model_dump_json()


async def test_a_coordinator_cannot_open_a_class_outside_the_subtree() -> None:
    uow = FakeUnitOfWork()
    street = uow.replica.found()
    mine, other = uow.replica.found(street), uow.replica.found(street)
    with pytest.raises(NotInScope):
        await handle(
            c.OpenClass(
                scope_root=mine, org_id=other, title="电工", kind="skills", provider="中心",
                venue="基地", starts_on=date(2026, 5, 1), ends_on=date(2026, 5, 30),
                sessions_planned=2, capacity=2, target_groups=("all",),
            ),
            uow,
        )  # fmt: skip


async def test_a_laid_off_seeker_placed_once_is_a_reemployment() -> None:
    uow = FakeUnitOfWork()
    org = uow.replica.found()
    seeker = await handle(e.RegisterSeeker(scope_root=None, org_id=org, person=someone(7),
                                           status="laid_off", wanted_occupation="电工",
                                           registered_on=date(2026, 5, 1)), uow)  # fmt: skip
    place = e.RecordPlacement(scope_root=None, seeker_id=seeker.aggregate_id, employer_id=None,
                              employer_name="甲公司", placed_on=date(2026, 5, 20), channel="other")  # fmt: skip
    placed = await handle(place, uow)
    assert placed.aggregate.reemployment is True
    event = uow.published[-1].event
    assert (event.event_type, event.seeker_id) == (
        "training.placement.recorded",
        seeker.aggregate_id,
    )  # type: ignore[attr-defined]
    with pytest.raises(InvalidTransition):
        await handle(place, uow)


async def test_a_placement_carries_the_person_link_of_the_placed_person() -> None:
    uow = FakeUnitOfWork()
    org = uow.replica.found()
    seeker = await handle(e.RegisterSeeker(scope_root=None, org_id=org, person=someone(9),
                                           status="other", wanted_occupation="电工"), uow)  # fmt: skip
    await handle(e.RecordPlacement(scope_root=None, seeker_id=seeker.aggregate_id,
                                   employer_id=None, employer_name="甲公司",
                                   placed_on=date(2026, 6, 1), channel="other"), uow)  # fmt: skip
    event = uow.published[-1].event
    expected = uow.protector.person_link(someone(9).id_number)
    assert event.person_link == expected  # type: ignore[attr-defined]
