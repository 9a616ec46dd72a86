"""What an application is for and where it stands: its applicant, statuses and rejection."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from uuid import UUID

from assistance.domain.aid.codes import ApprovalStep, RejectionReason


class ApplicationStatus(StrEnum):
    SUBMITTED = "submitted"
    SUPPORTED = "supported"
    REVIEWED = "reviewed"
    APPROVED = "approved"
    REJECTED = "rejected"

    @property
    def label(self) -> str:
        """The Chinese name of the status."""
        return STATUS_LABELS[self]


STATUS_LABELS: dict[ApplicationStatus, str] = {
    ApplicationStatus.SUBMITTED: "待基层工会意见",
    ApplicationStatus.SUPPORTED: "待街道/区审核",
    ApplicationStatus.REVIEWED: "待审批",
    ApplicationStatus.APPROVED: "已审批",
    ApplicationStatus.REJECTED: "未通过",
}
NEXT_STEP: dict[ApplicationStatus, ApprovalStep] = {
    ApplicationStatus.SUBMITTED: ApprovalStep.GRASSROOTS_OPINION,
    ApplicationStatus.SUPPORTED: ApprovalStep.REVIEW,
    ApplicationStatus.REVIEWED: ApprovalStep.APPROVAL,
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
