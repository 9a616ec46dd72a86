"""The version guard: which events of a batch are versions not applied before, for any stream.

Events of one aggregate may arrive in any order: two relays claiming batches with SKIP LOCKED,
two consumer instances committing concurrently or a nak'd batch overtaken by newer messages
each deliver a later version before an earlier one. So no version is judged by the newest
applied: each applied version is recorded as such, and an event is applied unless its version
was applied already (a re-publication, whatever its event id). The projectors store every
version as a fact and derive their rows from all the facts of the aggregate, so the order in
which versions come does not change the result.

The guard also locks the aggregates of a batch (a row per aggregate holding its newest
version), in key order, for the rest of the transaction: two transactions applying versions
of one aggregate then derive its rows one after the other, the second from every fact the
first committed (each statement of a READ COMMITTED transaction sees what was committed).

Each stream keeps its tables apart (``aggregate_versions`` and ``applied_versions`` for
membership, ``assistance_versions`` and ``assistance_applied_versions`` for assistance, so one
service's ids can never shadow the other's); one :class:`VersionGuard` per stream writes the
same statements for both.
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
"""An aggregate's id as its version tables key it."""


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
    """The versions applied per aggregate (``applied``) and the newest of each (``table``).

    Args:
        table: the table of the newest version per aggregate, one row each (the lock).
        applied: the table of every version applied, keyed by aggregate and version.
        key: the column naming the aggregate in both; ``key_type`` is its SQL type (``uuid``
            ids are parsed from the subject, an unparsable one is poison).
        type_column: the column of ``table`` recording the aggregate's type, when it has one.
    """

    def __init__(
        self, table: str, applied: str, key: str, key_type: str, type_column: str | None = None
    ):
        self._uuid_keys = key_type == "uuid"
        self._typed = type_column is not None
        typed = ((type_column, "text"),) if type_column is not None else ()
        written = ((key, key_type), *typed, ("version", "bigint"))
        names = ", ".join(name for name, _ in written)
        params = ", ".join(f"${i}" for i in range(1, len(written) + 1))
        arrays = ", ".join(f"${i}::{sql_type}[]" for i, (_, sql_type) in enumerate(written, 1))
        # One event: its aggregate created or locked, then its version recorded if new.
        self.claim_one_sql = (
            f"WITH locked AS (INSERT INTO {table} ({names}) VALUES ({params})"
            f" ON CONFLICT ({key}) DO UPDATE SET version = GREATEST({table}.version,"
            f" EXCLUDED.version) RETURNING {key})"
            f" INSERT INTO {applied} ({key}, version) SELECT {key}, ${len(written)} FROM locked"
            " ON CONFLICT DO NOTHING RETURNING version"
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
        self._apply_sql = (
            f"INSERT INTO {applied} ({key}, version)"
            f" SELECT * FROM unnest($1::{key_type}[], $2::bigint[])"
            f" ON CONFLICT DO NOTHING RETURNING {key}, version"
        )

    def key(self, subject: str) -> Key:
        """The aggregate named by an envelope's ``subject``, as the tables key it.

        Raises:
            PoisonMessage: the tables key aggregates by UUID and ``subject`` is none.
        """
        if not self._uuid_keys:
            return subject
        try:
            return UUID(subject)
        except ValueError as error:
            raise PoisonMessage(f"聚合标识 subject 不是 UUID: {subject!r}") from error

    async def claim_one(self, conn: Conn, event: Versioned[T]) -> bool:
        """Lock the event's aggregate and record its version; False when applied before."""
        typed = (event.aggregate_type,) if self._typed else ()
        claimed = await conn.fetchval(self.claim_one_sql, event.aggregate_id, *typed, event.version)
        return claimed is not None

    async def claim_all(self, conn: Conn, events: Sequence[Versioned[T]]) -> list[Versioned[T]]:
        """The events whose versions were not applied before, in their order, each version
        once; their aggregates are locked and the versions recorded as applied.

        Raises:
            ConcurrentClaim: another consumer instance created one of the aggregates meanwhile;
                applied one by one, the batch then waits for it like :meth:`claim_one` does.
        """
        if not events:
            return []
        aggregates = list(dict.fromkeys(event.aggregate_id for event in events))
        rows = await conn.fetch(self.lock_sql, aggregates)
        known: dict[Key, int] = {row[0]: row[1] for row in rows}
        newest: dict[Key, Versioned[T]] = {}
        for event in events:
            found = newest.get(event.aggregate_id)
            if found is None or event.version > found.version:
                newest[event.aggregate_id] = event
        await self._record_newest(conn, newest, known)
        pairs = list(dict.fromkeys((event.aggregate_id, event.version) for event in events))
        new = {(row[0], row[1]) for row in await conn.fetch(self._apply_sql, *columns(pairs))}
        applied = []
        for event in events:
            if (event.aggregate_id, event.version) in new:
                new.discard((event.aggregate_id, event.version))  # a copy later in the batch
                applied.append(event)
        return applied

    async def _record_newest(
        self, conn: Conn, newest: dict[Key, Versioned[T]], known: dict[Key, int]
    ) -> None:
        created = [self._row(event) for key, event in newest.items() if key not in known]
        if created:
            inserted = await conn.fetch(self._insert_sql, *columns(created))
            if len(inserted) < len(created):
                raise ConcurrentClaim("聚合版本已被另一事务写入")
        raised = [
            (key, event.version)
            for key, event in newest.items()
            if key in known and event.version > known[key]
        ]
        if raised:
            await conn.execute(self._raise_sql, *columns(raised))

    def _row(self, event: Versioned[T]) -> tuple[Any, ...]:
        if self._typed:  # the type goes between the key and the version
            return (event.aggregate_id, event.aggregate_type, event.version)
        return (event.aggregate_id, event.version)


AGGREGATE_VERSIONS = VersionGuard(
    "aggregate_versions", "applied_versions", "aggregate_id", "uuid", type_column="aggregate_type"
)
"""Membership's aggregates: organisations, employers, members, contracts."""
ASSISTANCE_VERSIONS = VersionGuard(
    "assistance_versions", "assistance_applied_versions", "subject", "text"
)
"""Assistance's aggregates, by the subject as published (no type kept)."""
DISPUTE_VERSIONS = VersionGuard("dispute_versions", "dispute_applied_versions", "subject", "text")
"""Disputes' aggregates (cases, contacts, legal aid, warnings), by the subject as published."""
TRAINING_VERSIONS = VersionGuard(
    "training_versions", "training_applied_versions", "subject", "text"
)
"""Training's aggregates, by the subject as published (no type kept)."""
