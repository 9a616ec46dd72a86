"""The whole assistance plan from the membership plan's seed and today's date."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date

from demo.assistance_activity import add_activity
from demo.assistance_giving import add_giving
from demo.assistance_households import add_households
from demo.assistance_plan import BUDGETS_YUAN, YUAN, AssistancePlan, HouseholdPlan
from demo.plan import Plan


def build_assistance_plan(plan: Plan, today: date) -> AssistancePlan:
    """The same year for the same seed; whatever falls after ``today`` is left out."""
    rng = random.Random(plan.size.seed * 10_000 + today.year)
    assist = AssistancePlan(year=today.year, today=today)
    assist.budgets = {programme: yuan * YUAN for programme, yuan in BUDGETS_YUAN.items()}
    add_households(assist, plan, rng)
    add_activity(assist, rng)
    add_giving(assist, plan, rng)
    return until(assist, today)


def until(assist: AssistancePlan, today: date) -> AssistancePlan:
    """The plan cut at ``today``: what has not happened yet is not there."""
    households = [_as_of(h, today) for h in assist.households if h.filed_on <= today]
    kept = {h.key for h in households}
    campaign = assist.campaign
    if campaign is not None:
        receipts = tuple(r for r in campaign.receipts if r.received_on <= today)
        campaign = replace(campaign, receipts=receipts) if campaign.opens_on <= today else None
    enrolments = [e for e in assist.enrolments if e.enrolled_on <= today]
    enrolled = {e.member.index for e in enrolments}
    return replace(
        assist,
        households=households,
        batches=[b for b in assist.batches if b.paid_on <= today],
        visits=[v for v in assist.visits if v.visited_on <= today and v.household in kept],
        applications=[a for a in assist.applications if a.household in kept],
        campaign=campaign,
        enrolments=enrolments,
        claims=[c for c in assist.claims if c.paid_on <= today and c.member.index in enrolled],
    )


def _as_of(household: HouseholdPlan, today: date) -> HouseholdPlan:
    if household.formalised_on is not None and household.formalised_on > today:
        household = replace(household, formalised_on=None)
    if household.closing is not None and household.closing.on > today:
        household = replace(household, closing=None)
    return household
