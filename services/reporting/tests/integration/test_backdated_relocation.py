"""A payment or visit entered late for a household relocated since counts under its old union.

H0 is filed under UB (石鼓路, street S1) on 2024-03-01 and relocated to UC (梅园, street S2) on
2025-02-01. Afterwards last year's visit (2024-05-10) and emergency relief (2024-06-15) are
entered: assistance names the household's union at entry, UC. The 2024 report counts both
under UB and S1, never under UC or S2, whatever order the events arrive in, and a rebuild from
the streams gives the figures the live consumer gave.
"""

from __future__ import annotations

from datetime import date
from uuid import UUID, uuid4

import pytest
from reporting.adapters.rebuild.rebuild import rebuild
from reporting.config import MIGRATIONS_DIR
from reporting.domain.assistance_figures import AssistanceFigures
from reporting.domain.periods import parse_period
from shared.contracts import assistance as a
from shared.contracts.envelope import CloudEvent

from .assistance_scenario import Street, assistance_envelope
from .assistance_world import World, world

pytestmark = pytest.mark.integration
__all__ = ["world"]
YEAR_2024 = (date(2024, 1, 1), date(2024, 12, 31))
YEAR_2025 = (date(2025, 1, 1), date(2025, 12, 31))
RELIEF_FEN = 120_000


def household_events(s: Street) -> list[CloudEvent]:
    """H0's filing under UB and its relocation to UC, versions 1 and 2."""
    household = s.households[0]
    filed = a.HouseholdFiled(org_id=s.ub, occurred_on=date(2024, 3, 1), household_id=household,
                             head_member_id=s.heads[0], employer_id=s.employers[8],
                             level="relative", causes=["illness"], family_size=2,
                             temporary=False)  # fmt: skip
    relocated = a.HouseholdRelocated(org_id=s.uc, occurred_on=date(2025, 2, 1),
                                     household_id=household, from_org_id=s.ub,
                                     reason="head_transferred")  # fmt: skip
    return [assistance_envelope(filed, household, 1), assistance_envelope(relocated, household, 2)]


def entered_late(s: Street, paid_on: date = date(2024, 6, 15)) -> list[CloudEvent]:
    """Last year's visit and relief, each naming UC: the household's union when entered."""
    household, visit_id, payment_id = s.households[0], uuid4(), uuid4()
    visit = a.VisitRecorded(org_id=s.uc, occurred_on=date(2024, 5, 10), visit_id=visit_id,
                            household_id=household, member_id=None, employer_id=None,
                            occasion="hospital")  # fmt: skip
    paid = a.AidPaid(org_id=s.uc, occurred_on=paid_on, payment_id=payment_id,
                     application_id=uuid4(), batch_id=None, programme="emergency_relief",
                     household_id=household, member_id=None, employer_id=s.employers[8],
                     amount_fen=RELIEF_FEN, method="cash", budget_org_id=s.s2)  # fmt: skip
    return [assistance_envelope(visit, visit_id, 1), assistance_envelope(paid, payment_id, 1)]


async def year(
    world: World, orgs: list[UUID], window: tuple[date, date]
) -> list[AssistanceFigures]:
    return [await world.figures(org, *window) for org in orgs]


async def publish(world: World, events: list[CloudEvent]) -> None:
    for event in events:
        await world.bus.publish(event)
    assert await world.drain() == len(events)


async def placed(world: World) -> list[tuple[UUID, UUID]]:
    """H0's payment and visit: the organisation counted, and the one the event named."""
    async with world.bus.pool.acquire() as conn:
        rows = await conn.fetch(
            "SELECT org_id, recorded_org_id FROM aid_payments WHERE household_id = $1"
            " UNION ALL SELECT org_id, recorded_org_id FROM visits WHERE household_id = $1",
            world.street.households[0],
        )
    return [(row["org_id"], row["recorded_org_id"]) for row in rows]


