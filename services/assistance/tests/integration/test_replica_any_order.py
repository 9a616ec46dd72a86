"""The replica of membership is right in any delivery order of one aggregate's events.

Every order of a member's history and of an organisation's history is applied (a change to an
organisation not replicated yet is retried after the others, as the consumer's nak does) and
the replica rows must equal what in-order application leaves.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from datetime import date
from itertools import permutations
from pathlib import Path
from typing import Any
from uuid import UUID, uuid4

import asyncpg
import pytest
from assistance.adapters import replica_projection as replica
from assistance.config import MIGRATIONS_DIR, SCHEMA
from assistance.domain.replica import MemberStatus
from shared.contracts import membership as c
from shared.db import connect
from shared.migrations import migrate

pytestmark = pytest.mark.integration
Step = Callable[["asyncpg.Connection[Any]"], Awaitable[bool]]
DAY = date(2024, 3, 1)


def member_history(
    member: UUID, unions: tuple[UUID, UUID], employers: tuple[UUID, UUID]
) -> list[Step]:
    (a, b), (e1, e2) = unions, employers
    admitted = c.MemberAdmitted(
        org_id=a,
        occurred_on=DAY,
        member_id=member,
        employer_id=e1,
        sex="female",
        birth_year=1990,
        is_migrant_worker=False,
    )
    moved = c.MemberTransferred(
        org_id=b,
        occurred_on=DAY,
        member_id=member,
        transfer_id=uuid4(),
        from_union_id=a,
        to_union_id=b,
        employer_id=e2,
        reason="job_change",
    )
    return [
        lambda conn: replica.member_joined(conn, admitted, 1),
        lambda conn: replica.member_transferred(conn, moved, 2),
        lambda conn: replica.member_status(conn, member, b, MemberStatus.RETAINED, DAY, 3),
        lambda conn: replica.member_status(conn, member, b, MemberStatus.ACTIVE, DAY, 4),
    ]  # fmt: skip


def org_history(org: UUID, parents: tuple[UUID, UUID]) -> list[Step]:
    p1, p2 = parents
    founded = c.UnionFounded(
        org_id=org,
        occurred_on=DAY,
        parent_id=p1,
        kind="grassroots_union",
        grassroots_mode="single",
        name="甲工会",
    )
    renamed = c.UnionRenamed(org_id=org, occurred_on=DAY, name="乙工会")
    moved = c.UnionMoved(org_id=org, occurred_on=DAY, old_parent_id=p1, new_parent_id=p2)
    again = c.UnionRenamed(org_id=org, occurred_on=DAY, name="丙工会")
    return [
        lambda conn: replica.union_founded(conn, founded, 1),
        lambda conn: replica.union_renamed(conn, renamed, 2),
        lambda conn: replica.union_moved(conn, moved, 3),
        lambda conn: replica.union_renamed(conn, again, 4),
    ]  # fmt: skip


async def apply_in(conn: asyncpg.Connection[Any], steps: list[Step]) -> None:
    """Apply in the given order; a step waiting for its founding goes to the back (a retry)."""
    queue = list(steps)
    for _ in range(len(steps) ** 2):
        if not queue:
            return
        step = queue.pop(0)
        try:
            async with conn.transaction():
                await step(conn)
        except replica.ParentNotReplicated:
            queue.append(step)
    raise AssertionError("some step never applied")


def orders(n: int) -> Iterator[tuple[int, ...]]:
    return permutations(range(n))


@pytest.fixture
async def conn(database_url: str, tmp_path: Path) -> Any:
    await migrate(database_url, SCHEMA, MIGRATIONS_DIR)
    connection = await connect(database_url, SCHEMA)
    yield connection
    await connection.close()


async def test_a_members_history_in_any_order_gives_the_same_replica(conn: Any) -> None:
    unions, employers = (uuid4(), uuid4()), (uuid4(), uuid4())
    rows = set()
    for order in orders(4):
        member = uuid4()
        steps = member_history(member, unions, employers)
        await apply_in(conn, [steps[i] for i in order])
        row = await conn.fetchrow(
            "SELECT org_id, employer_id, status, version FROM member_replica WHERE member_id = $1",
            member,
        )
        rows.add(tuple(row))
    assert rows == {(unions[1], employers[1], "active", 4)}


async def test_an_organisations_history_in_any_order_gives_the_same_replica(conn: Any) -> None:
    root, p1, p2 = uuid4(), uuid4(), uuid4()
    for org, parent in ((root, None), (p1, root), (p2, root)):
        founded = c.UnionFounded(
            org_id=org,
            occurred_on=DAY,
            parent_id=parent,
            kind="street_federation",
            grassroots_mode=None,
            name="上级",
        )
        await replica.union_founded(conn, founded, 1)  # fmt: skip
    rows = set()
    for order in orders(4):
        org = uuid4()
        steps = org_history(org, (p1, p2))
        await apply_in(conn, [steps[i] for i in order])
        row = await conn.fetchrow(
            "SELECT parent_id, name, path = $2, dissolved, version FROM org_replica WHERE id = $1",
            org,
            f"/{root}/{p2}/{org}/",
        )
        rows.add(tuple(row))
    assert rows == {(p2, "丙工会", True, False, 4)}
