"""Read-side queries of donation campaigns (with their totals) and receipts."""

from __future__ import annotations

from uuid import UUID

import asyncpg
from shared.adapters import Connection
from shared.adapters.listing import Filters, in_subtree, page

CAMPAIGN_COLUMNS = (
    "c.id, c.org_id, c.name, c.opens_on, c.closes_on, c.target_fen, c.created_by, "
    "coalesce(t.received_fen, 0) AS received_fen, coalesce(t.receipts, 0) AS receipts"
)
_CAMPAIGNS_FROM = (
    "donation_campaigns c JOIN org_replica o ON o.id = c.org_id "
    "LEFT JOIN LATERAL (SELECT sum(r.amount_fen) AS received_fen, count(*) AS receipts "
    "FROM donation_receipts r WHERE r.campaign_id = c.id) t ON true"
)
_CAMPAIGNS = f"FROM {_CAMPAIGNS_FROM} WHERE {in_subtree('o.path')}"
RECEIPT_COLUMNS = (
    "r.id, r.campaign_id, r.org_id, r.amount_fen, r.donor_kind, r.donor_name_cipher, "
    "r.received_on, r.recorded_by"
)


async def campaign(conn: Connection, scope_path: str, campaign_id: UUID) -> asyncpg.Record | None:
    """One campaign in the caller's subtree, with what it has received."""
    return await conn.fetchrow(
        f"SELECT {CAMPAIGN_COLUMNS} {_CAMPAIGNS} AND c.id = $2", scope_path, campaign_id
    )


async def by_donor_kind(conn: Connection, campaign_id: UUID) -> dict[str, int]:
    """Amount received per kind of donor."""
    rows = await conn.fetch(
        "SELECT donor_kind, sum(amount_fen) AS fen FROM donation_receipts"
        " WHERE campaign_id = $1 GROUP BY donor_kind",
        campaign_id,
    )
    return {row["donor_kind"]: int(row["fen"]) for row in rows}


async def list_campaigns(
    conn: Connection, scope_path: str, *, org_id: UUID | None, limit: int, offset: int
) -> tuple[list[asyncpg.Record], int]:
    """Campaigns in the caller's subtree, newest first."""
    filters = Filters("o.path", scope_path).equal("c.org_id", org_id)
    order = "c.opens_on DESC, c.id"
    return await page(conn, _CAMPAIGNS_FROM, filters, CAMPAIGN_COLUMNS, order, limit, offset)


async def receipt(conn: Connection, receipt_id: UUID) -> asyncpg.Record | None:
    """One receipt by id (the command that wrote it checked the scope)."""
    return await conn.fetchrow(
        f"SELECT {RECEIPT_COLUMNS} FROM donation_receipts r WHERE r.id = $1", receipt_id
    )


async def list_receipts(
    conn: Connection, campaign_id: UUID, *, limit: int, offset: int
) -> tuple[list[asyncpg.Record], int]:
    """Receipts of a campaign (already found in scope), newest first."""
    filters = Filters.within("r.campaign_id", campaign_id)
    order = "r.received_on DESC, r.id"
    return await page(conn, "donation_receipts r", filters, RECEIPT_COLUMNS, order, limit, offset)
