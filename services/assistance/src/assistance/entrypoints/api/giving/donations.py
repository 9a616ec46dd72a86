"""募捐 donation campaigns and receipts, with campaign totals.

The donor's name is optional and kept encrypted; only officers and city administrators see it.
"""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import Annotated
from uuid import UUID, uuid4

import asyncpg
from fastapi import APIRouter, Response
from pydantic import ConfigDict, Field
from shared.adapters import Connection
from shared.http.fields import JSON_INTEGER, ApiModel, BusinessDate
from shared.http.pagination import Page, PageDep
from shared.http.problems import not_found
from shared.pii import PiiCipher, mask_name

from assistance.adapters.giving import donation_views as views
from assistance.domain.giving.codes import DonorKind
from assistance.entrypoints.api.deps import (
    Commanding,
    ContainerDep,
    Reader,
    may_see_notes,
    scope_path,
)
from assistance.service_layer.commands import CommandResult
from assistance.service_layer.giving import commands as c

router = APIRouter(prefix="/api/v1/donation-campaigns", tags=["募捐 donations"])
PositiveFen = Annotated[int, Field(gt=0, description="金额（分，正整数）"), JSON_INTEGER]


class CampaignIn(ApiModel):
    model_config = ConfigDict(extra="forbid")

    org_id: UUID = Field(description="发起组织")
    name: str = Field(max_length=100, description="活动名称（公开）")
    opens_on: BusinessDate = Field(description="开始日期")
    closes_on: BusinessDate | None = Field(default=None, description="结束日期")
    target_fen: Annotated[int, Field(ge=0), JSON_INTEGER] | None = Field(
        default=None, description="目标金额（分）"
    )


class CampaignOut(ApiModel):
    id: UUID
    org_id: UUID
    name: str
    opens_on: date
    closes_on: date | None
    target_fen: int | None
    created_by: str
    received_fen: int = Field(description="已收捐款合计（分）")
    receipts: int = Field(description="捐款笔数")
    by_donor_kind: dict[str, int] | None = Field(default=None, description="按捐赠方类别合计")


class ReceiptIn(ApiModel):
    model_config = ConfigDict(extra="forbid")

    amount_fen: PositiveFen
    donor_kind: DonorKind = Field(description="捐赠方类别：个人、单位、工会、其他")
    received_on: BusinessDate = Field(description="收款日期")
    donor_name: str | None = Field(default=None, max_length=100, description="捐赠人（加密保存）")


class ReceiptOut(ApiModel):
    id: UUID
    campaign_id: UUID
    org_id: UUID
    amount_fen: int
    donor_kind: str
    donor_name: str | None = Field(description="捐赠人（仅帮扶干部与管理员可见，否则隐去）")
    received_on: date
    recorded_by: str


def receipt_out(row: asyncpg.Record, cipher: PiiCipher, *, reveal: bool) -> ReceiptOut:
    sealed = row["donor_name_cipher"]
    name = cipher.decrypt(sealed) if sealed else None
    fields = {k: v for k, v in dict(row).items() if k != "donor_name_cipher"}
    return ReceiptOut(**fields, donor_name=name if reveal or not name else mask_name(name))


@router.post("", status_code=201, response_model=CampaignOut)
async def open_campaign(body: CampaignIn, command: Commanding) -> Response:
    """发起募捐活动: open a donation campaign."""
    campaign_id = uuid4()

    make = partial(
        c.OpenDonationCampaign,
        campaign_id=campaign_id,
        created_by=command.principal.subject,
        **body.model_dump(),
    )

    async def render(conn: Connection, result: CommandResult) -> CampaignOut | None:
        row = await views.campaign(conn, "/", result.aggregate_id)
        return CampaignOut(**dict(row)) if row else None

    return await command.run(
        make,
        render,
        status=201,
        location="/api/v1/donation-campaigns/{id}",
    )


@router.get("", response_model=Page[CampaignOut])
async def list_campaigns(
    principal: Reader, container: ContainerDep, paging: PageDep, org_id: UUID | None = None
) -> Page[CampaignOut]:
    """List campaigns in the caller's subtree with what each received."""
    async with container.pool.acquire() as conn:
        rows, total = await views.list_campaigns(
            conn, await scope_path(conn, principal), org_id=org_id,
            limit=paging.limit, offset=paging.offset,
        )  # fmt: skip
    return paging.page([CampaignOut(**dict(row)) for row in rows], total)


@router.get("/{campaign_id}", response_model=CampaignOut)
async def get_campaign(
    campaign_id: UUID, principal: Reader, container: ContainerDep
) -> CampaignOut:
    """One campaign: total received, number of receipts, amounts per kind of donor."""
    async with container.pool.acquire() as conn:
        row = await views.campaign(conn, await scope_path(conn, principal), campaign_id)
        if row is None:
            raise not_found("募捐活动")
        by_kind = await views.by_donor_kind(conn, campaign_id)
    return CampaignOut(**dict(row), by_donor_kind=by_kind)


@router.post("/{campaign_id}/receipts", status_code=201, response_model=ReceiptOut)
async def record_donation(campaign_id: UUID, body: ReceiptIn, command: Commanding) -> Response:
    """登记捐款: record a donation received by the campaign."""
    receipt_id = uuid4()

    make = partial(
        c.RecordDonation,
        campaign_id=campaign_id,
        receipt_id=receipt_id,
        recorded_by=command.principal.subject,
        **body.model_dump(),
    )

    async def render(conn: Connection, result: CommandResult) -> ReceiptOut | None:
        row = await views.receipt(conn, result.aggregate_id)
        return receipt_out(row, command.container.cipher, reveal=True) if row else None

    return await command.run(make, render, status=201)


@router.get("/{campaign_id}/receipts", response_model=Page[ReceiptOut])
async def list_receipts(
    campaign_id: UUID, principal: Reader, container: ContainerDep, paging: PageDep
) -> Page[ReceiptOut]:
    """Receipts of a campaign, newest first (donor names masked for auditors)."""
    async with container.pool.acquire() as conn:
        if await views.campaign(conn, await scope_path(conn, principal), campaign_id) is None:
            raise not_found("募捐活动")
        rows, total = await views.list_receipts(
            conn, campaign_id, limit=paging.limit, offset=paging.offset
        )
    reveal = may_see_notes(principal)
    return paging.page([receipt_out(r, container.cipher, reveal=reveal) for r in rows], total)
