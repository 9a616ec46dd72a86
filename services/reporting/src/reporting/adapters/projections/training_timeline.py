"""Training events naming a member → ``member_timeline``, beside the membership events.

A training event joins the timeline when it carries the person's ``member_id`` (the person is
a member): seats, waiting lists, withdrawals, completions, certificates, competition entries
and results, seeker registrations, placements and their follow-ups. A follow-up first
published as v1 names nobody (its upcast ``member_id`` is null): it counts in the figures
but joins no timeline, since guessing its person from the placement would make the entry
depend on which of the two arrived first. Rows are written into the same table as
membership's entries, with the TRAINING stream and sequence; the API shows them only to the
roles entitled to training data.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeAlias
from uuid import UUID

import asyncpg
from shared.contracts import training as contracts
from shared.contracts.envelope import CloudEvent

from reporting.adapters.projections.timeline import insert_all
from reporting.config import TRAINING_CONSUMER

Conn: TypeAlias = "asyncpg.Connection[Any]"

_SEQUENCE_SQL = "SELECT stream_seq FROM inbox WHERE consumer = $1 AND event_id = $2"
_INSERT_SQL = (
    "INSERT INTO member_timeline (member_id, occurred_on, recorded_at, event_type, event_id,"
    " stream, seq, org_id, summary) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
    " ON CONFLICT (event_id) DO NOTHING"
)


async def record(conn: Conn, envelope: CloudEvent, event: contracts.TrainingEvent) -> None:
    """Add the event to its member's timeline when it names a member.

    Runs in the consumer's batch transaction after the event's inbox row was claimed, which
    gives its stream sequence (``None`` outside a consumer).
    """
    member_id: UUID | None = getattr(event, "member_id", None)
    if member_id is None:
        return
    event_id = UUID(envelope.id)
    seq = await conn.fetchval(_SEQUENCE_SQL, TRAINING_CONSUMER.durable, event_id)
    await conn.execute(
        _INSERT_SQL, member_id, event.occurred_on, envelope.time, envelope.type, event_id,
        TRAINING_CONSUMER.stream, seq, event.org_id, envelope.data,
    )  # fmt: skip


async def record_all(
    conn: Conn, applied: Sequence[tuple[CloudEvent, contracts.PersonEvent]]
) -> None:
    """The rows :func:`record` adds for each of ``applied`` in turn, with one statement."""
    rows = [
        (e.member_id, e.occurred_on, envelope.time, envelope.type, UUID(envelope.id), e.org_id,
         envelope.data)
        for envelope, e in applied if e.member_id is not None
    ]  # fmt: skip
    await insert_all(conn, rows, TRAINING_CONSUMER)
