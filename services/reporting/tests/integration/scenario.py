"""A small district, hand-computed: two streets, two communities, three unions, five members.

City C → district D → streets S1, S2. Communities A and B start under S1; B moves to S2 on
2024-04-01. Unions: UA (under A, 2020), UB (under B, founded 2024-02-10), UA2 (under A,
founded 2024-08-01). Employers: EA1 (A; 100 workers, 120 from 2024-07-01; covered from
2024-01-01), EA2 (A; 50 workers, never covered), EB1 (B; 80 workers, covered from 2024-02-10).
Members: m1 UA 01-10 (female, migrant); m2 UA 02-01 (male) → UB 05-01; m3 UB 03-01 (female),
left 09-15; m4 UA 08-01 (male, migrant), retained 10-01; m5 UB 03-15 (male, migrant) → UA 03-20.
Contracts: K1 comprehensive by UA signed 03-01 (2 employers, 150 workers, to 2027-02-28);
K2 wage by UB signed 09-01 (1 employer, 80 workers, to 2025-08-31), terminated 12-01.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from uuid import UUID, uuid4

from shared.contracts import membership as c
from shared.contracts.envelope import CloudEvent
from shared.contracts.registry import IntegrationEvent

from .conftest import envelope

FOUNDED = date(2020, 1, 1)


@dataclass
class Scenario:
    city: UUID = field(default_factory=uuid4)
    district: UUID = field(default_factory=uuid4)
    s1: UUID = field(default_factory=uuid4)
    s2: UUID = field(default_factory=uuid4)
    a: UUID = field(default_factory=uuid4)
    b: UUID = field(default_factory=uuid4)
    ua: UUID = field(default_factory=uuid4)
    ub: UUID = field(default_factory=uuid4)
    ua2: UUID = field(default_factory=uuid4)
    ea1: UUID = field(default_factory=uuid4)
    ea2: UUID = field(default_factory=uuid4)
    eb1: UUID = field(default_factory=uuid4)
    members: list[UUID] = field(default_factory=lambda: [uuid4() for _ in range(5)])
    k1: UUID = field(default_factory=uuid4)
    k2: UUID = field(default_factory=uuid4)

    def events(self) -> list[CloudEvent]:
        """Every aggregate's events in version order; organisations last, to show that
        facts arriving before the tree they hang in still roll up."""
        streams = [*self._members(), *self._employers(), *self._contracts(), *self._tree()]
        return [envelope(e, agg, v + 1) for agg, evs in streams for v, e in enumerate(evs)]

    def _tree(self) -> list[tuple[UUID, list[IntegrationEvent]]]:
        def found(org: UUID, parent: UUID | None, kind: c.OrganisationKind, name: str,
                  on: date = FOUNDED) -> c.UnionFounded:  # fmt: skip
            return c.UnionFounded(
                org_id=org, occurred_on=on, parent_id=parent, kind=kind, name=name
            )

        move = c.UnionMoved(
            org_id=self.b,
            occurred_on=date(2024, 4, 1),
            old_parent_id=self.s1,
            new_parent_id=self.s2,
        )
        return [
            (self.city, [found(self.city, None, "city_federation", "市总工会")]),
            (
                self.district,
                [found(self.district, self.city, "district_federation", "玄武区总工会")],
            ),
            (self.s1, [found(self.s1, self.district, "street_federation", "新街口街道总工会")]),
            (self.s2, [found(self.s2, self.district, "street_federation", "梅园街道总工会")]),
            (self.a, [found(self.a, self.s1, "community_federation", "汉中门社区工联会")]),
            (self.b, [found(self.b, self.s1, "community_federation", "石鼓路社区工联会"), move]),
            (self.ua, [found(self.ua, self.a, "grassroots_union", "甲公司工会")]),
            (
                self.ub,
                [found(self.ub, self.b, "grassroots_union", "乙联合工会", date(2024, 2, 10))],
            ),
            (
                self.ua2,
                [found(self.ua2, self.a, "grassroots_union", "丙公司工会", date(2024, 8, 1))],
            ),
        ]

    def _employers(self) -> list[tuple[UUID, list[IntegrationEvent]]]:
        def employer(emp: UUID, org: UUID, seq: int, workers: int,
                     covered_by: UUID | None, covered_on: date) -> list[IntegrationEvent]:  # fmt: skip
            found: list[IntegrationEvent] = [
                c.EmployerRegistered(org_id=org, occurred_on=date(2024, 1, 5), employer_id=emp,
                                     uscc=f"91320100MA{seq:07d}X", registration_type="173",
                                     ownership_class="private", industry="制造业"),
                c.EmployerCensusUpdated(org_id=org, occurred_on=date(2024, 1, 1), employer_id=emp,
                                        workers=workers, women=workers // 2,
                                        migrant_workers=workers // 4),
            ]  # fmt: skip
            if covered_by is not None:
                found.append(
                    c.EmployerCoverageChanged(org_id=org, occurred_on=covered_on, employer_id=emp,
                                              covered_by_union_id=covered_by, coverage_mode="single")
                )  # fmt: skip
            return found

        ea1 = employer(self.ea1, self.a, 1, 100, self.ua, date(2024, 1, 1))
        ea1.append(
            c.EmployerCensusUpdated(org_id=self.a, occurred_on=date(2024, 7, 1), employer_id=self.ea1,
                                    workers=120, women=60, migrant_workers=30)
        )  # fmt: skip
        return [
            (self.ea1, ea1),
            (self.ea2, employer(self.ea2, self.a, 2, 50, None, FOUNDED)),
            (self.eb1, employer(self.eb1, self.b, 3, 80, self.ub, date(2024, 2, 10))),
        ]

    def _members(self) -> list[tuple[UUID, list[IntegrationEvent]]]:
        m1, m2, m3, m4, m5 = self.members

        def admit(member: UUID, union: UUID, on: date, sex: c.Sex, migrant: bool,
                  employer: UUID) -> c.MemberAdmitted:  # fmt: skip
            return c.MemberAdmitted(org_id=union, occurred_on=on, member_id=member,
                                    employer_id=employer, sex=sex, birth_year=1990,
                                    is_migrant_worker=migrant)  # fmt: skip

        def transfer(
            member: UUID, src: UUID, dst: UUID, on: date, employer: UUID
        ) -> c.MemberTransferred:
            return c.MemberTransferred(org_id=dst, occurred_on=on, member_id=member,
                                       transfer_id=uuid4(), from_union_id=src, to_union_id=dst,
                                       employer_id=employer, reason="job_change")  # fmt: skip

        return [
            (m1, [admit(m1, self.ua, date(2024, 1, 10), "female", True, self.ea1)]),
            (m2, [admit(m2, self.ua, date(2024, 2, 1), "male", False, self.ea1),
                  transfer(m2, self.ua, self.ub, date(2024, 5, 1), self.eb1)]),
            (m3, [admit(m3, self.ub, date(2024, 3, 1), "female", False, self.eb1),
                  c.MemberLeft(org_id=self.ub, occurred_on=date(2024, 9, 15), member_id=m3,
                               reason="voluntary")]),
            (m4, [admit(m4, self.ua, date(2024, 8, 1), "male", True, self.ea1),
                  c.MemberRetained(org_id=self.ua, occurred_on=date(2024, 10, 1), member_id=m4,
                                   reason="retired")]),
            (m5, [admit(m5, self.ub, date(2024, 3, 15), "male", True, self.eb1),
                  transfer(m5, self.ub, self.ua, date(2024, 3, 20), self.ea1)]),
        ]  # fmt: skip

    def _contracts(self) -> list[tuple[UUID, list[IntegrationEvent]]]:
        k1 = c.ContractSigned(org_id=self.ua, occurred_on=date(2024, 3, 1), contract_id=self.k1,
                              kind="comprehensive", employer_ids=[self.ea1, self.ea2],
                              signing_party="own_union",
                              employers_covered=2, workers_covered=150,
                              starts_on=date(2024, 3, 1), ends_on=date(2027, 2, 28))  # fmt: skip
        k2 = c.ContractSigned(org_id=self.ub, occurred_on=date(2024, 9, 1), contract_id=self.k2,
                              kind="wage", employer_ids=[self.eb1], employers_covered=1,
                              signing_party="regional_union",
                              workers_covered=80, starts_on=date(2024, 9, 1),
                              ends_on=date(2025, 8, 31))  # fmt: skip
        k2_end = c.ContractTerminated(
            org_id=self.ub, occurred_on=date(2024, 12, 1), contract_id=self.k2
        )
        return [(self.k1, [k1]), (self.k2, [k2, k2_end])]
