"""困难职工档案 (建档立卡): one hardship file per household and its lifecycle.

draft → submitted → filed (在档), or submitted → returned (退回补充) → edited → submitted again;
a temporary relief file is made formal; a filed file is re-verified yearly (年度复核) and
leaves by exit (解困脱困) or cancellation (注销). Membership changes of the head relocate or
flag the file (see ``service_layer.households.membership_rules``). Only a file on file is
published: drafts and files under review never leave the service.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from uuid import UUID

from shared.seedwork import (
    Aggregate,
    InvalidTransition,
    InvalidValue,
    RecordedEvent,
    add_years,
    clean_text,
)

from assistance.domain.households.circumstances import Circumstances
from assistance.domain.households.codes import (
    EDITABLE_STATUSES,
    OPEN_STATUSES,
    STATUS_LABELS,
    CancellationReason,
    ExitReason,
    HouseholdStatus,
    RelocationReason,
    ReviewFlag,
)
from assistance.domain.households.events import (
    HouseholdCancelled,
    HouseholdExited,
    HouseholdFiled,
    HouseholdFlagged,
    HouseholdFormalised,
    HouseholdRelocated,
    HouseholdReverified,
)
from assistance.domain.households.people import SealedHead, SealedRelative, distinct_people

REVIEW_PERIOD_YEARS = 1


def review_due_before(today: date) -> date:
    """Files last verified before this date are overdue for their yearly re-verification."""
    return add_years(today, -REVIEW_PERIOD_YEARS)


@dataclass(eq=False)
class Household(Aggregate):
    """A household's hardship file: its head, family, circumstances, status and review flags."""

    id: UUID
    org_id: UUID
    employer_id: UUID | None
    head: SealedHead
    family: tuple[SealedRelative, ...]
    circumstances: Circumstances
    status: HouseholdStatus
    created_on: date
    filed_on: date | None = None
    last_verified_on: date | None = None
    closed_on: date | None = None
    close_reason: str | None = None
    return_note: str | None = None
    flags: frozenset[ReviewFlag] = frozenset()
    version: int = 0
    events: list[RecordedEvent] = field(default_factory=list)

    @classmethod
    def draft(
        cls,
        *,
        household_id: UUID,
        org_id: UUID,
        employer_id: UUID | None,
        head: SealedHead,
        family: tuple[SealedRelative, ...],
        circumstances: Circumstances,
        today: date,
    ) -> Household:
        """Start a file as a draft (nothing is published before filing).

        Raises:
            InvalidValue: a person appears twice in the household.
        """
        distinct_people(head, family)
        household = cls(
            id=household_id,
            org_id=org_id,
            employer_id=employer_id,
            head=head,
            family=family,
            circumstances=circumstances,
            status=HouseholdStatus.DRAFT,
            created_on=today,
        )
        household._touch()
        return household

    @property
    def is_open(self) -> bool:
        """Not exited or cancelled: its people cannot be on another file."""
        return self.status in OPEN_STATUSES

    @property
    def is_on_file(self) -> bool:
        """On file (在档): filed, not yet exited or cancelled; only such a file is published."""
        return self.status == HouseholdStatus.FILED

    def was_on_file(self, on: date) -> bool:
        """On file on day ``on``: filed by then, and not exited before it (a cancelled file
        never counted, so it never was)."""
        if self.filed_on is None or on < self.filed_on:
            return False
        if self.is_on_file:
            return True
        exited = self.status == HouseholdStatus.EXITED
        return exited and self.closed_on is not None and on < self.closed_on

    @property
    def family_size(self) -> int:
        """Household members including the head."""
        return 1 + len(self.family)

    def is_overdue(self, today: date) -> bool:
        """On file and not re-verified for 12 months."""
        verified = self.last_verified_on
        return (
            self.status == HouseholdStatus.FILED
            and verified is not None
            and verified < review_due_before(today)
        )

    def edit(
        self,
        *,
        head: SealedHead | None = None,
        family: tuple[SealedRelative, ...] | None = None,
        circumstances: Circumstances | None = None,
    ) -> None:
        """Complete or correct a draft or a returned file.

        Raises:
            InvalidTransition: the file is under review, on file or closed.
            InvalidValue: a person would appear twice in the household.
        """
        self._require(EDITABLE_STATUSES, "只有草稿或退回补充的档案可以修改")
        new_head = head or self.head
        new_family = self.family if family is None else family
        distinct_people(new_head, new_family)
        self.head, self.family = new_head, new_family
        self.circumstances = circumstances or self.circumstances
        self._touch()

    def submit(self) -> None:
        """Send a draft or a completed returned file for review."""
        self._require(EDITABLE_STATUSES, "只有草稿或退回补充的档案可以提交审核")
        self.status = HouseholdStatus.SUBMITTED
        self._touch()

    def return_for_completion(self, note: str) -> None:
        """Send a file under review back to be completed, saying what is missing."""
        self._require({HouseholdStatus.SUBMITTED}, "只有待审核的档案可以退回")
        self.return_note = clean_text(note, field="note", label="退回说明", max_length=500)
        self.status = HouseholdStatus.RETURNED
        self._touch()

    def step_date(self, on: date | None, today: date) -> date:
        """The business date of a step: today, or an earlier date when paper files are entered late.

        A step never lies in the future nor before the file's latest dated step (filing or the
        last re-verification), so the file's history stays in order.

        Raises:
            InvalidValue: ``on`` is after today or before the latest dated step.
        """
        if on is None:
            return today
        if on > today:
            raise InvalidValue("生效日期不能晚于今天", field="effective_on")
        latest = self.last_verified_on or self.filed_on
        if latest is not None and on < latest:
            raise InvalidValue(f"生效日期不能早于 {latest.isoformat()}", field="effective_on")
        return on

    def file(self, today: date) -> None:
        """Approve a file under review: it is now on file (在档) and published."""
        self._require({HouseholdStatus.SUBMITTED}, "只有待审核的档案可以建档")
        self.status, self.filed_on, self.last_verified_on = HouseholdStatus.FILED, today, today
        self.return_note = None
        c = self.circumstances
        self._record(
            HouseholdFiled(
                household_id=self.id,
                org_id=self.org_id,
                head_member_id=self.head.member_id,
                employer_id=self.employer_id,
                level=c.level,
                causes=c.causes,
                family_size=self.family_size,
                temporary=c.temporary,
                filed_on=today,
            )
        )

    def formalise(self, today: date) -> None:
        """Make a temporary relief file formal."""
        self._require({HouseholdStatus.FILED}, "只有在档的档案可以转为正式档案")
        if not self.circumstances.temporary:
            raise InvalidTransition("该档案已是正式档案", field="temporary")
        self.circumstances = replace(self.circumstances, temporary=False)
        event = HouseholdFormalised(self.id, self.org_id, self.circumstances.level, today)
        self._record(event)

    def reverify(self, circumstances: Circumstances, today: date) -> None:
        """年度复核: confirm the file, possibly at a new level; resolves every review flag."""
        self._require({HouseholdStatus.FILED}, "只有在档的档案可以复核")
        previous = self.circumstances.level
        self.circumstances = replace(circumstances, temporary=self.circumstances.temporary)
        self.last_verified_on, self.flags = today, frozenset()
        self._record(
            HouseholdReverified(self.id, self.org_id, circumstances.level, previous, today)
        )

    def exit(self, reason: ExitReason, today: date) -> None:
        """解困脱困: the household left hardship; the file closes."""
        self._require({HouseholdStatus.FILED}, "只有在档的档案可以办理解困脱困")
        self._close(HouseholdStatus.EXITED, reason, today)
        self._record(HouseholdExited(self.id, self.org_id, reason, today))

    def cancel(self, reason: CancellationReason, today: date) -> None:
        """注销: the file is withdrawn; published only if it had been on file."""
        self._require(OPEN_STATUSES, "档案已关闭，不能注销")
        was_filed = self.is_on_file
        self._close(HouseholdStatus.CANCELLED, reason, today)
        if was_filed:
            self._record(HouseholdCancelled(self.id, self.org_id, reason, today))
        else:
            self._touch()

    def relocate(
        self, to_org_id: UUID, employer_id: UUID | None, reason: RelocationReason, today: date
    ) -> bool:
        """Move an open file to another union's territory; returns whether it moved."""
        if not self.is_open or to_org_id == self.org_id:
            return False
        from_org_id, self.org_id, self.employer_id = self.org_id, to_org_id, employer_id
        if self.is_on_file:
            self._record(HouseholdRelocated(self.id, to_org_id, from_org_id, reason, today))
        else:
            self._touch()
        return True

    def flag(self, flag: ReviewFlag, today: date) -> bool:
        """Mark an open file for review, once per flag; returns whether the flag is new."""
        if not self.is_open or flag in self.flags:
            return False
        self.flags = self.flags | {flag}
        if self.is_on_file:
            self._record(HouseholdFlagged(self.id, self.org_id, flag, today))
        else:
            self._touch()
        return True

    def _close(self, status: HouseholdStatus, reason: str, today: date) -> None:
        self.status, self.closed_on, self.close_reason = status, today, reason
        self.flags = frozenset()

    def _require(
        self, allowed: frozenset[HouseholdStatus] | set[HouseholdStatus], message: str
    ) -> None:
        if self.status not in allowed:
            raise InvalidTransition(f"{message}（当前状态：{STATUS_LABELS[self.status]}）")
