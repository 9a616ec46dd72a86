"""The rebuild replays the TRAINING stream too, proves the training figures, and swaps."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

import pytest
from reporting.adapters.rebuild.rebuild import RebuildReport, rebuild
from reporting.config import TRAINING_CONSUMER
from reporting.domain.periods import parse_period
from reporting.domain.training_figures import TrainingFigures
from shared.contracts import training as t

from .conftest import Bus
from .test_training_scenario import check_every_node_and_window
from .training_scenario import training_envelope
from .training_world import TrainingWorld, build_world, serve

pytestmark = pytest.mark.integration
PERIODS = [parse_period("2024H1"), parse_period("2024H2")]
TODAY = date(2025, 1, 15)


async def rebuilt(world: TrainingWorld, *, swap: bool = True) -> RebuildReport:
    bus = world.bus
    return await rebuild(bus.container.settings.database_url, bus.nc.jetstream(), PERIODS,
                         today=TODAY, batch_size=16, swap=swap)  # fmt: skip


async def test_the_rebuild_reproduces_the_hand_computed_figures_and_the_consumer_goes_on(
    bus: Bus,
) -> None:
    world = await build_world(bus, seed=11)  # shuffled, with re-publications
    report = await rebuilt(world)
    assert (report.differences, report.swapped) == ([], True)
    async with bus.pool.acquire() as conn:
        inbox = await conn.fetchval(
            "SELECT count(*) FROM inbox WHERE consumer = $1", TRAINING_CONSUMER.durable
        )
        versions = await conn.fetchval("SELECT count(*) FROM training_applied_versions")
    assert versions == len(world.events)  # each version once, copies ignored
    assert inbox > len(world.events)  # the copies were delivered, and recorded as seen
    async for api in serve(world):
        await check_every_node_and_window(api)
        # The live consumer carries on from its own position in the rebuilt schema.
        s = world.street
        posting = t.PostingPublished(org_id=s.b, occurred_on=date(2024, 6, 20),
                                     posting_id=uuid4(), positions=7)  # fmt: skip
        await bus.publish(training_envelope(posting, posting.posting_id, 1))
        assert await world.drain() == 1
        after = await api.figures(s.s1, period="2024Q2")
        assert (after["employment"]["postings"], after["employment"]["posting_positions"]) == (
            3, 35,
        )  # fmt: skip


async def test_a_training_figure_that_differs_stops_the_swap(bus: Bus) -> None:
    world = await build_world(bus)
    s = world.street
    async with bus.pool.acquire() as conn:
        await conn.execute("DELETE FROM job_placements WHERE placement_id = $1", s.ids["JpB7"])
    report = await rebuilt(world, swap=False)
    assert not report.swapped
    differences = report.differences
    assert {d.check.area for d in differences} == {"training"}
    assert {d.check.org_id for d in differences} == {s.b, s.s1, s.district, s.city}
    assert all(d.check.period == PERIODS[0] for d in differences)  # placed in June
    first = differences[0]
    assert isinstance(first.live, TrainingFigures)
    assert isinstance(first.rebuilt, TrainingFigures)
    assert first.rebuilt.employment.placements == first.live.employment.placements + 1
