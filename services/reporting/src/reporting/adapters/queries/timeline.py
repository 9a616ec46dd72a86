"""Reading a member's timeline: every recorded event about one member, in order.

The rows are written by the consumers (:mod:`reporting.adapters.projections.timeline` and
:mod:`reporting.adapters.projections.assistance_timeline`,
:mod:`reporting.adapters.projections.training_timeline`), one per event id; a member's dispute
steps are read from the cases' facts beside them (:mod:`dispute_timeline`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from uuid import UUID

from shared.outbox.writer import Connection as Conn

from reporting.adapters.queries.dispute_timeline import STEPS_SQL

ASSISTANCE_EVENT_PREFIX = "assistance."
"""Timeline entries whose type starts with this hold hardship data."""
TRAINING_EVENT_PREFIX = "training."
"""Timeline entries whose type starts with this hold training and employment data."""


@dataclass(frozen=True)
class TimelineEntry:
    """One event of a member's timeline, as stored."""

    event_id: UUID
    event_type: str
    occurred_on: date
    recorded_at: datetime
    org_id: UUID
    summary: dict[str, Any]


_READ_SQL = f"""
SELECT event_id, event_type, occurred_on, recorded_at, org_id, summary FROM (
    SELECT event_id, event_type, occurred_on, recorded_at, org_id, summary, stream, seq
    FROM member_timeline WHERE member_id = $1
  UNION ALL {STEPS_SQL}
) entries ORDER BY occurred_on, recorded_at, stream, seq, event_id
"""


async def member_timeline(conn: Conn, member_id: UUID) -> list[TimelineEntry]:
    """Every recorded event about ``member_id``, by business date, then as recorded."""
    rows = await conn.fetch(_READ_SQL, member_id)
    return [TimelineEntry(**dict(row)) for row in rows]
