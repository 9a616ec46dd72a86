"""A street's first half of 2024 in training and employment, hand-computed in the tests.

Tree: city → district → streets S1 (新街口) and S2 (梅园); S1 → communities A (汉中门) and B
(石鼓路); union UA under A. People are named pA1 … (community A), pB1 … (B), pS1 … (S2);
pA1, pA2, pA5 and pB1 are members (pA1 admitted to UA in 2023).

Community A:
- class CA1 (再就业) opened 01-10: pA1–pA5 take seats 01-12; pA6 is waitlisted 01-13 and
  takes a seat 01-20; pA7 is waitlisted 01-14 and withdraws 01-25 (never a seat); pA5
  withdraws 02-05. Attendance: session 1 (02-01) 4 present, 1 late, 1 absent, corrected
  (a newer version) to 5 present, 1 excused; session 2 (03-01) 4 present, 1 excused. pA1,
  pA2, pA3, pA4, pA6 complete 03-15; pA1–pA3 get certificates 03-20; pA3's is revoked 05-10.
- class CA2 (安全) opened 04-08: pA8–pA11 take seats 04-10; pA11 withdraws 05-20; session 1
  (05-08) 3 present, 1 late; pA8, pA9 complete 06-20; pA8 gets a certificate 06-25.
- class CA3 (技能) opened 05-05: pA12 takes a seat 05-06; the class is cancelled 05-25 and
  pA12's seat withdrawn that day.
- a skills competition: pA1 and pA2 enter 05-15; pA1 is ranked first 05-30.
- seekers: pA5 (下岗失业) 01-08, pA12 (农民工) 04-02, pA13 (高校毕业生) 04-15.
- postings: P1 02-10 (5 positions), P2 05-03 (3).
- placements: pA5 02-20 through P1 (再就业), still employed at 3 months (05-20); pA13 05-10
  at fair F1 (not 再就业).

Community B:
- class CB1 (技能) opened 02-01: pB1–pB4 take seats 02-03; session 1 (02-10) 4 present;
  pB1–pB3 complete 04-20; pB1, pB2 get certificates 04-25.
- seekers: pB8 (下岗失业) 2023-11-20, pB5 (下岗失业) 01-20, pB6 (困难职工) 03-05, pB7
  (下岗失业) 04-12.
- posting P3 03-10 (10 positions); fair F2 06-12: 5 employers, 20 positions, 6 registered
  seekers and 9 walk-ins.
- placements (all 再就业): pB8 2023-12-01, still employed at 3 months (03-01) and at 6 months
  (06-01); pB5 03-01, no longer employed at 3 months (06-01); pB6 03-25, still employed at 3
  months (06-25), corrected (a newer version, 06-28) to no longer employed; pB7 06-05 at F1.

The street S1 itself: fair F0 03-08 (8 employers, 60 positions, 10 registered, 25 walk-ins);
fair F1 04-18 reported as 12 employers, 150 positions, 30 registered, 45 walk-ins, then
corrected (a newer version) to 14, 160, 32 and 40; posting P4 06-15 (25 positions).
Street S2: class CS1 (女职工) opened 03-12, pS1 and pS2 take seats 03-13.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from uuid import UUID, uuid4

from shared.contracts import membership as m
from shared.contracts import training as t
from shared.contracts.envelope import CloudEvent
from shared.contracts.registry import IntegrationEvent
from shared.outbox import PendingEvent
from shared.outbox.writer import to_cloud_event

MEMBERS = ("pA1", "pA2", "pA5", "pB1")
Aggregate = tuple[UUID, list[IntegrationEvent]]


def training_envelope(event: IntegrationEvent, subject: UUID, version: int) -> CloudEvent:
    return to_cloud_event(PendingEvent(event, str(subject), version), "training")


def d(month: int, day: int, year: int = 2024) -> date:
    return date(year, month, day)


@dataclass
class TrainingStreet:
    city: UUID = field(default_factory=uuid4)
    district: UUID = field(default_factory=uuid4)
    s1: UUID = field(default_factory=uuid4)
    s2: UUID = field(default_factory=uuid4)
    a: UUID = field(default_factory=uuid4)
    b: UUID = field(default_factory=uuid4)
    ua: UUID = field(default_factory=uuid4)
    ids: defaultdict[str, UUID] = field(default_factory=lambda: defaultdict(uuid4))
    """Every other id by name: people (pA1), members (mA1), classes, fairs, postings …"""

    def member(self, person: str) -> UUID | None:
        return self.ids["m" + person[1:]] if person in MEMBERS else None

    def membership_events(self) -> list[CloudEvent]:
        """The tree, and pA1's admission to UA."""

        def found(
            org: UUID, parent: UUID | None, kind: m.OrganisationKind, name: str
        ) -> CloudEvent:
            event = m.UnionFounded(org_id=org, occurred_on=d(1, 1, 2020), parent_id=parent,
                                   kind=kind, name=name)  # fmt: skip
            return to_cloud_event(PendingEvent(event, str(org), 1), "membership")

        admitted = m.MemberAdmitted(org_id=self.ua, occurred_on=d(1, 1, 2023),
                                    member_id=self.ids["mA1"], employer_id=uuid4(), sex="female",
                                    birth_year=1980, is_migrant_worker=False)  # fmt: skip
        return [
            found(self.city, None, "city_federation", "市总工会"),
            found(self.district, self.city, "district_federation", "玄武区总工会"),
            found(self.s1, self.district, "street_federation", "新街口街道总工会"),
            found(self.s2, self.district, "street_federation", "梅园街道总工会"),
            found(self.a, self.s1, "community_federation", "汉中门社区工联会"),
            found(self.b, self.s1, "community_federation", "石鼓路社区工联会"),
            found(self.ua, self.a, "grassroots_union", "汉中门联合工会"),
            to_cloud_event(PendingEvent(admitted, str(self.ids["mA1"]), 1), "membership"),
        ]

    def events(self) -> list[CloudEvent]:
        """Every training aggregate's events in version order."""
        aggregates = [*self._classes(), *self._seats(), *self._certificates(),
                      *self._competition(), *self._seekers(), *self._postings(), *self._fairs(),
                      *self._placements()]  # fmt: skip
        return [
            training_envelope(event, subject, version)
            for subject, events in aggregates
            for version, event in enumerate(events, start=1)
        ]

    def _classes(self) -> list[Aggregate]:
        def opened(name: str, org: UUID, on: date, kind: t.ClassKind) -> t.ClassOpened:
            return t.ClassOpened(org_id=org, occurred_on=on, class_id=self.ids[name], kind=kind,
                                 target_groups=["all"], capacity=30, starts_on=on,
                                 ends_on=d(6, 30), sessions_planned=4)  # fmt: skip

        def session(name: str, org: UUID, no: int, on: date, *counts: int) -> t.AttendanceTaken:
            present, late, excused, absent = counts
            return t.AttendanceTaken(org_id=org, occurred_on=on, class_id=self.ids[name],
                                     session_no=no, present=present, late=late, excused=excused,
                                     absent=absent)  # fmt: skip

        a, b = self.a, self.b
        cancelled = t.ClassCancelled(org_id=a, occurred_on=d(5, 25), class_id=self.ids["CA3"])
        return [
            (self.ids["CA1"], [opened("CA1", a, d(1, 10), "reemployment"),
                               session("CA1", a, 1, d(2, 1), 4, 1, 0, 1),
                               session("CA1", a, 2, d(3, 1), 4, 0, 1, 0),
                               session("CA1", a, 1, d(2, 1), 5, 0, 1, 0)]),
            (self.ids["CA2"], [opened("CA2", a, d(4, 8), "safety"),
                               session("CA2", a, 1, d(5, 8), 3, 1, 0, 0)]),
            (self.ids["CA3"], [opened("CA3", a, d(5, 5), "skills"), cancelled]),
            (self.ids["CB1"], [opened("CB1", b, d(2, 1), "skills"),
                               session("CB1", b, 1, d(2, 10), 4, 0, 0, 0)]),
            (self.ids["CS1"], [opened("CS1", self.s2, d(3, 12), "women")]),
        ]  # fmt: skip

    def _person(self, person: str) -> dict[str, UUID | None]:
        return {"person_id": self.ids[person], "member_id": self.member(person)}

    def _seat(self, person: str, klass: str, org: UUID, *steps: tuple[str, date]) -> Aggregate:
        """One enrolment's events: ``waitlisted``, ``enrolled``, ``withdrawn``, ``completed``."""
        enrolment = self.ids[f"E{person}"]
        common = {"enrolment_id": enrolment, "class_id": self.ids[klass], **self._person(person)}
        kinds = {"waitlisted": t.Waitlisted, "enrolled": t.Enrolled, "completed": t.Completed}
        events: list[IntegrationEvent] = []
        for step, on in steps:
            if step == "withdrawn":
                reason: t.WithdrawalReason = "class_cancelled" if klass == "CA3" else "personal"
                events.append(t.EnrolmentWithdrawn(org_id=org, occurred_on=on, reason=reason,
                                                   **common))  # fmt: skip
            else:
                events.append(kinds[step](org_id=org, occurred_on=on, **common))
        return enrolment, events

    def _seats(self) -> list[Aggregate]:
        a, b, e, w, c = self.a, self.b, "enrolled", "withdrawn", "completed"
        seats = [
            self._seat(p, "CA1", a, (e, d(1, 12)), (c, d(3, 15)))
            for p in ("pA1", "pA2", "pA3", "pA4")
        ]
        seats += [
            self._seat("pA5", "CA1", a, (e, d(1, 12)), (w, d(2, 5))),
            self._seat("pA6", "CA1", a, ("waitlisted", d(1, 13)), (e, d(1, 20)), (c, d(3, 15))),
            self._seat("pA7", "CA1", a, ("waitlisted", d(1, 14)), (w, d(1, 25))),
            self._seat("pA8", "CA2", a, (e, d(4, 10)), (c, d(6, 20))),
            self._seat("pA9", "CA2", a, (e, d(4, 10)), (c, d(6, 20))),
            self._seat("pA10", "CA2", a, (e, d(4, 10))),
            self._seat("pA11", "CA2", a, (e, d(4, 10)), (w, d(5, 20))),
            self._seat("pA12", "CA3", a, (e, d(5, 6)), (w, d(5, 25))),
            self._seat("pB4", "CB1", b, (e, d(2, 3))),
            self._seat("pS1", "CS1", self.s2, (e, d(3, 13))),
            self._seat("pS2", "CS1", self.s2, (e, d(3, 13))),
        ]  # fmt: skip
        seats += [
            self._seat(p, "CB1", b, (e, d(2, 3)), (c, d(4, 20))) for p in ("pB1", "pB2", "pB3")
        ]
        return seats

    def _certificates(self) -> list[Aggregate]:
        def issued(person: str, klass: str, org: UUID, on: date) -> t.CertificateIssued:
            return t.CertificateIssued(org_id=org, occurred_on=on,
                                       certificate_id=self.ids[f"C{person}"],
                                       class_id=self.ids[klass],
                                       enrolment_id=self.ids[f"E{person}"], **self._person(person))  # fmt: skip

        revoked = t.CertificateRevoked(org_id=self.a, occurred_on=d(5, 10),
                                       certificate_id=self.ids["CpA3"], reason="issued_in_error",
                                       **self._person("pA3"))  # fmt: skip
        found: list[Aggregate] = [
            (self.ids[f"C{p}"], [issued(p, "CA1", self.a, d(3, 20))]) for p in ("pA1", "pA2")
        ]
        return [
            *found,
            (self.ids["CpA3"], [issued("pA3", "CA1", self.a, d(3, 20)), revoked]),
            (self.ids["CpA8"], [issued("pA8", "CA2", self.a, d(6, 25))]),
            (self.ids["CpB1"], [issued("pB1", "CB1", self.b, d(4, 25))]),
            (self.ids["CpB2"], [issued("pB2", "CB1", self.b, d(4, 25))]),
        ]

    def _competition(self) -> list[Aggregate]:
        def entry(person: str) -> dict[str, object]:
            return {"org_id": self.a, "competition_id": self.ids["K1"],
                    "entry_id": self.ids[f"K{person}"], **self._person(person)}  # fmt: skip

        first = t.CompetitionPlaced(occurred_on=d(5, 30), rank=1, **entry("pA1"))
        return [
            (self.ids["KpA1"], [t.CompetitionEntered(occurred_on=d(5, 15), **entry("pA1")), first]),
            (self.ids["KpA2"], [t.CompetitionEntered(occurred_on=d(5, 15), **entry("pA2"))]),
        ]

    def _seekers(self) -> list[Aggregate]:
        registered = [("pA5", self.a, d(1, 8), "laid_off"), ("pA12", self.a, d(4, 2), "migrant"),
                      ("pA13", self.a, d(4, 15), "graduate"),
                      ("pB8", self.b, d(11, 20, 2023), "laid_off"),
                      ("pB5", self.b, d(1, 20), "laid_off"), ("pB6", self.b, d(3, 5), "hardship"),
                      ("pB7", self.b, d(4, 12), "laid_off")]  # fmt: skip
        return [
            (
                self.ids[f"S{p}"],
                [
                    t.SeekerRegistered(
                        org_id=org,
                        occurred_on=on,
                        seeker_id=self.ids[f"S{p}"],
                        status=status,
                        **self._person(p),
                    )
                ],
            )
            for p, org, on, status in registered
        ]

    def _postings(self) -> list[Aggregate]:
        posted = [("P1", self.a, d(2, 10), 5), ("P2", self.a, d(5, 3), 3),
                  ("P3", self.b, d(3, 10), 10), ("P4", self.s1, d(6, 15), 25)]  # fmt: skip
        return [
            (
                self.ids[name],
                [
                    t.PostingPublished(
                        org_id=org, occurred_on=on, posting_id=self.ids[name], positions=n
                    )
                ],
            )
            for name, org, on, n in posted
        ]

    def _fairs(self) -> list[Aggregate]:
        def held(name: str, org: UUID, on: date, *figures: int) -> t.FairHeld:
            employers, positions, registered, walk_ins = figures
            return t.FairHeld(org_id=org, occurred_on=on, fair_id=self.ids[name],
                              employers_attending=employers, positions_offered=positions,
                              registered_seekers=registered, walk_in_seekers=walk_ins)  # fmt: skip

        return [
            (self.ids["F0"], [held("F0", self.s1, d(3, 8), 8, 60, 10, 25)]),
            (self.ids["F1"], [held("F1", self.s1, d(4, 18), 12, 150, 30, 45),
                              held("F1", self.s1, d(4, 18), 14, 160, 32, 40)]),
            (self.ids["F2"], [held("F2", self.b, d(6, 12), 5, 20, 6, 9)]),
        ]  # fmt: skip

    def _placements(self) -> list[Aggregate]:
        a, b = self.a, self.b
        return [
            self._placement("pA5", a, d(2, 20), True, "posting", (3, d(5, 20), True)),
            self._placement("pA13", a, d(5, 10), False, "fair"),
            self._placement("pB8", b, d(12, 1, 2023), True, "other", (3, d(3, 1), True),
                            (6, d(6, 1), True)),
            self._placement("pB5", b, d(3, 1), True, "other", (3, d(6, 1), False)),
            self._placement("pB6", b, d(3, 25), True, "posting", (3, d(6, 25), True),
                            (3, d(6, 28), False)),
            self._placement("pB7", b, d(6, 5), True, "fair"),
        ]  # fmt: skip

    def _placement(self, person: str, org: UUID, on: date, again: bool,
                   channel: t.PlacementChannel, *follow_ups: tuple[int, date, bool]) -> Aggregate:  # fmt: skip
        placement = self.ids[f"J{person}"]
        events: list[IntegrationEvent] = [
            t.Placed(
                org_id=org,
                occurred_on=on,
                placement_id=placement,
                seeker_id=self.ids[f"S{person}"],
                channel=channel,
                reemployment=again,
                fair_id=self.ids["F1"] if channel == "fair" else None,
                **self._person(person),
            )
        ]
        events += [
            t.PlacementFollowedUp(org_id=org, occurred_on=when, placement_id=placement,
                                  months=months, still_employed=still, **self._person(person))
            for months, when, still in follow_ups
        ]  # fmt: skip
        return placement, events
