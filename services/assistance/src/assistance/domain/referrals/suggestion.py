"""建档建议: a suggestion to open a hardship file for a member who has none.

A member's wage-arrears (欠薪) or work-injury (工伤) dispute ended — settled, failed or decided
by arbitration — and no open file is headed by them: an assistance officer should look at the
member's situation. The suggestion waits (``pending``) until a file is opened for the member
(``opened``) or an officer dismisses it (``dismissed``). It holds pseudonymous ids, the
dispute's category and how it ended: nothing assistance did not already receive.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from uuid import UUID

from shared.seedwork import Aggregate, InvalidTransition, RecordedEvent

_SUGGESTION_IDS = uuid.UUID("4d1c7a52-5b0e-4f4e-9a35-3f8e2c61b7d0")


class SuggestionStatus(StrEnum):
    PENDING = "pending"  # 待处理
    OPENED = "opened"  # 已建档
    DISMISSED = "dismissed"  # 已忽略


class DisputeCategory(StrEnum):
    """The dispute categories that refer a worker to assistance."""

    WAGES = "wages"  # 劳动报酬/欠薪
    WORK_INJURY = "work_injury"  # 工伤


class CaseEnding(StrEnum):
    """How the dispute ended."""

    SETTLED = "settled"  # 调解成功
    FAILED = "failed"  # 调解不成
    ARBITRATION_DECIDED = "arbitration_decided"  # 仲裁结果


def suggestion_id(case_id: UUID, member_id: UUID) -> UUID:
    """One suggestion per case and member: a case's later outcome adds none."""
    return uuid.uuid5(_SUGGESTION_IDS, f"{case_id}/{member_id}")


@dataclass(eq=False)
class FileSuggestion(Aggregate):
    """A member referred to assistance by the end of a dispute."""

    id: UUID
    member_id: UUID
    org_id: UUID
    employer_id: UUID | None
    case_id: UUID
    category: DisputeCategory
    ending: CaseEnding
    suggested_on: date
    status: SuggestionStatus = SuggestionStatus.PENDING
    closed_on: date | None = None
    version: int = 0
    events: list[RecordedEvent] = field(default_factory=list)

    @classmethod
    def from_dispute(
        cls,
        *,
        member_id: UUID,
        org_id: UUID,
        employer_id: UUID | None,
        case_id: UUID,
        category: DisputeCategory,
        ending: CaseEnding,
        on: date,
    ) -> FileSuggestion:
        """Suggest opening a file for ``member_id`` after case ``case_id`` ended."""
        suggestion = cls(
            id=suggestion_id(case_id, member_id),
            member_id=member_id,
            org_id=org_id,
            employer_id=employer_id,
            case_id=case_id,
            category=category,
            ending=ending,
            suggested_on=on,
        )
        suggestion._touch()
        return suggestion

    @property
    def is_pending(self) -> bool:
        """Waiting for an officer."""
        return self.status == SuggestionStatus.PENDING

    def dismiss(self, today: date) -> None:
        """An officer decided no file is needed.

        Raises:
            InvalidTransition: the suggestion was already dismissed or acted upon.
        """
        if not self.is_pending:
            raise InvalidTransition("该建档建议已处理")
        self._close(SuggestionStatus.DISMISSED, today)

    def file_opened(self, today: date) -> bool:
        """A file was opened for the member; returns whether this closed the suggestion."""
        if not self.is_pending:
            return False
        self._close(SuggestionStatus.OPENED, today)
        return True

    def _close(self, status: SuggestionStatus, today: date) -> None:
        self.status, self.closed_on = status, today
        self._touch()
