"""Budgets in SQL. The ledger changes are conditional UPDATEs: the WHERE clause is the rule
(available ≥ amount, reserved ≥ amount), so concurrent approvals serialise on the row and a
second one short of money changes nothing; the table's CHECK backs it whatever the statement."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

import asyncpg
from shared.adapters import Connection, insert_many, update_versioned
from shared.seedwork import InvalidValue
from shared.tracking import Changed

from assistance.adapters.aid.constraints import CONFLICT_RULES
from assistance.domain.aid.budget import Budget
from assistance.service_layer.aid.ports import BudgetRepository

COLUMNS = "id, org_id, programme, year, amount_fen, reserved_fen, paid_fen, version"
_INSERT = f"INSERT INTO aid_budgets ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
_UPDATE = (
    "UPDATE aid_budgets SET amount_fen = $3, version = $4, updated_at = now() "
    "WHERE id = $1 AND version = $2"
)
_RESERVE = (
    "UPDATE aid_budgets SET reserved_fen = reserved_fen + $2, updated_at = now() "
    "WHERE id = $1 AND amount_fen - reserved_fen - paid_fen >= $2"
)
_SETTLE = (
    "UPDATE aid_budgets SET reserved_fen = reserved_fen - $2, paid_fen = paid_fen + $2, "
    "updated_at = now() WHERE id = $1 AND reserved_fen >= $2"
)
_RELEASE = (
    "UPDATE aid_budgets SET reserved_fen = reserved_fen - $2, updated_at = now() "
    "WHERE id = $1 AND reserved_fen >= $2"
)
_LOCK_AVAILABLE = (
    "SELECT amount_fen - reserved_fen - paid_fen FROM aid_budgets WHERE id = $1 FOR UPDATE"
)
_PAY = "UPDATE aid_budgets SET paid_fen = paid_fen + $2, updated_at = now() WHERE id = $1"


def budget_from_row(row: asyncpg.Record) -> Budget:
    return Budget(**dict(row))


class SqlBudgetRepository(BudgetRepository):
    """Budgets in ``aid_budgets`` on the unit's connection."""

    def __init__(self, conn: Connection) -> None:
        super().__init__()
        self._conn = conn

    async def _get(self, aggregate_id: UUID) -> Budget | None:
        row = await self._conn.fetchrow(
            f"SELECT {COLUMNS} FROM aid_budgets WHERE id = $1", aggregate_id
        )
        return budget_from_row(row) if row else None

    async def _find(self, org_id: UUID, programme: str, year: int) -> Budget | None:
        row = await self._conn.fetchrow(
            f"SELECT {COLUMNS} FROM aid_budgets WHERE org_id = $1 AND programme = $2 AND year = $3",
            org_id,
            programme,
            year,
        )
        return budget_from_row(row) if row else None

    async def reserve(self, budget_id: UUID, amount_fen: int) -> bool:
        return await self._conn.execute(_RESERVE, budget_id, amount_fen) == "UPDATE 1"

    async def settle(self, budget_id: UUID, amount_fen: int) -> bool:
        return await self._conn.execute(_SETTLE, budget_id, amount_fen) == "UPDATE 1"

    async def release(self, budget_id: UUID, amount_fen: int) -> bool:
        return await self._conn.execute(_RELEASE, budget_id, amount_fen) == "UPDATE 1"

    async def pay_up_to(self, budget_id: UUID, count: int, each_fen: int) -> int:
        # The row lock holds the budget until the chunk commits: another chunk or approval
        # waits and then sees what this one took.
        available = await self._conn.fetchval(_LOCK_AVAILABLE, budget_id)
        payable = max(0, min(count, int(available or 0) // each_fen))
        if payable:
            await self._conn.execute(_PAY, budget_id, payable * each_fen)
        return payable

    async def _persist(self, added: Sequence[Budget], changed: Sequence[Changed[Budget]]) -> None:
        if added:
            new = [
                (b.id, b.org_id, b.programme, b.year, b.amount_fen, 0, 0, b.version) for b in added
            ]
            await insert_many(self._conn, _INSERT, new, "该组织该项目本年度的预算", CONFLICT_RULES)
        if changed:
            allocations = [
                (c.aggregate.id, c.loaded_version, c.aggregate.amount_fen, c.aggregate.version)
                for c in changed
            ]
            try:
                await update_versioned(self._conn, _UPDATE, allocations, CONFLICT_RULES)
            except asyncpg.CheckViolationError:
                raise InvalidValue("预算不能低于已占用和已发放的合计", field="amount_fen") from None
