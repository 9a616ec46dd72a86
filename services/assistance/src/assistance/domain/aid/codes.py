"""The codes of aid programmes, approvals and payments, as the integration contracts spell
them (``tests/unit/test_aid_codes.py`` checks the two agree)."""

from __future__ import annotations

from typing import Literal, get_args

Programme = Literal[
    "festival_consolation", "student_aid", "medical_aid", "emergency_relief", "summer_relief"
]
"""元旦春节送温暖, 金秋助学 (filed under the parent), 大病/医疗救助, 临时/应急救助, 夏送清凉."""
ApprovalStep = Literal["grassroots_opinion", "review", "approval"]
"""基层工会意见 → 街道/区审核 → 审批."""
RejectionReason = Literal[
    "ineligible", "insufficient_documents", "duplicate", "budget_exhausted", "other"
]
PaymentMethod = Literal["cash", "bank_transfer", "in_kind"]
"""现金, 银行转账, 实物."""

PROGRAMMES: tuple[str, ...] = get_args(Programme)
APPROVAL_STEPS: tuple[str, ...] = get_args(ApprovalStep)
REJECTION_REASONS: tuple[str, ...] = get_args(RejectionReason)
PAYMENT_METHODS: tuple[str, ...] = get_args(PaymentMethod)

PROGRAMME_LABELS: dict[str, str] = {
    "festival_consolation": "元旦春节送温暖",
    "student_aid": "金秋助学",
    "medical_aid": "大病/医疗救助",
    "emergency_relief": "临时/应急救助",
    "summer_relief": "夏送清凉",
}
STEP_LABELS: dict[str, str] = {
    "grassroots_opinion": "基层工会意见",
    "review": "街道/区审核",
    "approval": "审批",
}

REVIEWING_KINDS: frozenset[str] = frozenset(
    {"street_federation", "district_federation", "city_federation"}
)
"""Organisation kinds (replica ``kind``) whose assistance officers review applications."""
