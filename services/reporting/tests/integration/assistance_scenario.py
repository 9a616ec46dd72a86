"""A street's year of hardship assistance, hand-computed (see the expectations in the tests).

Tree: city → district → streets S1 (新街口) and S2 (梅园); S1 → communities A (汉中门) and B
(石鼓路), S2 → community C2; joint unions UA under A, UB under B, UC under C2. Twelve
enterprises: E1–E7 in UA's territory, E8–E12 in UB's.

Households (head M<i>, one per household H<i>):
- UA: H1–H8 deep, H9–H20 relative, H21–H24 accident, filed 2023-11-15; H39 relative,
  temporary, filed 2024-09-01.
- UB: H25–H29 deep, H30–H37 relative, H38 accident; H25–H30 filed 2023-11-15, H31–H38
  filed 2024-01-10; H40 accident, temporary, filed 2024-09-01, made formal (relative) 10-01.
- H11 exits 2024-03-15; H10 relocates UA → UC on 2024-05-20; H12 re-verified relative → deep
  on 2024-06-10; H13 flagged 2024-07-01; H26 exits 2024-10-31; H30 is cancelled 2024-11-20.

Spring Festival: H1–H38 visited (festival) from 2024-01-25 to 2024-02-08 (38 households in 12
enterprises) and paid 500 yuan each on 2024-02-05 in one batch (19,000 yuan). H9's head is
visited in hospital on 04-02 and paid 8,000 yuan medical aid on 04-10. Student aid on
2024-09-10: H2, H3 3,000 yuan each, H26, H27, H28 2,000 yuan each; H4's application is
rejected. H10's household gets 1,500.50 yuan emergency relief under UC on 07-20.
Donations to S1's campaign: 30,000 + 15,460 yuan on 01-06/07 (S1), 1,000 yuan on 07-02 (A).
Mutual insurance: M1–M6 enrol in UA on 01-15, M25–M28 in UB on 02-01 (50 yuan each); claims
M1 1,200 yuan (05-08), M2 300.50 yuan (05-20), M25 5,000 yuan (08-12).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from uuid import UUID, uuid4

from shared.contracts import assistance as a
from shared.contracts import membership as m
from shared.contracts.envelope import CloudEvent
from shared.contracts.registry import IntegrationEvent
from shared.outbox import PendingEvent
from shared.outbox.writer import to_cloud_event

FILED_2023 = date(2023, 11, 15)
FESTIVAL_PAY_DAY = date(2024, 2, 5)
STUDENT_GRANTS = {2: 300_000, 3: 300_000, 26: 200_000, 27: 200_000, 28: 200_000}


def assistance_envelope(event: IntegrationEvent, subject: UUID, version: int) -> CloudEvent:
    return to_cloud_event(PendingEvent(event, str(subject), version), "assistance")


@dataclass
class Street:
    city: UUID = field(default_factory=uuid4)
    district: UUID = field(default_factory=uuid4)
    s1: UUID = field(default_factory=uuid4)
    s2: UUID = field(default_factory=uuid4)
    a: UUID = field(default_factory=uuid4)
    b: UUID = field(default_factory=uuid4)
    c2: UUID = field(default_factory=uuid4)
    ua: UUID = field(default_factory=uuid4)
    ub: UUID = field(default_factory=uuid4)
    uc: UUID = field(default_factory=uuid4)
    employers: list[UUID] = field(default_factory=lambda: [uuid4() for _ in range(12)])
    households: list[UUID] = field(default_factory=lambda: [uuid4() for _ in range(41)])
    heads: list[UUID] = field(default_factory=lambda: [uuid4() for _ in range(41)])
    batch: UUID = field(default_factory=uuid4)
    campaign: UUID = field(default_factory=uuid4)

    def union_of(self, i: int) -> UUID:
        return self.ua if i <= 24 or i == 39 else self.ub

    def employer_of(self, i: int) -> UUID:
        return self.employers[(i - 1) % 7] if self.union_of(i) == self.ua else (
            self.employers[7 + (i - 25) % 5])  # fmt: skip

    def membership_events(self) -> list[CloudEvent]:
        """The tree, and the admission of H9's head (M9) to UA."""

        def found(
            org: UUID, parent: UUID | None, kind: m.OrganisationKind, name: str
        ) -> CloudEvent:
            event = m.UnionFounded(org_id=org, occurred_on=date(2020, 1, 1), parent_id=parent,
                                   kind=kind, name=name)  # fmt: skip
            return to_cloud_event(PendingEvent(event, str(org), 1), "membership")

        admitted = m.MemberAdmitted(org_id=self.ua, occurred_on=date(2023, 1, 1),
                                    member_id=self.heads[9], employer_id=self.employer_of(9),
                                    sex="female", birth_year=1975, is_migrant_worker=False)  # fmt: skip
        return [
            found(self.city, None, "city_federation", "市总工会"),
            found(self.district, self.city, "district_federation", "玄武区总工会"),
            found(self.s1, self.district, "street_federation", "新街口街道总工会"),
            found(self.s2, self.district, "street_federation", "梅园街道总工会"),
            found(self.a, self.s1, "community_federation", "汉中门社区工联会"),
            found(self.b, self.s1, "community_federation", "石鼓路社区工联会"),
            found(self.c2, self.s2, "community_federation", "梅园社区工联会"),
            found(self.ua, self.a, "grassroots_union", "汉中门联合工会"),
            found(self.ub, self.b, "grassroots_union", "石鼓路联合工会"),
            found(self.uc, self.c2, "grassroots_union", "梅园联合工会"),
            to_cloud_event(PendingEvent(admitted, str(self.heads[9]), 1), "membership"),
        ]

    def events(self) -> list[CloudEvent]:
        """Every assistance aggregate's events in version order."""
        aggregates = [*self._households(), self._festival(), *self._visits(),
                      *self._applications(), self._donations(), *self._insurance()]  # fmt: skip
        return [
            assistance_envelope(event, subject, version)
            for subject, events in aggregates
            for version, event in enumerate(events, start=1)
        ]

    def _households(self) -> list[tuple[UUID, list[IntegrationEvent]]]:
        found = []
        for i in range(1, 41):
            events: list[IntegrationEvent] = [self._filing(i)]
            events += self._later(i)
            found.append((self.households[i], events))
        return found

    def _filing(self, i: int) -> a.HouseholdFiled:
        level: a.HardshipLevel = (
            "deep" if i <= 8 or 25 <= i <= 29 else
            "accident" if 21 <= i <= 24 or i in (38, 40) else "relative"
        )  # fmt: skip
        filed_on = FILED_2023 if i <= 30 else date(2024, 1, 10) if i <= 38 else date(2024, 9, 1)
        return a.HouseholdFiled(
            org_id=self.union_of(i), occurred_on=filed_on, household_id=self.households[i],
            head_member_id=self.heads[i], employer_id=self.employer_of(i), level=level,
            causes=["illness"], family_size=3, temporary=i >= 39,
        )  # fmt: skip

    def _later(self, i: int) -> list[IntegrationEvent]:
        org, household = self.union_of(i), self.households[i]
        later: dict[int, IntegrationEvent] = {
            10: a.HouseholdRelocated(org_id=self.uc, occurred_on=date(2024, 5, 20),
                                     household_id=household, from_org_id=self.ua,
                                     reason="head_transferred"),
            11: a.HouseholdExited(org_id=org, occurred_on=date(2024, 3, 15),
                                  household_id=household, reason="reemployed"),
            12: a.HouseholdReverified(org_id=org, occurred_on=date(2024, 6, 10),
                                      household_id=household, level="deep",
                                      previous_level="relative"),
            13: a.HouseholdFlagged(org_id=org, occurred_on=date(2024, 7, 1),
                                   household_id=household, flag="head_left_union"),
            26: a.HouseholdExited(org_id=org, occurred_on=date(2024, 10, 31),
                                  household_id=household, reason="income_improved"),
            30: a.HouseholdCancelled(org_id=org, occurred_on=date(2024, 11, 20),
                                     household_id=household, reason="moved_away"),
            40: a.HouseholdFormalised(org_id=org, occurred_on=date(2024, 10, 1),
                                      household_id=household, level="relative"),
        }  # fmt: skip
        return [later[i]] if i in later else []

    def festival_payment(self, i: int, payment: UUID | None = None) -> a.AidPaid:
        return a.AidPaid(
            org_id=self.union_of(i), occurred_on=FESTIVAL_PAY_DAY, payment_id=payment or uuid4(),
            application_id=None, batch_id=self.batch, programme="festival_consolation",
            household_id=self.households[i], member_id=self.heads[i],
            employer_id=self.employer_of(i), amount_fen=50_000, method="bank_transfer",
            budget_org_id=self.s1,
        )  # fmt: skip

    def _festival(self) -> tuple[UUID, list[IntegrationEvent]]:
        budget = a.BudgetAllocated(org_id=self.s1, occurred_on=date(2024, 1, 2), budget_id=uuid4(),
                                   programme="festival_consolation", year=2024,
                                   amount_fen=2_000_000)  # fmt: skip
        return self.batch, [budget, *(self.festival_payment(i) for i in range(1, 39))]

    def _visits(self) -> list[tuple[UUID, list[IntegrationEvent]]]:
        visits = [
            a.VisitRecorded(
                org_id=self.union_of(i), occurred_on=date(2024, 1, 25) + timedelta((i - 1) % 15),
                visit_id=uuid4(), household_id=self.households[i], member_id=None,
                # Some visits leave the employer to the household's filing.
                employer_id=None if i in (1, 2, 3, 25) else self.employer_of(i),
                occasion="festival",
            )
            for i in range(1, 39)
        ]  # fmt: skip
        visits.append(
            a.VisitRecorded(org_id=self.ua, occurred_on=date(2024, 4, 2), visit_id=uuid4(),
                            household_id=self.households[9], member_id=self.heads[9],
                            employer_id=self.employer_of(9), occasion="hospital")
        )  # fmt: skip
        return [(visit.visit_id, [visit]) for visit in visits]

    def _applications(self) -> list[tuple[UUID, list[IntegrationEvent]]]:
        found = [self._application(9, "medical_aid", 800_000, date(2024, 3, 20), date(2024, 4, 10))]
        found += [
            self._application(i, "student_aid", fen, date(2024, 9, 1), date(2024, 9, 10))
            for i, fen in STUDENT_GRANTS.items()
        ]
        found.append(self._application(10, "emergency_relief", 150_050, date(2024, 7, 10),
                                       date(2024, 7, 20), org=self.uc))  # fmt: skip
        return [*found, self._rejected()]

    def _application(self, i: int, programme: a.Programme, fen: int, submitted: date,
                     paid: date, org: UUID | None = None) -> tuple[UUID, list[IntegrationEvent]]:  # fmt: skip
        org, app, budget = org or self.union_of(i), uuid4(), self.s1 if org is None else self.s2
        member = self.heads[i] if programme == "medical_aid" else None
        common = {"org_id": org, "application_id": app, "programme": programme,
                  "household_id": self.households[i], "member_id": member}  # fmt: skip
        return app, [
            a.ApplicationSubmitted(occurred_on=submitted, requested_fen=fen + 10_000, **common),
            a.ApplicationApproved(occurred_on=paid - timedelta(5), approved_fen=fen,
                                  budget_org_id=budget, **common),
            a.AidPaid(occurred_on=paid, payment_id=uuid4(), amount_fen=fen, method="bank_transfer",
                      budget_org_id=budget, employer_id=self.employer_of(i), **common),
        ]  # fmt: skip

    def _rejected(self) -> tuple[UUID, list[IntegrationEvent]]:
        app = uuid4()
        return app, [
            a.ApplicationSubmitted(org_id=self.ua, occurred_on=date(2024, 9, 1), application_id=app,
                                   programme="student_aid", household_id=self.households[4],
                                   member_id=None, requested_fen=300_000),
            a.ApplicationRejected(org_id=self.ua, occurred_on=date(2024, 9, 5), application_id=app,
                                  programme="student_aid", step="review", reason="ineligible"),
        ]  # fmt: skip

    def _donations(self) -> tuple[UUID, list[IntegrationEvent]]:
        def receipt(org: UUID, on: date, fen: int, kind: a.DonorKind) -> a.DonationReceived:
            return a.DonationReceived(org_id=org, occurred_on=on, receipt_id=uuid4(),
                                      campaign_id=self.campaign, amount_fen=fen, donor_kind=kind)  # fmt: skip

        opened = a.DonationCampaignOpened(org_id=self.s1, occurred_on=date(2024, 1, 5),
                                          campaign_id=self.campaign, name="新春送温暖募捐")  # fmt: skip
        return self.campaign, [
            opened,
            receipt(self.s1, date(2024, 1, 6), 3_000_000, "employer"),
            receipt(self.s1, date(2024, 1, 7), 1_546_000, "individual"),
            receipt(self.a, date(2024, 7, 2), 100_000, "union"),
        ]

    def _insurance(self) -> list[tuple[UUID, list[IntegrationEvent]]]:
        claims: dict[int, tuple[date, a.ClaimKind, int]] = {
            1: (date(2024, 5, 8), "inpatient", 120_000),
            2: (date(2024, 5, 20), "outpatient_chronic", 30_050),
            25: (date(2024, 8, 12), "critical_illness", 500_000),
        }
        found = []
        for i in (1, 2, 3, 4, 5, 6, 25, 26, 27, 28):
            enrolment, org = uuid4(), self.union_of(i)
            enrolled_on = date(2024, 1, 15) if org == self.ua else date(2024, 2, 1)
            events: list[IntegrationEvent] = [
                a.InsuranceEnrolled(org_id=org, occurred_on=enrolled_on, enrolment_id=enrolment,
                                    member_id=self.heads[i], scheme_year=2024, premium_fen=5_000)
            ]  # fmt: skip
            if i in claims:
                on, kind, fen = claims[i]
                events.append(
                    a.InsuranceClaimPaid(org_id=org, occurred_on=on, claim_id=uuid4(),
                                         enrolment_id=enrolment, member_id=self.heads[i],
                                         claim_kind=kind, amount_fen=fen)
                )  # fmt: skip
            found.append((enrolment, events))
        return found
