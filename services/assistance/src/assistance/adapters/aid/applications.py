"""Applications in SQL: one row each, the rejection note as a ciphertext."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from uuid import UUID

import asyncpg
from shared.adapters import Connection, insert_many, update_versioned
from shared.tracking import Changed

from assistance.adapters.aid.constraints import CONFLICT_RULES
from assistance.domain.aid.application import Application
from assistance.domain.aid.application_status import Applicant, Rejection
from assistance.service_layer.aid.ports import ApplicationRepository

_STATE = (
    "status, opinion_by, opinion_on, reviewed_by, reviewed_on, approved_by, approved_on, "
    "approved_fen, budget_id, budget_org_id, rejected_step, rejection_reason, rejected_by, "
    "rejected_on, rejection_note_cipher"
)
_FIXED = (
    "id, version, programme, org_id, household_id, member_id, employer_id, requested_fen, "
    "submitted_on, submitted_by, reason_cipher"
)
COLUMNS = f"{_FIXED}, {_STATE}"
_INSERT = (
    f"INSERT INTO aid_applications ({COLUMNS}) VALUES ({', '.join(f'${i}' for i in range(1, 27))})"
)
_SETS = ", ".join(f"{name.strip()} = ${i + 4}" for i, name in enumerate(_STATE.split(",")))
# The approval's entry time is set by the statement that approves (status is $4).
_UPDATE = (
    f"UPDATE aid_applications SET version = $3, updated_at = now(), {_SETS}, "
    "approved_entered_at = CASE WHEN $4::text = 'approved' "
    "THEN COALESCE(approved_entered_at, now()) END "
    "WHERE id = $1 AND version = $2"
)


def _state(a: Application) -> tuple[Any, ...]:
    r = a.rejection
    return (
        a.status,
        a.opinion_by,
        a.opinion_on,
        a.reviewed_by,
        a.reviewed_on,
        a.approved_by,
        a.approved_on,
        a.approved_fen,
        a.budget_id,
        a.budget_org_id,
        r.step if r else None,
        r.reason if r else None,
        r.by if r else None,
        r.on if r else None,
        r.note_cipher if r else None,
    )


def _insert_row(a: Application) -> tuple[Any, ...]:
    p = a.applicant
    fixed = (a.id, a.version, a.programme, p.org_id, p.household_id, p.member_id, p.employer_id)
    entered = (a.requested_fen, a.submitted_on, a.submitted_by, a.reason_cipher)
    return (*fixed, *entered, *_state(a))


def application_from_row(row: asyncpg.Record) -> Application:
    rejection = None
    if row["rejected_step"] is not None:
        rejection = Rejection(
            row["rejected_step"],
            row["rejection_reason"],
            row["rejected_by"],
            row["rejected_on"],
            row["rejection_note_cipher"],
        )
    return Application(
        id=row["id"],
        programme=row["programme"],
        applicant=Applicant(
            row["org_id"], row["household_id"], row["member_id"], row["employer_id"]
        ),
        requested_fen=row["requested_fen"],
        submitted_on=row["submitted_on"],
        submitted_by=row["submitted_by"],
        status=row["status"],
        opinion_by=row["opinion_by"],
        opinion_on=row["opinion_on"],
        reviewed_by=row["reviewed_by"],
        reviewed_on=row["reviewed_on"],
        approved_by=row["approved_by"],
        approved_on=row["approved_on"],
        approved_fen=row["approved_fen"],
        budget_id=row["budget_id"],
        budget_org_id=row["budget_org_id"],
        rejection=rejection,
        reason_cipher=row["reason_cipher"],
        version=row["version"],
    )


class SqlApplicationRepository(ApplicationRepository):
    """Applications in ``aid_applications`` on the unit's connection."""

    def __init__(self, conn: Connection) -> None:
        super().__init__()
        self._conn = conn

    async def _get(self, aggregate_id: UUID) -> Application | None:
        row = await self._conn.fetchrow(
            f"SELECT {COLUMNS} FROM aid_applications WHERE id = $1", aggregate_id
        )
        return application_from_row(row) if row else None

    async def _persist(
        self, added: Sequence[Application], changed: Sequence[Changed[Application]]
    ) -> None:
        if added:
            await insert_many(
                self._conn, _INSERT, [_insert_row(a) for a in added], "帮扶申请", CONFLICT_RULES
            )
        if changed:
            rows = [
                (c.aggregate.id, c.loaded_version, c.aggregate.version, *_state(c.aggregate))
                for c in changed
            ]
            await update_versioned(self._conn, _UPDATE, rows, CONFLICT_RULES)
