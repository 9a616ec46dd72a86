"""Giving in the service layer: donation campaigns (募捐) and mutual medical insurance
(职工互助医疗保障).

The area's one registration point: the handlers, translators and repositories the
service-wide tables take from it (see ``service_layer.areas``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from assistance.service_layer.giving import commands as c
from assistance.service_layer.giving import donations, insurance
from assistance.service_layer.giving.ports import REPOSITORIES
from assistance.service_layer.giving.ports import GivingRepositories as Repositories
from assistance.service_layer.giving.translation import TRANSLATORS

if TYPE_CHECKING:
    from assistance.service_layer.commands import Command, Handler

HANDLERS: dict[type[Command], Handler] = {
    c.OpenDonationCampaign: donations.open_campaign,
    c.RecordDonation: donations.record_donation,
    c.EnrolInsurance: insurance.enrol_member,
    c.PayInsuranceClaim: insurance.pay_claim,
}

__all__ = ["HANDLERS", "REPOSITORIES", "TRANSLATORS", "Repositories"]
