"""Statements every SQL repository runs: batched inserts and version-checked updates, with a
unique violation translated into the domain conflict it stands for."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import asyncpg

from shared.outbox.writer import Connection
from shared.seedwork import ConcurrentModification, Conflict


@dataclass(frozen=True)
class ConflictRule:
    """What a unique constraint (or index) means to the caller.

    Attributes:
        field: the request field it protects, named in the problem's ``errors``.
        error: the conflict to raise, when more precise than :class:`Conflict`.
        message: the Chinese message, when more telling than the generic one.
    """

    field: str | None = None
    error: type[Conflict] = Conflict
    message: str | None = None


NO_RULES: Mapping[str, ConflictRule] = {}


async def insert_many(
    conn: Connection,
    sql: str,
    rows: Sequence[tuple[Any, ...]],
    what: str,
    rules: Mapping[str, ConflictRule] = NO_RULES,
) -> None:
    """Insert rows in one round trip; a unique violation becomes a domain conflict.

    A single row (the usual command) goes as a plain ``execute``, which costs less than
    ``executemany``'s batching.

    Args:
        what: the thing inserted, in Chinese, for the default message (``…已存在``).
        rules: unique constraint name → its meaning (see :class:`ConflictRule`).
    """
    try:
        if len(rows) == 1:
            await conn.execute(sql, *rows[0])
        else:
            await conn.executemany(sql, rows)
    except asyncpg.UniqueViolationError as error:
        raise conflict_for(error, f"{what}已存在", rules) from None


async def update_versioned(
    conn: Connection,
    sql: str,
    rows: Sequence[tuple[Any, ...]],
    rules: Mapping[str, ConflictRule] = NO_RULES,
) -> None:
    """Run a version-checked UPDATE per row (``… WHERE id = $1 AND version = $2``).

    Raises:
        ConcurrentModification: another transaction changed the row since it was loaded.
        Conflict: the new values collide with a unique constraint.
    """
    for row in rows:
        try:
            status = await conn.execute(sql, *row)
        except asyncpg.UniqueViolationError as error:
            raise conflict_for(error, "与现有记录冲突", rules) from None
        if status != "UPDATE 1":
            raise ConcurrentModification("记录已被他人修改，请刷新后重试")


def conflict_for(
    error: asyncpg.UniqueViolationError,
    default_message: str,
    rules: Mapping[str, ConflictRule] = NO_RULES,
) -> Conflict:
    """The domain conflict a unique violation stands for, naming the field at fault."""
    constraint = getattr(error, "constraint_name", "") or ""
    rule = rules.get(constraint, ConflictRule())
    return rule.error(rule.message or default_message, field=rule.field)


__all__ = [
    "NO_RULES",
    "ConflictRule",
    "Connection",
    "conflict_for",
    "insert_many",
    "update_versioned",
]
