"""募捐: donation campaigns and their receipts.

A campaign has a public title, an organisation, dates and an optional target. A receipt records
an amount and the kind of donor; the donor's name, when given, is kept sealed and never
published (events carry the amount and the donor kind only).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from uuid import UUID

from shared.seedwork import Aggregate, InvalidValue, RecordedEvent, clean_text

from assistance.domain.amounts import ensure_amount, ensure_not_future
from assistance.domain.giving.codes import DONOR_KINDS, DonorKind
from assistance.domain.giving.events import DonationCampaignOpened, DonationReceived

MAX_TITLE_LENGTH = 100


@dataclass(eq=False)
class DonationReceipt(Aggregate):
    """One donation received; written once."""

    id: UUID
    campaign_id: UUID
    org_id: UUID
    amount_fen: int
    donor_kind: DonorKind
    received_on: date
    recorded_by: str
    donor_name_cipher: bytes | None = field(default=None, repr=False)
    version: int = 0
    events: list[RecordedEvent] = field(default_factory=list)


@dataclass(eq=False)
class DonationCampaign(Aggregate):
    """A campaign (募捐活动); receipts are counted toward its organisation."""

    id: UUID
    org_id: UUID
    name: str
    opens_on: date
    closes_on: date | None
    target_fen: int | None
    created_by: str
    version: int = 0
    events: list[RecordedEvent] = field(default_factory=list)

    @classmethod
    def open(
        cls,
        *,
        campaign_id: UUID,
        org_id: UUID,
        name: str,
        opens_on: date,
        closes_on: date | None,
        target_fen: int | None,
        created_by: str,
    ) -> DonationCampaign:
        """Open a campaign.

        Raises:
            InvalidValue: an empty or long title, a closing date before the opening, a negative
                or fractional target.
        """
        title = clean_text(name, field="name", label="募捐活动名称", max_length=MAX_TITLE_LENGTH)
        if closes_on is not None and closes_on < opens_on:
            raise InvalidValue("结束日期不能早于开始日期", field="closes_on")
        if target_fen is not None:
            ensure_amount(target_fen, field="target_fen", label="目标金额", zero_ok=True)
        campaign = cls(campaign_id, org_id, title, opens_on, closes_on, target_fen, created_by)
        campaign._record(
            DonationCampaignOpened(
                campaign_id=campaign_id,
                org_id=org_id,
                name=title,
                opens_on=opens_on,
                closes_on=closes_on,
                target_fen=target_fen,
            )
        )
        return campaign

    def receive(
        self,
        *,
        receipt_id: UUID,
        amount_fen: int,
        donor_kind: str,
        donor_name_cipher: bytes | None,
        received_on: date,
        recorded_by: str,
        today: date,
    ) -> DonationReceipt:
        """Record a donation to this campaign.

        Raises:
            InvalidValue: a non-positive or fractional amount, an unknown donor kind, a date in
                the future or outside the campaign's dates.
        """
        ensure_amount(amount_fen, field="amount_fen", label="捐款金额")
        if donor_kind not in DONOR_KINDS:
            raise InvalidValue("捐赠方类别代码无效：" + "、".join(DONOR_KINDS), field="donor_kind")
        ensure_not_future(received_on, today=today, field="received_on", label="收款日期")
        if received_on < self.opens_on or (self.closes_on and received_on > self.closes_on):
            raise InvalidValue("收款日期不在募捐活动期间内", field="received_on")
        kind = DonorKind(donor_kind)
        receipt = DonationReceipt(
            id=receipt_id,
            campaign_id=self.id,
            org_id=self.org_id,
            amount_fen=amount_fen,
            donor_kind=kind,
            received_on=received_on,
            recorded_by=recorded_by,
            donor_name_cipher=donor_name_cipher,
        )
        receipt._record(
            DonationReceived(
                receipt_id=receipt_id,
                campaign_id=self.id,
                org_id=self.org_id,
                amount_fen=amount_fen,
                donor_kind=kind,
                received_on=received_on,
            )
        )
        return receipt
