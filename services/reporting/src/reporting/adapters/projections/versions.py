"""The aggregate version guard, for one event or a whole batch, over any stream's version table.

An event is applied only when its version is newer than the newest applied for its aggregate
(the envelope's ``subject``); an older one is a re-publication and is ignored. Within a batch
the same aggregate may come several times: each event is then weighed against the newest
version applied before it, in stream order, exactly as if the events came one at a time.

Each stream keeps its versions in a table of its own (``aggregate_versions`` for membership,
``assistance_versions`` for assistance, so one service's ids can never shadow the other's);
one :class:`VersionGuard` per table writes the same statements for both.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeAlias, TypeVar
from uuid import UUID

from shared.bus import PoisonMessage
from shared.outbox.writer import Connection as Conn

from reporting.adapters.projections.columns import columns

T = TypeVar("T")
Key: TypeAlias = UUID | str
"""An aggregate's id as its version table keys it."""


@dataclass(frozen=True)
class Versioned(Generic[T]):
    """An event of ``aggregate_type`` about ``aggregate_id`` at ``version``."""

    aggregate_id: Key
    aggregate_type: str
    version: int
    item: T


class ConcurrentClaim(RuntimeError):
    """Another transaction recorded an aggregate of this batch first; the batch must retry."""


class VersionGuard:
    """The newest applied version per aggregate, kept in ``table`` keyed by ``key``.

    Args:
        table: the version table.
        key: its column naming the aggregate; ``key_type`` is that column's SQL type (``uuid``
            ids are parsed from the subject, an unparsable one is poison).
        type_column: the column recording the aggregate's type, when the table has one.
    """

    def __init__(self, table: str, key: str, key_type: str, type_column: str | None = None):
        self._uuid_keys = key_type == "uuid"
        self._typed = type_column is not None
        typed = ((type_column, "text"),) if type_column is not None else ()
        written = ((key, key_type), *typed, ("version", "bigint"))
        names = ", ".join(name for name, _ in written)
        params = ", ".join(f"${i}" for i in range(1, len(written) + 1))
        arrays = ", ".join(f"${i}::{sql_type}[]" for i, (_, sql_type) in enumerate(written, 1))
        self.claim_one_sql = (
            f"INSERT INTO {table} ({names}) VALUES ({params})"
            f" ON CONFLICT ({key}) DO UPDATE SET version = EXCLUDED.version"
            f" WHERE {table}.version < EXCLUDED.version"
            " RETURNING version"
        )
        # The batch's aggregates already known, locked in key order (batches cannot deadlock).
        self.lock_sql = (
            f"SELECT {key}, version FROM {table} WHERE {key} = ANY($1::{key_type}[])"
            f" ORDER BY {key} FOR UPDATE"
        )
        self._insert_sql = (
            f"INSERT INTO {table} ({names}) SELECT * FROM unnest({arrays})"
            f" ON CONFLICT ({key}) DO NOTHING RETURNING {key}"
        )
        self._raise_sql = (
            f"UPDATE {table} a SET version = n.version"
            f" FROM unnest($1::{key_type}[], $2::bigint[]) AS n({key}, version)"
            f" WHERE a.{key} = n.{key} AND a.version < n.version"
        )

    def key(self, subject: str) -> Key:
        """The aggregate named by an envelope's ``subject``, as the table keys it.

        Raises:
            PoisonMessage: the table keys aggregates by UUID and ``subject`` is none.
        """
        if not self._uuid_keys:
            return subject
        try:
            return UUID(subject)
        except ValueError as error:
            raise PoisonMessage(f"聚合标识 subject 不是 UUID: {subject!r}") from error

    async def claim_one(self, conn: Conn, event: Versioned[T]) -> bool:
        """Record the event's version as its aggregate's newest; False when not newer (stale)."""
        typed = (event.aggregate_type,) if self._typed else ()
        claimed = await conn.fetchval(self.claim_one_sql, event.aggregate_id, *typed, event.version)
        return claimed is not None

    async def claim_all(self, conn: Conn, events: Sequence[Versioned[T]]) -> list[Versioned[T]]:
        """The events to apply, in their order; their aggregates' newest versions are recorded.

        Raises:
            ConcurrentClaim: another consumer instance created one of the aggregates meanwhile;
                applied one by one, the batch then waits for it like :meth:`claim_one` does.
        """
        if not events:
            return []
        aggregates = list(dict.fromkeys(event.aggregate_id for event in events))
        rows = await conn.fetch(self.lock_sql, aggregates)
        known: dict[Key, int] = {row[0]: row[1] for row in rows}
        newest: dict[Key, int] = {}
        applied = []
        for event in events:
            before = newest.get(event.aggregate_id, known.get(event.aggregate_id))
            if before is None or event.version > before:
                newest[event.aggregate_id] = event.version
                applied.append(event)
        await self._record(conn, applied, newest, known)
        return applied

    async def _record(
        self, conn: Conn, applied: list[Versioned[T]], newest: dict[Key, int], known: dict[Key, int]
    ) -> None:
        created: list[tuple[Any, ...]] = [
            (aggregate, version) for aggregate, version in newest.items() if aggregate not in known
        ]
        if created and self._typed:  # the type goes between the key and the version
            types = {event.aggregate_id: event.aggregate_type for event in applied}
            created = [(aggregate, types[aggregate], version) for aggregate, version in created]
        if created:
            inserted = await conn.fetch(self._insert_sql, *columns(created))
            if len(inserted) < len(created):
                raise ConcurrentClaim("聚合版本已被另一事务写入")
        raised = [
            (aggregate, version) for aggregate, version in newest.items() if aggregate in known
        ]
        if raised:
            await conn.execute(self._raise_sql, *columns(raised))


AGGREGATE_VERSIONS = VersionGuard(
    "aggregate_versions", "aggregate_id", "uuid", type_column="aggregate_type"
)
"""Membership's aggregates: organisations, employers, members, contracts."""
ASSISTANCE_VERSIONS = VersionGuard("assistance_versions", "subject", "text")
"""Assistance's aggregates, by the subject as published (no type kept)."""
