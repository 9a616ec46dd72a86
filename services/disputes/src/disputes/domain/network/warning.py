"""预警: a risk an enterprise's early-warning reporter saw (arrears, layoffs, closure …)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from uuid import UUID

from shared.seedwork import Aggregate, DomainEvent, InvalidValue, RecordedEvent

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
    def report(cls, *, today: date, **state: object) -> RiskWarning:
        """A reporter's warning, dated no later than today and no earlier than a year ago."""
        warning = cls(**state)  # type: ignore[arg-type]
        if warning.reported_on > today or warning.reported_on < today - timedelta(days=366):
            raise InvalidValue("预警日期须在一年内且不晚于今天", field="reported_on")
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
