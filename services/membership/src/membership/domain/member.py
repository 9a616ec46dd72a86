"""Members (会员): real-name identity, admission, transfer, retention and leaving."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from uuid import UUID

from shared.seedwork import (
    Aggregate,
    InvalidTransition,
    InvalidValue,
    RecordedEvent,
    add_years,
    clean_text,
    ensure_effective_date,
)

from membership.domain import events
from membership.domain.errors import AlreadyAMember
from membership.domain.identity import PersonalData
from membership.domain.organisation import UnionOrganisation
from membership.domain.transfer import Transfer, TransferReason

MINIMUM_JOINING_AGE = 16


class MemberStatus(StrEnum):
    ACTIVE = "active"
    RETAINED = "retained"  # 保留会籍: retired or laid off, no dues, no vote
    LEFT = "left"  # 退会 or 除名


class HouseholdType(StrEnum):
    AGRICULTURAL = "agricultural"  # 农业户口: the member counts as a migrant worker (农民工)
    NON_AGRICULTURAL = "non_agricultural"


class RetentionReason(StrEnum):
    RETIRED = "retired"
    LAID_OFF = "laid_off"


class LeavingReason(StrEnum):
    VOLUNTARY = "voluntary"  # 退会
    EXPELLED = "expelled"  # 除名


@dataclass(eq=False)
class Member(Aggregate):
    """One membership period of a person in a grassroots union; re-admission is a new one."""

    id: UUID
    person: PersonalData
    household_type: HouseholdType
    employer_id: UUID
    union_id: UUID
    joined_on: date
    card_number: str | None
    status: MemberStatus
    status_since: date
    union_since: date
    retention_reason: RetentionReason | None = None
    leaving_reason: LeavingReason | None = None
    version: int = 0
    events: list[RecordedEvent] = field(default_factory=list, repr=False)

    @classmethod
    def admit(
        cls,
        *,
        member_id: UUID,
        person: PersonalData,
        household_type: HouseholdType,
        employer_id: UUID,
        union: UnionOrganisation,
        joined_on: date,
        card_number: str | None,
        today: date,
        current_membership: Member | None,
    ) -> Member:
        """Admit a person (入会) to an active grassroots union.

        Args:
            current_membership: the person's current (active or retained) membership, found by
                the blind index of the ID number; a person holds at most one.

        Raises:
            AlreadyAMember: the person already holds a current membership.
            NotAGrassrootsUnion, OrganisationNotActive: the union cannot admit.
            InvalidValue: join date in the future, before the 16th birthday or before the union
                was founded, bad card number.
        """
        union.ensure_admits_members()
        if current_membership is not None and current_membership.is_current:
            raise AlreadyAMember(_already_a_member(current_membership), field="id_number")
        _check_join_date(joined_on, person.birth_date, today)
        if joined_on < union.founded_on:
            raise InvalidValue(
                f"入会日期不能早于工会“{union.name}”的成立日期 {union.founded_on.isoformat()}",
                field="joined_on",
            )
        member = cls(
            id=member_id,
            person=person,
            household_type=household_type,
            employer_id=employer_id,
            union_id=union.id,
            joined_on=joined_on,
            card_number=_card_number(card_number),
            status=MemberStatus.ACTIVE,
            status_since=joined_on,
            union_since=joined_on,
        )
        member._record(
            events.MemberAdmitted(
                member_id=member.id,
                union_id=union.id,
                employer_id=employer_id,
                joined_on=joined_on,
                sex=person.sex,
                birth_year=person.birth_date.year,
                is_migrant_worker=member.is_migrant_worker,
            )
        )
        return member

    @property
    def is_current(self) -> bool:
        """Active or retained: the person still holds this membership."""
        return self.status is not MemberStatus.LEFT

    @property
    def is_migrant_worker(self) -> bool:
        return self.household_type is HouseholdType.AGRICULTURAL

    def transfer(
        self,
        *,
        transfer_id: UUID,
        from_union: UnionOrganisation,
        to_union: UnionOrganisation,
        on: date,
        reason: TransferReason,
        handled_by: str,
        today: date,
        new_employer_id: UUID | None = None,
        note: str | None = None,
    ) -> Transfer:
        """Move the membership to another grassroots union and return the hand-off record.

        Raises:
            InvalidTransition: the member has left.
            InvalidValue: same union, a date out of order, or ``from_union`` is not the member's.
            NotAGrassrootsUnion, OrganisationNotActive: either union cannot hold members.
        """
        self._ensure_transferable(from_union, to_union)
        self._ensure_in_order(on, today)
        record = Transfer(
            id=transfer_id,
            member_id=self.id,
            from_union_id=self.union_id,
            to_union_id=to_union.id,
            effective_on=on,
            reason=reason,
            handled_by=clean_text(handled_by, field="handled_by", label="经办人", max_length=200),
            new_employer_id=new_employer_id,
            note=(note.strip() or None) if note else None,
        )
        self.union_id, self.union_since = to_union.id, on
        self.employer_id = new_employer_id or self.employer_id
        self._record(
            events.MemberTransferred(
                member_id=self.id,
                transfer_id=transfer_id,
                from_union_id=record.from_union_id,
                to_union_id=to_union.id,
                employer_id=self.employer_id,
                reason=reason.value,
                effective_on=on,
            )
        )
        return record

    def retain(self, reason: RetentionReason, *, on: date, today: date) -> None:
        """Active → retained (保留会籍) on retirement or lay-off."""
        self._ensure_status(MemberStatus.ACTIVE, "只有在会会员才能保留会籍")
        self._ensure_in_order(on, today)
        self.status, self.status_since, self.retention_reason = MemberStatus.RETAINED, on, reason
        self._record(
            events.MemberRetained(
                member_id=self.id, union_id=self.union_id, reason=reason.value, effective_on=on
            )
        )

    def reinstate(self, *, on: date, today: date) -> None:
        """Retained → active (恢复会籍), e.g. back at work after a lay-off."""
        self._ensure_status(MemberStatus.RETAINED, "只有保留会籍的会员才能恢复会籍")
        self._ensure_in_order(on, today)
        self.status, self.status_since, self.retention_reason = MemberStatus.ACTIVE, on, None
        self._record(
            events.MemberReinstated(member_id=self.id, union_id=self.union_id, effective_on=on)
        )

    def leave(self, reason: LeavingReason, *, on: date, today: date) -> None:
        """Active or retained → left (退会 voluntary, 除名 expelled); this period ends."""
        if not self.is_current:
            raise InvalidTransition("该会员已退会", field="member_id")
        self._ensure_in_order(on, today)
        self.status, self.status_since, self.leaving_reason = MemberStatus.LEFT, on, reason
        self._record(
            events.MemberLeft(
                member_id=self.id, union_id=self.union_id, reason=reason.value, effective_on=on
            )
        )

    def _ensure_transferable(
        self, from_union: UnionOrganisation, to_union: UnionOrganisation
    ) -> None:
        if not self.is_current:
            raise InvalidTransition("已退会的会员不能办理会籍接转", field="member_id")
        if from_union.id != self.union_id:
            raise InvalidValue("转出工会不是会员当前所在工会", field="from_union_id")
        if to_union.id == self.union_id:
            raise InvalidValue("转入工会不能与转出工会相同", field="to_union_id")
        from_union.ensure_admits_members(field="from_union_id")
        to_union.ensure_admits_members(field="to_union_id")

    def _ensure_status(self, expected: MemberStatus, message: str) -> None:
        if self.status is not expected:
            raise InvalidTransition(message, field="member_id")

    def _ensure_in_order(self, on: date, today: date) -> None:
        ensure_effective_date(
            on,
            today=today,
            not_before=max(self.status_since, self.union_since),
            field="effective_on",
            earliest_label="该会员上一次会籍变动日期",
        )


ALREADY_ACTIVE = "该人员已是在册会员，每人只能有一个会籍；如工作单位变动，请办理会籍接转"
ALREADY_RETAINED = "该人员保留会籍中，可恢复会籍，无需重新入会"


def _already_a_member(current: Member) -> str:
    """Why a person cannot be admitted, by the membership they hold: active or retained."""
    return ALREADY_RETAINED if current.status is MemberStatus.RETAINED else ALREADY_ACTIVE


def _check_join_date(joined_on: date, birth_date: date, today: date) -> None:
    if joined_on > today:
        raise InvalidValue("入会日期不能晚于今天", field="joined_on")
    if joined_on < add_years(birth_date, MINIMUM_JOINING_AGE):
        raise InvalidValue(f"入会时须年满{MINIMUM_JOINING_AGE}周岁", field="joined_on")


def _card_number(value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    card = clean_text(value, field="card_number", label="会员证号", max_length=32)
    if not card.isascii() or not card.replace("-", "").isalnum():
        raise InvalidValue("会员证号只能包含字母、数字和连字符", field="card_number")
    return card