def changed_by(after: AssistanceFigures, before: AssistanceFigures) -> tuple[int, int, int, int]:
    """Payments, amount, emergency relief payments and hospital visits added."""
    relief = "emergency_relief"
    return (
        after.aid.payments - before.aid.payments,
        after.aid.amount_fen - before.aid.amount_fen,
        after.aid.by_programme[relief].payments - before.aid.by_programme[relief].payments,
        after.visits.by_occasion["hospital"] - before.visits.by_occasion["hospital"],
    )


@pytest.mark.parametrize("household_first", [True, False], ids=["in-order", "relocation-late"])
async def test_last_years_facts_count_under_the_union_of_their_day(
    world: World, household_first: bool
) -> None:
    s = world.street
    orgs = [s.ub, s.b, s.s1, s.uc, s.c2, s.s2, s.district]
    before = await year(world, orgs, YEAR_2024)
    late = entered_late(s)
    order = [*household_events(s), *late] if household_first else [*late, *household_events(s)]
    await publish(world, order)

    after = await year(world, orgs, YEAR_2024)
    deltas = [changed_by(new, old) for new, old in zip(after, before, strict=True)]
    counted, nothing = (1, RELIEF_FEN, 1, 1), (0, 0, 0, 0)
    assert deltas == [counted, counted, counted, nothing, nothing, nothing, counted]
    assert await placed(world) == [(s.ub, s.uc)] * 2


async def test_a_fact_after_the_relocation_counts_under_the_new_union(world: World) -> None:
    s = world.street
    orgs = [s.ub, s.uc]
    before = await year(world, orgs, YEAR_2025)
    await publish(world, [*household_events(s), *entered_late(s, paid_on=date(2025, 3, 3))])
    after = await year(world, orgs, YEAR_2025)
    assert [changed_by(new, old)[:3] for new, old in zip(after, before, strict=True)] == [
        (0, 0, 0),
        (1, RELIEF_FEN, 1),
    ]


async def test_a_rebuild_gives_the_live_figures_of_the_backdated_facts(world: World) -> None:
    s = world.street
    await publish(world, [*entered_late(s), *household_events(s)])
    orgs = [s.ub, s.b, s.s1, s.uc, s.c2, s.s2, s.district, s.city]
    live = await year(world, orgs, YEAR_2024)
    periods = [parse_period("2024"), parse_period("2024H1")]
    bus = world.bus
    report = await rebuild(bus.container.settings.database_url, bus.nc.jetstream(), periods,
                           today=date(2025, 6, 30), batch_size=16)  # fmt: skip
    assert (report.differences, report.swapped) == ([], True)
    assert report.checks > 0
    rebuilt = await year(world, orgs, YEAR_2024)
    assert rebuilt == live
    assert await placed(world) == [(s.ub, s.uc)] * 2


async def test_the_migration_places_the_rows_projected_before_it(world: World) -> None:
    s = world.street
    await publish(world, [*household_events(s), *entered_late(s)])
    migration = (MIGRATIONS_DIR / "070_household_fact_orgs.sql").read_text(encoding="utf-8")
    placing = migration[migration.index("-- Rows projected before this migration") :]
    async with world.bus.pool.acquire() as conn:
        # As projected before migration 070: under the organisation the event named.
        for table in ("aid_payments", "visits"):
            await conn.execute(f"UPDATE {table} SET org_id = recorded_org_id")
        assert await placed(world) == [(s.uc, s.uc)] * 2
        await conn.execute(placing)
    assert await placed(world) == [(s.ub, s.uc)] * 2
    # H10's emergency relief of 2024-07-20, after its relocation to UC, stays there.
    async with world.bus.pool.acquire() as conn:
        relief = await conn.fetchval(
            "SELECT org_id FROM aid_payments WHERE household_id = $1"
            " AND programme = 'emergency_relief'",
            s.households[10],
        )
    assert relief == s.uc
