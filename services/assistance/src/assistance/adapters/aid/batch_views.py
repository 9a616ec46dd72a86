"""Read-side queries of payment batches: progress and per-household results."""

from __future__ import annotations

from uuid import UUID

import asyncpg
from shared.adapters import Connection
from shared.adapters.listing import Filters, in_subtree, page

BATCH_COLUMNS = (
    "x.id, x.programme, x.year, x.budget_org_id, x.amount_fen, x.method, x.paid_on, "
    "x.selection_org_id, x.selection_levels, x.listed, x.created_by, x.created_on, x.status, "
    "x.total, x.paid, x.skipped, x.paid_fen, x.completed_at"
)
BATCHES = "aid_payment_batches x JOIN org_replica o ON o.id = x.budget_org_id"
ITEM_COLUMNS = "i.household_id, i.position, i.status, i.skip_reason, i.payment_id, i.decided_at"


async def batch(conn: Connection, scope_path: str, batch_id: UUID) -> asyncpg.Record | None:
    """One batch in the caller's subtree (by its budget organisation)."""
    return await conn.fetchrow(
        f"SELECT {BATCH_COLUMNS} FROM {BATCHES} WHERE {in_subtree('o.path')} AND x.id = $2",
        scope_path,
        batch_id,
    )


async def skipped_by_reason(conn: Connection, batch_id: UUID) -> dict[str, int]:
    """How many items were skipped, per reason."""
    rows = await conn.fetch(
        "SELECT skip_reason, count(*) AS n FROM aid_batch_items"
        " WHERE batch_id = $1 AND status = 'skipped' GROUP BY skip_reason",
        batch_id,
    )
    return {row["skip_reason"]: int(row["n"]) for row in rows}


async def list_batches(
    conn: Connection, scope_path: str, *, status: str | None, limit: int, offset: int
) -> tuple[list[asyncpg.Record], int]:
    """Batches in the caller's subtree, newest first."""
    filters = Filters("o.path", scope_path).equal("x.status", status)
    order = "x.created_at DESC, x.id"
    return await page(conn, BATCHES, filters, BATCH_COLUMNS, order, limit, offset)


async def items(
    conn: Connection,
    batch_id: UUID,
    *,
    status: str | None,
    skip_reason: str | None,
    limit: int,
    offset: int,
) -> tuple[list[asyncpg.Record], int]:
    """A page of the batch's per-household results, in list order (the batch is in scope)."""
    filters = Filters.within("i.batch_id", batch_id).equal("i.status", status)
    filters.equal("i.skip_reason", skip_reason)
    return await page(conn, "aid_batch_items i", filters, ITEM_COLUMNS, "i.position", limit, offset)
