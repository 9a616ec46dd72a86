"""Paged listings with filters, always limited to the caller's subtree.

A subtree is a materialised-path prefix (``/`` for the whole tree): a row is visible when the
organisation it hangs on has a path starting with it. :func:`in_subtree` is that condition,
written once for every query of every service.
"""

from __future__ import annotations

from typing import Any

import asyncpg

from shared.outbox.writer import Connection

Rows = tuple[list[asyncpg.Record], int]
"""One page of rows and the total count for the same filters."""


def in_subtree(path_column: str, prefix_placeholder: str = "$1") -> str:
    """SQL condition: the organisation path in ``path_column`` lies under the given prefix."""
    return f"{path_column} LIKE {prefix_placeholder} || '%'"


class Filters:
    """Builds a WHERE clause with numbered parameters, starting from the scope condition."""

    def __init__(self, scope_column: str, scope: str) -> None:
        self.args: list[Any] = [scope]
        self.clauses = [in_subtree(scope_column)]

    def add(self, template: str, value: Any) -> Filters:
        """Add ``template`` (with ``{}`` for the parameter) when ``value`` is given; returns
        the filters, for chaining."""
        if value is not None:
            self.args.append(value)
            self.clauses.append(template.format(f"${len(self.args)}"))
        return self

    @classmethod
    def within(cls, column: str, value: Any) -> Filters:
        """Filters starting from ``column = value`` instead of a subtree (e.g. the items of
        one batch whose scope was checked before)."""
        filters = cls.__new__(cls)
        filters.args, filters.clauses = [value], [f"{column} = $1"]
        return filters

    @classmethod
    def unscoped(cls) -> Filters:
        """Filters with no first condition, for a listing whose rows hang on no organisation
        (the caller's role alone decides who may read it)."""
        filters = cls.__new__(cls)
        filters.args, filters.clauses = [], []
        return filters

    def equal(self, column: str, value: Any) -> Filters:
        """Add ``column = value`` when ``value`` is given; returns the filters, for chaining."""
        self.add(f"{column} = {{}}", value)
        return self

    def require(self, clause: str) -> Filters:
        """Add a condition that takes no parameter (e.g. ``cardinality(h.flags) > 0``)."""
        self.clauses.append(clause)
        return self

    @property
    def where(self) -> str:
        """The clauses joined with AND (``TRUE`` when there are none)."""
        return " AND ".join(self.clauses) or "TRUE"


async def page(
    conn: Connection,
    sql_from: str,
    filters: Filters,
    columns: str,
    order: str,
    limit: int,
    offset: int,
) -> Rows:
    """One page of rows and the total count for the same filters."""
    n = len(filters.args)
    rows = await conn.fetch(
        f"SELECT {columns} FROM {sql_from} WHERE {filters.where} ORDER BY {order} "
        f"LIMIT ${n + 1} OFFSET ${n + 2}",
        *filters.args,
        limit,
        offset,
    )
    total = await conn.fetchval(
        f"SELECT count(*) FROM {sql_from} WHERE {filters.where}", *filters.args
    )
    return rows, int(total)
