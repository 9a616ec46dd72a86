"""Assistance events delivered twice, or an older aggregate version after a newer one, change nothing."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from reporting.domain.assistance_figures import AssistanceFigures
from shared.contracts import assistance as a

from .assistance_scenario import assistance_envelope
from .assistance_world import World, world

pytestmark = pytest.mark.integration
__all__ = ["world"]
WINDOWS = [(date(2024, 1, 1), date(2024, 6, 30)), (date(2024, 7, 1), date(2024, 12, 31)),
           (date(2024, 1, 1), date(2024, 5, 19)), (date(2024, 1, 1), date(2024, 12, 31))]  # fmt: skip
COUNTED = ("aid_payments", "visits", "donations", "insurance_enrolments", "insurance_claims",
           "household_facts", "member_timeline")  # fmt: skip


async def snapshot(world: World) -> list[AssistanceFigures]:
    s = world.street
    orgs = [s.ua, s.ub, s.uc, s.a, s.s1, s.s2, s.district]
    return [await world.figures(org, *window) for org in orgs for window in WINDOWS]


async def row_counts(world: World) -> dict[str, Any]:
    async with world.bus.pool.acquire() as conn:
        return {table: await conn.fetchval(f"SELECT count(*) FROM {table}") for table in COUNTED}


async def test_every_assistance_event_delivered_twice_changes_nothing(world: World) -> None:
    before, counts = await snapshot(world), await row_counts(world)
    assert counts["aid_payments"] == 45
    events = world.events
    # A publisher re-sending after its de-duplication window: same event ids, new messages.
    for event in events:
        await world.bus.publish(event, msg_id=f"{event.id}-again")
    assert await world.drain() == len(events)
    assert await snapshot(world) == before
    assert await row_counts(world) == counts


async def test_older_versions_and_a_payment_published_again_change_nothing(world: World) -> None:
    s = world.street
    before, counts = await snapshot(world), await row_counts(world)
    async with world.bus.pool.acquire() as conn:
        paid_to_h5 = await conn.fetchval(
            "SELECT payment_id FROM aid_payments WHERE household_id = $1", s.households[5]
        )
    exit_h14 = a.HouseholdExited(org_id=s.ua, occurred_on=date(2024, 2, 1),
                                 household_id=s.households[14], reason="other")  # fmt: skip
    refile_h40 = a.HouseholdFiled(org_id=s.ua, occurred_on=date(2024, 2, 1),
                                  household_id=s.households[40], head_member_id=s.heads[40],
                                  level="deep", causes=["other"], family_size=1, temporary=False)  # fmt: skip
    stale = [
        assistance_envelope(exit_h14, s.households[14], 1),  # H14's filing is version 1
        assistance_envelope(refile_h40, s.households[40], 1),  # H40 is at version 2
        assistance_envelope(s.festival_payment(5), s.batch, 5),  # the batch is at version 39
        # The same payment again under a new event id and a newer version: still one payment.
        assistance_envelope(s.festival_payment(5, paid_to_h5), s.batch, 40),
    ]
    for event in stale:
        await world.bus.publish(event)
    assert await world.drain() == len(stale)
    assert await snapshot(world) == before
    after = await row_counts(world)
    # The payment published again under a new event id is still one payment, one timeline entry.
    assert after == counts
    async with world.bus.pool.acquire() as conn:
        versions = dict(await conn.fetch("SELECT subject, version FROM assistance_versions"))
    assert versions[str(s.batch)] == 40
    assert versions[str(s.households[14])] == 1
    assert versions[str(s.households[40])] == 2
