"""The codes of aid programmes, approvals and payments, as the integration contracts spell
them (``tests/unit/test_aid_codes.py`` checks the two agree). Each code is a ``StrEnum``: its
values are the strings of the API, the database and the events."""

from __future__ import annotations

from enum import StrEnum


class Programme(StrEnum):
    FESTIVAL_CONSOLATION = "festival_consolation"
    STUDENT_AID = "student_aid"  # filed under the parent
    MEDICAL_AID = "medical_aid"
    EMERGENCY_RELIEF = "emergency_relief"
    SUMMER_RELIEF = "summer_relief"

    @property
    def label(self) -> str:
        """The Chinese name of the programme."""
        return PROGRAMME_LABELS[self]


class ApprovalStep(StrEnum):
    """基层工会意见 → 街道/区审核 → 审批."""

    GRASSROOTS_OPINION = "grassroots_opinion"
    REVIEW = "review"
    APPROVAL = "approval"

    @property
    def label(self) -> str:
        """The Chinese name of the step."""
        return STEP_LABELS[self]


class RejectionReason(StrEnum):
    INELIGIBLE = "ineligible"
    INSUFFICIENT_DOCUMENTS = "insufficient_documents"
    DUPLICATE = "duplicate"
    BUDGET_EXHAUSTED = "budget_exhausted"
    OTHER = "other"


class PaymentMethod(StrEnum):
    CASH = "cash"
    BANK_TRANSFER = "bank_transfer"
    IN_KIND = "in_kind"

    @property
    def label(self) -> str:
        """The Chinese name of the method."""
        return METHOD_LABELS[self]


PROGRAMME_LABELS: dict[Programme, str] = {
    Programme.FESTIVAL_CONSOLATION: "元旦春节送温暖",
    Programme.STUDENT_AID: "金秋助学",
    Programme.MEDICAL_AID: "大病/医疗救助",
    Programme.EMERGENCY_RELIEF: "临时/应急救助",
    Programme.SUMMER_RELIEF: "夏送清凉",
}
STEP_LABELS: dict[ApprovalStep, str] = {
    ApprovalStep.GRASSROOTS_OPINION: "基层工会意见",
    ApprovalStep.REVIEW: "街道/区审核",
    ApprovalStep.APPROVAL: "审批",
}
METHOD_LABELS: dict[PaymentMethod, str] = {
    PaymentMethod.CASH: "现金",
    PaymentMethod.BANK_TRANSFER: "银行转账",
    PaymentMethod.IN_KIND: "实物",
}

PROGRAMMES: tuple[Programme, ...] = tuple(Programme)
APPROVAL_STEPS: tuple[ApprovalStep, ...] = tuple(ApprovalStep)
REJECTION_REASONS: tuple[RejectionReason, ...] = tuple(RejectionReason)
PAYMENT_METHODS: tuple[PaymentMethod, ...] = tuple(PaymentMethod)

REVIEWING_KINDS: frozenset[str] = frozenset(
    {"street_federation", "district_federation", "city_federation"}
)
"""Organisation kinds (replica ``kind``) whose assistance officers review applications."""
