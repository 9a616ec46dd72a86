"""The ``assistance-payments`` consumer's handler: an approved application gets its payment
order, exactly once.

It runs in the consumer runner's batch transaction, which also holds the inbox row: a
redelivered approval is a duplicate in the inbox and skips the handler; should it get here
anyway (a republished copy has a new event id), the payment's id is derived from the
application and the row is unique on it, so the handler finds the order and creates nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeAlias

import asyncpg
from shared.adapters import Connection
from shared.bus import Handler, PoisonMessage
from shared.bus.decoding import decode_or_poison
from shared.contracts import assistance as contracts
from shared.contracts.envelope import CloudEvent
from shared.seedwork import NotFound, RuleViolation

from assistance.service_layer.aid.commands import CreatePaymentOrder
from assistance.service_layer.handlers import handle
from assistance.service_layer.ports import AbstractUnitOfWork

UnitFactory: TypeAlias = Callable[[Connection], AbstractUnitOfWork]


def payment_event_handler(make_unit: UnitFactory) -> Handler:
    """The consumer handler, building a unit of work on the batch's connection."""

    async def apply(conn: asyncpg.Connection[Any], envelope: CloudEvent) -> None:
        event = decode_or_poison(envelope)
        if not isinstance(event, contracts.ApplicationApproved):
            return
        unit = make_unit(conn)
        unit.correlation_id = envelope.correlationid
        unit.causation_id = envelope.id
        try:
            await handle(
                CreatePaymentOrder(scope_root=None, application_id=event.application_id), unit
            )
        except (NotFound, RuleViolation) as error:  # no such application, or not approved
            raise PoisonMessage(f"付款单无法生成: {error.message}") from error

    return apply
