"""Employment domain events → integration contracts."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from shared.contracts import training as contracts
from shared.contracts.registry import IntegrationEvent
from shared.seedwork import DomainEvent

from training.domain.employment import fair, placement, seeker


def _registered(e: seeker.SeekerRegistered) -> IntegrationEvent:
    return contracts.SeekerRegistered(
        org_id=e.org_id, occurred_on=e.on, person_id=e.person.person_id,
        member_id=e.person.member_id, seeker_id=e.seeker_id, status=e.status,
    )  # fmt: skip


def _published(e: seeker.PostingPublished) -> IntegrationEvent:
    return contracts.PostingPublished(
        org_id=e.org_id, occurred_on=e.on, posting_id=e.posting_id, employer_id=e.employer_id,
        positions=e.positions,
    )  # fmt: skip


def _held(e: fair.FairHeld) -> IntegrationEvent:
    f = e.figures
    return contracts.FairHeld(
        org_id=e.org_id, occurred_on=e.held_on, fair_id=e.fair_id,
        employers_attending=f.employers_attending, positions_offered=f.positions_offered,
        registered_seekers=f.registered_seekers, walk_in_seekers=f.walk_in_seekers,
    )  # fmt: skip


def _placed(e: placement.Placed) -> IntegrationEvent:
    return contracts.Placed(
        org_id=e.org_id, occurred_on=e.on, person_id=e.person.person_id,
        member_id=e.person.member_id, placement_id=e.placement_id, seeker_id=e.seeker_id,
        employer_id=e.employer_id, channel=e.channel, fair_id=e.fair_id,
        posting_id=e.posting_id, reemployment=e.reemployment, person_link=e.person_link,
    )  # fmt: skip


def _followed(e: placement.FollowedUp) -> IntegrationEvent:
    return contracts.PlacementFollowedUp(
        org_id=e.org_id, occurred_on=e.on, person_id=e.person.person_id,
        member_id=e.person.member_id, placement_id=e.placement_id, months=e.months,
        still_employed=e.still_employed,
    )  # fmt: skip


TRANSLATORS: dict[type[DomainEvent], Callable[[Any], IntegrationEvent]] = {
    seeker.SeekerRegistered: _registered,
    seeker.PostingPublished: _published,
    fair.FairHeld: _held,
    placement.Placed: _placed,
    placement.FollowedUp: _followed,
}
"""Every employment domain event type and the contract it becomes."""
