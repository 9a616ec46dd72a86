"""A repository of aggregates stored one row each, column for attribute (the simple ones)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, ClassVar, Generic, TypeVar
from uuid import UUID

from shared.adapters import Connection, insert_many, update_versioned
from shared.tracking import Changed, TrackingRepository, Versioned

A = TypeVar("A", bound=Versioned)


class RowRepository(TrackingRepository[A], Generic[A]):
    """Insert added aggregates, update changed ones (version-checked), every column alike.

    Subclasses name the table, the columns (the aggregate's attributes of the same names, ``id``
    and ``version`` first), how to build the aggregate from a row's mapping, and what it is in
    Chinese (for the conflict message).
    """

    TABLE: ClassVar[str]
    COLUMNS: ClassVar[tuple[str, ...]]
    WHAT: ClassVar[str]
    BUILD: ClassVar[Callable[..., Any]]

    def __init__(self, conn: Connection) -> None:
        super().__init__()
        self._conn = conn

    async def _get(self, aggregate_id: UUID) -> A | None:
        row = await self._conn.fetchrow(
            f"SELECT {', '.join(self.COLUMNS)} FROM {self.TABLE} WHERE id = $1", aggregate_id
        )
        return type(self).BUILD(**dict(row)) if row else None

    async def _persist(self, added: Sequence[A], changed: Sequence[Changed[A]]) -> None:
        columns = ", ".join(self.COLUMNS)
        if added:
            marks = ", ".join(f"${i + 1}" for i in range(len(self.COLUMNS)))
            sql = f"INSERT INTO {self.TABLE} ({columns}) VALUES ({marks})"
            await insert_many(self._conn, sql, [self._values(a) for a in added], self.WHAT)
        if changed:
            sets = ", ".join(f"{c} = ${i + 3}" for i, c in enumerate(self.COLUMNS[1:]))
            sql = f"UPDATE {self.TABLE} SET {sets} WHERE id = $1 AND version = $2"
            rows = [
                (x.aggregate.id, x.loaded_version, *self._values(x.aggregate)[1:]) for x in changed
            ]
            await update_versioned(self._conn, sql, rows)

    def _values(self, aggregate: A) -> tuple[Any, ...]:
        return tuple(getattr(aggregate, column) for column in self.COLUMNS)
