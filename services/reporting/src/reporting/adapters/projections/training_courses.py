"""Training events about classes, seats, completions, certificates and competitions → rows.

Each row is keyed by the publisher's id of the thing (``class_id``, ``enrolment_id``,
``certificate_id``, ``entry_id``), so whatever reaches the consumer twice is counted once, and
a withdrawal or a revocation arriving before the seat or certificate it ends is kept until
that comes: figures join them when a report is read. Each writer says whether it recorded
something new, so a re-publication adds no second timeline entry either.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeAlias
from uuid import UUID

import asyncpg
from shared.contracts import training as contracts

from reporting.adapters.projections.assistance_flows import inserted

Conn: TypeAlias = "asyncpg.Connection[Any]"


async def class_opened(conn: Conn, event: contracts.ClassOpened, event_id: UUID) -> bool:
    """One 培训期 of ``kind``, counted toward ``org_id`` on the day it opened."""
    status = await conn.execute(
        "INSERT INTO training_classes (class_id, org_id, opened_on, kind, capacity, starts_on,"
        " ends_on) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (class_id) DO NOTHING",
        event.class_id, event.org_id, event.occurred_on, event.kind, event.capacity,
        event.starts_on, event.ends_on,
    )  # fmt: skip
    return inserted(status)


async def class_cancelled(conn: Conn, event: contracts.ClassCancelled, event_id: UUID) -> bool:
    """A class cancelled: from that day it is no longer one of the period's classes."""
    status = await conn.execute(
        "INSERT INTO training_class_cancellations (class_id, org_id, cancelled_on)"
        " VALUES ($1, $2, $3) ON CONFLICT (class_id) DO NOTHING",
        event.class_id, event.org_id, event.occurred_on,
    )  # fmt: skip
    return inserted(status)


async def enrolled(conn: Conn, event: contracts.Enrolled, event_id: UUID) -> bool:
    """A seat taken (培训人次), from the form or the waiting list."""
    status = await conn.execute(
        "INSERT INTO training_enrolments (enrolment_id, class_id, org_id, enrolled_on,"
        " person_id, member_id) VALUES ($1, $2, $3, $4, $5, $6)"
        " ON CONFLICT (enrolment_id) DO NOTHING",
        event.enrolment_id, event.class_id, event.org_id, event.occurred_on, event.person_id,
        event.member_id,
    )  # fmt: skip
    return inserted(status)


async def enrolled_all(conn: Conn, events: Sequence[contracts.Enrolled]) -> set[UUID]:
    """The seats of ``events`` with one statement, as :func:`enrolled` one by one: the ids
    of the enrolments recorded now (of two copies of one enrolment, the first is kept)."""
    rows = await conn.fetch(
        "INSERT INTO training_enrolments (enrolment_id, class_id, org_id, enrolled_on,"
        " person_id, member_id) SELECT e, c, o, d, p, m FROM unnest($1::uuid[], $2::uuid[],"
        " $3::uuid[], $4::date[], $5::uuid[], $6::uuid[]) WITH ORDINALITY AS x(e, c, o, d, p, m, n)"
        " ORDER BY n ON CONFLICT (enrolment_id) DO NOTHING RETURNING enrolment_id",
        [e.enrolment_id for e in events], [e.class_id for e in events],
        [e.org_id for e in events], [e.occurred_on for e in events],
        [e.person_id for e in events], [e.member_id for e in events],
    )  # fmt: skip
    return {row["enrolment_id"] for row in rows}


async def waitlisted(conn: Conn, event: contracts.Waitlisted, event_id: UUID) -> bool:
    """A waiting-list place takes no seat: no figure, only the member's timeline."""
    return True


async def withdrawn(conn: Conn, event: contracts.EnrolmentWithdrawn, event_id: UUID) -> bool:
    """A seat (or a waiting-list place, which never counted) given up."""
    status = await conn.execute(
        "INSERT INTO training_withdrawals (enrolment_id, class_id, org_id, withdrawn_on, reason)"
        " VALUES ($1, $2, $3, $4, $5) ON CONFLICT (enrolment_id) DO NOTHING",
        event.enrolment_id, event.class_id, event.org_id, event.occurred_on, event.reason,
    )  # fmt: skip
    return inserted(status)


async def completed(conn: Conn, event: contracts.Completed, event_id: UUID) -> bool:
    """One 结业人次."""
    status = await conn.execute(
        "INSERT INTO training_completions (enrolment_id, class_id, org_id, completed_on,"
        " person_id, member_id) VALUES ($1, $2, $3, $4, $5, $6)"
        " ON CONFLICT (enrolment_id) DO NOTHING",
        event.enrolment_id, event.class_id, event.org_id, event.occurred_on, event.person_id,
        event.member_id,
    )  # fmt: skip
    return inserted(status)


async def certificate_issued(
    conn: Conn, event: contracts.CertificateIssued, event_id: UUID
) -> bool:
    """One 取证人次, unless revoked by the stock date."""
    status = await conn.execute(
        "INSERT INTO training_certificates (certificate_id, class_id, enrolment_id, org_id,"
        " issued_on, person_id, member_id) VALUES ($1, $2, $3, $4, $5, $6, $7)"
        " ON CONFLICT (certificate_id) DO NOTHING",
        event.certificate_id, event.class_id, event.enrolment_id, event.org_id,
        event.occurred_on, event.person_id, event.member_id,
    )  # fmt: skip
    return inserted(status)


async def certificate_revoked(
    conn: Conn, event: contracts.CertificateRevoked, event_id: UUID
) -> bool:
    """A certificate revoked: from that day it no longer counts."""
    status = await conn.execute(
        "INSERT INTO training_revocations (certificate_id, org_id, revoked_on, reason)"
        " VALUES ($1, $2, $3, $4) ON CONFLICT (certificate_id) DO NOTHING",
        event.certificate_id, event.org_id, event.occurred_on, event.reason,
    )  # fmt: skip
    return inserted(status)


async def competition_entered(
    conn: Conn, event: contracts.CompetitionEntered, event_id: UUID
) -> bool:
    """One 技能竞赛参赛人次."""
    status = await conn.execute(
        "INSERT INTO competition_entries (entry_id, competition_id, org_id, entered_on,"
        " person_id, member_id) VALUES ($1, $2, $3, $4, $5, $6)"
        " ON CONFLICT (entry_id) DO NOTHING",
        event.entry_id, event.competition_id, event.org_id, event.occurred_on, event.person_id,
        event.member_id,
    )  # fmt: skip
    return inserted(status)


async def competition_placed(
    conn: Conn, event: contracts.CompetitionPlaced, event_id: UUID
) -> bool:
    """A result changes no figure here: only the member's timeline shows it."""
    return True
