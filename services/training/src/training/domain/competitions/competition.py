"""技能竞赛: a competition with its trades (工种) and items (项目); entrants and their ranks."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from uuid import UUID

from shared.seedwork import Aggregate, DomainEvent, InvalidTransition, InvalidValue, RecordedEvent

from training.domain.classes.enrolment import PersonRef


@dataclass(frozen=True)
class Trade:
    """A trade of the competition and the items it is judged on."""

    name: str
    items: tuple[str, ...]


@dataclass(eq=False)
class Competition(Aggregate):
    """A competition; it publishes nothing itself, its entries do."""

    id: UUID
    org_id: UUID
    title: str
    held_on: date
    trades: tuple[Trade, ...]
    version: int = 0
    events: list[RecordedEvent] = field(default_factory=list)

    @classmethod
    def announce(
        cls,
        competition_id: UUID,
        org_id: UUID,
        title: str,
        held_on: date,
        trades: tuple[Trade, ...],
    ) -> Competition:
        """举办竞赛.

        Raises:
            InvalidValue: no trade, or a trade named twice.
        """
        names = [trade.name for trade in trades]
        if not names:
            raise InvalidValue("须至少设置一个工种", field="trades")
        if len(set(names)) != len(names):
            raise InvalidValue("工种名称重复", field="trades")
        made = cls(competition_id, org_id, title, held_on, trades)
        made._touch()
        return made

    def ensure_trade(self, trade: str) -> None:
        """Raises InvalidValue for a trade the competition does not hold."""
        if trade not in {t.name for t in self.trades}:
            raise InvalidValue("竞赛没有该工种", field="trade")


@dataclass(frozen=True)
class Entered(DomainEvent):
    entry_id: UUID
    competition_id: UUID
    org_id: UUID
    person: PersonRef
    on: date


@dataclass(frozen=True)
class Ranked(DomainEvent):
    entry_id: UUID
    competition_id: UUID
    org_id: UUID
    person: PersonRef
    rank: int
    on: date


@dataclass(eq=False)
class Entry(Aggregate):
    """An entrant in one trade of a competition, with a score and a rank once judged."""

    id: UUID
    competition_id: UUID
    org_id: UUID
    trade: str
    person_id: UUID
    member_id: UUID | None
    entered_on: date
    score: float | None = None
    rank: int | None = None
    version: int = 0
    events: list[RecordedEvent] = field(default_factory=list)

    @classmethod
    def enter(cls, entry_id: UUID, competition: Competition, trade: str, person: PersonRef,
              on: date) -> Entry:  # fmt: skip
        """报名参赛."""
        competition.ensure_trade(trade)
        made = cls(entry_id, competition.id, competition.org_id, trade, person.person_id,
                   person.member_id, on)  # fmt: skip
        made._record(Entered(entry_id, competition.id, competition.org_id, person, on))
        return made

    def place(self, score: float, rank: int, on: date) -> None:
        """成绩与名次 (a later result replaces an earlier one).

        Raises:
            InvalidValue: a rank below 1 or a negative score.
        """
        if rank < 1:
            raise InvalidValue("名次须从1开始", field="rank")
        if score < 0:
            raise InvalidValue("成绩不能为负", field="score")
        if self.rank == rank and self.score == score:
            raise InvalidTransition("成绩未变", field="rank")
        self.score, self.rank = score, rank
        person = PersonRef(self.person_id, self.member_id)
        self._record(Ranked(self.id, self.competition_id, self.org_id, person, rank, on))
