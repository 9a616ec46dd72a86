"""A unit's transaction: its own on a pooled connection, or the caller's, which decides."""

from __future__ import annotations

from typing import Any

import asyncpg
import pytest
from shared.outbox import UnitTransaction

from .test_outbox_relay import outbox_counts


async def test_a_pooled_unit_commits_its_events_and_gives_the_connection_back(
    pool: asyncpg.Pool[asyncpg.Record], helpers: Any
) -> None:
    unit = UnitTransaction("kittest", pool=pool)
    conn = await unit.begin()
    assert conn.is_in_transaction()

    await unit.commit([helpers.pending(1), helpers.pending(2)])
    await unit.rollback()  # what ending a unit always does: nothing is left to undo

    assert not unit.begun
    assert await outbox_counts(pool) == (2, 0)
    assert pool.get_idle_size() == pool.get_size()


async def test_a_pooled_unit_rolled_back_leaves_nothing(
    pool: asyncpg.Pool[asyncpg.Record], helpers: Any
) -> None:
    unit = UnitTransaction("kittest", pool=pool)
    await unit.begin()
    await unit.rollback()

    assert await outbox_counts(pool) == (0, 0)
    assert pool.get_idle_size() == pool.get_size()


async def test_in_the_callers_transaction_the_caller_decides(
    pool: asyncpg.Pool[asyncpg.Record], helpers: Any
) -> None:
    async with pool.acquire() as conn:
        transaction = conn.transaction()
        await transaction.start()
        unit = UnitTransaction("kittest", conn=conn)
        await unit.begin()
        await unit.commit([helpers.pending(1)])
        await unit.rollback()
        assert conn.is_in_transaction()
        await transaction.rollback()

    assert await outbox_counts(pool) == (0, 0)


async def test_on_a_callers_connection_outside_a_transaction_the_unit_opens_its_own(
    pool: asyncpg.Pool[asyncpg.Record], helpers: Any
) -> None:
    async with pool.acquire() as conn:
        unit = UnitTransaction("kittest", conn=conn)
        await unit.begin()
        assert conn.is_in_transaction()
        await unit.commit([helpers.pending(1)])
        assert not conn.is_in_transaction()
        await unit.rollback()

    assert await outbox_counts(pool) == (1, 0)


def test_exactly_one_of_pool_and_connection() -> None:
    with pytest.raises(ValueError, match="exactly one"):
        UnitTransaction("kittest")
