"""Cases in SQL: the case row (parts as jsonb) and, in the same transaction, its history."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any
from uuid import UUID

import asyncpg
from shared.adapters import Connection, insert_many, update_versioned
from shared.tracking import Changed

from disputes.adapters.cases import codec, history
from disputes.domain.cases.case import Case
from disputes.domain.cases.codes import (
    CaseStatus,
    Category,
    Channel,
    ClosingOutcome,
    DeclineReason,
    FailureReason,
)
from disputes.domain.cases.parts import SealedEmployer
from disputes.service_layer.cases.ports import CaseRepository

_FIELDS = (
    "org_id, mediation_org_id, status, channel, category, employer_id, employer_name_cipher, "
    "employer_uscc, applicants, workers_involved, migrant_workers, claimed_fen, facts_cipher, "
    "claims_cipher, received_on, contact_id, accepted_on, due_on, overdue, decline_reason, "
    "mediator_id, sessions, agreement, failure_reason, referral, award, recovered_fen, "
    "closing_outcome, closed_on, evidence, extensions"
)
_NAMES = [name.strip() for name in _FIELDS.split(",")]
COLUMNS = f"id, version, {_FIELDS}"
_INSERT = (
    f"INSERT INTO cases ({COLUMNS}) VALUES "
    f"({', '.join(f'${i + 1}' for i in range(len(_NAMES) + 2))})"
)
_SETS = ", ".join(f"{name} = ${i + 4}" for i, name in enumerate(_NAMES))
_UPDATE = (
    f"UPDATE cases SET version = $3, updated_at = now(), {_SETS} WHERE id = $1 AND version = $2"
)


def _values(c: Case) -> tuple[Any, ...]:
    e = c.employer
    return (
        c.org_id,
        c.mediation_org_id,
        c.status,
        c.channel,
        c.category,
        e.employer_id,
        e.name_cipher,
        e.uscc,
        codec.applicants_json(c.applicants),
        c.workers_involved,
        c.migrant_workers,
        c.claimed_fen,
        c.facts_cipher,
        c.claims_cipher,
        c.received_on,
        c.contact_id,
        c.accepted_on,
        c.due_on,
        c.overdue,
        c.decline_reason,
        c.mediator_id,
        codec.sessions_json(c.sessions),
        codec.agreement_json(c.agreement),
        c.failure_reason,
        codec.referral_json(c.referral),
        codec.award_json(c.award),
        c.recovered_fen,
        c.closing_outcome,
        c.closed_on,
        codec.evidence_json(c.evidence),
        codec.extensions_json(c.extensions),
    )


def _optional(kind: Any, value: Any) -> Any:
    return kind(value) if value is not None else None


def case_from_row(r: asyncpg.Record) -> Case:
    """Rebuild a case from its row."""
    return Case(
        id=r["id"],
        version=r["version"],
        org_id=r["org_id"],
        mediation_org_id=r["mediation_org_id"],
        status=CaseStatus(r["status"]),
        channel=Channel(r["channel"]),
        category=Category(r["category"]),
        employer=SealedEmployer(r["employer_id"], r["employer_name_cipher"], r["employer_uscc"]),
        applicants=codec.applicants_from(r["applicants"]),
        workers_involved=r["workers_involved"],
        migrant_workers=r["migrant_workers"],
        claimed_fen=r["claimed_fen"],
        facts_cipher=r["facts_cipher"],
        claims_cipher=r["claims_cipher"],
        received_on=r["received_on"],
        contact_id=r["contact_id"],
        accepted_on=r["accepted_on"],
        due_on=r["due_on"],
        overdue=r["overdue"],
        decline_reason=_optional(DeclineReason, r["decline_reason"]),
        mediator_id=r["mediator_id"],
        sessions=codec.sessions_from(r["sessions"]),
        agreement=codec.agreement_from(r["agreement"]),
        failure_reason=_optional(FailureReason, r["failure_reason"]),
        referral=codec.referral_from(r["referral"]),
        award=codec.award_from(r["award"]),
        recovered_fen=r["recovered_fen"],
        closing_outcome=_optional(ClosingOutcome, r["closing_outcome"]),
        closed_on=r["closed_on"],
        evidence=codec.evidence_from(r["evidence"]),
        extensions=codec.extensions_from(r["extensions"]),
    )


class SqlCaseRepository(CaseRepository):
    def __init__(self, conn: Connection) -> None:
        super().__init__()
        self._conn = conn

    async def _get(self, aggregate_id: UUID) -> Case | None:
        row = await self._conn.fetchrow(f"SELECT {COLUMNS} FROM cases WHERE id = $1", aggregate_id)
        return case_from_row(row) if row else None

    async def past_due(self, today: date, limit: int) -> list[Case]:
        rows = await self._conn.fetch(
            f"SELECT {COLUMNS} FROM cases WHERE status IN ('accepted', 'mediating')"
            " AND NOT overdue AND due_on < $1 ORDER BY due_on LIMIT $2 FOR UPDATE SKIP LOCKED",
            today,
            limit,
        )
        return [self._track(case_from_row(r)) for r in rows]

    async def _persist(self, added: Sequence[Case], changed: Sequence[Changed[Case]]) -> None:
        if added:
            rows = [(c.id, c.version, *_values(c)) for c in added]
            await insert_many(self._conn, _INSERT, rows, "案件")
        updates = [
            (x.aggregate.id, x.loaded_version, x.aggregate.version, *_values(x.aggregate))
            for x in changed
        ]
        await update_versioned(self._conn, _UPDATE, updates)
        new = {c.id for c in added}
        await history.append(self._conn, [*added, *(x.aggregate for x in changed)], new)
