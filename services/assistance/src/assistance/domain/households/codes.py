"""The codes of hardship files, as the integration contracts spell them.

Kept here (not imported from the contracts) so the domain stays free of the platform's
messaging; ``tests/unit/test_codes.py`` checks the two agree. Each code is a ``StrEnum``: its
values are the strings of the API, the database and the events.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TypeVar

from shared.seedwork import InvalidValue


class HardshipLevel(StrEnum):
    DEEP = "deep"  # 深度困难
    RELATIVE = "relative"  # 相对困难
    ACCIDENT = "accident"  # 意外致困


class HardshipCause(StrEnum):
    ILLNESS = "illness"  # 疾病
    DISABILITY = "disability"  # 残疾
    CHILD_EDUCATION = "child_education"  # 子女就学
    UNEMPLOYMENT = "unemployment"  # 下岗失业
    ACCIDENT = "accident"  # 意外事故
    LOW_INCOME = "low_income"  # 低收入
    OTHER = "other"  # 其他


class ExitReason(StrEnum):
    INCOME_IMPROVED = "income_improved"
    REEMPLOYED = "reemployed"
    RECOVERED = "recovered"
    OTHER = "other"


class CancellationReason(StrEnum):
    INELIGIBLE = "ineligible"
    DUPLICATE = "duplicate"
    DECEASED = "deceased"
    MOVED_AWAY = "moved_away"
    OTHER = "other"


class ReviewFlag(StrEnum):
    HEAD_LEFT_UNION = "head_left_union"
    HEAD_RETAINED = "head_retained"
    NOT_REVIEWED_12_MONTHS = "not_reviewed_12_months"
    DISPUTE_CONCLUDED = "dispute_concluded"  # 户主的欠薪或工伤争议结案（调解成功、不成或仲裁）
    REEMPLOYED = "reemployed"  # 户主实现就业/再就业


class RelocationReason(StrEnum):
    HEAD_TRANSFERRED = "head_transferred"
    REASSIGNED = "reassigned"


class Relation(StrEnum):
    SPOUSE = "spouse"  # 配偶
    CHILD = "child"  # 子女
    PARENT = "parent"  # 父母
    SIBLING = "sibling"  # 兄弟姐妹
    GRANDPARENT = "grandparent"  # (外)祖父母
    GRANDCHILD = "grandchild"  # (外)孙子女
    OTHER = "other"  # 其他


class HouseholdStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    FILED = "filed"
    EXITED = "exited"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        """The Chinese name of the status."""
        return STATUS_LABELS[self]


STATUS_LABELS: dict[HouseholdStatus, str] = {
    HouseholdStatus.DRAFT: "草稿",
    HouseholdStatus.SUBMITTED: "待审核",
    HouseholdStatus.RETURNED: "退回补充",
    HouseholdStatus.FILED: "在档",
    HouseholdStatus.EXITED: "已解困脱困",
    HouseholdStatus.CANCELLED: "已注销",
}
OPEN_STATUSES: frozenset[HouseholdStatus] = frozenset(
    {
        HouseholdStatus.DRAFT,
        HouseholdStatus.SUBMITTED,
        HouseholdStatus.RETURNED,
        HouseholdStatus.FILED,
    }
)
"""A file in one of these is active: its people cannot be on another file."""
EDITABLE_STATUSES: frozenset[HouseholdStatus] = frozenset(
    {HouseholdStatus.DRAFT, HouseholdStatus.RETURNED}
)

HARDSHIP_LEVELS: tuple[HardshipLevel, ...] = tuple(HardshipLevel)
HARDSHIP_CAUSES: tuple[HardshipCause, ...] = tuple(HardshipCause)
EXIT_REASONS: tuple[ExitReason, ...] = tuple(ExitReason)
CANCELLATION_REASONS: tuple[CancellationReason, ...] = tuple(CancellationReason)

Code = TypeVar("Code", bound=StrEnum)


def parse_code(value: str, codes: type[Code], *, field: str, label: str) -> Code:
    """The code of ``codes`` spelled ``value``, or an error naming ``field``.

    Raises:
        InvalidValue: ``value`` is none of the codes.
    """
    allowed = tuple(codes)
    if value not in allowed:
        raise InvalidValue(f"{label}代码无效，应为：{'、'.join(allowed)}", field=field)
    return codes(value)
