"""Union committees (工会委员会): who was elected, to which role, for which term.

Names are personal data: they stay on the committee and in membership's database. What
leaves the service (:class:`membership.domain.events.CommitteeElected`) is dates and counts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from uuid import UUID

from shared.identifiers import Sex
from shared.seedwork import InvalidValue, add_years, clean_text

from membership.domain import events

MIN_SIZE = 3
MAX_SIZE = 37
"""《基层工会组织选举工作条例》: a committee has 3 to 37 members, by membership brackets
(under 25 members 3–5 … over 10,000 members 29–37); only the outer bounds are checked."""
MAX_TERM_YEARS = 5
"""工会章程: a committee serves three or five years."""


class CommitteeRole(StrEnum):
    CHAIR = "chair"  # 主席
    VICE_CHAIR = "vice_chair"  # 副主席
    MEMBER = "member"  # 委员
    AUDIT = "audit"  # 经费审查委员
    WOMEN = "women"  # 女职工委员

    @property
    def label(self) -> str:
        """The Chinese name of the role."""
        return _ROLE_LABELS[self]


_ROLE_LABELS = {
    CommitteeRole.CHAIR: "主席",
    CommitteeRole.VICE_CHAIR: "副主席",
    CommitteeRole.MEMBER: "委员",
    CommitteeRole.AUDIT: "经费审查委员",
    CommitteeRole.WOMEN: "女职工委员",
}


@dataclass(frozen=True)
class CommitteeMember:
    """One elected member; ``sex`` and ``full_time`` (专职) are optional on entry."""

    name: str = field(repr=False)
    role: CommitteeRole
    sex: Sex | None = None
    full_time: bool | None = None


@dataclass(frozen=True)
class TermDates:
    """A committee's term: in office from ``starts_on`` to ``ends_on``, both included, unless a
    committee whose term starts later is elected before ``ends_on`` (it takes over that day)."""

    starts_on: date
    ends_on: date


@dataclass(frozen=True)
class Committee:
    """An elected committee (one election, 换届选举) of a union organisation."""

    id: UUID
    elected_on: date
    term: TermDates
    members: tuple[CommitteeMember, ...] = field(repr=False)

    @classmethod
    def of(
        cls,
        *,
        committee_id: UUID,
        elected_on: date,
        term: TermDates,
        members: Sequence[CommitteeMember],
    ) -> Committee:
        """A committee checked on its own: term, size, one chair, names.

        Raises:
            InvalidValue: a bad term, fewer than 3 or more than 37 members, not exactly one
                chair, or an empty or too long name.
        """
        _check_term(elected_on, term)
        if not MIN_SIZE <= len(members) <= MAX_SIZE:
            raise InvalidValue(
                f"工会委员会由{MIN_SIZE}至{MAX_SIZE}名委员组成，现为{len(members)}名",
                field="members",
            )
        chairs = sum(member.role is CommitteeRole.CHAIR for member in members)
        if chairs != 1:
            raise InvalidValue(f"工会委员会须有且仅有一名主席，现为{chairs}名", field="members")
        cleaned = tuple(
            CommitteeMember(
                name=clean_text(m.name, field="members", label="委员姓名", max_length=50),
                role=m.role,
                sex=m.sex,
                full_time=m.full_time,
            )
            for m in members
        )
        return cls(id=committee_id, elected_on=elected_on, term=term, members=cleaned)

    @property
    def chair_name(self) -> str:
        """The chair's name (exactly one chair is guaranteed by :meth:`of`)."""
        return next(m.name for m in self.members if m.role is CommitteeRole.CHAIR)

    def counts_by_role(self) -> dict[CommitteeRole, int]:
        """Members per role, every role present (0 when none)."""
        counted = Counter(member.role for member in self.members)
        return {role: counted[role] for role in CommitteeRole}

    @property
    def women(self) -> int:
        """Members recorded as women."""
        return sum(member.sex == "female" for member in self.members)

    @property
    def sex_recorded(self) -> int:
        """Members whose sex was recorded (the base of :attr:`women`)."""
        return sum(member.sex is not None for member in self.members)

    @property
    def full_time(self) -> int:
        """Members recorded as full-time (专职)."""
        return sum(member.full_time is True for member in self.members)

    def elected(self, org_id: UUID) -> events.CommitteeElected:
        """The domain event of this committee's election by ``org_id``: counts, no names."""
        return events.CommitteeElected(
            org_id=org_id,
            committee_id=self.id,
            elected_on=self.elected_on,
            term_start=self.term.starts_on,
            term_end=self.term.ends_on,
            size=len(self.members),
            by_role=tuple((role.value, n) for role, n in self.counts_by_role().items()),
            women=self.women,
            sex_recorded=self.sex_recorded,
            full_time=self.full_time,
        )


def _check_term(elected_on: date, term: TermDates) -> None:
    if term.starts_on < elected_on:
        raise InvalidValue("任期不能早于选举日期开始", field="term_start")
    if term.ends_on <= term.starts_on:
        raise InvalidValue("任期结束日期须晚于开始日期", field="term_end")
    if term.ends_on > add_years(term.starts_on, MAX_TERM_YEARS):
        raise InvalidValue(f"任期不能超过{MAX_TERM_YEARS}年", field="term_end")
