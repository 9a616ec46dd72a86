"""Read-side queries of classes, enrolments and certificates, limited to the caller's subtree."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

import asyncpg
from shared.adapters import Connection
from shared.adapters.listing import Filters, Rows, page

CLASS_COLUMNS = (
    "c.id, c.org_id, c.title, c.kind, c.provider, c.venue, c.starts_on, c.ends_on,"
    " c.sessions_planned, c.capacity, c.target_groups, c.min_attendance_percent,"
    " c.assessment_required, c.status, c.seats_taken, c.version,"
    " (SELECT count(*) FROM enrolments w WHERE w.class_id = c.id"
    "  AND w.status = 'waitlisted') AS waitlisted"
)
_CLASSES = "classes c JOIN org_replica o ON o.id = c.org_id"


@dataclass(frozen=True)
class ClassFilters:
    kind: str | None = None
    status: str | None = None
    since: date | None = None
    until: date | None = None


async def list_classes(
    conn: Connection, scope: str, f: ClassFilters, *, limit: int, offset: int
) -> Rows:
    """A page of classes in the subtree, latest start first."""
    where = Filters("o.path", scope).equal("c.kind", f.kind).equal("c.status", f.status)
    where.add("c.starts_on >= {}", f.since).add("c.starts_on <= {}", f.until)
    return await page(conn, _CLASSES, where, CLASS_COLUMNS, "c.starts_on DESC, c.id", limit, offset)


async def one_class(conn: Connection, scope: str, class_id: UUID) -> asyncpg.Record | None:
    """One class in the subtree."""
    return await conn.fetchrow(
        f"SELECT {CLASS_COLUMNS} FROM {_CLASSES} WHERE o.path LIKE $1 || '%' AND c.id = $2",
        scope,
        class_id,
    )


ENROLMENT_COLUMNS = (
    "e.id, e.class_id, e.org_id, e.person_id, e.member_id, e.status, e.enrolled_on,"
    " e.assessment_passed, e.closed_on, e.entered_by, e.requested_at AS entered_at,"
    " p.name_cipher, p.id_cipher, p.phone_cipher,"
    " (SELECT count(*) FROM attendance a WHERE a.enrolment_id = e.id"
    "  AND a.mark IN ('present', 'late')) AS sessions_attended"
)
_ENROLMENTS = (
    "enrolments e JOIN people p ON p.id = e.person_id JOIN org_replica o ON o.id = e.org_id"
)


async def list_enrolments(
    conn: Connection, scope: str, class_id: UUID, status: str | None, *, limit: int, offset: int
) -> Rows:
    """A page of a class's enrolments, in order of request."""
    where = Filters("o.path", scope).equal("e.class_id", class_id).equal("e.status", status)
    order = "e.requested_at, e.id"
    return await page(conn, _ENROLMENTS, where, ENROLMENT_COLUMNS, order, limit, offset)


async def one_enrolment(conn: Connection, enrolment_id: UUID) -> asyncpg.Record | None:
    """One enrolment (the command that wrote it checked the scope)."""
    return await conn.fetchrow(
        f"SELECT {ENROLMENT_COLUMNS} FROM {_ENROLMENTS} WHERE e.id = $1", enrolment_id
    )


async def attendance_of(conn: Connection, class_id: UUID, session_no: int) -> list[asyncpg.Record]:
    """The marks of one session."""
    return await conn.fetch(
        "SELECT enrolment_id, mark FROM attendance WHERE class_id = $1 AND session_no = $2"
        " ORDER BY enrolment_id",
        class_id,
        session_no,
    )


CERTIFICATE_COLUMNS = (
    "t.id, t.number, t.org_id, t.class_id, t.enrolment_id, t.person_id, t.member_id,"
    " t.issued_on, t.status, t.revoked_on, t.revocation_reason, c.title AS class_title,"
    " c.kind AS class_kind, c.starts_on, c.ends_on, c.provider, o.name AS org_name,"
    " p.name_cipher, p.id_cipher, p.phone_cipher"
)
_CERTIFICATES = (
    "certificates t JOIN classes c ON c.id = t.class_id JOIN people p ON p.id = t.person_id"
    " JOIN org_replica o ON o.id = t.org_id"
)


async def list_certificates(
    conn: Connection, scope: str, class_id: UUID | None, *, limit: int, offset: int
) -> Rows:
    """A page of certificates in the subtree, newest first."""
    where = Filters("o.path", scope).equal("t.class_id", class_id)
    order = "t.issued_on DESC, t.number"
    return await page(conn, _CERTIFICATES, where, CERTIFICATE_COLUMNS, order, limit, offset)


async def one_certificate(conn: Connection, certificate_id: UUID) -> asyncpg.Record | None:
    """One certificate with its class and holder."""
    return await conn.fetchrow(
        f"SELECT {CERTIFICATE_COLUMNS} FROM {_CERTIFICATES} WHERE t.id = $1", certificate_id
    )


async def certificate_by_number(conn: Connection, number: str) -> asyncpg.Record | None:
    """The certificate with this canonical number (public verification)."""
    return await conn.fetchrow(
        f"SELECT {CERTIFICATE_COLUMNS} FROM {_CERTIFICATES} WHERE t.number = $1", number
    )


async def completion_counts(conn: Connection, class_id: UUID) -> dict[str, int]:
    """How many completed, did not, and the certificates issued, for one class."""
    row = await conn.fetchrow(
        "SELECT count(*) FILTER (WHERE status = 'completed') AS completed,"
        " count(*) FILTER (WHERE status = 'not_completed') AS not_completed,"
        " (SELECT count(*) FROM certificates WHERE class_id = $1) AS certificates"
        " FROM enrolments WHERE class_id = $1",
        class_id,
    )
    assert row is not None  # an aggregate query always answers one row
    return {key: int(value) for key, value in row.items()}


async def org_in_scope(conn: Connection, scope: str, org_id: UUID) -> bool:
    """Whether the organisation lies in the subtree ``scope``."""
    found = await conn.fetchval(
        "SELECT 1 FROM org_replica WHERE id = $1 AND path LIKE $2 || '%'", org_id, scope
    )
    return found is not None
