"""Classes, enrolments and certificates in SQL."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from uuid import UUID

import asyncpg
from shared.adapters import Connection, insert_many, update_versioned
from shared.tracking import Changed

from training.domain.classes.certificate import Certificate, CertificateStatus
from training.domain.classes.enrolment import Enrolment, EnrolmentStatus
from training.domain.classes.training_class import ClassStatus, CompletionRule, TrainingClass
from training.domain.codes import ClassKind, RevocationReason, TargetGroup
from training.service_layer.classes.ports import (
    CertificateRepository,
    ClassRepository,
    EnrolmentRepository,
)

_CLASS_COLUMNS = (
    "id, org_id, title, kind, provider, venue, starts_on, ends_on, sessions_planned, capacity,"
    " target_groups, min_attendance_percent, assessment_required, status, seats_taken, version"
)


def _class(row: asyncpg.Record) -> TrainingClass:
    fields = dict(row)
    rule = CompletionRule(fields.pop("min_attendance_percent"), fields.pop("assessment_required"))
    fields["kind"] = ClassKind(fields["kind"])
    fields["status"] = ClassStatus(fields["status"])
    fields["target_groups"] = tuple(TargetGroup(g) for g in fields["target_groups"])
    return TrainingClass(**fields, rule=rule)


def _class_row(c: TrainingClass) -> tuple[Any, ...]:
    return (
        c.id, c.org_id, c.title, c.kind, c.provider, c.venue, c.starts_on, c.ends_on,
        c.sessions_planned, c.capacity, list(c.target_groups), c.rule.min_attendance_percent,
        c.rule.assessment_required, c.status, c.seats_taken, c.version,
    )  # fmt: skip


class SqlClassRepository(ClassRepository):
    def __init__(self, conn: Connection) -> None:
        super().__init__()
        self._conn = conn

    async def _get(self, aggregate_id: UUID) -> TrainingClass | None:
        row = await self._conn.fetchrow(
            f"SELECT {_CLASS_COLUMNS} FROM classes WHERE id = $1", aggregate_id
        )
        return _class(row) if row else None

    async def lock(self, class_id: UUID) -> TrainingClass | None:
        tracked = self._tracked(class_id)
        row = await self._conn.fetchrow(
            f"SELECT {_CLASS_COLUMNS} FROM classes WHERE id = $1 FOR UPDATE", class_id
        )
        if tracked is not None or row is None:
            return tracked
        return self._track(_class(row))

    async def _persist(
        self, added: Sequence[TrainingClass], changed: Sequence[Changed[TrainingClass]]
    ) -> None:
        placeholders = ", ".join(f"${i}" for i in range(1, 17))
        sql = f"INSERT INTO classes ({_CLASS_COLUMNS}) VALUES ({placeholders})"
        await insert_many(self._conn, sql, [_class_row(c) for c in added], "培训班")
        await update_versioned(
            self._conn,
            "UPDATE classes SET status = $3, seats_taken = $4, version = $5"
            " WHERE id = $1 AND version = $2",
            [
                (c.aggregate.id, c.loaded_version, c.aggregate.status, c.aggregate.seats_taken,
                 c.aggregate.version)
                for c in changed
            ],
        )  # fmt: skip


_ENROLMENT_COLUMNS = (
    "id, class_id, org_id, person_id, member_id, status, enrolled_on, assessment_passed,"
    " closed_on, entered_by, version"
)


def _enrolment(row: asyncpg.Record) -> Enrolment:
    fields = dict(row)
    fields["status"] = EnrolmentStatus(fields["status"])
    return Enrolment(**fields)


class SqlEnrolmentRepository(EnrolmentRepository):
    def __init__(self, conn: Connection) -> None:
        super().__init__()
        self._conn = conn

    async def _get(self, aggregate_id: UUID) -> Enrolment | None:
        row = await self._conn.fetchrow(
            f"SELECT {_ENROLMENT_COLUMNS} FROM enrolments WHERE id = $1", aggregate_id
        )
        return _enrolment(row) if row else None

    async def first_waitlisted(self, class_id: UUID) -> Enrolment | None:
        row = await self._conn.fetchrow(
            f"SELECT {_ENROLMENT_COLUMNS} FROM enrolments WHERE class_id = $1"
            " AND status = 'waitlisted' ORDER BY requested_at, id LIMIT 1",
            class_id,
        )
        return self._track(_enrolment(row)) if row else None

    async def active_in_class(self, class_id: UUID) -> list[Enrolment]:
        rows = await self._conn.fetch(
            f"SELECT {_ENROLMENT_COLUMNS} FROM enrolments WHERE class_id = $1"
            " AND status IN ('enrolled', 'waitlisted') ORDER BY requested_at, id",
            class_id,
        )
        return [self._track(_enrolment(row)) for row in rows]

    async def has_active(self, class_id: UUID, person_id: UUID) -> bool:
        found = await self._conn.fetchval(
            "SELECT 1 FROM enrolments WHERE class_id = $1 AND person_id = $2"
            " AND status IN ('enrolled', 'waitlisted')",
            class_id,
            person_id,
        )
        return found is not None

    async def _persist(
        self, added: Sequence[Enrolment], changed: Sequence[Changed[Enrolment]]
    ) -> None:
        rows = [
            (e.id, e.class_id, e.org_id, e.person_id, e.member_id, e.status, e.enrolled_on,
             e.assessment_passed, e.closed_on, e.entered_by, e.version)
            for e in added
        ]  # fmt: skip
        sql = (
            f"INSERT INTO enrolments ({_ENROLMENT_COLUMNS})"
            " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"
        )
        await insert_many(self._conn, sql, rows, "报名记录")
        await update_versioned(
            self._conn,
            "UPDATE enrolments SET status = $3, assessment_passed = $4, closed_on = $5,"
            " version = $6 WHERE id = $1 AND version = $2",
            [
                (c.aggregate.id, c.loaded_version, c.aggregate.status,
                 c.aggregate.assessment_passed, c.aggregate.closed_on, c.aggregate.version)
                for c in changed
            ],
        )  # fmt: skip


_CERTIFICATE_COLUMNS = (
    "id, number, org_id, class_id, enrolment_id, person_id, member_id, issued_on, status,"
    " revoked_on, revocation_reason, version"
)


def _certificate(row: asyncpg.Record) -> Certificate:
    fields = dict(row)
    fields["status"] = CertificateStatus(fields["status"])
    reason = fields["revocation_reason"]
    fields["revocation_reason"] = RevocationReason(reason) if reason else None
    return Certificate(**fields)


class SqlCertificateRepository(CertificateRepository):
    def __init__(self, conn: Connection) -> None:
        super().__init__()
        self._conn = conn

    async def _get(self, aggregate_id: UUID) -> Certificate | None:
        row = await self._conn.fetchrow(
            f"SELECT {_CERTIFICATE_COLUMNS} FROM certificates WHERE id = $1", aggregate_id
        )
        return _certificate(row) if row else None

    async def _persist(
        self, added: Sequence[Certificate], changed: Sequence[Changed[Certificate]]
    ) -> None:
        rows = [
            (c.id, c.number, c.org_id, c.class_id, c.enrolment_id, c.person_id, c.member_id,
             c.issued_on, c.status, c.revoked_on, c.revocation_reason, c.version)
            for c in added
        ]  # fmt: skip
        placeholders = ", ".join(f"${i}" for i in range(1, 13))
        sql = f"INSERT INTO certificates ({_CERTIFICATE_COLUMNS}) VALUES ({placeholders})"
        await insert_many(self._conn, sql, rows, "证书")
        await update_versioned(
            self._conn,
            "UPDATE certificates SET status = $3, revoked_on = $4, revocation_reason = $5,"
            " version = $6 WHERE id = $1 AND version = $2",
            [
                (c.aggregate.id, c.loaded_version, c.aggregate.status, c.aggregate.revoked_on,
                 c.aggregate.revocation_reason, c.aggregate.version)
                for c in changed
            ],
        )  # fmt: skip
