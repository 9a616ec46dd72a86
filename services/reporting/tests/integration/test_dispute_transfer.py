"""移交: an open case counts toward the organisation holding it on the stock date."""

from __future__ import annotations

from datetime import date
from uuid import UUID, uuid4

import pytest
from shared.contracts import disputes as d

from .dispute_scenario import case_events, disputes_envelope
from .dispute_world import World, world

pytestmark = pytest.mark.integration
__all__ = ["world"]
START = date(2024, 1, 1)
BEFORE, AFTER = date(2024, 6, 5), date(2024, 6, 30)


async def _open_overdue(world: World, org: UUID, on: date) -> int:
    return (await world.figures(org, START, on)).overdue.open_overdue


async def test_an_open_case_counts_where_it_is_held_on_the_stock_date(world: World) -> None:
    s = world.street
    k4 = world.mediation.cases[4]  # community A, accepted 05-08, due 05-23, settled 07-08
    assert k4.org == s.a
    orgs = (s.a, s.b, s.s1)
    before = {
        (org, on): await _open_overdue(world, org, on) for org in orgs for on in (BEFORE, AFTER)
    }
    assert before[(s.a, AFTER)] >= 1  # K4 is open and overdue at A on both days

    moved = d.CaseTransferred(
        org_id=s.b, occurred_on=date(2024, 6, 10), case_id=k4.case_id, from_org_id=s.a,
        from_mediation_org_id=None, mediation_org_id=uuid4(), reason="jurisdiction",
    )  # fmt: skip
    await world.bus.publish(disputes_envelope(moved, k4.case_id, len(case_events(k4)) + 1))
    assert await world.drain() == 1

    after = {
        (org, on): await _open_overdue(world, org, on) for org in orgs for on in (BEFORE, AFTER)
    }
    expected = dict(before)
    expected[(s.a, AFTER)] -= 1  # held by B from 06-10
    expected[(s.b, AFTER)] += 1
    assert after == expected  # before the transfer A held it; the street counts it throughout
