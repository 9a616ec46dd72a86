"""Handlers of donation campaigns and receipts (募捐)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from shared.seedwork import NotFound, clean_text

from assistance.domain.giving.donation import DonationCampaign
from assistance.service_layer.commands import CommandResult
from assistance.service_layer.giving import commands as c
from assistance.service_layer.scope import organisation_in_scope

if TYPE_CHECKING:
    # Annotations only: the unit of work is built from the areas, which import this module.
    from assistance.service_layer.ports import AbstractUnitOfWork

MAX_DONOR_NAME_LENGTH = 100


async def open_campaign(cmd: c.OpenDonationCampaign, uow: AbstractUnitOfWork) -> CommandResult:
    async with uow:
        await organisation_in_scope(uow, cmd.org_id, cmd.scope_root, field="org_id")
        campaign = DonationCampaign.open(
            campaign_id=cmd.campaign_id,
            org_id=cmd.org_id,
            name=cmd.name,
            opens_on=cmd.opens_on,
            closes_on=cmd.closes_on,
            target_fen=cmd.target_fen,
            created_by=cmd.created_by,
        )
        await uow.donation_campaigns.add(campaign)
        await uow.commit()
    return CommandResult(campaign.id, campaign.version)


async def record_donation(cmd: c.RecordDonation, uow: AbstractUnitOfWork) -> CommandResult:
    async with uow:
        campaign = await uow.donation_campaigns.get(cmd.campaign_id)
        if campaign is None or not await uow.replica.is_within(campaign.org_id, cmd.scope_root):
            raise NotFound("募捐活动不存在", field="campaign_id")
        sealed = None
        if cmd.donor_name is not None and cmd.donor_name.strip():
            name = clean_text(
                cmd.donor_name, field="donor_name", label="捐赠人", max_length=MAX_DONOR_NAME_LENGTH
            )
            sealed = uow.protector.encrypt(name)
        receipt = campaign.receive(
            receipt_id=cmd.receipt_id,
            amount_fen=cmd.amount_fen,
            donor_kind=cmd.donor_kind,
            donor_name_cipher=sealed,
            received_on=cmd.received_on,
            recorded_by=cmd.recorded_by,
            today=uow.today(),
        )
        await uow.donation_receipts.add(receipt)
        await uow.commit()
    return CommandResult(receipt.id, receipt.version)
