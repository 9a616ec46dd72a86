"""The hand-off record of a membership transfer (会籍接转: 一次入会、动态接转)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from uuid import UUID


class TransferReason(StrEnum):
    JOB_CHANGE = "job_change"  # 工作变动
    EMPLOYER_RESTRUCTURED = "employer_restructured"  # 单位改制、合并、分立
    RELOCATION = "relocation"  # 居住地变更
    OTHER = "other"


@dataclass(frozen=True)
class Transfer:
    """Who moved the membership of ``member_id`` from one union to the other, when and why.

    ``note`` is free text for the cadres and never leaves the service; ``handled_by`` is the
    acting principal's subject (a pseudonymous user id).
    """

    id: UUID
    member_id: UUID
    from_union_id: UUID
    to_union_id: UUID
    effective_on: date
    reason: TransferReason
    handled_by: str
    new_employer_id: UUID | None = None
    note: str | None = field(default=None, repr=False)
