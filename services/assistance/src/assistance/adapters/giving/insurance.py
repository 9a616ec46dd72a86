"""Mutual insurance enrolments and claims in SQL: written once; one enrolment per member
and scheme year (the unique constraint decides concurrent enrolments)."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from shared.adapters import Connection, insert_many
from shared.tracking import Changed

from assistance.adapters.giving.constraints import CONFLICT_RULES
from assistance.domain.giving.insurance import InsuranceClaim, InsuranceEnrolment
from assistance.service_layer.giving.ports import (
    InsuranceClaimRepository,
    InsuranceEnrolmentRepository,
)

ENROLMENT_COLUMNS = (
    "id, member_id, org_id, scheme_year, premium_fen, enrolled_on, recorded_by, version"
)
CLAIM_COLUMNS = (
    "id, enrolment_id, member_id, org_id, claim_kind, amount_fen, paid_on, recorded_by, version"
)


class SqlInsuranceEnrolmentRepository(InsuranceEnrolmentRepository):
    def __init__(self, conn: Connection) -> None:
        super().__init__()
        self._conn = conn

    async def _get(self, aggregate_id: UUID) -> InsuranceEnrolment | None:
        row = await self._conn.fetchrow(
            f"SELECT {ENROLMENT_COLUMNS} FROM insurance_enrolments WHERE id = $1", aggregate_id
        )
        return InsuranceEnrolment(**dict(row)) if row else None

    async def _persist(
        self, added: Sequence[InsuranceEnrolment], changed: Sequence[Changed[InsuranceEnrolment]]
    ) -> None:
        if changed:
            raise ValueError("enrolments are not changed once recorded")
        rows = [
            (
                e.id,
                e.member_id,
                e.org_id,
                e.scheme_year,
                e.premium_fen,
                e.enrolled_on,
                e.recorded_by,
                e.version,
            )
            for e in added
        ]
        sql = (
            f"INSERT INTO insurance_enrolments ({ENROLMENT_COLUMNS}) "
            "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
        )
        await insert_many(self._conn, sql, rows, "该会员本年度的参保记录", CONFLICT_RULES)


class SqlInsuranceClaimRepository(InsuranceClaimRepository):
    def __init__(self, conn: Connection) -> None:
        super().__init__()
        self._conn = conn

    async def _get(self, aggregate_id: UUID) -> InsuranceClaim | None:
        row = await self._conn.fetchrow(
            f"SELECT {CLAIM_COLUMNS} FROM insurance_claims WHERE id = $1", aggregate_id
        )
        return InsuranceClaim(**dict(row)) if row else None

    async def _persist(
        self, added: Sequence[InsuranceClaim], changed: Sequence[Changed[InsuranceClaim]]
    ) -> None:
        if changed:
            raise ValueError("claims are never changed once recorded")
        rows = [
            (
                c.id,
                c.enrolment_id,
                c.member_id,
                c.org_id,
                c.claim_kind,
                c.amount_fen,
                c.paid_on,
                c.recorded_by,
                c.version,
            )
            for c in added
        ]
        sql = (
            f"INSERT INTO insurance_claims ({CLAIM_COLUMNS}) "
            "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
        )
        await insert_many(self._conn, sql, rows, "报销记录", CONFLICT_RULES)
