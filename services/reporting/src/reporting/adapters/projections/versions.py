"""The aggregate version guard, for one event or a whole batch.

An event is applied only when its version is newer than the newest applied for its aggregate
(the envelope's ``subject``); an older one is a re-publication and is ignored. Within a batch
the same aggregate may come several times: each event is then weighed against the newest
version applied before it, in stream order, exactly as if the events came one at a time.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar
from uuid import UUID

from shared.outbox.writer import Connection as Conn

from reporting.adapters.projections.columns import columns

T = TypeVar("T")

_CLAIM_ONE_SQL = (
    "INSERT INTO aggregate_versions (aggregate_id, aggregate_type, version) VALUES ($1, $2, $3)"
    " ON CONFLICT (aggregate_id) DO UPDATE SET version = EXCLUDED.version"
    " WHERE aggregate_versions.version < EXCLUDED.version"
    " RETURNING version"
)
# The batch's aggregates already known, locked in id order (concurrent batches cannot deadlock).
_LOCK_SQL = (
    "SELECT aggregate_id, version FROM aggregate_versions WHERE aggregate_id = ANY($1::uuid[])"
    " ORDER BY aggregate_id FOR UPDATE"
)
_INSERT_SQL = (
    "INSERT INTO aggregate_versions (aggregate_id, aggregate_type, version)"
    " SELECT * FROM unnest($1::uuid[], $2::text[], $3::bigint[])"
    " ON CONFLICT (aggregate_id) DO NOTHING RETURNING aggregate_id"
)
_RAISE_SQL = (
    "UPDATE aggregate_versions a SET version = n.version"
    " FROM unnest($1::uuid[], $2::bigint[]) AS n(aggregate_id, version)"
    " WHERE a.aggregate_id = n.aggregate_id AND a.version < n.version"
)


@dataclass(frozen=True)
class Versioned(Generic[T]):
    """An event of ``aggregate_type`` about ``aggregate_id`` at ``version``."""

    aggregate_id: UUID
    aggregate_type: str
    version: int
    item: T


async def claim_one(conn: Conn, aggregate_id: str, aggregate_type: str, version: int) -> bool:
    """Record ``version`` as the aggregate's newest; False when it is not newer (stale)."""
    claimed = await conn.fetchval(_CLAIM_ONE_SQL, aggregate_id, aggregate_type, version)
    return claimed is not None


class ConcurrentClaim(RuntimeError):
    """Another transaction recorded an aggregate of this batch first; the batch must retry."""


async def claim_all(conn: Conn, events: Sequence[Versioned[T]]) -> list[Versioned[T]]:
    """The events to apply, in their order; their aggregates' newest versions are recorded.

    Raises:
        ConcurrentClaim: another consumer instance created one of the aggregates meanwhile;
            applied one by one, the batch then waits for it like :func:`claim_one` does.
    """
    if not events:
        return []
    aggregates = list(dict.fromkeys(event.aggregate_id for event in events))
    rows = await conn.fetch(_LOCK_SQL, aggregates)
    known: dict[UUID, int] = {row["aggregate_id"]: row["version"] for row in rows}
    newest: dict[UUID, int] = {}
    applied = []
    for event in events:
        before = newest.get(event.aggregate_id, known.get(event.aggregate_id))
        if before is None or event.version > before:
            newest[event.aggregate_id] = event.version
            applied.append(event)
    await _record(conn, applied, newest, known)
    return applied


async def _record(
    conn: Conn, applied: list[Versioned[T]], newest: dict[UUID, int], known: dict[UUID, int]
) -> None:
    types = {event.aggregate_id: event.aggregate_type for event in applied}
    created = [(aggregate, types[aggregate], version) for aggregate, version in newest.items()
               if aggregate not in known]  # fmt: skip
    if created:
        inserted = await conn.fetch(_INSERT_SQL, *columns(created))
        if len(inserted) < len(created):
            raise ConcurrentClaim("聚合版本已被另一事务写入")
    raised = [(aggregate, version) for aggregate, version in newest.items() if aggregate in known]
    if raised:
        await conn.execute(_RAISE_SQL, *columns(raised))
