"""Payment orders in SQL. Batch payments are inserted many at a time (one statement per chunk)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from uuid import UUID

import asyncpg
from shared.adapters import Connection, conflict_for, update_versioned
from shared.tracking import Changed

from assistance.adapters.aid.constraints import CONFLICT_RULES
from assistance.domain.aid.payment import Funding, Payee, Payment
from assistance.service_layer.aid.ports import PaymentRepository

COLUMNS = (
    "id, version, application_id, batch_id, org_id, household_id, member_id, employer_id, "
    "programme, budget_id, budget_org_id, amount_fen, status, method, created_on, paid_on, "
    "paid_by, cancelled_on"
)
_TYPES = (
    "uuid", "bigint", "uuid", "uuid", "uuid", "uuid", "uuid", "uuid", "text", "uuid", "uuid",
    "bigint", "text", "text", "date", "date", "text", "date",
)  # fmt: skip
# A payment's entry time is set by the statement that makes it paid (a batch's are inserted
# paid; an order is updated to paid), whatever date it carries.
_INSERT = (
    f"INSERT INTO aid_payments ({COLUMNS}, paid_entered_at) SELECT u.*, "
    "CASE WHEN u.status = 'paid' THEN now() END FROM unnest("
    + ", ".join(f"${i + 1}::{t}[]" for i, t in enumerate(_TYPES))
    + f") AS u({COLUMNS})"
)
_UPDATE = (
    "UPDATE aid_payments SET version = $3, status = $4, method = $5, paid_on = $6, "
    "paid_by = $7, cancelled_on = $8, updated_at = now(), "
    "paid_entered_at = CASE WHEN $4::text = 'paid' THEN COALESCE(paid_entered_at, now()) END "
    "WHERE id = $1 AND version = $2"
)


def _row(p: Payment) -> tuple[Any, ...]:
    payee, funding = p.payee, p.funding
    return (
        p.id, p.version, p.application_id, p.batch_id, payee.org_id, payee.household_id,
        payee.member_id, payee.employer_id, funding.programme, funding.budget_id,
        funding.budget_org_id, p.amount_fen, p.status, p.method, p.created_on, p.paid_on,
        p.paid_by, p.cancelled_on,
    )  # fmt: skip


def payment_from_row(row: asyncpg.Record) -> Payment:
    return Payment(
        id=row["id"],
        payee=Payee(row["org_id"], row["household_id"], row["member_id"], row["employer_id"]),
        funding=Funding(row["programme"], row["budget_id"], row["budget_org_id"]),
        amount_fen=row["amount_fen"],
        created_on=row["created_on"],
        application_id=row["application_id"],
        batch_id=row["batch_id"],
        status=row["status"],
        method=row["method"],
        paid_on=row["paid_on"],
        paid_by=row["paid_by"],
        cancelled_on=row["cancelled_on"],
        version=row["version"],
    )


class SqlPaymentRepository(PaymentRepository):
    """Payments in ``aid_payments`` on the unit's connection."""

    def __init__(self, conn: Connection) -> None:
        super().__init__()
        self._conn = conn

    async def _get(self, aggregate_id: UUID) -> Payment | None:
        row = await self._conn.fetchrow(
            f"SELECT {COLUMNS} FROM aid_payments WHERE id = $1", aggregate_id
        )
        return payment_from_row(row) if row else None

    async def _get_for_update(self, payment_id: UUID) -> Payment | None:
        row = await self._conn.fetchrow(
            f"SELECT {COLUMNS} FROM aid_payments WHERE id = $1 FOR UPDATE", payment_id
        )
        return payment_from_row(row) if row else None

    async def _persist(self, added: Sequence[Payment], changed: Sequence[Changed[Payment]]) -> None:
        if added:
            columns = list(zip(*(_row(p) for p in added), strict=True))
            try:
                await self._conn.execute(_INSERT, *(list(column) for column in columns))
            except asyncpg.UniqueViolationError as error:
                raise conflict_for(error, "该款项已存在", CONFLICT_RULES) from None
        if changed:
            rows = [
                (
                    c.aggregate.id,
                    c.loaded_version,
                    c.aggregate.version,
                    c.aggregate.status,
                    c.aggregate.method,
                    c.aggregate.paid_on,
                    c.aggregate.paid_by,
                    c.aggregate.cancelled_on,
                )
                for c in changed
            ]
            await update_versioned(self._conn, _UPDATE, rows, CONFLICT_RULES)
