"""预警: a risk an enterprise's early-warning reporter saw (arrears, layoffs, closure …)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from uuid import UUID

from shared.seedwork import Aggregate, DomainEvent, RecordedEvent

from disputes.domain.dating import Dating
from disputes.domain.network.codes import RiskKind


@dataclass(frozen=True)
class RiskReported(DomainEvent):
    warning_id: UUID
    org_id: UUID
    employer_id: UUID | None
    risk: RiskKind
    workers_at_risk: int
    reported_on: date


@dataclass(eq=False)
class RiskWarning(Aggregate):
    id: UUID
    reporter_id: UUID
    org_id: UUID
    employer_id: UUID | None
    risk: RiskKind
    workers_at_risk: int
    reported_on: date
    note_cipher: bytes | None = field(repr=False)
    version: int = 0
    events: list[RecordedEvent] = field(default_factory=list)

    @classmethod
    def report(cls, *, dating: Dating, **state: object) -> RiskWarning:
        """A reporter's warning, dated no later than today nor before the history limit."""
        warning = cls(**state)  # type: ignore[arg-type]
        dating.check(warning.reported_on, field="reported_on", label="预警日期")
        warning._record(
            RiskReported(
                warning.id,
                warning.org_id,
                warning.employer_id,
                warning.risk,
                warning.workers_at_risk,
                warning.reported_on,
            )
        )
        return warning
