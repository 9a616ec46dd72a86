"""法律援助: legal aid granted on a case or to a worker, for a stage, and how it ended."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from uuid import UUID

from shared.seedwork import (
    Aggregate,
    DomainEvent,
    InvalidTransition,
    InvalidValue,
    RecordedEvent,
    clean_text,
    ensure_fen,
)

from disputes.domain.dating import Dating


class AidStage(StrEnum):
    ARBITRATION = "arbitration"  # 仲裁
    FIRST_INSTANCE = "first_instance"  # 一审
    SECOND_INSTANCE = "second_instance"  # 二审


class AidOutcome(StrEnum):
    WON = "won"  # 胜诉/支持
    PARTLY_WON = "partly_won"  # 部分支持
    LOST = "lost"  # 败诉/驳回
    SETTLED = "settled"  # 和解/调解
    WITHDRAWN = "withdrawn"  # 撤回


@dataclass(frozen=True)
class LegalAidGranted(DomainEvent):
    aid_id: UUID
    org_id: UUID
    case_id: UUID | None
    member_id: UUID | None
    stage: AidStage
    granted_on: date


@dataclass(frozen=True)
class LegalAidConcluded(DomainEvent):
    aid_id: UUID
    org_id: UUID
    outcome: AidOutcome
    amount_fen: int
    concluded_on: date


@dataclass(eq=False)
class LegalAid(Aggregate):
    id: UUID
    org_id: UUID
    case_id: UUID | None
    member_id: UUID | None
    worker_cipher: bytes | None = field(repr=False)
    provider: str
    stage: AidStage
    granted_on: date
    outcome: AidOutcome | None = None
    amount_fen: int = 0
    concluded_on: date | None = None
    version: int = 0
    events: list[RecordedEvent] = field(default_factory=list)

    @classmethod
    def grant(cls, *, dating: Dating, **state: object) -> LegalAid:
        """援助: a provider (律师事务所, 法律援助中心) takes up a worker's proceedings."""
        aid = cls(**state)  # type: ignore[arg-type]
        if aid.case_id is None and aid.member_id is None and aid.worker_cipher is None:
            raise InvalidValue("须指明援助的案件或职工", field="case_id")
        aid.provider = clean_text(aid.provider, field="provider", label="援助机构", max_length=200)
        dating.check(aid.granted_on, field="granted_on", label="援助日期")
        aid._record(
            LegalAidGranted(
                aid.id, aid.org_id, aid.case_id, aid.member_id, aid.stage, aid.granted_on
            )
        )
        return aid

    def conclude(self, outcome: AidOutcome, amount_fen: int, on: date, today: date) -> None:
        """援助结案: the outcome and the amount obtained for the worker."""
        if self.outcome is not None:
            raise InvalidTransition("该法律援助已结案", field="status")
        ensure_fen(amount_fen, field="amount_fen", label="获得金额")
        if on < self.granted_on or on > today:
            raise InvalidValue("结案日期须在援助之后、今天之前", field="concluded_on")
        self.outcome, self.amount_fen, self.concluded_on = outcome, amount_fen, on
        self._record(LegalAidConcluded(self.id, self.org_id, outcome, amount_fen, on))
