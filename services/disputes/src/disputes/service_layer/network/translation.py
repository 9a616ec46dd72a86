"""Network domain events → integration contracts."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from shared.contracts import disputes as contracts
from shared.contracts.registry import IntegrationEvent
from shared.seedwork import DomainEvent

from disputes.domain.network.warning import RiskReported


def _risk(e: RiskReported) -> IntegrationEvent:
    return contracts.RiskReported(
        org_id=e.org_id,
        occurred_on=e.reported_on,
        warning_id=e.warning_id,
        employer_id=e.employer_id,
        risk=e.risk,
        workers_at_risk=e.workers_at_risk,
    )


TRANSLATORS: dict[type[DomainEvent], Callable[[Any], IntegrationEvent]] = {RiskReported: _risk}
