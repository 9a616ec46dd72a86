"""Disputes events delivered twice, or published again under a new event id, change nothing."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from shared.contracts import disputes as d

from .dispute_scenario import case_events, disputes_envelope
from .dispute_world import World, world
from .test_dispute_scenario import WINDOWS, check_every_node, expected
from .test_dispute_scenario import row as row_of

pytestmark = pytest.mark.integration
__all__ = ["world"]
COUNTED = ("dispute_case_facts", "dispute_case_applicants", "dispute_contacts",
           "dispute_legal_aid", "dispute_applied_versions")  # fmt: skip


async def row_counts(world: World) -> dict[str, Any]:
    async with world.bus.pool.acquire() as conn:
        return {table: await conn.fetchval(f"SELECT count(*) FROM {table}") for table in COUNTED}


async def test_every_event_delivered_again_changes_nothing(world: World) -> None:
    counts = await row_counts(world)
    assert counts["dispute_contacts"] == 9
    # A publisher re-sending after its de-duplication window: same event ids, new messages.
    for event in world.events:
        await world.bus.publish(event, msg_id=f"{event.id}-again")
    assert await world.drain() == len(world.events)
    await check_every_node(world)
    assert await row_counts(world) == counts


async def test_versions_published_again_under_new_event_ids_change_nothing(world: World) -> None:
    counts = await row_counts(world)
    k1 = world.mediation.cases[1]
    events = case_events(k1)
    # K1's acceptance (version 2) and first recovery (version 7) again, with new event ids.
    again = [
        disputes_envelope(events[1], k1.case_id, 2),
        disputes_envelope(events[6], k1.case_id, 7),
    ]
    # A contact's logging published again under a new version is still one contact.
    first_contact = world.events[0]
    logged = d.ContactLogged.model_validate(first_contact.data)
    again.append(disputes_envelope(logged, logged.contact_id, 3))
    for event in again:
        await world.bus.publish(event)
    assert await world.drain() == len(again)
    await check_every_node(world)
    after = await row_counts(world)
    assert after == {**counts, "dispute_applied_versions": counts["dispute_applied_versions"] + 1}
    figures = await world.figures(world.street.a, date(2024, 1, 1), date(2024, 3, 31))
    assert figures.contacts.contacts == 3


async def test_a_recovery_published_again_under_a_new_version_is_one_recovery(
    world: World,
) -> None:
    counts = await row_counts(world)
    k1 = world.mediation.cases[1]
    second_recovery = case_events(k1)[7]
    assert isinstance(second_recovery, d.RecoveryRecorded)
    await world.bus.publish(disputes_envelope(second_recovery, k1.case_id, 20))
    assert await world.drain() == 1
    await check_every_node(world)  # the street's 追回金额 still counts it once
    assert await row_counts(world) == counts | {
        "dispute_applied_versions": counts["dispute_applied_versions"] + 1
    }


async def test_an_extension_published_as_v1_is_projected_with_its_reason_unknown(
    world: World,
) -> None:
    case = next(c for c in world.mediation.cases if "deadline_extended" in [s[0] for s in c.steps])
    extended = next(e for e in case_events(case) if isinstance(e, d.DeadlineExtended))
    assert extended.reason == "party_request"  # what disputes publishes now: v2, with a reason
    old = d.DeadlineExtendedV1(org_id=extended.org_id, occurred_on=extended.occurred_on,
                               case_id=case.case_id, due_on=extended.due_on)  # fmt: skip
    envelope = disputes_envelope(old, case.case_id, 30)
    assert envelope.dataversion == 1
    await world.bus.publish(envelope)
    assert await world.drain() == 1
    async with world.bus.pool.acquire() as conn:
        row = await conn.fetchrow(
            "SELECT fact, due_on, effective_on, extension_reason FROM dispute_case_facts"
            " WHERE event_id = $1::uuid",
            envelope.id,
        )
    assert dict(row) == {"fact": "deadline_extended", "due_on": extended.due_on,
                         "effective_on": extended.occurred_on, "extension_reason": "unknown"}  # fmt: skip
    # One more extension of A's in Q2 (04-03), 未记录; every other figure as before.
    before = expected(world)["Q2"][world.street.a]
    after = row_of(await world.figures(world.street.a, *WINDOWS["Q2"]))
    assert after == (*before[:4], (0, 1, 0, 0, 0, 1))
