"""What the SQL repositories share: the connection of the unit and the version-checked update."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeAlias

import asyncpg
from asyncpg.pool import PoolConnectionProxy

from membership.domain.errors import ConcurrentModification, Conflict

# A plain connection or one borrowed from a pool: both run the same queries.
Connection: TypeAlias = "asyncpg.Connection[Any] | PoolConnectionProxy[Any]"


async def insert_many(
    conn: Connection, sql: str, rows: Sequence[tuple[Any, ...]], what: str
) -> None:
    """Insert rows in one round trip; a unique violation becomes a domain Conflict."""
    try:
        await conn.executemany(sql, rows)
    except asyncpg.UniqueViolationError as error:
        raise Conflict(f"{what}已存在", field=_field_of(error)) from None


async def update_versioned(conn: Connection, sql: str, rows: Sequence[tuple[Any, ...]]) -> None:
    """Run a version-checked UPDATE per row (``… WHERE id = $1 AND version = $2``).

    Raises:
        ConcurrentModification: another transaction changed the row since it was loaded.
    """
    for row in rows:
        try:
            status = await conn.execute(sql, *row)
        except asyncpg.UniqueViolationError as error:
            raise Conflict("与现有记录冲突", field=_field_of(error)) from None
        if status != "UPDATE 1":
            raise ConcurrentModification("记录已被他人修改，请刷新后重试")


def _field_of(error: asyncpg.UniqueViolationError) -> str | None:
    constraint = getattr(error, "constraint_name", "") or ""
    if "uscc" in constraint:
        return "uscc"
    if "one_current_per_person" in constraint:
        return "id_number"
    return None
