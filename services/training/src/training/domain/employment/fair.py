"""招聘会: employers attending with their positions, seekers registered one by one and a head
count of those who came; the figures never count one person twice."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from uuid import UUID

from shared.seedwork import Aggregate, Conflict, DomainEvent, InvalidValue, RecordedEvent

MAX_COUNT = 1_000_000


@dataclass(frozen=True)
class FairFigures:
    """What a fair counts: registered seekers one by one, walk-ins only beyond them."""

    employers_attending: int
    positions_offered: int
    registered_seekers: int
    walk_in_seekers: int

    @property
    def seekers_attending(self) -> int:
        """求职人数: registered plus walk-ins, nobody twice."""
        return self.registered_seekers + self.walk_in_seekers


@dataclass(frozen=True)
class FairHeld(DomainEvent):
    fair_id: UUID
    org_id: UUID
    held_on: date
    figures: FairFigures


@dataclass(frozen=True)
class FairEmployer:
    """An employer at a fair (from the census when known) and the positions it offers."""

    employer_id: UUID | None
    employer_name: str
    positions: int


@dataclass(eq=False)
class Fair(Aggregate):
    """A job fair organised by a union.

    ``seekers_counted`` is the head count at the door, when one was taken: it includes the
    registered seekers who came, so walk-ins are what it counts beyond them (never negative).
    Registering a walk-in later moves them from the count to the registered, the total stays.
    """

    id: UUID
    org_id: UUID
    title: str
    venue: str
    held_on: date
    employers: list[FairEmployer] = field(default_factory=list)
    registered_seekers: int = 0
    seekers_counted: int = 0
    version: int = 0
    events: list[RecordedEvent] = field(default_factory=list)

    @classmethod
    def hold(cls, fair_id: UUID, org_id: UUID, title: str, venue: str, held_on: date) -> Fair:
        """举办招聘会."""
        made = cls(fair_id, org_id, title, venue, held_on)
        made._publish()
        return made

    @property
    def figures(self) -> FairFigures:
        walk_ins = max(0, self.seekers_counted - self.registered_seekers)
        return FairFigures(
            len(self.employers),
            sum(e.positions for e in self.employers),
            self.registered_seekers,
            walk_ins,
        )

    def add_employer(self, employer: FairEmployer) -> None:
        """参会单位: an employer and its positions (one entry per employer)."""
        if not 0 <= employer.positions <= MAX_COUNT:
            raise InvalidValue("岗位数超出范围", field="positions")
        known = {e.employer_id for e in self.employers if e.employer_id is not None}
        names = {e.employer_name for e in self.employers}
        if employer.employer_id in known or employer.employer_name in names:
            raise Conflict("该单位已登记参会", field="employer_id")
        self.employers.append(employer)
        self._publish()

    def register_seeker(self) -> None:
        """A registered seeker attended (the handler makes sure it is a new one)."""
        self.registered_seekers += 1
        self._publish()

    def count_seekers(self, counted: int) -> None:
        """到场人数: the head count at the door, registered seekers included."""
        if not 0 <= counted <= MAX_COUNT:
            raise InvalidValue("人数超出范围", field="seekers_counted")
        self.seekers_counted = counted
        self._publish()

    def _publish(self) -> None:
        self._record(FairHeld(self.id, self.org_id, self.held_on, self.figures))
