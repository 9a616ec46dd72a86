"""The rebuild replays the DISPUTES stream too, proves the mediation figures, and swaps.

Migration 071 gives the extensions projected before it the reasons a rebuild would.
"""

from __future__ import annotations

from datetime import date
from uuid import UUID, uuid4

import pytest
from reporting.adapters.rebuild.rebuild import rebuild
from reporting.config import DISPUTES_CONSUMER, MIGRATIONS_DIR
from reporting.domain.dispute_figures import DisputeFigures
from reporting.domain.periods import parse_period
from shared.contracts import disputes as d

from .dispute_scenario import disputes_envelope
from .dispute_world import World, world
from .test_dispute_scenario import check_every_node

pytestmark = pytest.mark.integration
__all__ = ["world"]
PERIODS = [parse_period("2024Q1"), parse_period("2024Q2"), parse_period("2024H2")]
TODAY = date(2025, 1, 15)


async def test_rebuild_reproduces_the_mediation_figures_and_the_consumer_goes_on(
    world: World,
) -> None:
    bus = world.bus
    live = await extension_reasons(world)
    report = await rebuild(bus.container.settings.database_url, bus.nc.jetstream(), PERIODS,
                           today=TODAY, batch_size=16)  # fmt: skip
    assert (report.differences, report.swapped) == ([], True)
    assert report.by_stream["DISPUTES"].applied == len(world.events)
    # The rebuilt schema gives the hand-computed figures of every node and window.
    await check_every_node(world)
    assert await extension_reasons(world) == live  # the same reason on every extension
    async with bus.pool.acquire() as conn:
        inbox = await conn.fetchval(
            "SELECT count(*) FROM inbox WHERE consumer = $1", DISPUTES_CONSUMER.durable
        )
    assert inbox == len(world.events)
    # The live consumer carries on from its own position in the rebuilt schema.
    s = world.street
    contact = d.ContactLogged(org_id=s.b, occurred_on=date(2024, 8, 1), contact_id=uuid4(),
                              channel="online", workers_involved=2, category="wages")  # fmt: skip
    await bus.publish(disputes_envelope(contact, contact.contact_id, 1))
    assert await world.drain() == 1
    after = await world.figures(s.s1, date(2024, 7, 1), date(2024, 12, 31))
    assert (after.contacts.contacts, after.contacts.by_channel["online"]) == (1, 1)


async def extension_reasons(world: World) -> list[tuple[UUID, str | None]]:
    async with world.bus.pool.acquire() as conn:
        rows = await conn.fetch(
            "SELECT event_id, extension_reason FROM dispute_case_facts"
            " WHERE fact = 'deadline_extended' ORDER BY event_id"
        )
    return [(row["event_id"], row["extension_reason"]) for row in rows]


async def test_the_migration_gives_the_rows_projected_before_it_their_reasons(
    world: World,
) -> None:
    projected = await extension_reasons(world)
    # The scenario's extensions: K0 and K3 published as v1, one v2 of each other reason.
    assert sorted(reason or "" for _, reason in projected) == [
        "awaiting_evidence", "further_investigation", "other", "party_request",
        "settlement_near", "unknown", "unknown",
    ]  # fmt: skip
    migration = (MIGRATIONS_DIR / "071_dispute_extension_reason.sql").read_text(encoding="utf-8")
    filling = migration[migration.index("-- Rows projected before this column") :]
    async with world.bus.pool.acquire() as conn:
        # As projected before migration 071: no reason column yet.
        await conn.execute(
            "ALTER TABLE dispute_case_facts DROP CONSTRAINT dispute_case_facts_extension_reason;"
            " UPDATE dispute_case_facts SET extension_reason = NULL"
        )
        await conn.execute(filling)
    assert await extension_reasons(world) == projected  # as the projection (and a rebuild) writes
    await check_every_node(world)


async def test_a_mediation_figure_that_differs_stops_the_swap(world: World) -> None:
    s, bus = world.street, world.bus
    async with bus.pool.acquire() as conn:
        await conn.execute("DELETE FROM dispute_contacts WHERE org_id = $1", s.c2)
    report = await rebuild(bus.container.settings.database_url, bus.nc.jetstream(), PERIODS,
                           today=TODAY, batch_size=16, swap=False)  # fmt: skip
    assert not report.swapped
    assert {diff.check.area for diff in report.differences} == {"disputes"}
    assert {diff.check.org_id for diff in report.differences} == {s.c2, s.s2, s.district, s.city}
    assert all(diff.check.period == PERIODS[0] for diff in report.differences)  # logged in Q1
    first = report.differences[0]
    assert isinstance(first.live, DisputeFigures)
    assert isinstance(first.rebuilt, DisputeFigures)
    assert first.rebuilt.contacts.contacts == first.live.contacts.contacts + 1
