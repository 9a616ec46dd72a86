"""走访慰问 visits: a dated record that a worker or a household was visited, and why."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from uuid import UUID

from shared.seedwork import Aggregate, DomainEvent, InvalidValue, RecordedEvent

from assistance.domain.history import DEFAULT_HISTORY_FROM, After, Dating
from assistance.domain.visits.codes import OCCASIONS, VisitOccasion


@dataclass(frozen=True)
class VisitRecorded(DomainEvent):
    visit_id: UUID
    org_id: UUID
    household_id: UUID | None
    member_id: UUID | None
    employer_id: UUID | None
    occasion: VisitOccasion
    visited_on: date


@dataclass(eq=False)
class Visit(Aggregate):
    """One visit; written once, never changed."""

    id: UUID
    org_id: UUID
    household_id: UUID | None
    member_id: UUID | None
    employer_id: UUID | None
    occasion: VisitOccasion
    visited_on: date
    note_cipher: bytes | None = field(repr=False)
    recorded_by: str
    version: int = 0
    events: list[RecordedEvent] = field(default_factory=list)

    @classmethod
    def record(
        cls,
        *,
        visit_id: UUID,
        org_id: UUID,
        household_id: UUID | None,
        member_id: UUID | None,
        employer_id: UUID | None,
        occasion: str,
        visited_on: date,
        note_cipher: bytes | None,
        recorded_by: str,
        today: date,
        history_from: date = DEFAULT_HISTORY_FROM,
        filed_on: date | None = None,
    ) -> Visit:
        """Record a visit to a household or a member (at least one of them).

        Raises:
            InvalidValue: no one visited, an unknown occasion, or a date after today, before
                the history limit or before the visited household's filing (``filed_on``).
        """
        if household_id is None and member_id is None:
            raise InvalidValue("须指明走访的困难户或会员", field="household_id")
        if occasion not in OCCASIONS:
            raise InvalidValue("走访事由代码无效", field="occasion")
        Dating(today, history_from).check(
            visited_on, field="visited_on", label="走访日期", after=After(filed_on, "该户建档日期")
        )
        visit = cls(
            id=visit_id,
            org_id=org_id,
            household_id=household_id,
            member_id=member_id,
            employer_id=employer_id,
            occasion=VisitOccasion(occasion),
            visited_on=visited_on,
            note_cipher=note_cipher,
            recorded_by=recorded_by,
        )
        visit._record(
            VisitRecorded(
                visit_id=visit_id,
                org_id=org_id,
                household_id=household_id,
                member_id=member_id,
                employer_id=employer_id,
                occasion=visit.occasion,
                visited_on=visited_on,
            )
        )
        return visit
