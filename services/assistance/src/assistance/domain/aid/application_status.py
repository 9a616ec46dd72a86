"""What an application is for and where it stands: its applicant, statuses and rejection."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal
from uuid import UUID

from assistance.domain.aid.codes import ApprovalStep, RejectionReason

ApplicationStatus = Literal["submitted", "supported", "reviewed", "approved", "rejected"]
STATUS_LABELS: dict[str, str] = {
    "submitted": "待基层工会意见",
    "supported": "待街道/区审核",
    "reviewed": "待审批",
    "approved": "已审批",
    "rejected": "未通过",
}
NEXT_STEP: dict[str, ApprovalStep] = {
    "submitted": "grassroots_opinion",
    "supported": "review",
    "reviewed": "approval",
}


@dataclass(frozen=True)
class Applicant:
    """Whom the aid is for: a household on file and/or a member (student aid: the parent)."""

    org_id: UUID
    household_id: UUID | None
    member_id: UUID | None
    employer_id: UUID | None


@dataclass(frozen=True)
class Rejection:
    """Why an application ended: the step, a reason code, who, when, and a sealed note."""

    step: ApprovalStep
    reason: RejectionReason
    by: str
    on: date
    note_cipher: bytes | None = field(default=None, repr=False)
