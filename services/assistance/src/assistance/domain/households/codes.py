"""The codes of hardship files, as the integration contracts spell them.

Kept here (not imported from the contracts) so the domain stays free of the platform's
messaging; ``tests/unit/test_codes.py`` checks the two agree.
"""

from __future__ import annotations

from typing import Literal, get_args

from assistance.domain.errors import InvalidValue

HardshipLevel = Literal["deep", "relative", "accident"]
"""深度困难, 相对困难, 意外致困."""
HardshipCause = Literal[
    "illness", "disability", "child_education", "unemployment", "accident", "low_income", "other"
]
"""疾病, 残疾, 子女就学, 下岗失业, 意外事故, 低收入, 其他."""
ExitReason = Literal["income_improved", "reemployed", "recovered", "other"]
CancellationReason = Literal["ineligible", "duplicate", "deceased", "moved_away", "other"]
ReviewFlag = Literal["head_left_union", "head_retained", "not_reviewed_12_months"]
RelocationReason = Literal["head_transferred", "reassigned"]
Relation = Literal["spouse", "child", "parent", "sibling", "grandparent", "grandchild", "other"]
"""配偶, 子女, 父母, 兄弟姐妹, (外)祖父母, (外)孙子女, 其他."""
HouseholdStatus = Literal["draft", "submitted", "returned", "filed", "exited", "cancelled"]
"""草稿, 待审核, 退回补充, 在档, 解困脱困, 已注销."""

HARDSHIP_LEVELS: tuple[str, ...] = get_args(HardshipLevel)
HARDSHIP_CAUSES: tuple[str, ...] = get_args(HardshipCause)
OPEN_STATUSES: frozenset[str] = frozenset({"draft", "submitted", "returned", "filed"})
"""A file in one of these is active: its people cannot be on another file."""
EDITABLE_STATUSES: frozenset[str] = frozenset({"draft", "returned"})
STATUS_LABELS: dict[str, str] = {
    "draft": "草稿",
    "submitted": "待审核",
    "returned": "退回补充",
    "filed": "在档",
    "exited": "已解困脱困",
    "cancelled": "已注销",
}
EXIT_REASONS: tuple[str, ...] = get_args(ExitReason)
CANCELLATION_REASONS: tuple[str, ...] = get_args(CancellationReason)


def parse_code(value: str, allowed: tuple[str, ...], *, field: str, label: str) -> str:
    """A code from ``allowed``, or an error naming ``field``.

    Raises:
        InvalidValue: the code is not one of ``allowed``.
    """
    if value not in allowed:
        raise InvalidValue(f"{label}代码无效，应为：{'、'.join(allowed)}", field=field)
    return value
