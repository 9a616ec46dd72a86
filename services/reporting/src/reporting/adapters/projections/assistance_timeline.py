"""Assistance events about a member → ``member_timeline``, beside the membership events.

An event joins the member's timeline when it names the member (``member_id``, or a filing's
``head_member_id``) or can be traced to one: through its household's head, or, for a
rejection, through its application. Rows are written into the same table as membership's
entries, with the ASSISTANCE stream and sequence; the API shows them only to the roles
entitled to hardship data.
"""

from __future__ import annotations

from typing import Any, TypeAlias
from uuid import UUID

import asyncpg
from shared.contracts import assistance as contracts
from shared.contracts.envelope import CloudEvent

from reporting.adapters.projections.assistance_flows import member_of_application
from reporting.adapters.projections.assistance_households import head_of
from reporting.config import ASSISTANCE_CONSUMER

Conn: TypeAlias = "asyncpg.Connection[Any]"

_SEQUENCE_SQL = "SELECT stream_seq FROM inbox WHERE consumer = $1 AND event_id = $2"
_INSERT_SQL = (
    "INSERT INTO member_timeline (member_id, occurred_on, recorded_at, event_type, event_id,"
    " stream, seq, org_id, summary) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
    " ON CONFLICT (event_id) DO NOTHING"
)


async def record(conn: Conn, envelope: CloudEvent, event: contracts.AssistanceEvent) -> None:
    """Add the event to its member's timeline, if it can be traced to a member.

    Runs in the consumer's batch transaction after the event's inbox row was claimed, which
    gives its stream sequence (``None`` outside a consumer).
    """
    member_id = await _member_of(conn, event)
    if member_id is None:
        return
    event_id = UUID(envelope.id)
    seq = await conn.fetchval(_SEQUENCE_SQL, ASSISTANCE_CONSUMER.durable, event_id)
    await conn.execute(
        _INSERT_SQL, member_id, event.occurred_on, envelope.time, envelope.type, event_id,
        ASSISTANCE_CONSUMER.stream, seq, event.org_id, envelope.data,
    )  # fmt: skip


async def _member_of(conn: Conn, event: contracts.AssistanceEvent) -> UUID | None:
    named: UUID | None = getattr(event, "member_id", None) or getattr(event, "head_member_id", None)
    if named is not None:
        return named
    household: UUID | None = getattr(event, "household_id", None)
    if household is not None:
        return await head_of(conn, household)
    if isinstance(event, contracts.ApplicationRejected):
        return await member_of_application(conn, event.application_id)
    return None
