"""Members admitted over 2024–2025, and the transfers, departures and retentions that follow."""

from __future__ import annotations

import random
from datetime import date, timedelta

from shared.identifiers import make_id_number

from demo import names
from demo.plan import FIRST_DAY, LAST_DAY, EmployerPlan, MemberPlan, Movement, Plan, random_day

TRANSFER_SHARE = 0.05
LEAVER_SHARE = 0.03
RETAINED_SHARE = 0.01
LATEST_MOVER_JOINING = date(2025, 10, 31)
"""Members who move joined by this day, so that a move can follow a month later."""


def add_members(plan: Plan, rng: random.Random) -> None:
    """Spread about ``plan.size.members`` members over the covered employers by headcount."""
    covered = [e for e in plan.employers if e.union_key is not None]
    weights = [e.censuses[-1].workers * rng.uniform(0.55, 0.95) for e in covered]
    scale = plan.size.members / sum(weights) if weights else 0.0
    issued: dict[tuple[str, date], int] = {}
    for employer, weight in zip(covered, weights, strict=True):
        count = min(employer.censuses[-1].workers, round(weight * scale))
        for _ in range(count):
            plan.members.append(_member(plan, employer, rng, issued))


def _member(
    plan: Plan, employer: EmployerPlan, rng: random.Random, issued: dict[tuple[str, date], int]
) -> MemberPlan:
    census = employer.censuses[-1]
    female = rng.random() < census.women / census.workers
    # Migrant workers (农民工) join in the share the census found: about 30 % over the street.
    agricultural = rng.random() < census.migrant_workers / census.workers
    region = rng.choice(names.RURAL_REGIONS if agricultural else names.LOCAL_REGIONS)
    while True:
        born = random_day(rng, date(1967, 1, 1), date(2005, 12, 31))
        seq = issued.get((region, born), 0)
        if seq < 100:
            issued[(region, born)] = seq + 1
            break
    given = names.FEMALE_GIVEN if female else names.MALE_GIVEN
    name = rng.choice(names.SURNAMES) + "".join(rng.choices(given, k=rng.choice((1, 2, 2))))
    assert employer.union_key is not None
    assert employer.covered_on is not None
    union_key = employer.union_key
    return MemberPlan(
        index=len(plan.members),
        name=name,
        id_number=make_id_number(region, born, seq, "female" if female else "male"),
        mobile=f"1{rng.choice('3578')}{rng.randrange(10**9):09d}",
        agricultural=agricultural,
        female=female,
        employer_key=employer.key,
        union_key=union_key,
        joined_on=random_day(rng, max(FIRST_DAY, employer.covered_on), LAST_DAY),
    )


def add_movements(plan: Plan, rng: random.Random) -> None:
    """About 5 % transfer, 3 % leave and 1 % retain their membership; nobody does two."""
    movers = [m for m in plan.members if m.joined_on <= LATEST_MOVER_JOINING]
    rng.shuffle(movers)
    total = len(plan.members)
    transfers = round(total * TRANSFER_SHARE)
    leavers = round(total * LEAVER_SHARE)
    retained = max(1, round(total * RETAINED_SHARE)) if total else 0
    targets = [e for e in plan.employers if e.union_key is not None]
    for member in movers[:transfers]:
        _transfer(plan, member, targets, rng)
    for member in movers[transfers : transfers + leavers]:
        reason = "voluntary" if rng.random() < 0.8 else "expelled"
        plan.movements.append(Movement(member.index, "leave", reason, _after(member, rng)))
    for member in movers[transfers + leavers : transfers + leavers + retained]:
        reason = "retired" if member.id_number[6:10] <= "1970" else "laid_off"
        plan.movements.append(Movement(member.index, "retain", reason, _after(member, rng)))


def _transfer(
    plan: Plan, member: MemberPlan, targets: list[EmployerPlan], rng: random.Random
) -> None:
    on = _after(member, rng)
    # A job change to an employer whose union already existed on the day.
    candidates = [
        e
        for e in targets
        if e.union_key != member.union_key and e.covered_on is not None and e.covered_on <= on
    ]
    if not candidates:
        return
    employer = rng.choice(candidates)
    plan.movements.append(
        Movement(member.index, "transfer", "job_change", on, employer.union_key, employer.key)
    )


def _after(member: MemberPlan, rng: random.Random) -> date:
    return random_day(rng, member.joined_on + timedelta(days=30), LAST_DAY)
