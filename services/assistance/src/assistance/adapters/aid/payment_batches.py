"""Payment batches in SQL: the batch row, its items, and the set-based chunk statements.

A chunk claims pending items with ``FOR UPDATE SKIP LOCKED`` (a second job takes the next
items instead of waiting), reads each household's current state in the same statement, and
records all outcomes with one UPDATE over arrays.
"""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

import asyncpg
from shared.adapters import Connection, insert_many
from shared.tracking import Changed

from assistance.adapters.aid.constraints import CONFLICT_RULES
from assistance.domain.aid.payment_batch import Candidate, ItemOutcome, PaymentBatch, Selection
from assistance.service_layer.aid.ports import PaymentBatchRepository

COLUMNS = (
    "id, version, programme, year, budget_id, budget_org_id, amount_fen, method, paid_on, "
    "selection_org_id, selection_levels, listed, created_by, created_on, status, total"
)
_INSERT = (
    f"INSERT INTO aid_payment_batches ({COLUMNS}) VALUES "
    f"({', '.join(f'${i}' for i in range(1, 17))})"
)
_LIST_ON_FILE = """
INSERT INTO aid_batch_items (batch_id, household_id, position)
SELECT $1, h.id, row_number() OVER (ORDER BY h.id)
FROM households h JOIN org_replica o ON o.id = h.org_id
WHERE h.status = 'filed'
  AND starts_with(o.path, (SELECT path FROM org_replica WHERE id = $2))
  AND (cardinality($3::text[]) = 0 OR h.level = ANY($3::text[]))
"""
_LIST_GIVEN = """
INSERT INTO aid_batch_items (batch_id, household_id, position)
SELECT $1, given.id, given.position FROM unnest($2::uuid[]) WITH ORDINALITY AS given(id, position)
"""
_CLAIM = """
SELECT i.household_id, coalesce(h.status = 'filed', false) AS on_file,
       coalesce(starts_with(o.path, $3), false) AS within_budget_org,
       h.org_id, h.head_member_id, h.employer_id
FROM aid_batch_items i
LEFT JOIN households h ON h.id = i.household_id
LEFT JOIN org_replica o ON o.id = h.org_id
WHERE i.batch_id = $1 AND i.status = 'pending'
ORDER BY i.position
LIMIT $2
FOR UPDATE OF i SKIP LOCKED
"""
_RECORD = """
UPDATE aid_batch_items i
SET status = o.status, skip_reason = o.reason, payment_id = o.payment_id, decided_at = now()
FROM unnest($2::uuid[], $3::text[], $4::text[], $5::uuid[]) AS o(household_id, status, reason, payment_id)
WHERE i.batch_id = $1 AND i.household_id = o.household_id AND i.status = 'pending'
"""
_COUNT = (
    "UPDATE aid_payment_batches SET paid = paid + $2, skipped = skipped + $3, "
    "paid_fen = paid_fen + $4 WHERE id = $1"
)
_COMPLETE = """
UPDATE aid_payment_batches SET status = 'completed', completed_at = now()
WHERE id = $1 AND status = 'running'
  AND NOT EXISTS (SELECT 1 FROM aid_batch_items WHERE batch_id = $1 AND status = 'pending')
"""


def batch_from_row(row: asyncpg.Record) -> PaymentBatch:
    return PaymentBatch(
        id=row["id"],
        programme=row["programme"],
        year=row["year"],
        budget_id=row["budget_id"],
        budget_org_id=row["budget_org_id"],
        amount_fen=row["amount_fen"],
        method=row["method"],
        paid_on=row["paid_on"],
        selection=Selection(row["selection_org_id"], tuple(row["selection_levels"])),
        created_by=row["created_by"],
        created_on=row["created_on"],
        status=row["status"],
        total=row["total"],
        version=row["version"],
    )


class SqlPaymentBatchRepository(PaymentBatchRepository):
    """Batches in ``aid_payment_batches`` and items in ``aid_batch_items``."""

    def __init__(self, conn: Connection) -> None:
        super().__init__()
        self._conn = conn

    async def _get(self, aggregate_id: UUID) -> PaymentBatch | None:
        row = await self._conn.fetchrow(
            f"SELECT {COLUMNS} FROM aid_payment_batches WHERE id = $1", aggregate_id
        )
        return batch_from_row(row) if row else None

    async def list_items(self, batch: PaymentBatch) -> int:
        selection = batch.selection
        if selection.org_id is not None:
            status = await self._conn.execute(
                _LIST_ON_FILE, batch.id, selection.org_id, list(selection.levels)
            )
        else:
            status = await self._conn.execute(_LIST_GIVEN, batch.id, list(selection.household_ids))
        return int(status.rsplit(" ", 1)[1])

    async def claim_pending(self, batch: PaymentBatch, limit: int) -> list[Candidate]:
        budget_path = await self._conn.fetchval(
            "SELECT path FROM org_replica WHERE id = $1", batch.budget_org_id
        )
        rows = await self._conn.fetch(_CLAIM, batch.id, limit, budget_path or "\x00")
        return [Candidate(**dict(row)) for row in rows]

    async def record_outcomes(
        self,
        batch: PaymentBatch,
        outcomes: Sequence[ItemOutcome],
        payment_ids: Sequence[UUID | None],
    ) -> None:
        await self._conn.execute(
            _RECORD,
            batch.id,
            [o.candidate.household_id for o in outcomes],
            [o.status for o in outcomes],
            [o.reason for o in outcomes],
            list(payment_ids),
        )
        paid = sum(1 for o in outcomes if o.is_paid)
        await self._conn.execute(
            _COUNT, batch.id, paid, len(outcomes) - paid, paid * batch.amount_fen
        )

    async def complete_if_done(self, batch_id: UUID) -> bool:
        if await self._conn.execute(_COMPLETE, batch_id) == "UPDATE 1":
            return True
        status = await self._conn.fetchval(
            "SELECT status FROM aid_payment_batches WHERE id = $1", batch_id
        )
        return bool(status == "completed")

    async def running(self) -> list[UUID]:
        rows = await self._conn.fetch(
            "SELECT id FROM aid_payment_batches WHERE status = 'running' ORDER BY created_at"
        )
        return [row["id"] for row in rows]

    async def _persist(
        self, added: Sequence[PaymentBatch], changed: Sequence[Changed[PaymentBatch]]
    ) -> None:
        if changed:
            raise ValueError("a batch's progress is recorded set-based, never by version")
        rows = [
            (
                b.id,
                b.version,
                b.programme,
                b.year,
                b.budget_id,
                b.budget_org_id,
                b.amount_fen,
                b.method,
                b.paid_on,
                b.selection.org_id,
                list(b.selection.levels),
                b.selection.org_id is None,
                b.created_by,
                b.created_on,
                b.status,
                b.total,
            )
            for b in added
        ]
        await insert_many(self._conn, _INSERT, rows, "批量发放", CONFLICT_RULES)
