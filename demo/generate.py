"""The whole demo plan from its size and seed."""

from __future__ import annotations

import random

from demo import contracts, employers, people
from demo.plan import Plan, Size, federations


def build_plan(size: Size) -> Plan:
    """The same plan for the same size and seed."""
    rng = random.Random(size.seed)
    plan = Plan(size=size, orgs=federations(size.employers))
    employers.add_employers_and_unions(plan, rng)
    people.add_members(plan, rng)
    people.add_movements(plan, rng)
    contracts.add_contracts(plan, rng)
    return plan
