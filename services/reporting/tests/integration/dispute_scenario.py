"""A street's half-year of labour-dispute mediation, hand-computed (see the expectations in the tests).

The tree is the assistance scenario's (``assistance_scenario.Street``): city → district →
streets S1 (新街口) and S2 (梅园); S1 → communities A (汉中门) and B (石鼓路), S2 → C2. Cases and
contacts count toward the community (or street) whose mediation committee handles them.

Community A: contacts visit 01-10 (1 worker), visit 02-20 (3), phone 03-05, online 04-20.
- K0 wages, received 2023-12-20, accepted 2023-12-21, extended (v1, 未记录) 2023-12-28 to
  2024-01-12, settled and closed 2024-01-04 (5,000 元).
- K1 wages, M9 applies: received 01-08 by visit (3 workers, 2 农民工, 45,000 元 claimed),
  accepted 01-09 (due 01-24), mediator, session, settled and closed 01-20 (40,000 元 agreed);
  recovered 20,000 元 on 02-10 and 20,000 元 on 04-10.
- K2 work injury, M1 applies: received 02-01 by phone (1 worker, 1 农民工, 120,000 元), accepted
  02-02, failed 02-16, referred to arbitration and closed 02-18; legal aid (arbitration) 02-20.
- K3 wages, collective: received 03-20 by visit (12 workers, 10 农民工, 360,000 元), accepted
  03-21 (due 04-05), extended (v1, 未记录) 03-28 to 04-10 and (当事人申请) 04-03 to 04-20,
  settled and closed 04-18 (300,000 元); 300,000 元 recovered 05-10.
- K4 dismissal: received 05-06 online (1 worker, 20,000 元), accepted 05-08 (due 05-23),
  overdue 05-24, settled 07-08 (10,000 元) and closed 07-10.
- K5 other: received 03-01 by letter (1 worker), declined and closed (declined) 03-03.

Community B: contacts visit 01-15, letter 02-25, referred by the district 05-05 (5 workers).
- K6 labour contract: received 01-22 by visit (2 workers, 1 农民工, 10,000 元), accepted 01-23,
  extended (其他) 01-30 to 02-15, settled and closed 02-05 (8,000 元); 8,000 元 recovered 02-15.
- K7 social insurance: received 04-01 from the district (5 workers, 5 农民工, 60,000 元),
  accepted 04-02, extended (等待鉴定或证据) 04-10 to 04-30, failed 04-16, referred to court
  and closed 04-19; legal aid (first instance) 04-25.
- K8 wages: received 05-12 by phone (1 worker, 1 农民工, 3,000 元), accepted 05-13, extended
  (案情复杂需进一步调查) 05-16 to 06-10, withdrawn and closed (withdrawn) 05-20.
- K9 dismissal: received 03-25 by visit (1 worker, 15,000 元), accepted 03-28 (due 04-12),
  overdue 04-13, settled and closed 04-25 (12,000 元).

Street S1's own mediation centre: a visit 06-10 (20 workers); K10 wages, collective,
received 06-01 by visit (20 workers, 15 农民工, 500,000 元), accepted 06-03, extended
(协商中即将达成协议) 06-10 to 06-25, settled and closed 06-15 (450,000 元), 200,000 元 recovered 06-28; legal aid (arbitration) to a worker 06-20.
Community C2 (street S2): a phone contact 02-02.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any
from uuid import UUID, uuid4, uuid5

from shared.contracts import disputes as d
from shared.contracts.envelope import CloudEvent
from shared.contracts.registry import IntegrationEvent
from shared.outbox import PendingEvent
from shared.outbox.writer import to_cloud_event

from .assistance_scenario import Street


def disputes_envelope(event: IntegrationEvent, subject: UUID, version: int) -> CloudEvent:
    return to_cloud_event(PendingEvent(event, str(subject), version), "disputes")


@dataclass(frozen=True)
class Case:
    """One case's story: where, what, who, and its steps as (kind, date, fields)."""

    org: UUID
    category: d.Category
    received: tuple[date, d.Channel, int, int, int]  # date, channel, workers, 农民工, fen claimed
    steps: list[tuple[str, date, dict[str, Any]]]
    applicants: list[UUID] = field(default_factory=list)
    case_id: UUID = field(default_factory=uuid4)


def _d(month: int, day: int, year: int = 2024) -> date:
    return date(year, month, day)


def _settled(on: date, fen: int) -> list[tuple[str, date, dict[str, Any]]]:
    return [("settled", on, {"agreed_fen": fen}), ("closed", on, {"outcome": "settled"})]


def _referred(failed: date, on: date, target: str, reason: str) -> list[tuple[str, date, dict[str, Any]]]:  # fmt: skip
    return [("failed", failed, {"reason": reason}), ("referred", on, {"target": target}),
            ("closed", on, {"outcome": "referred"})]  # fmt: skip


