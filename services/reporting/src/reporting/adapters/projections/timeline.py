"""Events about one member → ``member_timeline``: the member's whole story, across services.

An event joins the timeline when its type is listed in ``TIMELINE_SOURCES``, which names the
data field holding the member's pseudonymous id. Membership events are listed now; another
service's events join by adding their types here and calling :func:`record` from that
service's consumer handler with its own consumer spec. The row keeps the event's data as
published (contracts carry no PII) and the event id is unique, so a redelivery adds nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from uuid import UUID

from shared.bus import ConsumerSpec
from shared.contracts.envelope import CloudEvent
from shared.outbox.writer import Connection as Conn

from reporting.adapters.projections.columns import columns
from reporting.config import MEMBERSHIP_CONSUMER


@dataclass(frozen=True)
class TimelineSource:
    """Where an event type's data names the member, its organisation and its business date."""

    member_field: str = "member_id"
    org_field: str = "org_id"
    date_field: str = "occurred_on"


TIMELINE_SOURCES: dict[str, TimelineSource] = {
    "membership.member.admitted": TimelineSource(),
    "membership.member.transferred": TimelineSource(),
    "membership.member.retained": TimelineSource(),
    "membership.member.reinstated": TimelineSource(),
    "membership.member.left": TimelineSource(),
}


_SEQUENCE_SQL = "SELECT stream_seq FROM inbox WHERE consumer = $1 AND event_id = $2"
_INSERT_SQL = (
    "INSERT INTO member_timeline (member_id, occurred_on, recorded_at, event_type, event_id,"
    " stream, seq, org_id, summary) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
    " ON CONFLICT (event_id) DO NOTHING"
)
# The sequence is looked up row by row through the inbox's key: a join would let the planner
# hash the whole inbox, which grows with every event ever applied, once per batch.
_INSERT_ALL_SQL = """
INSERT INTO member_timeline (member_id, occurred_on, recorded_at, event_type, event_id, stream,
    seq, org_id, summary)
SELECT e.member_id, e.occurred_on, e.recorded_at, e.event_type, e.event_id, $2,
    (SELECT i.stream_seq FROM inbox i WHERE i.consumer = $1 AND i.event_id = e.event_id),
    e.org_id, e.summary
FROM unnest($3::uuid[], $4::date[], $5::timestamptz[], $6::text[], $7::uuid[], $8::uuid[],
    $9::jsonb[]) AS e(member_id, occurred_on, recorded_at, event_type, event_id, org_id, summary)
ON CONFLICT (event_id) DO NOTHING
"""


async def record(
    conn: Conn, envelope: CloudEvent, consumer: ConsumerSpec = MEMBERSHIP_CONSUMER
) -> None:
    """Add ``envelope`` to its member's timeline if its type is a timeline source.

    Runs inside the consumer's batch transaction, after the inbox row of the event was
    claimed: that row gives the event's stream sequence (``None`` outside a consumer).
    """
    source = TIMELINE_SOURCES.get(envelope.type)
    if source is None:
        return
    data = envelope.data
    event_id = UUID(envelope.id)
    seq = await conn.fetchval(_SEQUENCE_SQL, consumer.durable, event_id)
    await conn.execute(
        _INSERT_SQL,
        UUID(str(data[source.member_field])),
        date.fromisoformat(str(data[source.date_field])),
        envelope.time,
        envelope.type,
        event_id,
        consumer.stream,
        seq,
        UUID(str(data[source.org_field])),
        data,
    )


async def record_all(
    conn: Conn, envelopes: Sequence[CloudEvent], consumer: ConsumerSpec = MEMBERSHIP_CONSUMER
) -> None:
    """Add every timeline source among ``envelopes`` (in stream order) with one statement.

    The same rows as :func:`record` called for each in turn.
    """
    # Ids go as text (the driver parses them) and the data through the jsonb codec, as one by one.
    rows = [
        (
            str(envelope.data[source.member_field]),
            date.fromisoformat(str(envelope.data[source.date_field])),
            envelope.time,
            envelope.type,
            envelope.id,
            str(envelope.data[source.org_field]),
            envelope.data,
        )
        for envelope in envelopes
        if (source := TIMELINE_SOURCES.get(envelope.type)) is not None
    ]
    await insert_all(conn, rows, consumer)


async def insert_all(
    conn: Conn, rows: Sequence[tuple[object, ...]], consumer: ConsumerSpec
) -> None:
    """Add timeline rows ``(member_id, occurred_on, recorded_at, event_type, event_id, org_id,
    data)``, in order, of events ``consumer`` applied in this transaction, with one statement."""
    if rows:
        await conn.execute(_INSERT_ALL_SQL, consumer.durable, consumer.stream, *columns(rows))
