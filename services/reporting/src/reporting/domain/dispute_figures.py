"""The labour-dispute mediation indicators of one organisation (with its subtree) for one period.

Flows count each fact in the period its business date falls in, where the tree stood that
day: 接待来访 (contacts logged), 受理 (cases accepted) with the workers, 农民工, collective
disputes and amounts claimed of those cases, 办结 (accepted cases closed), 调解成功 (cases
settled), 调解不成, 转仲裁/转诉讼, 法律援助 (granted), 追回金额 (recovered). The overdue cases
are a stock: accepted by the stock date, not closed by it, their due date passed. 延期次数
counts the extensions of the mediation limit dated in the period, by reason (延期理由). Money is
integer fen; rates are percentages with one decimal, undefined (None) when the denominator
is 0.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from uuid import UUID

from reporting.domain.figures import rate

CHANNEL_LABELS = {
    "visit": "来访",
    "phone": "电话",
    "online": "网上",
    "letter": "信件",
    "referred_by_superior": "上级转办",
}
CATEGORY_LABELS = {
    "labour_contract": "劳动合同",
    "wages": "劳动报酬/欠薪",
    "work_injury": "工伤",
    "social_insurance": "社会保险",
    "dismissal": "解除终止",
    "other": "其他",
}
TARGET_LABELS = {"arbitration": "转仲裁", "court": "转诉讼"}
# The disputes service's wording; unknown only for extensions published before v2 asked why.
EXTENSION_REASON_LABELS = {
    "further_investigation": "案情复杂需进一步调查",
    "party_request": "当事人申请",
    "awaiting_evidence": "等待鉴定或证据",
    "settlement_near": "协商中即将达成协议",
    "other": "其他",
    "unknown": "未记录",
}
STAGE_LABELS = {"arbitration": "仲裁", "first_instance": "一审", "second_instance": "二审"}
CHANNELS = tuple(CHANNEL_LABELS)
CATEGORIES = tuple(CATEGORY_LABELS)
TARGETS = tuple(TARGET_LABELS)
STAGES = tuple(STAGE_LABELS)
EXTENSION_REASONS = tuple(EXTENSION_REASON_LABELS)


def _zeros(keys: tuple[str, ...]) -> dict[str, int]:
    return dict.fromkeys(keys, 0)


@dataclass(frozen=True)
class ContactFigures:
    """接待来访: contacts logged in the period, by channel."""

    by_channel: dict[str, int] = field(default_factory=lambda: _zeros(CHANNELS))
    workers: int = 0

    @property
    def contacts(self) -> int:
        """All contacts, every channel."""
        return sum(self.by_channel.values())


@dataclass(frozen=True)
class CaseFigures:
    """受理: cases accepted in the period by category, and what those cases involve."""

    by_category: dict[str, int] = field(default_factory=lambda: _zeros(CATEGORIES))
    workers: int = 0
    migrant_workers: int = 0
    collective: int = 0
    claimed_fen: int = 0
    received: int = 0
    declined: int = 0
    withdrawn: int = 0

    @property
    def accepted(self) -> int:
        """受理案件: every category."""
        return sum(self.by_category.values())


@dataclass(frozen=True)
class OutcomeFigures:
    """Accepted cases closed (办结), settled (调解成功), failed and referred in the period."""

    closed: int = 0
    settled: int = 0
    failed: int = 0
    agreed_fen: int = 0
    referred: dict[str, int] = field(default_factory=lambda: _zeros(TARGETS))
    legal_aid: dict[str, int] = field(default_factory=lambda: _zeros(STAGES))
    recovered_fen: int = 0

    @property
    def legal_aid_granted(self) -> int:
        """法律援助: grants of every stage."""
        return sum(self.legal_aid.values())


@dataclass(frozen=True)
class OverdueFigures:
    """逾期: cases open past their due date on the stock date; overdue notices in the period."""

    open_overdue: int = 0
    notices: int = 0


@dataclass(frozen=True)
class ExtensionFigures:
    """延期次数按理由: extensions of the mediation limit dated in the period, by reason code."""

    by_reason: dict[str, int] = field(default_factory=lambda: _zeros(EXTENSION_REASONS))

    @property
    def extensions(self) -> int:
        """延期次数: every reason."""
        return sum(self.by_reason.values())


@dataclass(frozen=True)
class DisputeFigures:
    """One organisation's mediation report: flows from ``date_from`` to ``stock_date``."""

    org_id: UUID
    name: str | None
    date_from: date
    stock_date: date
    contacts: ContactFigures
    cases: CaseFigures
    outcomes: OutcomeFigures
    overdue: OverdueFigures
    extensions: ExtensionFigures = field(default_factory=ExtensionFigures)

    @property
    def closure_rate(self) -> Decimal | None:
        """办结率: accepted cases closed ÷ cases accepted, in the period."""
        return rate(self.outcomes.closed, self.cases.accepted)

    @property
    def settlement_rate(self) -> Decimal | None:
        """调解成功率: cases settled ÷ cases closed, in the period."""
        return rate(self.outcomes.settled, self.outcomes.closed)
