"""Competition domain events → integration contracts."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from shared.contracts import training as contracts
from shared.contracts.registry import IntegrationEvent
from shared.seedwork import DomainEvent

from training.domain.competitions.competition import Entered, Ranked


def _entered(e: Entered) -> IntegrationEvent:
    return contracts.CompetitionEntered(
        org_id=e.org_id, occurred_on=e.on, person_id=e.person.person_id,
        member_id=e.person.member_id, competition_id=e.competition_id, entry_id=e.entry_id,
    )  # fmt: skip


def _ranked(e: Ranked) -> IntegrationEvent:
    return contracts.CompetitionPlaced(
        org_id=e.org_id, occurred_on=e.on, person_id=e.person.person_id,
        member_id=e.person.member_id, competition_id=e.competition_id, entry_id=e.entry_id,
        rank=e.rank,
    )  # fmt: skip


TRANSLATORS: dict[type[DomainEvent], Callable[[Any], IntegrationEvent]] = {
    Entered: _entered,
    Ranked: _ranked,
}
