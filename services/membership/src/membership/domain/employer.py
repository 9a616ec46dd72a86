"""Employers (单位): registration, headcount census (排摸) and union coverage (建会)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from uuid import UUID

from shared.identifiers import InvalidIdentifier, validate_uscc
from shared.seedwork import (
    Aggregate,
    InvalidValue,
    RecordedEvent,
    clean_text,
    ensure_effective_date,
)

from membership.domain import events
from membership.domain.errors import CensusInconsistent, DuplicateUscc, ParentNotAllowed
from membership.domain.kinds import FEDERATION_KINDS, GrassrootsMode
from membership.domain.organisation import UnionOrganisation
from membership.domain.registration import class_of, parse_registration_type


@dataclass(frozen=True)
class Census:
    """A headcount census (排摸) as of ``effective_on``."""

    workers: int
    women: int | None
    migrant_workers: int | None
    effective_on: date

    def __post_init__(self) -> None:
        """``None`` is an unknown count (a report did not give it); a given count is checked."""
        if self.workers < 0:
            raise CensusInconsistent("职工人数不能为负数", field="workers")
        if self.women is not None and not 0 <= self.women <= self.workers:
            raise CensusInconsistent("女职工人数应在0与职工人数之间", field="women")
        if self.migrant_workers is not None and not 0 <= self.migrant_workers <= self.workers:
            raise CensusInconsistent("农民工人数应在0与职工人数之间", field="migrant_workers")


@dataclass(frozen=True)
class Coverage:
    """The grassroots union covering an employer, on its own (single) or jointly."""

    union_id: UUID
    mode: GrassrootsMode


def parse_uscc(value: str) -> str:
    """The normalised USCC, or InvalidValue naming the ``uscc`` field."""
    try:
        return validate_uscc(value)
    except InvalidIdentifier as error:
        raise InvalidValue(error.message, field="uscc") from None


def _ensure_registered_on(on: date, territory: UnionOrganisation, today: date) -> None:
    if on > today:
        raise InvalidValue("登记日期不能晚于今天", field="registered_on")
    if on < territory.founded_on:
        raise InvalidValue("登记日期不能早于属地工会组织成立日期", field="registered_on")


@dataclass(eq=False)
class Employer(Aggregate):
    """An employer in the territory (属地) of a union federation."""

    id: UUID
    uscc: str
    name: str
    registration_type: str
    industry: str
    territory_org_id: UUID
    registered_on: date
    entered_by: str | None = None
    census: Census | None = None
    coverage: Coverage | None = None
    coverage_changed_on: date | None = None
    version: int = 0
    events: list[RecordedEvent] = field(default_factory=list, repr=False)

    @classmethod
    def register(
        cls,
        *,
        employer_id: UUID,
        uscc: str,
        name: str,
        registration_type: str,
        industry: str,
        territory: UnionOrganisation,
        registered_on: date,
        entered_by: str,
        today: date,
        uscc_taken: bool,
    ) -> Employer:
        """Register an employer in ``territory`` as of ``registered_on`` (today or a past day).

        Args:
            registration_type: a 登记注册类型 code (``shared.registration_types``).
            registered_on: the day it counts from; a past day enters a past year's employer.
            entered_by: the user entering it (kept on the row, never published).
            uscc_taken: whether an employer with this USCC exists; the code is unique.

        Raises:
            DuplicateUscc: the USCC is taken.
            ParentNotAllowed: the territory is a grassroots union or union group.
            OrganisationNotActive: the territory organisation is dissolved.
            InvalidValue: a bad USCC, name, industry, registration type or date.
        """
        code = parse_uscc(uscc)
        kind = parse_registration_type(registration_type)
        if uscc_taken:
            raise DuplicateUscc("该统一社会信用代码的单位已登记", field="uscc")
        if territory.kind not in FEDERATION_KINDS:
            raise ParentNotAllowed(
                f"单位属地应为总工会或工联会，不能是{territory.kind.label}",
                field="territory_org_id",
            )
        territory.ensure_active(field="territory_org_id")
        _ensure_registered_on(registered_on, territory, today)
        employer = cls(
            id=employer_id,
            uscc=code,
            name=clean_text(name, field="name", label="单位名称", max_length=200),
            registration_type=kind,
            industry=clean_text(industry, field="industry", label="所属行业", max_length=50),
            territory_org_id=territory.id,
            registered_on=registered_on,
            entered_by=entered_by,
        )
        employer._record(
            events.EmployerRegistered(
                employer_id=employer.id,
                territory_org_id=territory.id,
                uscc=code,
                name=employer.name,
                registration_type=kind,
                ownership_class=class_of(kind),
                industry=employer.industry,
                registered_on=registered_on,
            )
        )
        return employer

    def reclassify(self, registration_type: str, *, today: date) -> None:
        """Correct the registration type (e.g. an employer once recorded only as 合资)."""
        kind = parse_registration_type(registration_type)
        if kind == self.registration_type:
            raise InvalidValue("登记注册类型未改变", field="registration_type")
        previous, self.registration_type = self.registration_type, kind
        self._record(
            events.EmployerReclassified(
                employer_id=self.id,
                territory_org_id=self.territory_org_id,
                registration_type=kind,
                ownership_class=class_of(kind),
                previous_registration_type=previous,
                corrected_on=today,
            )
        )

    def update_census(self, census: Census, *, today: date) -> None:
        """Record a census no older than the current one."""
        earliest = self.census.effective_on if self.census else date.min
        ensure_effective_date(
            census.effective_on,
            today=today,
            not_before=earliest,
            field="effective_on",
            earliest_label="上一次排摸日期",
        )
        self.census = census
        self._record(
            events.EmployerCensusUpdated(
                employer_id=self.id,
                territory_org_id=self.territory_org_id,
                workers=census.workers,
                women=census.women,
                migrant_workers=census.migrant_workers,
                effective_on=census.effective_on,
            )
        )

    def cover_by(self, union: UnionOrganisation, *, on: date, today: date) -> None:
        """Record that ``union`` (an active grassroots union) covers the employer from ``on``."""
        union.ensure_admits_members()
        if self.coverage and self.coverage.union_id == union.id:
            raise InvalidValue("该单位已由此工会覆盖", field="union_id")
        if on < union.founded_on:
            raise InvalidValue("建会日期不能早于工会成立日期", field="effective_on")
        assert union.grassroots_mode is not None  # every grassroots union has a mode
        self._change_coverage(Coverage(union_id=union.id, mode=union.grassroots_mode), on, today)

    def uncover(self, *, on: date, today: date) -> None:
        """Record that no union covers the employer any more (e.g. its union was dissolved)."""
        if self.coverage is None:
            raise InvalidValue("该单位当前未建会", field="union_id")
        self._change_coverage(None, on, today)

    def _change_coverage(self, coverage: Coverage | None, on: date, today: date) -> None:
        ensure_effective_date(
            on,
            today=today,
            not_before=self.coverage_changed_on or date.min,
            field="effective_on",
            earliest_label="上一次建会状态变更日期",
        )
        self.coverage, self.coverage_changed_on = coverage, on
        self._record(
            events.EmployerCoverageChanged(
                employer_id=self.id,
                territory_org_id=self.territory_org_id,
                covered_by_union_id=coverage.union_id if coverage else None,
                coverage_mode=coverage.mode.value if coverage else None,
                effective_on=on,
            )
        )
