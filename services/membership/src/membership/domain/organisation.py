"""Union organisations (工会组织): founding, renaming, re-election, moves and dissolution."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import date
from uuid import UUID

from shared.seedwork import (
    Aggregate,
    InvalidValue,
    RecordedEvent,
    add_years,
    clean_text,
    ensure_effective_date,
)

from membership.domain import events
from membership.domain.committee import Committee, TermDates
from membership.domain.errors import (
    CycleInTree,
    NotAGrassrootsUnion,
    OrganisationNotActive,
    OrganisationNotEmpty,
    ParentNotAllowed,
)
from membership.domain.kinds import (
    ALLOWED_PARENTS,
    GrassrootsMode,
    OrganisationKind,
    OrganisationStatus,
)

Kind = OrganisationKind

MAX_TERM_YEARS = 5
"""工会章程: a committee serves three or five years."""


@dataclass(frozen=True)
class Term:
    """A committee's term of office (换届). The chair's name never leaves the service."""

    starts_on: date
    ends_on: date
    chair_name: str = field(repr=False)


@dataclass(eq=False)
class UnionOrganisation(Aggregate):
    """A union organisation: a node of the tree that may hold members (grassroots only)."""

    id: UUID
    kind: OrganisationKind
    name: str
    parent_id: UUID | None
    founded_on: date
    grassroots_mode: GrassrootsMode | None = None
    has_legal_person: bool = False
    status: OrganisationStatus = OrganisationStatus.ACTIVE
    dissolved_on: date | None = None
    term: Term | None = None
    committee: Committee | None = field(default=None, repr=False)
    """The committee elected in this change, stored with it; past ones are not loaded."""
    version: int = 0
    events: list[RecordedEvent] = field(default_factory=list, repr=False)

    @classmethod
    def found(
        cls,
        *,
        org_id: UUID,
        kind: OrganisationKind,
        name: str,
        parent: UnionOrganisation | None,
        founded_on: date,
        today: date,
        grassroots_mode: GrassrootsMode | None = None,
        has_legal_person: bool = False,
    ) -> UnionOrganisation:
        """Found an organisation under ``parent`` (``None`` only for the city federation).

        Raises:
            ParentNotAllowed: the kind may not sit under the parent's kind.
            OrganisationNotActive: the parent is dissolved.
            InvalidValue: a missing or superfluous grassroots mode, a bad name, a date in the
                future or before the parent was founded.
        """
        _check_parent(kind, parent)
        if (kind is Kind.GRASSROOTS_UNION) != (grassroots_mode is not None):
            raise InvalidValue(
                "基层工会须注明独立建会或联合建会，其他组织不填", field="grassroots_mode"
            )
        if founded_on > today:
            raise InvalidValue("成立日期不能晚于今天", field="founded_on")
        if parent is not None and founded_on < parent.founded_on:
            raise InvalidValue(
                f"成立日期不能早于上级组织“{parent.name}”的成立日期 {parent.founded_on.isoformat()}",
                field="founded_on",
            )
        org = cls(
            id=org_id,
            kind=kind,
            name=clean_text(name, field="name", label="组织名称", max_length=100),
            parent_id=parent.id if parent else None,
            founded_on=founded_on,
            grassroots_mode=grassroots_mode,
            has_legal_person=has_legal_person,
        )
        org._record(
            events.UnionFounded(
                org_id=org.id,
                parent_id=org.parent_id,
                kind=kind.value,
                grassroots_mode=grassroots_mode.value if grassroots_mode else None,
                name=org.name,
                founded_on=founded_on,
            )
        )
        return org

    @property
    def is_active(self) -> bool:
        return self.status is OrganisationStatus.ACTIVE

    def ensure_active(self, *, field: str = "org_id") -> None:
        """Raises OrganisationNotActive when the organisation is dissolved."""
        if not self.is_active:
            raise OrganisationNotActive(f"工会组织“{self.name}”已注销", field=field)

    def ensure_admits_members(self, *, field: str = "union_id") -> None:
        """Members belong to active grassroots unions only.

        Raises:
            NotAGrassrootsUnion: any other kind of organisation.
            OrganisationNotActive: the union is dissolved.
        """
        if self.kind is not Kind.GRASSROOTS_UNION:
            raise NotAGrassrootsUnion(
                f"会员只能加入基层工会，“{self.name}”是{self.kind.label}", field=field
            )
        self.ensure_active(field=field)

    def rename(self, name: str, *, on: date, today: date) -> None:
        """Rename the organisation with effect from ``on``."""
        self.ensure_active()
        new_name = clean_text(name, field="name", label="组织名称", max_length=100)
        if new_name == self.name:
            raise InvalidValue("新名称与原名称相同", field="name")
        ensure_effective_date(
            on,
            today=today,
            not_before=self.founded_on,
            field="renamed_on",
            earliest_label="成立日期",
        )
        self.name = new_name
        self._record(events.UnionRenamed(org_id=self.id, name=new_name, renamed_on=on))

    def reelect(self, term: Term, *, today: date) -> None:
        """Record a re-election (换届): a new term after any previous one, at most five years."""
        self.ensure_active()
        earliest = self.term.starts_on if self.term else self.founded_on
        if self.term and term.starts_on <= self.term.starts_on:
            raise InvalidValue("新一届任期须在上一届之后开始", field="term_start")
        ensure_effective_date(
            term.starts_on,
            today=today,
            not_before=earliest,
            field="term_start",
            earliest_label="成立日期",
        )
        if term.ends_on <= term.starts_on:
            raise InvalidValue("任期结束日期须晚于开始日期", field="term_end")
        if term.ends_on > add_years(term.starts_on, MAX_TERM_YEARS):
            raise InvalidValue(f"任期不能超过{MAX_TERM_YEARS}年", field="term_end")
        chair = clean_text(term.chair_name, field="chair_name", label="主席姓名", max_length=50)
        self.term = Term(starts_on=term.starts_on, ends_on=term.ends_on, chair_name=chair)
        self._record(
            events.UnionReelected(org_id=self.id, term_start=term.starts_on, term_end=term.ends_on)
        )

    def elect_committee(
        self, committee: Committee, *, today: date, other_terms: Iterable[TermDates]
    ) -> None:
        """Record an election (换届选举) of ``committee``, possibly one held in the past.

        ``other_terms`` are the terms of the committees recorded before. Elections may be
        entered in any order; a term starting during another one ends it early (提前换届), but
        two terms of one organisation never start on the same day. The organisation's current
        term and chair follow the committee whose term starts last.

        Raises:
            OrganisationNotActive: the organisation is dissolved.
            InvalidValue: an election in the future or before the founding, or a term starting
                on the day a recorded one starts.
        """
        self.ensure_active()
        ensure_effective_date(
            committee.elected_on,
            today=today,
            not_before=self.founded_on,
            field="elected_on",
            earliest_label="成立日期",
        )
        known = list(other_terms)
        if self.term is not None:
            known.append(TermDates(self.term.starts_on, self.term.ends_on))
        clash = next((t for t in known if t.starts_on == committee.term.starts_on), None)
        if clash is not None:
            raise InvalidValue(
                f"已登记同日开始的一届（{clash.starts_on.isoformat()}至{clash.ends_on.isoformat()}）",
                field="term_start",
            )
        if self.term is None or committee.term.starts_on > self.term.starts_on:
            self.term = Term(committee.term.starts_on, committee.term.ends_on, committee.chair_name)
        self.committee = committee
        self._record(committee.elected(self.id))

    def move_under(
        self,
        new_parent: UnionOrganisation,
        *,
        new_parent_path: Collection[UUID],
        on: date,
        today: date,
    ) -> None:
        """Re-parent the organisation (隶属关系变更) with effect from ``on``.

        Args:
            new_parent: the organisation to move under.
            new_parent_path: ids from the root down to ``new_parent``; moving under oneself
                or a descendant would make a cycle.
            on: effective date.
            today: reference date.

        Raises:
            CycleInTree: the new parent is this organisation or one of its descendants.
            ParentNotAllowed: the kinds do not fit, or the root would move.
            OrganisationNotActive: this organisation or the new parent is dissolved.
        """
        self.ensure_active()
        if self.parent_id is None:
            raise ParentNotAllowed("市总工会是组织树的根，不能变更隶属关系", field="org_id")
        if new_parent.id == self.id or self.id in new_parent_path:
            raise CycleInTree("不能将组织移到其自身或其下级组织之下", field="new_parent_id")
        _check_parent(self.kind, new_parent, field="new_parent_id")
        if new_parent.id == self.parent_id:
            raise InvalidValue("新上级组织与现上级组织相同", field="new_parent_id")
        later_founding = max(self.founded_on, new_parent.founded_on)
        ensure_effective_date(
            on,
            today=today,
            not_before=later_founding,
            field="moved_on",
            earliest_label="本组织及新上级组织的成立日期",
        )
        old_parent_id, self.parent_id = self.parent_id, new_parent.id
        self._record(
            events.UnionMoved(
                org_id=self.id,
                old_parent_id=old_parent_id,
                new_parent_id=new_parent.id,
                moved_on=on,
            )
        )

    def dissolve(
        self, *, on: date, today: date, active_children: int, current_members: int
    ) -> None:
        """Dissolve (注销) an organisation that no longer has active children or members.

        Raises:
            OrganisationNotEmpty: active children or current (active or retained) members remain.
            ParentNotAllowed: the root cannot be dissolved.
        """
        self.ensure_active()
        if self.parent_id is None:
            raise ParentNotAllowed("市总工会是组织树的根，不能注销", field="org_id")
        if active_children:
            raise OrganisationNotEmpty(f"尚有{active_children}个下级组织未注销", field="org_id")
        if current_members:
            raise OrganisationNotEmpty(
                f"尚有{current_members}名会员，请先办理会籍接转或退会", field="org_id"
            )
        ensure_effective_date(
            on,
            today=today,
            not_before=self.founded_on,
            field="dissolved_on",
            earliest_label="成立日期",
        )
        self.status, self.dissolved_on = OrganisationStatus.DISSOLVED, on
        self._record(events.UnionDissolved(org_id=self.id, dissolved_on=on))


def _check_parent(
    kind: OrganisationKind, parent: UnionOrganisation | None, *, field: str = "parent_id"
) -> None:
    allowed = ALLOWED_PARENTS[kind]
    if parent is None:
        if allowed:
            raise ParentNotAllowed(f"{kind.label}必须有上级组织", field=field)
        return
    if parent.kind not in allowed:
        raise ParentNotAllowed(f"{kind.label}不能隶属于{parent.kind.label}", field=field)
    if not parent.is_active:
        raise OrganisationNotActive(f"上级组织“{parent.name}”已注销，不能新增下级", field=field)
