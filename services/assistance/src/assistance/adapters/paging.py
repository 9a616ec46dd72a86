"""One page of a listing and its total, for the read views of every area."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import asyncpg
from shared.adapters import Connection


@dataclass(frozen=True)
class Filter:
    """One optional ``column = value`` condition of a listing."""

    column: str
    value: object


async def page(
    conn: Connection,
    *,
    columns: str,
    source: str,
    first: object,
    filters: Sequence[Filter],
    order: str,
    limit: int,
    offset: int,
) -> tuple[list[asyncpg.Record], int]:
    """Rows of ``source`` (a FROM … WHERE clause using ``$1`` = ``first``, typically the scope
    path) that match the given filters: one page in ``order``, and the total matching."""
    args: list[Any] = [first]
    clauses = ""
    for condition in filters:
        if condition.value is not None:
            args.append(condition.value)
            clauses += f" AND {condition.column} = ${len(args)}"
    total = await conn.fetchval(f"SELECT count(*) {source}{clauses}", *args)
    rows = await conn.fetch(
        f"SELECT {columns} {source}{clauses} ORDER BY {order} "
        f"LIMIT ${len(args) + 1} OFFSET ${len(args) + 2}",
        *args,
        limit,
        offset,
    )
    return list(rows), int(total)
