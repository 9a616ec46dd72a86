"""The ``disputes-membership`` consumer's handler: the replica of the tree, employers, members.

Runs inside the consumer runner's batch transaction, which also holds the inbox row.
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

from disputes.adapters import replica_projection as replica

Applier: TypeAlias = Callable[[Connection, Any, int], Awaitable[bool]]


async def _retained(conn: Connection, e: contracts.MemberRetained, v: int) -> bool:
    return await replica.member_status(conn, e.member_id, e.org_id, "retained", e.occurred_on, v)


async def _reinstated(conn: Connection, e: contracts.MemberReinstated, v: int) -> bool:
    return await replica.member_status(conn, e.member_id, e.org_id, "active", e.occurred_on, v)


async def _left(conn: Connection, e: contracts.MemberLeft, v: int) -> bool:
    return await replica.member_status(conn, e.member_id, e.org_id, "left", e.occurred_on, v)


APPLIERS: dict[type[IntegrationEvent], Applier] = {
    contracts.UnionFounded: replica.union_founded,
    contracts.UnionRenamed: replica.union_renamed,
    contracts.UnionMoved: replica.union_moved,
    contracts.UnionDissolved: replica.union_dissolved,
    contracts.EmployerRegistered: replica.employer_registered,
    contracts.MemberAdmitted: replica.member_joined,
    contracts.MemberTransferred: replica.member_transferred,
    contracts.MemberRetained: _retained,
    contracts.MemberReinstated: _reinstated,
    contracts.MemberLeft: _left,
}
"""The membership contracts disputes needs; the others (census, contracts) are ignored."""


def membership_event_handler() -> Handler:
    """The consumer handler: each event applied to the replica on the batch's connection."""

    async def handle(conn: asyncpg.Connection[Any], envelope: CloudEvent) -> None:
        event = decode_or_poison(envelope)
        apply = APPLIERS.get(type(event))
        if apply is not None:
            await apply(conn, event, envelope.aggregateversion)

    return handle
