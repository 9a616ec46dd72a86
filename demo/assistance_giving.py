"""Donations to the Spring Festival campaign (募捐) and mutual medical insurance (互助保障)."""

from __future__ import annotations

import random
from datetime import date, timedelta

from demo.assistance_households import active_members
from demo.assistance_plan import (
    PREMIUM_FEN,
    YUAN,
    AssistancePlan,
    CampaignPlan,
    ClaimPlan,
    EnrolmentPlan,
    ReceiptPlan,
)
from demo.plan import Plan, random_day

RAISED_IN_TWO_DAYS_YUAN = 45_460
"""What the street's campaign raised in two days (seed 001), for the default 60 receipts."""
DEFAULT_RECEIPTS = 60
INDIVIDUAL_GIFTS_YUAN = (50, 100, 100, 200, 200, 300, 500)
MEMBERS_PER_ENROLMENT = 30
CLAIMS_PER_ENROLMENT = 12
CLAIM_YUAN = {
    "inpatient": (1_500, 8_000),
    "outpatient_chronic": (300, 1_500),
    "critical_illness": (10_000, 30_000),
    "accident": (500, 3_000),
}


def add_giving(assist: AssistancePlan, plan: Plan, rng: random.Random) -> None:
    """The donation campaign in January, enrolments in the first quarter, claims after."""
    assist.campaign = _campaign(assist.year, plan, rng)
    _insurance(assist, plan, rng)


def _campaign(year: int, plan: Plan, rng: random.Random) -> CampaignPlan:
    """元旦春节送温暖募捐: employers, a union and workers give over two days."""
    opens_on = date(year, 1, 10)
    days = (opens_on, opens_on + timedelta(days=1))
    count = min(DEFAULT_RECEIPTS, max(8, plan.size.members // 50))
    receipts = []
    for employer in rng.sample(plan.employers, min(len(plan.employers), count // 10 or 1)):
        amount = rng.choice((1_000, 2_000, 3_000, 5_000)) * YUAN
        receipts.append(ReceiptPlan(amount, "employer", rng.choice(days), employer.name))
    for member in rng.sample(plan.members, count - len(receipts) - 1):
        amount = rng.choice(INDIVIDUAL_GIFTS_YUAN) * YUAN
        receipts.append(ReceiptPlan(amount, "individual", rng.choice(days), member.name))
    # The street's own unions make the total up to a round figure, as the seed's campaign did.
    target = RAISED_IN_TWO_DAYS_YUAN * count // DEFAULT_RECEIPTS // 10 * 10 * YUAN
    remainder = target - sum(r.amount_fen for r in receipts)
    if remainder > 0:
        receipts.append(ReceiptPlan(remainder, "union", days[1], "街道机关及各基层工会"))
    return CampaignPlan(
        name=f"{year}年元旦春节送温暖募捐",
        opens_on=opens_on,
        closes_on=days[1],
        target_fen=target,
        receipts=tuple(receipts),
    )


def _insurance(assist: AssistancePlan, plan: Plan, rng: random.Random) -> None:
    """About one member in 30 enrols for the year; about one enrolment in 12 claims."""
    eligible = active_members(plan)
    count = min(len(eligible), max(5, round(plan.size.members / MEMBERS_PER_ENROLMENT)))
    year = assist.year
    for member in rng.sample(eligible, count):
        enrolled_on = random_day(rng, date(year, 1, 2), date(year, 3, 31))
        assist.enrolments.append(EnrolmentPlan(member, PREMIUM_FEN, enrolled_on))
    claims = max(2, round(count / CLAIMS_PER_ENROLMENT))
    for enrolment in rng.sample(assist.enrolments, min(claims, count)):
        kind = rng.choice(list(CLAIM_YUAN))
        low, high = CLAIM_YUAN[kind]
        first = enrolment.enrolled_on + timedelta(days=20)
        paid_on = random_day(rng, first, date(year, 10, 31))
        amount = rng.randint(low * YUAN, high * YUAN)
        assist.claims.append(ClaimPlan(enrolment.member, kind, amount, paid_on))
