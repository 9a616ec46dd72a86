"""Training events about attendance, job fairs, postings, seekers and placements → rows.

Attendance, a fair's figures and a placement's follow-up are snapshots: a newer event for the
same session, fair or follow-up replaces the figures. Newer means a higher aggregate version
(then a later envelope time, then the event id, so any two snapshots compare one way): the
upsert keeps whichever is newest whatever order they arrive in. Postings, seekers and
placements are keyed by the publisher's id, as the course rows are.
"""

from __future__ import annotations

from typing import Any, TypeAlias
from uuid import UUID

import asyncpg
from shared.contracts import training as contracts
from shared.contracts.envelope import CloudEvent

from reporting.adapters.projections.assistance_flows import inserted

Conn: TypeAlias = "asyncpg.Connection[Any]"


def _newer(table: str) -> str:
    """The upsert's condition: the arriving snapshot is newer than the stored one."""
    return (
        f" WHERE ({table}.version, {table}.recorded_at, {table}.event_id)"
        " < (EXCLUDED.version, EXCLUDED.recorded_at, EXCLUDED.event_id)"
    )


_ATTENDANCE_SQL = (
    "INSERT INTO training_attendance (class_id, session_no, org_id, taken_on, present, late,"
    " excused, absent, version, recorded_at, event_id)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"
    " ON CONFLICT (class_id, session_no) DO UPDATE SET org_id = EXCLUDED.org_id,"
    " taken_on = EXCLUDED.taken_on, present = EXCLUDED.present, late = EXCLUDED.late,"
    " excused = EXCLUDED.excused, absent = EXCLUDED.absent, version = EXCLUDED.version,"
    " recorded_at = EXCLUDED.recorded_at, event_id = EXCLUDED.event_id"
) + _newer("training_attendance")

_FAIR_SQL = (
    "INSERT INTO job_fairs (fair_id, org_id, held_on, employers, positions, registered_seekers,"
    " walk_in_seekers, version, recorded_at, event_id)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
    " ON CONFLICT (fair_id) DO UPDATE SET org_id = EXCLUDED.org_id, held_on = EXCLUDED.held_on,"
    " employers = EXCLUDED.employers, positions = EXCLUDED.positions,"
    " registered_seekers = EXCLUDED.registered_seekers,"
    " walk_in_seekers = EXCLUDED.walk_in_seekers, version = EXCLUDED.version,"
    " recorded_at = EXCLUDED.recorded_at, event_id = EXCLUDED.event_id"
) + _newer("job_fairs")

_FOLLOW_UP_SQL = (
    "INSERT INTO placement_follow_ups (placement_id, months, org_id, followed_on,"
    " still_employed, version, recorded_at, event_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
    " ON CONFLICT (placement_id, months) DO UPDATE SET org_id = EXCLUDED.org_id,"
    " followed_on = EXCLUDED.followed_on, still_employed = EXCLUDED.still_employed,"
    " version = EXCLUDED.version, recorded_at = EXCLUDED.recorded_at,"
    " event_id = EXCLUDED.event_id"
) + _newer("placement_follow_ups")


async def attendance_taken(
    conn: Conn, event: contracts.AttendanceTaken, envelope: CloudEvent, version: int
) -> bool:
    """The session's attendance, unless a newer one for the session is stored already."""
    status = await conn.execute(
        _ATTENDANCE_SQL, event.class_id, event.session_no, event.org_id, event.occurred_on,
        event.present, event.late, event.excused, event.absent, version, envelope.time,
        UUID(envelope.id),
    )  # fmt: skip
    return inserted(status)


async def fair_held(
    conn: Conn, event: contracts.FairHeld, envelope: CloudEvent, version: int
) -> bool:
    """The fair's figures (招聘会), unless newer ones for the fair are stored already."""
    status = await conn.execute(
        _FAIR_SQL, event.fair_id, event.org_id, event.occurred_on, event.employers_attending,
        event.positions_offered, event.registered_seekers, event.walk_in_seekers, version,
        envelope.time, UUID(envelope.id),
    )  # fmt: skip
    return inserted(status)


async def followed_up(
    conn: Conn, event: contracts.PlacementFollowedUp, envelope: CloudEvent, version: int
) -> bool:
    """The 3- or 6-month follow-up (跟踪回访), unless a newer one is stored already."""
    status = await conn.execute(
        _FOLLOW_UP_SQL, event.placement_id, event.months, event.org_id, event.occurred_on,
        event.still_employed, version, envelope.time, UUID(envelope.id),
    )  # fmt: skip
    return inserted(status)


async def posting_published(conn: Conn, event: contracts.PostingPublished, event_id: UUID) -> bool:
    """One 招聘信息 with its positions."""
    status = await conn.execute(
        "INSERT INTO job_postings (posting_id, org_id, published_on, employer_id, positions)"
        " VALUES ($1, $2, $3, $4, $5) ON CONFLICT (posting_id) DO NOTHING",
        event.posting_id, event.org_id, event.occurred_on, event.employer_id, event.positions,
    )  # fmt: skip
    return inserted(status)


async def seeker_registered(conn: Conn, event: contracts.SeekerRegistered, event_id: UUID) -> bool:
    """One 求职登记, by the seeker's status."""
    status = await conn.execute(
        "INSERT INTO job_seekers (seeker_id, org_id, registered_on, status, person_id, member_id)"
        " VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (seeker_id) DO NOTHING",
        event.seeker_id, event.org_id, event.occurred_on, event.status, event.person_id,
        event.member_id,
    )  # fmt: skip
    return inserted(status)


async def placed(conn: Conn, event: contracts.Placed, event_id: UUID) -> bool:
    """One 实现就业 (再就业 when the seeker was laid off or unemployed)."""
    status = await conn.execute(
        "INSERT INTO job_placements (placement_id, org_id, placed_on, seeker_id, channel,"
        " reemployment, person_id, member_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
        " ON CONFLICT (placement_id) DO NOTHING",
        event.placement_id, event.org_id, event.occurred_on, event.seeker_id, event.channel,
        event.reemployment, event.person_id, event.member_id,
    )  # fmt: skip
    return inserted(status)
