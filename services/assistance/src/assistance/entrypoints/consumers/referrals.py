"""The ``assistance-disputes`` and ``assistance-training`` consumers' handlers.

The end of a member's wage-arrears or work-injury dispute flags the files the member heads for
review, or suggests opening one; a placement flags the files the placed person is on (as head
or family member, found by member id or person link). Each
runs inside the consumer runner's batch transaction, which also holds the inbox row: the file
changes, their ``assistance.household.flagged`` outbox rows and the suggestions commit with
the record that the event was applied, or not at all (a redelivery is skipped by the inbox).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeAlias

import asyncpg
from shared.adapters import Connection
from shared.bus import Handler
from shared.bus.decoding import decode_or_poison
from shared.contracts import disputes, training
from shared.contracts.envelope import CloudEvent

from assistance.domain.referrals.suggestion import CaseEnding
from assistance.service_layer.ports import AbstractUnitOfWork
from assistance.service_layer.referrals import rules

UnitFactory: TypeAlias = Callable[[Connection], AbstractUnitOfWork]

ENDINGS: dict[type[disputes.CaseOutcomeEvent], CaseEnding] = {
    disputes.CaseSettled: CaseEnding.SETTLED,
    disputes.CaseFailed: CaseEnding.FAILED,
    disputes.ArbitrationDecided: CaseEnding.ARBITRATION_DECIDED,
}
"""The dispute outcomes assistance reacts to; other disputes events are ignored."""


def _unit(make_unit: UnitFactory, conn: Connection, envelope: CloudEvent) -> AbstractUnitOfWork:
    unit = make_unit(conn)
    unit.correlation_id = envelope.correlationid
    unit.causation_id = envelope.id
    return unit


def dispute_event_handler(make_unit: UnitFactory) -> Handler:
    """The disputes consumer's handler, building a unit of work on the batch's connection."""

    async def handle(conn: asyncpg.Connection[Any], envelope: CloudEvent) -> None:
        event = decode_or_poison(envelope)
        if not isinstance(event, disputes.CaseOutcomeEvent) or type(event) not in ENDINGS:
            return
        ending = ENDINGS[type(event)]
        ended = rules.DisputeEnded(
            case_id=event.case_id,
            category=event.category,
            ending=ending,
            org_id=event.org_id,
            employer_id=event.employer_id,
            member_ids=tuple(event.applicant_member_ids),
            on=event.occurred_on,
        )
        await rules.dispute_ended(_unit(make_unit, conn, envelope), ended)

    return handle


def training_event_handler(make_unit: UnitFactory) -> Handler:
    """The training consumer's handler: a placement flags the files the person is on."""

    async def handle(conn: asyncpg.Connection[Any], envelope: CloudEvent) -> None:
        event = decode_or_poison(envelope)
        if not isinstance(event, training.Placed):
            return
        placed = rules.PlacedPerson(member_id=event.member_id, person_link=event.person_link)
        await rules.person_placed(_unit(make_unit, conn, envelope), placed, event.occurred_on)

    return handle