def _accepted(on: date) -> tuple[str, date, dict[str, Any]]:
    return ("accepted", on, {"due_on": on + timedelta(days=15)})


def _extended(on: date, due: date, reason: str) -> tuple[str, date, dict[str, Any]]:
    return ("deadline_extended", on, {"due_on": due, "reason": reason})


def _extended_v1(on: date, due: date) -> tuple[str, date, dict[str, Any]]:
    """An extension published before v2 asked why: it counts as 未记录 (unknown)."""
    return ("deadline_extended_v1", on, {"due_on": due})


@dataclass
class Mediation:
    """The street's mediation facts (see the module's docstring)."""

    street: Street = field(default_factory=Street)
    aid_worker: UUID = field(default_factory=uuid4)
    cases: list[Case] = field(init=False)

    def __post_init__(self) -> None:
        self.cases = self._cases()

    def _cases(self) -> list[Case]:
        s = self.street
        m9, m1 = s.heads[9], s.heads[1]
        return [
            Case(s.a, "wages", (_d(12, 20, 2023), "visit", 1, 0, 600_000),
                 [_accepted(_d(12, 21, 2023)), _extended_v1(_d(12, 28, 2023), _d(1, 12)),
                  *_settled(_d(1, 4), 500_000)]),
            Case(s.a, "wages", (_d(1, 8), "visit", 3, 2, 4_500_000),
                 [_accepted(_d(1, 9)), ("mediator_assigned", _d(1, 10), {"mediator_id": uuid4()}),
                  ("session_held", _d(1, 15), {"session_no": 1, "attendees": 4}),
                  *_settled(_d(1, 20), 4_000_000), ("recovery", _d(2, 10), {"amount_fen": 2_000_000}),
                  ("recovery", _d(4, 10), {"amount_fen": 2_000_000})], [m9]),
            Case(s.a, "work_injury", (_d(2, 1), "phone", 1, 1, 12_000_000),
                 [_accepted(_d(2, 2)), ("session_held", _d(2, 10), {"session_no": 1, "attendees": 3}),
                  *_referred(_d(2, 16), _d(2, 18), "arbitration", "no_agreement")], [m1]),
            Case(s.a, "wages", (_d(3, 20), "visit", 12, 10, 36_000_000),
                 [_accepted(_d(3, 21)), _extended_v1(_d(3, 28), _d(4, 10)),
                  _extended(_d(4, 3), _d(4, 20), "party_request"),
                  *_settled(_d(4, 18), 30_000_000), ("recovery", _d(5, 10), {"amount_fen": 30_000_000})]),
            Case(s.a, "dismissal", (_d(5, 6), "online", 1, 0, 2_000_000),
                 [_accepted(_d(5, 8)), ("overdue", _d(5, 24), {"due_on": _d(5, 23)}),
                  ("settled", _d(7, 8), {"agreed_fen": 1_000_000}),
                  ("closed", _d(7, 10), {"outcome": "settled"})]),
            Case(s.a, "other", (_d(3, 1), "letter", 1, 0, 0),
                 [("declined", _d(3, 3), {"reason": "not_labour_dispute"}),
                  ("closed", _d(3, 3), {"outcome": "declined"})]),
            Case(s.b, "labour_contract", (_d(1, 22), "visit", 2, 1, 1_000_000),
                 [_accepted(_d(1, 23)), _extended(_d(1, 30), _d(2, 15), "other"),
                  *_settled(_d(2, 5), 800_000),
                  ("recovery", _d(2, 15), {"amount_fen": 800_000})]),
            Case(s.b, "social_insurance", (_d(4, 1), "referred_by_superior", 5, 5, 6_000_000),
                 [_accepted(_d(4, 2)), _extended(_d(4, 10), _d(4, 30), "awaiting_evidence"),
                  *_referred(_d(4, 16), _d(4, 19), "court", "employer_absent")]),
            Case(s.b, "wages", (_d(5, 12), "phone", 1, 1, 300_000),
                 [_accepted(_d(5, 13)), _extended(_d(5, 16), _d(6, 10), "further_investigation"),
                  ("withdrawn", _d(5, 20), {}),
                  ("closed", _d(5, 20), {"outcome": "withdrawn"})]),
            Case(s.b, "dismissal", (_d(3, 25), "visit", 1, 0, 1_500_000),
                 [_accepted(_d(3, 28)), ("overdue", _d(4, 13), {"due_on": _d(4, 12)}),
                  *_settled(_d(4, 25), 1_200_000)]),
            Case(s.s1, "wages", (_d(6, 1), "visit", 20, 15, 50_000_000),
                 [_accepted(_d(6, 3)), _extended(_d(6, 10), _d(6, 25), "settlement_near"),
                  *_settled(_d(6, 15), 45_000_000),
                  ("recovery", _d(6, 28), {"amount_fen": 20_000_000})]),
        ]  # fmt: skip

    def contacts(self) -> list[tuple[UUID, date, d.Channel, int]]:
        s = self.street
        return [
            (s.a, _d(1, 10), "visit", 1), (s.a, _d(2, 20), "visit", 3), (s.a, _d(3, 5), "phone", 1),
            (s.a, _d(4, 20), "online", 1), (s.b, _d(1, 15), "visit", 1), (s.b, _d(2, 25), "letter", 1),
            (s.b, _d(5, 5), "referred_by_superior", 5), (s.s1, _d(6, 10), "visit", 20),
            (s.c2, _d(2, 2), "phone", 1),
        ]  # fmt: skip

    def events(self) -> list[CloudEvent]:
        """Every aggregate's events in version order."""
        found = [*self._contact_events(), *self._legal_aid_events()]
        for case in self.cases:
            found += [disputes_envelope(event, case.case_id, version)
                      for version, event in enumerate(case_events(case), start=1)]  # fmt: skip
        return found

    def _contact_events(self) -> list[CloudEvent]:
        found = []
        for org, on, channel, workers in self.contacts():
            contact = uuid4()
            logged = d.ContactLogged(org_id=org, occurred_on=on, contact_id=contact,
                                     channel=channel, workers_involved=workers, category=None)  # fmt: skip
            closed = d.ContactClosed(org_id=org, occurred_on=on, contact_id=contact,
                                     outcome="answered")  # fmt: skip
            found += [disputes_envelope(logged, contact, 1), disputes_envelope(closed, contact, 2)]
        return found

    def _legal_aid_events(self) -> list[CloudEvent]:
        s, cases = self.street, self.cases
        grants = [(s.a, _d(2, 20), "arbitration", cases[2].case_id, None),
                  (s.b, _d(4, 25), "first_instance", cases[7].case_id, None),
                  (s.s1, _d(6, 20), "arbitration", None, self.aid_worker)]  # fmt: skip
        found = []
        for org, on, stage, case, member in grants:
            grant = d.LegalAidGranted(org_id=org, occurred_on=on, aid_id=uuid4(), case_id=case,
                                      member_id=member, stage=stage)  # fmt: skip
            found.append(disputes_envelope(grant, grant.aid_id, 1))
        return found


