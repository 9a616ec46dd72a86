"""Collective contracts (集体合同): signed by a union for one or many employers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from uuid import UUID

from shared.seedwork import (
    Aggregate,
    InvalidTransition,
    RecordedEvent,
    add_years,
    ensure_effective_date,
)

from membership.domain import events
from membership.domain.errors import InvalidContract, ParentNotAllowed
from membership.domain.kinds import OrganisationKind
from membership.domain.organisation import UnionOrganisation

MAX_TERM_YEARS = 3
"""集体合同规定 art. 38: a collective contract runs one to three years."""


class ContractKind(StrEnum):
    COMPREHENSIVE = "comprehensive"  # 综合集体合同
    WAGE = "wage"  # 工资专项集体协议
    WOMEN = "women"  # 女职工权益保护专项集体合同


class SigningParty(StrEnum):
    """Who signed on the workers' side (the annual report counts contracts by it)."""

    OWN_UNION = "own_union"  # the unit's own union
    REGIONAL_UNION = "regional_union"  # 区域性: a street, community, village … federation
    INDUSTRY_UNION = "industry_union"  # 行业性: an industry federation


class ContractStatus(StrEnum):
    IN_FORCE = "in_force"
    TERMINATED = "terminated"


SIGNING_KINDS = frozenset(
    {
        OrganisationKind.GRASSROOTS_UNION,
        OrganisationKind.STREET_FEDERATION,
        OrganisationKind.COMMUNITY_FEDERATION,
        OrganisationKind.BUILDING_FEDERATION,
        OrganisationKind.INDUSTRY_FEDERATION,
        OrganisationKind.VILLAGE_FEDERATION,
        OrganisationKind.MARKET_UNION,
    }
)
"""A grassroots union signs for its employers; a regional or industry federation (区域性、
行业性集体合同) signs on behalf of many."""

PARTY_KINDS: dict[SigningParty, frozenset[OrganisationKind]] = {
    SigningParty.OWN_UNION: SIGNING_KINDS,
    SigningParty.REGIONAL_UNION: SIGNING_KINDS
    - {OrganisationKind.GRASSROOTS_UNION, OrganisationKind.INDUSTRY_FEDERATION},
    SigningParty.INDUSTRY_UNION: frozenset({OrganisationKind.INDUSTRY_FEDERATION}),
}
"""Which organisations may sign as each party. ``own_union`` stays open to every signing kind:
contracts recorded before the party existed are all ``own_union``."""


@dataclass(eq=False)
class CollectiveContract(Aggregate):
    id: UUID
    kind: ContractKind
    union_id: UUID
    employer_ids: tuple[UUID, ...]
    workers_covered: int
    signed_on: date
    starts_on: date
    ends_on: date
    signing_party: SigningParty = SigningParty.OWN_UNION
    status: ContractStatus = ContractStatus.IN_FORCE
    terminated_on: date | None = None
    version: int = 0
    events: list[RecordedEvent] = field(default_factory=list, repr=False)

    @classmethod
    def sign(
        cls,
        *,
        contract_id: UUID,
        kind: ContractKind,
        union: UnionOrganisation,
        employer_ids: Sequence[UUID],
        workers_covered: int,
        signed_on: date,
        starts_on: date,
        ends_on: date,
        today: date,
        signing_party: SigningParty = SigningParty.OWN_UNION,
    ) -> CollectiveContract:
        """Record a signed contract covering ``employer_ids`` and ``workers_covered`` workers.

        Raises:
            ParentNotAllowed: the organisation may not sign collective contracts.
            OrganisationNotActive: the union is dissolved.
            InvalidContract: no employers, duplicates, no workers, a bad term, or signed before
                the union was founded.
        """
        if union.kind not in SIGNING_KINDS:
            raise ParentNotAllowed(f"{union.kind.label}不能签订集体合同", field="union_id")
        if union.kind not in PARTY_KINDS[signing_party]:
            raise ParentNotAllowed(
                f"{union.kind.label}不能以{_PARTY_LABELS[signing_party]}身份签订集体合同",
                field="signing_party",
            )
        union.ensure_active(field="union_id")
        if not employer_ids:
            raise InvalidContract("集体合同至少覆盖一个单位", field="employer_ids")
        if len(set(employer_ids)) != len(employer_ids):
            raise InvalidContract("覆盖单位有重复", field="employer_ids")
        if workers_covered < 1:
            raise InvalidContract("覆盖职工人数至少为1", field="workers_covered")
        _check_term(signed_on, starts_on, ends_on, today)
        if signed_on < union.founded_on:
            raise InvalidContract(
                f"签订日期不能早于工会“{union.name}”的成立日期 {union.founded_on.isoformat()}",
                field="signed_on",
            )
        contract = cls(
            id=contract_id,
            kind=kind,
            union_id=union.id,
            employer_ids=tuple(employer_ids),
            workers_covered=workers_covered,
            signed_on=signed_on,
            starts_on=starts_on,
            ends_on=ends_on,
            signing_party=signing_party,
        )
        contract._record(
            events.ContractSigned(
                contract_id=contract.id,
                union_id=union.id,
                kind=kind.value,
                signing_party=signing_party.value,
                employer_ids=contract.employer_ids,
                workers_covered=workers_covered,
                signed_on=signed_on,
                starts_on=starts_on,
                ends_on=ends_on,
            )
        )
        return contract

    def terminate(self, *, on: date, today: date) -> None:
        """End the contract early (提前终止), effective ``on`` within its term."""
        if self.status is not ContractStatus.IN_FORCE:
            raise InvalidTransition("该集体合同已终止", field="contract_id")
        if on >= self.ends_on:
            raise InvalidContract("终止日期须早于合同期满日期", field="terminated_on")
        ensure_effective_date(
            on,
            today=today,
            not_before=self.signed_on,
            field="terminated_on",
            earliest_label="签订日期",
        )
        self.status, self.terminated_on = ContractStatus.TERMINATED, on
        self._record(
            events.ContractTerminated(contract_id=self.id, union_id=self.union_id, terminated_on=on)
        )


_PARTY_LABELS = {
    SigningParty.OWN_UNION: "本单位工会",
    SigningParty.REGIONAL_UNION: "区域性工会",
    SigningParty.INDUSTRY_UNION: "行业性工会",
}


def _check_term(signed_on: date, starts_on: date, ends_on: date, today: date) -> None:
    if signed_on > today:
        raise InvalidContract("签订日期不能晚于今天", field="signed_on")
    if ends_on <= starts_on:
        raise InvalidContract("合同期满日期须晚于生效日期", field="ends_on")
    if ends_on > add_years(starts_on, MAX_TERM_YEARS):
        raise InvalidContract(f"集体合同期限不能超过{MAX_TERM_YEARS}年", field="ends_on")
    if signed_on >= ends_on:
        raise InvalidContract("签订日期须早于合同期满日期", field="signed_on")
