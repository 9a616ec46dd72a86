"""A year of mediation work for the demo street, planned from the membership plan (seeded).

Each case comes from a contact; the older a case, the further it went: the year's older cases
ended (settled and paid, failed and referred to arbitration with an award, withdrawn, declined)
and were closed, the latest are still being mediated. Other contacts were answered on the spot.
Dates follow the real order (acceptance the next day, a session within the week, an agreement
within the 15 days …), none later than today.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from shared.identifiers import make_id_number

from demo import names
from demo.plan import EmployerPlan, MemberPlan, Plan

CATEGORIES = ("wages", "wages", "wages", "labour_contract", "work_injury", "social_insurance",
              "dismissal", "other")  # fmt: skip
CHANNELS = ("visit", "visit", "phone", "online", "letter", "referred_by_superior")
RECENT_DAYS = 20
"""Cases received in the last 20 days are still open."""


@dataclass(frozen=True)
class ApplicantPlan:
    name: str
    id_number: str
    phone: str
    member: MemberPlan | None
    migrant: bool


@dataclass
class CasePlan:
    index: int
    received_on: date
    channel: str
    category: str
    employer: EmployerPlan
    community: str | None
    """The community whose mediation room handles it; ``None``: the street's centre."""
    applicants: list[ApplicantPlan]
    workers: int
    migrants: int
    claimed_fen: int
    outcome: str
    """settled, referred, withdrawn, declined or open."""
    agreed_fen: int = 0
    awarded_fen: int = 0
    recoveries: list[tuple[date, int]] = field(default_factory=list)
    extended: bool = False

    def day(self, offset: int) -> date:
        return self.received_on + timedelta(days=offset)


@dataclass
class DisputesPlan:
    today: date
    cases: list[CasePlan] = field(default_factory=list)
    answered_contacts: list[tuple[date, str, str | None]] = field(default_factory=list)
    risks: list[tuple[date, str, int]] = field(default_factory=list)


def _person(rng: random.Random, index: int) -> tuple[str, str, str]:
    female = rng.random() < 0.45
    given = names.FEMALE_GIVEN if female else names.MALE_GIVEN
    name = rng.choice(names.SURNAMES) + "".join(rng.choice(given) for _ in range(rng.randint(1, 2)))
    born = date(1965, 1, 1) + timedelta(days=rng.randint(0, 35 * 365))
    region = rng.choice(names.RURAL_REGIONS + names.LOCAL_REGIONS)
    id_number = make_id_number(region, born, index % 100, "female" if female else "male")
    return name, id_number, f"139{rng.randint(0, 99_999_999):08d}"


def _applicants(rng: random.Random, members: list[MemberPlan], n: int, base: int
                ) -> list[ApplicantPlan]:  # fmt: skip
    found: list[ApplicantPlan] = []
    for i in range(n):
        if members and rng.random() < 0.5:
            m = members.pop(rng.randrange(len(members)))
            found.append(ApplicantPlan(m.name, m.id_number, m.mobile, m, m.agricultural))
        else:
            name, id_number, phone = _person(rng, base + i)
            found.append(ApplicantPlan(name, id_number, phone, None, rng.random() < 0.4))
    return found


def _outcome(rng: random.Random, age_days: int) -> str:
    if age_days <= RECENT_DAYS:
        return "open"
    return rng.choices(("settled", "referred", "withdrawn", "declined"), (62, 22, 10, 6))[0]


def _case(rng: random.Random, plan: Plan, today: date, index: int, pool: list[MemberPlan]
          ) -> CasePlan:  # fmt: skip
    received = today - timedelta(days=rng.randint(1, 360))
    employer = rng.choice(plan.employers)
    territory = plan.org(employer.territory_key)
    community = (
        territory.name if territory.name in names.COMMUNITIES and rng.random() < 0.6 else None
    )
    collective = rng.random() < 0.08
    applicants = _applicants(rng, [m for m in pool if m.employer_key == employer.key],
                             3 if collective else rng.randint(1, 2), index * 3)  # fmt: skip
    workers = rng.randint(10, 40) if collective else len(applicants)
    migrants = min(
        workers, sum(a.migrant for a in applicants) + (workers // 3 if collective else 0)
    )
    claimed = rng.randint(30, 400) * 10_000 * (workers if collective else 1) // 4
    case = CasePlan(index, received, rng.choice(CHANNELS), rng.choice(CATEGORIES), employer,
                    community, applicants, workers, migrants, claimed,
                    _outcome(rng, (today - received).days))  # fmt: skip
    _amounts(rng, case, today)
    return case


def _amounts(rng: random.Random, case: CasePlan, today: date) -> None:
    case.extended = case.outcome in ("settled", "referred") and rng.random() < 0.15
    if case.outcome == "settled":
        case.agreed_fen = case.claimed_fen * rng.randint(60, 100) // 100
        parts = 1 if rng.random() < 0.7 else 2
        for k in range(parts):
            paid_on = case.day(25 + 15 * k)
            if paid_on <= today and rng.random() < 0.9:
                case.recoveries.append((paid_on, case.agreed_fen // parts))
    if case.outcome == "referred" and case.day(70) <= today:
        case.awarded_fen = case.claimed_fen * rng.randint(40, 100) // 100
        if case.day(90) <= today:
            case.recoveries.append((case.day(90), case.awarded_fen))


def build_disputes_plan(plan: Plan, today: date, cases: int = 90) -> DisputesPlan:
    """The year's cases, the contacts answered on the spot and the reporters' warnings."""
    rng = random.Random(plan.size.seed + 12)
    pool = list(plan.members)
    result = DisputesPlan(today)
    result.cases = sorted((_case(rng, plan, today, i, pool) for i in range(cases)),
                          key=lambda c: c.received_on)  # fmt: skip
    for _ in range(cases):
        topic = rng.choice(
            ("咨询加班费计算", "咨询劳动合同续签", "咨询工伤认定流程", "咨询社保缴纳")
        )
        result.answered_contacts.append((today - timedelta(days=rng.randint(0, 360)), topic,
                                         rng.choice(CATEGORIES)))  # fmt: skip
    for _ in range(8):
        risk = rng.choice(("wage_arrears", "layoffs", "relocation", "closure", "social_insurance"))
        result.risks.append((today - timedelta(days=rng.randint(0, 360)), risk,
                             rng.randint(5, 80)))  # fmt: skip
    return result


def expected_disputes(plan: DisputesPlan) -> dict[str, int]:
    """The street's dashboard counts the year should show."""
    ended = [c for c in plan.cases if c.outcome != "open"]
    return {
        "total": len(plan.cases),
        "closed": len(ended),
        "settled": sum(c.outcome == "settled" for c in plan.cases),
        "referred": sum(c.outcome == "referred" for c in plan.cases),
        "claimed_fen": sum(c.claimed_fen for c in plan.cases),
        "agreed_fen": sum(c.agreed_fen for c in plan.cases),
        "recovered_fen": sum(amount for c in plan.cases for _, amount in c.recoveries),
    }
