"""实现就业/再就业: a seeker placed with an employer, and the follow-ups at 3 and 6 months."""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date
from uuid import UUID

from shared.seedwork import Aggregate, Conflict, DomainEvent, InvalidValue, RecordedEvent

from training.domain.classes.enrolment import PersonRef
from training.domain.codes import PlacementChannel

FOLLOW_UP_MONTHS = (3, 6)


@dataclass(frozen=True)
class Placed(DomainEvent):
    placement_id: UUID
    seeker_id: UUID
    org_id: UUID
    person: PersonRef
    employer_id: UUID | None
    channel: PlacementChannel
    fair_id: UUID | None
    posting_id: UUID | None
    reemployment: bool
    on: date
    person_link: str | None = None


@dataclass(frozen=True)
class FollowedUp(DomainEvent):
    placement_id: UUID
    org_id: UUID
    person: PersonRef
    months: int
    still_employed: bool
    on: date


def months_after(day: date, months: int) -> date:
    """The same day ``months`` later (the month's last day when it has no such day)."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(eq=False)
class Placement(Aggregate):
    """One placement; its follow-ups are kept on it."""

    id: UUID
    seeker_id: UUID
    org_id: UUID
    person_id: UUID
    member_id: UUID | None
    employer_id: UUID | None
    employer_name: str
    channel: PlacementChannel
    fair_id: UUID | None
    posting_id: UUID | None
    reemployment: bool
    placed_on: date
    follow_ups: dict[int, bool] = field(default_factory=dict)
    entered_by: str | None = None
    version: int = 0
    events: list[RecordedEvent] = field(default_factory=list)

    @classmethod
    def record(cls, *, person_link: str | None = None, **fields: object) -> Placement:
        """Record a placement through a fair, a posting or otherwise.

        ``person_link`` (the placed person's platform-wide link, when known) travels on the
        event only: the placement names the person by ``person_id`` already.

        Raises:
            InvalidValue: a channel without what it names (a fair, a posting).
        """
        made = cls(**fields)  # type: ignore[arg-type]
        if made.channel == PlacementChannel.FAIR and made.fair_id is None:
            raise InvalidValue("经招聘会就业须指明招聘会", field="fair_id")
        if made.channel == PlacementChannel.POSTING and made.posting_id is None:
            raise InvalidValue("经招聘信息就业须指明招聘信息", field="posting_id")
        made._record(
            Placed(
                made.id, made.seeker_id, made.org_id, PersonRef(made.person_id, made.member_id),
                made.employer_id, made.channel, made.fair_id, made.posting_id,
                made.reemployment, made.placed_on, person_link,
            )
        )  # fmt: skip
        return made

    def follow_up(self, months: int, still_employed: bool, today: date) -> None:
        """跟踪回访 at 3 or 6 months, not before the time has come, once each.

        Raises:
            InvalidValue: another number of months, or asked too early.
            Conflict: that follow-up was recorded already.
        """
        if months not in FOLLOW_UP_MONTHS:
            raise InvalidValue("回访只在3个月和6个月时进行", field="months")
        if today < months_after(self.placed_on, months):
            raise InvalidValue(f"就业未满{months}个月，尚不能回访", field="months")
        if months in self.follow_ups:
            raise Conflict(f"{months}个月回访已登记", field="months")
        self.follow_ups[months] = still_employed
        person = PersonRef(self.person_id, self.member_id)
        self._record(FollowedUp(self.id, self.org_id, person, months, still_employed, today))
