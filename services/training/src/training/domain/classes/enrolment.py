"""报名: a person's place in a class (a seat or the waiting list), withdrawal and completion."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from uuid import UUID

from shared.seedwork import Aggregate, DomainEvent, InvalidTransition, RecordedEvent

from training.domain.codes import WithdrawalReason


class EnrolmentStatus(StrEnum):
    ENROLLED = "enrolled"  # 在班
    WAITLISTED = "waitlisted"  # 候补
    WITHDRAWN = "withdrawn"  # 退班
    COMPLETED = "completed"  # 结业
    NOT_COMPLETED = "not_completed"  # 未结业


@dataclass(frozen=True)
class PersonRef:
    """Who a record is about: training's pseudonymous person id and the member, if any."""

    person_id: UUID
    member_id: UUID | None


@dataclass(frozen=True)
class EnrolmentEvent(DomainEvent):
    enrolment_id: UUID
    class_id: UUID
    org_id: UUID
    person: PersonRef
    on: date


@dataclass(frozen=True)
class Enrolled(EnrolmentEvent):
    pass


@dataclass(frozen=True)
class Waitlisted(EnrolmentEvent):
    pass


@dataclass(frozen=True)
class Withdrawn(EnrolmentEvent):
    reason: WithdrawalReason


@dataclass(frozen=True)
class Completed(EnrolmentEvent):
    pass


@dataclass(eq=False)
class Enrolment(Aggregate):
    """One person in one class."""

    id: UUID
    class_id: UUID
    org_id: UUID
    person_id: UUID
    member_id: UUID | None
    status: EnrolmentStatus
    enrolled_on: date
    assessment_passed: bool | None = None
    closed_on: date | None = None
    entered_by: str | None = None
    version: int = 0
    events: list[RecordedEvent] = field(default_factory=list)

    @property
    def person(self) -> PersonRef:
        return PersonRef(self.person_id, self.member_id)

    @classmethod
    def request(
        cls, *, enrolment_id: UUID, class_id: UUID, org_id: UUID, person: PersonRef,
        seated: bool, on: date, entered_by: str | None = None,
    ) -> Enrolment:  # fmt: skip
        """报名: seated when the class had a free seat, else on its waiting list."""
        status = EnrolmentStatus.ENROLLED if seated else EnrolmentStatus.WAITLISTED
        made = cls(enrolment_id, class_id, org_id, person.person_id, person.member_id, status, on,
                   entered_by=entered_by)  # fmt: skip
        event = Enrolled if seated else Waitlisted
        made._record(event(enrolment_id, class_id, org_id, person, on))
        return made

    @property
    def holds_seat(self) -> bool:
        return self.status == EnrolmentStatus.ENROLLED

    @property
    def is_active(self) -> bool:
        """Enrolled or waiting: the person still counts on the class."""
        return self.status in (EnrolmentStatus.ENROLLED, EnrolmentStatus.WAITLISTED)

    def promote(self, on: date) -> None:
        """From the waiting list to a freed seat."""
        if self.status != EnrolmentStatus.WAITLISTED:
            raise InvalidTransition("只有候补人员可以递补", field="enrolment_id")
        self.status = EnrolmentStatus.ENROLLED
        self._record(Enrolled(self.id, self.class_id, self.org_id, self.person, on))

    def withdraw(self, reason: WithdrawalReason, on: date) -> bool:
        """退班: leaves the class or its waiting list; True when a seat was freed."""
        if not self.is_active:
            raise InvalidTransition("该报名已退班或已结业", field="enrolment_id")
        freed = self.holds_seat
        self.status = EnrolmentStatus.WITHDRAWN
        self.closed_on = on
        self._record(Withdrawn(self.id, self.class_id, self.org_id, self.person, on, reason))
        return freed

    def record_assessment(self, passed: bool) -> None:
        """考核: the assessment's outcome, before the class completes."""
        if not self.holds_seat:
            raise InvalidTransition("只有在班学员可以登记考核结果", field="enrolment_id")
        self.assessment_passed = passed
        self._touch()

    def close(self, completed: bool, on: date) -> None:
        """At the class's completion: 结业 when the rule is met, else 未结业."""
        if not self.holds_seat:
            raise InvalidTransition("只有在班学员可以结业", field="enrolment_id")
        self.closed_on = on
        if not completed:
            self.status = EnrolmentStatus.NOT_COMPLETED
            self._touch()
            return
        self.status = EnrolmentStatus.COMPLETED
        self._record(Completed(self.id, self.class_id, self.org_id, self.person, on))
