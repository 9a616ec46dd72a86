"""What the SQL repositories share: the unit's connection, batched inserts, versioned updates
and the translation of unique violations into domain conflicts naming the field at fault."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeAlias

import asyncpg
from asyncpg.pool import PoolConnectionProxy

from assistance.domain.errors import AlreadyOnFile, ConcurrentModification, Conflict

# A plain connection or one borrowed from a pool: both run the same queries.
Connection: TypeAlias = "asyncpg.Connection[Any] | PoolConnectionProxy[Any]"


async def insert_many(
    conn: Connection, sql: str, rows: Sequence[tuple[Any, ...]], what: str
) -> None:
    """Insert rows in one round trip; a unique violation becomes a domain Conflict."""
    try:
        await conn.executemany(sql, rows)
    except asyncpg.UniqueViolationError as error:
        raise conflict_for(error, f"{what}已存在") from None


async def update_versioned(conn: Connection, sql: str, rows: Sequence[tuple[Any, ...]]) -> None:
    """Run a version-checked UPDATE per row (``… WHERE id = $1 AND version = $2``).

    Raises:
        ConcurrentModification: another transaction changed the row since it was loaded.
        Conflict: the new values collide with a unique constraint.
    """
    for row in rows:
        try:
            status = await conn.execute(sql, *row)
        except asyncpg.UniqueViolationError as error:
            raise conflict_for(error, "与现有记录冲突") from None
        if status != "UPDATE 1":
            raise ConcurrentModification("记录已被他人修改，请刷新后重试")


def conflict_for(error: asyncpg.UniqueViolationError, default_message: str) -> Conflict:
    """The domain conflict a unique violation stands for."""
    # The areas' tables are read here, not at import: their repositories import this module.
    from assistance.adapters.areas import CONSTRAINT_ERRORS, CONSTRAINT_FIELDS

    constraint = getattr(error, "constraint_name", "") or ""
    kind = CONSTRAINT_ERRORS.get(constraint, Conflict)
    message = "该人员已在另一份有效的困难档案中" if kind is AlreadyOnFile else default_message
    return kind(message, field=CONSTRAINT_FIELDS.get(constraint))
