"""求职登记 and 招聘信息: a registered job seeker, an employer's posting."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from uuid import UUID

from shared.seedwork import Aggregate, DomainEvent, InvalidTransition, InvalidValue, RecordedEvent

from training.domain.classes.enrolment import PersonRef
from training.domain.codes import SeekerStatus

MAX_POSITIONS = 100_000


@dataclass(frozen=True)
class SeekerRegistered(DomainEvent):
    seeker_id: UUID
    org_id: UUID
    person: PersonRef
    status: SeekerStatus
    on: date


@dataclass(eq=False)
class Seeker(Aggregate):
    """A job seeker (求职者), registered with a union; placed once employed."""

    id: UUID
    org_id: UUID
    person_id: UUID
    member_id: UUID | None
    status: SeekerStatus
    wanted_occupation: str
    registered_on: date
    placed: bool = False
    version: int = 0
    events: list[RecordedEvent] = field(default_factory=list)

    @property
    def person(self) -> PersonRef:
        return PersonRef(self.person_id, self.member_id)

    @classmethod
    def register(cls, **fields: object) -> Seeker:
        """求职登记."""
        made = cls(**fields)  # type: ignore[arg-type]
        made._record(
            SeekerRegistered(made.id, made.org_id, made.person, made.status, made.registered_on)
        )
        return made

    @property
    def reemployment(self) -> bool:
        """再就业: a laid-off seeker finding work again."""
        return self.status == SeekerStatus.LAID_OFF

    def mark_placed(self) -> None:
        """实现就业: the seeker found work (a later placement is refused)."""
        if self.placed:
            raise InvalidTransition("该求职者已登记就业", field="seeker_id")
        self.placed = True
        self._touch()


@dataclass(frozen=True)
class PostingPublished(DomainEvent):
    posting_id: UUID
    org_id: UUID
    employer_id: UUID | None
    positions: int
    on: date


@dataclass(eq=False)
class Posting(Aggregate):
    """招聘信息: an employer's vacancy with its number of positions."""

    id: UUID
    org_id: UUID
    employer_id: UUID | None
    employer_name: str
    title: str
    occupation: str
    positions: int
    published_on: date
    version: int = 0
    events: list[RecordedEvent] = field(default_factory=list)

    @classmethod
    def publish(cls, **fields: object) -> Posting:
        """发布招聘信息.

        Raises:
            InvalidValue: no positions, or more than the bound.
        """
        made = cls(**fields)  # type: ignore[arg-type]
        if not 1 <= made.positions <= MAX_POSITIONS:
            raise InvalidValue(f"岗位数须在1到{MAX_POSITIONS}之间", field="positions")
        made._record(
            PostingPublished(
                made.id, made.org_id, made.employer_id, made.positions, made.published_on
            )
        )
        return made
