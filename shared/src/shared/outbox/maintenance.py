"""Operator tasks on a service's outbox: retention, re-publishing and backlog.

Each function works on the ``outbox`` of the connection's schema (its search path).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from shared.metrics import OUTBOX_BACKLOG, OUTBOX_OLDEST_AGE
from shared.outbox.writer import OUTBOX_CHANNEL, Connection


async def purge_published(conn: Connection, older_than: timedelta) -> int:
    """Delete rows published more than ``older_than`` ago; unpublished rows are never deleted.

    Args:
        conn: a connection with the service schema on its search path.
        older_than: the retention period (``outbox_retention_days`` in the settings).

    Returns:
        The number of rows deleted.
    """
    status = await conn.execute(
        "DELETE FROM outbox WHERE published_at < clock_timestamp() - $1::interval", older_than
    )
    return _row_count(status)


async def republish(
    conn: Connection,
    *,
    since_position: int | None = None,
    event_ids: Sequence[str] | None = None,
) -> int:
    """Mark published rows unpublished again so the relay sends them once more.

    Inside JetStream's duplicate window the stream drops the copies (``Nats-Msg-Id``); beyond
    it each consumer's inbox skips events it already applied. Use it after a stream was lost
    or purged, or to feed a new consumer from the outbox.

    Args:
        conn: a connection with the service schema on its search path.
        since_position: re-publish rows at or after this outbox position.
        event_ids: re-publish only these events (combined with ``since_position`` if both).

    Returns:
        The number of rows reset.

    Raises:
        ValueError: neither ``since_position`` nor ``event_ids`` was given.
    """
    if since_position is None and event_ids is None:
        raise ValueError("republish needs since_position or event_ids")
    async with conn.transaction():
        status = await conn.execute(
            "UPDATE outbox SET published_at = NULL"
            " WHERE published_at IS NOT NULL"
            " AND ($1::bigint IS NULL OR position >= $1)"
            " AND ($2::uuid[] IS NULL OR event_id = ANY($2))",
            since_position,
            list(event_ids) if event_ids is not None else None,
        )
        await conn.execute("SELECT pg_notify($1, current_schema())", OUTBOX_CHANNEL)
    return _row_count(status)


async def outbox_backlog(conn: Connection) -> int:
    """Count unpublished rows and publish the figure as ``unionhub_outbox_backlog``.

    The age of the oldest of them goes to ``unionhub_outbox_oldest_age_seconds`` (0 when none
    waits), which the alerts read beside the count.

    Args:
        conn: a connection with the service schema on its search path.

    Returns:
        The number of rows waiting for the relay.
    """
    row = await conn.fetchrow(
        "SELECT current_schema() AS schema, count(*) AS backlog,"
        " coalesce(extract(epoch FROM clock_timestamp() - min(created_at)), 0)::float8 AS age"
        " FROM outbox WHERE published_at IS NULL"
    )
    assert row is not None
    backlog = int(row["backlog"])
    OUTBOX_BACKLOG.labels(schema=row["schema"]).set(backlog)
    OUTBOX_OLDEST_AGE.labels(schema=row["schema"]).set(float(row["age"]))
    return backlog


def _row_count(status: str) -> int:
    # asyncpg returns the command tag, e.g. "DELETE 12" or "UPDATE 3".
    return int(status.rsplit(" ", 1)[-1])
