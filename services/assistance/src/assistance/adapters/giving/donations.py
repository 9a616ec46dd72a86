"""Donation campaigns and receipts in SQL: written once (the donor name as a ciphertext)."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from shared.adapters import Connection, insert_many
from shared.tracking import Changed

from assistance.adapters.giving.constraints import CONFLICT_RULES
from assistance.domain.giving.donation import DonationCampaign, DonationReceipt
from assistance.service_layer.giving.ports import (
    DonationCampaignRepository,
    DonationReceiptRepository,
)

CAMPAIGN_COLUMNS = "id, org_id, name, opens_on, closes_on, target_fen, created_by, version"
RECEIPT_COLUMNS = (
    "id, campaign_id, org_id, amount_fen, donor_kind, received_on, recorded_by, "
    "donor_name_cipher, version"
)


def _placeholders(count: int) -> str:
    return ", ".join(f"${i}" for i in range(1, count + 1))


class SqlDonationCampaignRepository(DonationCampaignRepository):
    def __init__(self, conn: Connection) -> None:
        super().__init__()
        self._conn = conn

    async def _get(self, aggregate_id: UUID) -> DonationCampaign | None:
        row = await self._conn.fetchrow(
            f"SELECT {CAMPAIGN_COLUMNS} FROM donation_campaigns WHERE id = $1", aggregate_id
        )
        return DonationCampaign(**dict(row)) if row else None

    async def _persist(
        self, added: Sequence[DonationCampaign], changed: Sequence[Changed[DonationCampaign]]
    ) -> None:
        if changed:
            raise ValueError("campaigns are not changed once opened")
        rows = [
            (c.id, c.org_id, c.name, c.opens_on, c.closes_on, c.target_fen, c.created_by, c.version)
            for c in added
        ]
        sql = f"INSERT INTO donation_campaigns ({CAMPAIGN_COLUMNS}) VALUES ({_placeholders(8)})"
        await insert_many(self._conn, sql, rows, "募捐活动", CONFLICT_RULES)


class SqlDonationReceiptRepository(DonationReceiptRepository):
    def __init__(self, conn: Connection) -> None:
        super().__init__()
        self._conn = conn

    async def _get(self, aggregate_id: UUID) -> DonationReceipt | None:
        row = await self._conn.fetchrow(
            f"SELECT {RECEIPT_COLUMNS} FROM donation_receipts WHERE id = $1", aggregate_id
        )
        return DonationReceipt(**dict(row)) if row else None

    async def _persist(
        self, added: Sequence[DonationReceipt], changed: Sequence[Changed[DonationReceipt]]
    ) -> None:
        if changed:
            raise ValueError("receipts are never changed once recorded")
        rows = [
            (
                r.id,
                r.campaign_id,
                r.org_id,
                r.amount_fen,
                r.donor_kind,
                r.received_on,
                r.recorded_by,
                r.donor_name_cipher,
                r.version,
            )
            for r in added
        ]
        sql = f"INSERT INTO donation_receipts ({RECEIPT_COLUMNS}) VALUES ({_placeholders(9)})"
        await insert_many(self._conn, sql, rows, "捐款记录", CONFLICT_RULES)
