"""The consumer's inbox and tracking rows, written in the batch's transaction."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from shared.bus.delivery import Delivery
from shared.bus.streams import ConsumerSpec
from shared.outbox.writer import Connection

_CLAIM_SQL = (
    "INSERT INTO inbox (consumer, event_id, subject, stream_seq)"
    " SELECT $1, e.event_id, e.subject, e.stream_seq"
    " FROM unnest($2::uuid[], $3::text[], $4::bigint[]) AS e(event_id, subject, stream_seq)"
    " ON CONFLICT (consumer, event_id) DO NOTHING RETURNING event_id::text"
)
# The stream's creation time is kept once known: a later, different one is what tells a lost
# stream (see shared.bus.streamloss); only recovery replaces it.
_TRACK_SQL = (
    "INSERT INTO consumer_tracking (consumer, stream, last_seq, stream_created)"
    " VALUES ($1, $2, $3, $4)"
    " ON CONFLICT (consumer) DO UPDATE SET"
    " last_seq = GREATEST(consumer_tracking.last_seq, EXCLUDED.last_seq),"
    " stream_created = COALESCE(consumer_tracking.stream_created, EXCLUDED.stream_created),"
    " updated_at = clock_timestamp()"
)


async def claim(conn: Connection, consumer: str, deliveries: Sequence[Delivery]) -> set[str]:
    """Insert inbox rows for the decoded deliveries in one statement.

    Returns:
        The event keys not seen before by ``consumer``; the others are duplicates.
    """
    if not deliveries:
        return set()
    rows = await conn.fetch(
        _CLAIM_SQL,
        consumer,
        [delivery.event_key for delivery in deliveries],
        [delivery.msg.subject for delivery in deliveries],
        [delivery.stream_seq for delivery in deliveries],
    )
    return {row[0] for row in rows}


async def release(conn: Connection, consumer: str, event_keys: Sequence[str]) -> None:
    """Remove the inbox rows of events that were claimed but not applied, so they come again."""
    if event_keys:
        await conn.execute(
            "DELETE FROM inbox WHERE consumer = $1 AND event_id = ANY($2::uuid[])",
            consumer,
            list(event_keys),
        )


async def track(
    conn: Connection,
    spec: ConsumerSpec,
    deliveries: Sequence[Delivery],
    stream_created: datetime | None = None,
) -> None:
    """Record the highest stream sequence the consumer has applied (or found applied).

    ``stream_created`` is the creation time of the stream the deliveries came from, recorded
    when the row has none yet.
    """
    done = [delivery.stream_seq for delivery in deliveries if delivery.settled_ok]
    if done:
        await conn.execute(_TRACK_SQL, spec.durable, spec.stream, max(done), stream_created)
