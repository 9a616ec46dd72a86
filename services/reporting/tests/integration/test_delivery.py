"""Re-deliveries change nothing; an older version of an aggregate after a newer one is applied
in its place, as if the versions had come in order."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

import pytest
from shared.contracts import membership as c

from .conftest import Bus, envelope
from .figures import flow_row, report, snapshot, stock_row
from .scenario import Scenario

pytestmark = pytest.mark.integration
YEAR = (date(2024, 1, 1), date(2024, 12, 31))


async def test_every_event_delivered_twice_changes_no_figure(bus: Bus) -> None:
    scenario = Scenario()
    events = scenario.events()
    for event in events:
        await bus.publish(event)
    await bus.drain()
    orgs = [scenario.a, scenario.b, scenario.s1, scenario.s2, scenario.district]
    before = [await snapshot(bus, orgs, date(2024, 1, 1), day)
              for day in (date(2024, 3, 31), date(2024, 6, 30), date(2024, 12, 31))]  # fmt: skip

    # A publisher re-sending after its de-duplication window: same event ids, new messages.
    for event in events:
        await bus.publish(event, msg_id=f"{event.id}-again")
    assert await bus.drain() == len(events)

    after = [await snapshot(bus, orgs, date(2024, 1, 1), day)
             for day in (date(2024, 3, 31), date(2024, 6, 30), date(2024, 12, 31))]  # fmt: skip
    assert after == before
    async with bus.pool.acquire() as conn:
        assert await conn.fetchval("SELECT count(*) FROM inbox") == len(events)
        assert await conn.fetchval("SELECT last_seq FROM consumer_tracking") == 2 * len(events)


async def test_an_older_version_arriving_after_a_newer_one_takes_its_place(bus: Bus) -> None:
    union, other, member = uuid4(), uuid4(), uuid4()
    founded = [
        envelope(c.UnionFounded(org_id=org, occurred_on=date(2020, 1, 1), parent_id=None,
                                kind="grassroots_union", name=name), org, 1)
        for org, name in ((union, "甲工会"), (other, "乙工会"))
    ]  # fmt: skip
    admitted = envelope(
        c.MemberAdmitted(org_id=union, occurred_on=date(2024, 2, 1), member_id=member,
                         employer_id=uuid4(), sex="female", birth_year=1990,
                         is_migrant_worker=False), member, 1)  # fmt: skip
    transferred = envelope(
        c.MemberTransferred(org_id=other, occurred_on=date(2024, 3, 1), member_id=member,
                            transfer_id=uuid4(), from_union_id=union, to_union_id=other,
                            employer_id=uuid4(), reason="job_change"), member, 2)  # fmt: skip
    left = envelope(
        c.MemberLeft(org_id=other, occurred_on=date(2024, 4, 1), member_id=member,
                     reason="voluntary"), member, 3)  # fmt: skip
    for event in (*founded, left, transferred, admitted):  # versions 3, 2, 1
        await bus.publish(event)
    assert await bus.drain() == 5

    assert flow_row(await report(bus, union, *YEAR)) == (0, 1, 0, 1, 0, 1, 0)  # admitted, out
    assert flow_row(await report(bus, other, *YEAR)) == (0, 0, 0, 0, 1, 0, 1)  # in, left
    february = (date(2024, 1, 1), date(2024, 2, 15))
    march = (date(2024, 1, 1), date(2024, 3, 15))
    assert stock_row(await report(bus, union, *february))[4] == 1  # active in the first union
    assert stock_row(await report(bus, union, *march))[4] == 0
    assert stock_row(await report(bus, other, *march))[4] == 1  # then in the second
    assert stock_row(await report(bus, other, *YEAR))[4] == 0  # until leaving
    async with bus.pool.acquire() as conn:
        version = await conn.fetchval(
            "SELECT version FROM aggregate_versions WHERE aggregate_id = $1", member
        )
        applied = await conn.fetch(
            "SELECT version FROM applied_versions WHERE aggregate_id = $1 ORDER BY 1", member
        )
    assert version == 3
    assert [row[0] for row in applied] == [1, 2, 3]
