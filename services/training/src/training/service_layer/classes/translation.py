"""Class domain events → integration contracts."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from shared.contracts import training as contracts
from shared.contracts.registry import IntegrationEvent
from shared.seedwork import DomainEvent

from training.domain.classes import certificate as cert
from training.domain.classes import enrolment as enr
from training.domain.classes import training_class as tc


def _opened(e: tc.ClassOpened) -> IntegrationEvent:
    return contracts.ClassOpened(
        org_id=e.org_id, occurred_on=e.starts_on, class_id=e.class_id, kind=e.kind,
        target_groups=list(e.target_groups), capacity=e.capacity, starts_on=e.starts_on,
        ends_on=e.ends_on, sessions_planned=e.sessions_planned,
    )  # fmt: skip


def _cancelled(e: tc.ClassCancelled) -> IntegrationEvent:
    return contracts.ClassCancelled(
        org_id=e.org_id, occurred_on=e.cancelled_on, class_id=e.class_id
    )


def _attendance(e: tc.AttendanceTaken) -> IntegrationEvent:
    n = e.counts
    return contracts.AttendanceTaken(
        org_id=e.org_id, occurred_on=e.taken_on, class_id=e.class_id, session_no=e.session_no,
        present=n.present, late=n.late, excused=n.excused, absent=n.absent,
    )  # fmt: skip


def _person(e: enr.EnrolmentEvent) -> dict[str, Any]:
    return {
        "org_id": e.org_id, "occurred_on": e.on, "person_id": e.person.person_id,
        "member_id": e.person.member_id, "enrolment_id": e.enrolment_id, "class_id": e.class_id,
    }  # fmt: skip


def _enrolled(e: enr.Enrolled) -> IntegrationEvent:
    return contracts.Enrolled(**_person(e))


def _waitlisted(e: enr.Waitlisted) -> IntegrationEvent:
    return contracts.Waitlisted(**_person(e))


def _withdrawn(e: enr.Withdrawn) -> IntegrationEvent:
    return contracts.EnrolmentWithdrawn(**_person(e), reason=e.reason)


def _completed(e: enr.Completed) -> IntegrationEvent:
    return contracts.Completed(**_person(e))


def _issued(e: cert.CertificateIssued) -> IntegrationEvent:
    return contracts.CertificateIssued(
        org_id=e.org_id, occurred_on=e.on, person_id=e.person.person_id,
        member_id=e.person.member_id, certificate_id=e.certificate_id, class_id=e.class_id,
        enrolment_id=e.enrolment_id,
    )  # fmt: skip


def _revoked(e: cert.CertificateRevoked) -> IntegrationEvent:
    return contracts.CertificateRevoked(
        org_id=e.org_id, occurred_on=e.on, person_id=e.person.person_id,
        member_id=e.person.member_id, certificate_id=e.certificate_id, reason=e.reason,
    )  # fmt: skip


TRANSLATORS: dict[type[DomainEvent], Callable[[Any], IntegrationEvent]] = {
    tc.ClassOpened: _opened,
    tc.ClassCancelled: _cancelled,
    tc.AttendanceTaken: _attendance,
    enr.Enrolled: _enrolled,
    enr.Waitlisted: _waitlisted,
    enr.Withdrawn: _withdrawn,
    enr.Completed: _completed,
    cert.CertificateIssued: _issued,
    cert.CertificateRevoked: _revoked,
}
"""Every class domain event type and the contract it becomes."""
