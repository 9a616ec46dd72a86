"""Commands of skills competitions."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from uuid import UUID, uuid4

from training.service_layer.commands import Command
from training.service_layer.people import PersonDetails


@dataclass(frozen=True, kw_only=True)
class AnnounceCompetition(Command):
    """举办技能竞赛 with its trades and their items."""

    org_id: UUID
    title: str
    held_on: date
    trades: tuple[tuple[str, tuple[str, ...]], ...]
    competition_id: UUID = field(default_factory=uuid4)


@dataclass(frozen=True, kw_only=True)
class EnterCompetition(Command):
    """报名参赛 in one trade."""

    competition_id: UUID
    trade: str
    person: PersonDetails
    entry_id: UUID = field(default_factory=uuid4)


@dataclass(frozen=True, kw_only=True)
class RecordResult(Command):
    """成绩与名次."""

    entry_id: UUID
    score: float
    rank: int
