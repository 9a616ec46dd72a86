"""The dispute steps of a member timeline: their Chinese labels and who may see them.

Dispute files are as sensitive as hardship files: a member's cases are shown only to city
administrators, mediators and auditors; for every other role they do not exist, not even to
decide whether the member is in scope (as hardship entries are kept from those not entitled).
"""

from __future__ import annotations

from shared.auth import Role

from reporting.adapters.queries.dispute_timeline import DISPUTES_EVENT_PREFIX
from reporting.adapters.queries.timeline import TimelineEntry

DISPUTE_ROLES = (Role.CITY_ADMIN, Role.MEDIATOR, Role.AUDITOR)
"""Who sees the dispute entries of a timeline."""
__all__ = ["DISPUTES_EVENT_PREFIX", "DISPUTE_LABELS", "DISPUTE_ROLES", "dispute_label"]

DISPUTE_LABELS = {
    "disputes.case.received": "劳动争议登记",
    "disputes.case.accepted": "劳动争议受理",
    "disputes.case.declined": "劳动争议不予受理",
    "disputes.case.settled": "调解成功",
    "disputes.case.failed": "调解不成",
    "disputes.case.referred": "转仲裁/诉讼",
    "disputes.case.arbitration_decided": "仲裁结果",
    "disputes.case.withdrawn": "撤回调解申请",
    "disputes.case.closed": "劳动争议办结",
}
_REFERRAL_LABELS = {"arbitration": "转仲裁", "court": "转诉讼"}


def dispute_label(entry: TimelineEntry) -> str | None:
    """The Chinese name of a dispute step (a referral says where to); None for other events."""
    if entry.event_type == "disputes.case.referred":
        target = str(entry.summary.get("target"))
        return _REFERRAL_LABELS.get(target, DISPUTE_LABELS[entry.event_type])
    return DISPUTE_LABELS.get(entry.event_type)
