"""The ``assistance-membership`` consumer's handler: replica update and file rules, one transaction.

Runs inside the consumer runner's batch transaction, which also holds the inbox row: the
replica rows, the files the rules change and the events those publish (outbox) commit together
with the record that the membership event was applied, or not at all.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeAlias

import asyncpg
from shared.adapters import Connection
from shared.bus import Handler
from shared.bus.decoding import decode_or_poison
from shared.contracts import membership as contracts
from shared.contracts.envelope import CloudEvent
from shared.contracts.registry import IntegrationEvent

from assistance.adapters import replica_projection as replica
from assistance.domain.households.codes import ReviewFlag
from assistance.domain.replica import MemberStatus
from assistance.service_layer.households import membership_rules as rules
from assistance.service_layer.ports import AbstractUnitOfWork

UnitFactory: TypeAlias = Callable[[Connection], AbstractUnitOfWork]
Unit: TypeAlias = Callable[[], AbstractUnitOfWork]
Applier: TypeAlias = Callable[[Connection, Any, int, Unit], Awaitable[None]]


async def _founded(conn: Connection, e: contracts.UnionFounded, v: int, _: Unit) -> None:
    await replica.union_founded(conn, e, v)


async def _renamed(conn: Connection, e: contracts.UnionRenamed, v: int, _: Unit) -> None:
    await replica.union_renamed(conn, e, v)


async def _moved(conn: Connection, e: contracts.UnionMoved, v: int, _: Unit) -> None:
    await replica.union_moved(conn, e, v)


async def _dissolved(conn: Connection, e: contracts.UnionDissolved, v: int, _: Unit) -> None:
    await replica.union_dissolved(conn, e, v)


async def _admitted(conn: Connection, e: contracts.MemberAdmitted, v: int, _: Unit) -> None:
    await replica.member_joined(conn, e, v)


async def _transferred(
    conn: Connection, e: contracts.MemberTransferred, v: int, unit: Unit
) -> None:
    if await replica.member_transferred(conn, e, v):
        await rules.head_transferred(
            unit(), e.member_id, e.to_union_id, e.employer_id, e.occurred_on
        )


async def _retained(conn: Connection, e: contracts.MemberRetained, v: int, unit: Unit) -> None:
    if await replica.member_status(
        conn, e.member_id, e.org_id, MemberStatus.RETAINED, e.occurred_on, v
    ):
        await rules.head_flagged(unit(), e.member_id, ReviewFlag.HEAD_RETAINED, e.occurred_on)


async def _reinstated(conn: Connection, e: contracts.MemberReinstated, v: int, _: Unit) -> None:
    await replica.member_status(conn, e.member_id, e.org_id, MemberStatus.ACTIVE, e.occurred_on, v)


async def _left(conn: Connection, e: contracts.MemberLeft, v: int, unit: Unit) -> None:
    if await replica.member_status(
        conn, e.member_id, e.org_id, MemberStatus.LEFT, e.occurred_on, v
    ):
        await rules.head_flagged(unit(), e.member_id, ReviewFlag.HEAD_LEFT_UNION, e.occurred_on)


APPLIERS: dict[type[IntegrationEvent], Applier] = {
    contracts.UnionFounded: _founded,
    contracts.UnionRenamed: _renamed,
    contracts.UnionMoved: _moved,
    contracts.UnionDissolved: _dissolved,
    contracts.MemberAdmitted: _admitted,
    contracts.MemberTransferred: _transferred,
    contracts.MemberRetained: _retained,
    contracts.MemberReinstated: _reinstated,
    contracts.MemberLeft: _left,
}
"""The membership contracts assistance needs; the others (employers, contracts) are ignored."""


def membership_event_handler(make_unit: UnitFactory) -> Handler:
    """The consumer handler, building units of work on the batch's connection."""

    async def handle(conn: asyncpg.Connection[Any], envelope: CloudEvent) -> None:
        event = decode_or_poison(envelope)
        apply = APPLIERS.get(type(event))
        if apply is None:
            return

        def unit() -> AbstractUnitOfWork:
            made = make_unit(conn)
            made.correlation_id = envelope.correlationid
            made.causation_id = envelope.id
            return made

        await apply(conn, event, envelope.aggregateversion, unit)

    return handle
