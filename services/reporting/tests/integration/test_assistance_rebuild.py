"""The rebuild replays the ASSISTANCE stream too, proves the assistance figures, and swaps."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

import pytest
from reporting.adapters.rebuild.rebuild import rebuild
from reporting.config import ASSISTANCE_CONSUMER
from reporting.domain.assistance_figures import AssistanceFigures
from reporting.domain.periods import parse_period
from shared.contracts import assistance as a

from .assistance_scenario import assistance_envelope
from .assistance_world import World, world

pytestmark = pytest.mark.integration
__all__ = ["world"]
PERIODS = [parse_period("2024H1"), parse_period("2024H2")]
TODAY = date(2025, 1, 15)


async def snapshot(world: World) -> list[AssistanceFigures]:
    s = world.street
    orgs = [s.ua, s.ub, s.uc, s.s1, s.s2, s.district]
    return [await world.figures(org, p.date_from, p.date_to) for org in orgs for p in PERIODS]


async def test_rebuild_reproduces_the_assistance_figures_and_the_consumer_goes_on(
    world: World,
) -> None:
    before = await snapshot(world)
    bus = world.bus
    report = await rebuild(bus.container.settings.database_url, bus.nc.jetstream(), PERIODS,
                           today=TODAY, batch_size=64)  # fmt: skip
    assert (report.differences, report.swapped) == ([], True)
    assert report.by_stream["ASSISTANCE"].applied == len(world.events)
    assert await snapshot(world) == before
    async with bus.pool.acquire() as conn:
        inbox = await conn.fetchval(
            "SELECT count(*) FROM inbox WHERE consumer = $1", ASSISTANCE_CONSUMER.durable
        )
    assert inbox == len(world.events)
    # The live consumer carries on from its own position in the rebuilt schema.
    s = world.street
    visit = a.VisitRecorded(org_id=s.ub, occurred_on=date(2024, 8, 1), visit_id=uuid4(),
                            household_id=s.households[30], member_id=None, occasion="hospital")  # fmt: skip
    await bus.publish(assistance_envelope(visit, visit.visit_id, 1))
    assert await world.drain() == 1
    after = await world.figures(s.s1, date(2024, 7, 1), date(2024, 12, 31))
    assert (after.visits.visits, after.visits.by_occasion["hospital"]) == (1, 1)


async def test_an_assistance_figure_that_differs_stops_the_swap(world: World) -> None:
    s, bus = world.street, world.bus
    async with bus.pool.acquire() as conn:
        await conn.execute(
            "DELETE FROM aid_payments WHERE household_id = $1 AND programme = 'student_aid'",
            s.households[27],
        )
    report = await rebuild(bus.container.settings.database_url, bus.nc.jetstream(), PERIODS,
                           today=TODAY, batch_size=64, swap=False)  # fmt: skip
    assert not report.swapped
    assert {d.check.area for d in report.differences} == {"assistance"}
    assert {d.check.org_id for d in report.differences} == {s.ub, s.b, s.s1, s.district, s.city}
    assert all(d.check.period == PERIODS[1] for d in report.differences)  # paid in September
    first = report.differences[0]
    assert isinstance(first.live, AssistanceFigures)
    assert isinstance(first.rebuilt, AssistanceFigures)
    assert first.rebuilt.aid.payments == first.live.aid.payments + 1