def case_events(case: Case) -> list[IntegrationEvent]:
    """The case's events in version order: its registration, then its steps."""
    on, channel, workers, migrant, claimed = case.received
    received = d.CaseReceived(
        org_id=case.org, occurred_on=on, case_id=case.case_id, channel=channel,
        category=case.category, workers_involved=workers, migrant_workers=migrant,
        collective=workers >= 10, claimed_fen=claimed, applicant_member_ids=case.applicants,
    )  # fmt: skip
    steps = enumerate(case.steps, start=2)
    return [received, *(_step(case, kind, on, fields, v) for v, (kind, on, fields) in steps)]


_STEPS: dict[str, type[d.CaseEvent]] = {
    "accepted": d.CaseAccepted, "declined": d.CaseDeclined,
    "mediator_assigned": d.MediatorAssigned, "session_held": d.SessionHeld,
    "deadline_extended": d.DeadlineExtended, "deadline_extended_v1": d.DeadlineExtendedV1,
    "overdue": d.CaseOverdue,
    "settled": d.CaseSettled, "failed": d.CaseFailed, "referred": d.CaseReferred,
    "recovery": d.RecoveryRecorded, "withdrawn": d.CaseWithdrawn, "closed": d.CaseClosed,
}  # fmt: skip


def _step(case: Case, kind: str, on: date, fields: dict[str, Any], version: int) -> d.CaseEvent:
    model = _STEPS[kind]
    common: dict[str, Any] = {"org_id": case.org, "occurred_on": on, "case_id": case.case_id}
    if kind == "recovery":  # the same id whenever the scenario builds the case's events
        common["recovery_id"] = uuid5(case.case_id, f"recovery {version}")
    wanted = model.model_fields
    if "category" in wanted:
        common["category"] = case.category
    if "applicant_member_ids" in wanted:
        common.update(employer_id=None, applicant_member_ids=case.applicants)
    if kind == "referred":
        _, _, workers, _, claimed = case.received
        common.update(
            collective=workers >= 10, workers_involved=workers, claimed_fen=claimed,
            wages_claimed_fen=0, overtime_claimed_fen=0, social_insurance_claimed=False,
            work_injury=case.category == "work_injury", employment_ending="unknown",
            evidence_sha256=[],
        )  # fmt: skip
    return model(**common, **fields)
