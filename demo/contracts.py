"""Collective contracts of the three kinds, signed in 2024 and 2025 (集体合同、专项集体合同)."""

from __future__ import annotations

import random
from datetime import date, timedelta

from demo.plan import FIRST_DAY, ContractPlan, EmployerPlan, Plan, add_years, random_day

COMPREHENSIVE_WORKERS = 50
WAGE_WORKERS = 100
WOMEN_WORKERS = 50
LATEST_SIGNING = date(2025, 11, 30)


def add_contracts(plan: Plan, rng: random.Random) -> None:
    """Enterprise contracts for the larger employers; regional and industry ones for the rest."""
    for employer in plan.employers:
        if plan_union_mode(plan, employer) == "single":
            _enterprise_contracts(plan, employer, rng)
    for org in plan.orgs:
        territory = [e for e in plan.employers if e.territory_key == org.key]
        if org.kind == "community_federation":
            joint = [e for e in territory if plan_union_mode(plan, e) == "joint"]
            if len(joint) >= 2:
                _sign(plan, "comprehensive", org.key, joint, date(2024, 3, 15), years=3)
        elif org.kind == "industry_federation" and territory:
            # 行业性工资集体协议: renewed every year.
            _sign(plan, "wage", org.key, territory, date(2024, 4, 10), years=1)
            _sign(plan, "wage", org.key, territory, date(2025, 4, 10), years=1)
        elif org.kind == "building_federation" and territory:
            _sign(plan, "women", org.key, territory, date(2025, 3, 8), years=3)


def plan_union_mode(plan: Plan, employer: EmployerPlan) -> str | None:
    """How the employer is covered: ``single``, ``joint`` or ``None``."""
    if employer.union_key is None:
        return None
    return plan.org(employer.union_key).grassroots_mode


def _enterprise_contracts(plan: Plan, employer: EmployerPlan, rng: random.Random) -> None:
    assert employer.union_key is not None
    assert employer.covered_on is not None
    census = employer.censuses[0]
    earliest = max(FIRST_DAY, employer.covered_on + timedelta(days=14))
    if census.workers >= COMPREHENSIVE_WORKERS and earliest <= LATEST_SIGNING:
        signed = random_day(rng, earliest, LATEST_SIGNING)
        _sign(plan, "comprehensive", employer.union_key, [employer], signed, years=3)
    if census.workers >= WAGE_WORKERS:
        # 工资专项集体协议 run a year: the 2024 one has expired by the end of 2025.
        for year in (2024, 2025):
            signed = date(year, rng.randint(1, 3), rng.randint(1, 28))
            if signed >= earliest:
                _sign(plan, "wage", employer.union_key, [employer], signed, years=1)
    if census.women >= WOMEN_WORKERS and earliest <= LATEST_SIGNING:
        signed = random_day(rng, earliest, LATEST_SIGNING)
        _sign(plan, "women", employer.union_key, [employer], signed, years=3)


def _sign(
    plan: Plan,
    kind: str,
    union_key: str,
    employers: list[EmployerPlan],
    signed_on: date,
    *,
    years: int,
) -> None:
    starts = signed_on + timedelta(days=15)
    plan.contracts.append(
        ContractPlan(
            kind=kind,
            union_key=union_key,
            employer_keys=tuple(e.key for e in employers),
            workers_covered=sum(e.census_on(signed_on).workers for e in employers),
            signed_on=signed_on,
            starts_on=starts,
            ends_on=add_years(starts, years) - timedelta(days=1),
        )
    )
