"""The case history in SQL: appending chained entries, reading chains back to verify them."""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping, Sequence, Set
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

import orjson
from shared.adapters import Connection

from disputes.domain.cases.case import Case
from disputes.domain.cases.history import (
    GENESIS,
    Break,
    Entry,
    action_of,
    entry_hash,
    first_break,
    payload_of,
)

# The entries and the cases' new heads in one statement.
_APPEND = """
WITH entries AS (
    INSERT INTO case_history (case_id, seq, recorded_at, actor, action, payload, prev_hash, hash)
    SELECT e.case_id, e.seq, e.recorded_at, e.actor, e.action, e.payload::jsonb, e.prev_hash,
           e.hash
      FROM unnest($1::uuid[], $2::integer[], $3::timestamptz[], $4::text[], $5::text[],
                  $6::text[], $7::text[], $8::text[])
           AS e(case_id, seq, recorded_at, actor, action, payload, prev_hash, hash)
)
UPDATE cases c SET history_seq = h.seq, history_head = h.head
  FROM unnest($9::uuid[], $10::integer[], $11::text[]) AS h(id, seq, head)
 WHERE c.id = h.id
"""


async def append(conn: Connection, cases: Sequence[Case], new: Set[UUID] = frozenset()) -> None:
    """Append each case's new events to its chain and move the case's head, in one transaction.

    The case row was just written with a version check, so this transaction holds its lock:
    no other writer appends to the same chain meanwhile. A case of ``new`` (inserted by this
    transaction) starts its chain from the genesis without reading its head.
    """
    rows: list[tuple[Any, ...]] = []
    heads: list[tuple[UUID, int, str]] = []
    for case in cases:
        if not case.events:
            continue
        seq, prev = (0, GENESIS) if case.id in new else await _head(conn, case.id)
        at = datetime.now(UTC)
        for recorded in case.events:
            seq += 1
            action, payload = action_of(recorded.event), payload_of(recorded.event)
            digest = entry_hash(prev, case.id, seq, at, case.actor, action, payload)
            rows.append((case.id, seq, at, case.actor, action, _json(payload), prev, digest))
            prev = digest
        heads.append((case.id, seq, prev))
    if rows:
        await conn.execute(_APPEND, *_columns(rows), *_columns(heads))


async def _head(conn: Connection, case_id: UUID) -> tuple[int, str]:
    row = await conn.fetchrow("SELECT history_seq, history_head FROM cases WHERE id = $1", case_id)
    assert row is not None  # the case row was written by this transaction
    return int(row["history_seq"]), str(row["history_head"])


def _json(payload: Mapping[str, Any]) -> str:
    return orjson.dumps(payload).decode()


def _columns(rows: Sequence[tuple[Any, ...]]) -> list[list[Any]]:
    """The rows as one array per column, for ``unnest``."""
    return [list(column) for column in zip(*rows, strict=True)]


async def entries(conn: Connection, case_id: UUID) -> list[Entry]:
    """A case's stored entries in position order."""
    rows = await conn.fetch(
        "SELECT case_id, seq, recorded_at, actor, action, payload, prev_hash, hash"
        " FROM case_history WHERE case_id = $1 ORDER BY seq",
        case_id,
    )
    return [Entry(**dict(r)) for r in rows]


async def verify_case(conn: Connection, case_id: UUID) -> Break | None:
    """The first broken entry of one case's chain, or ``None`` when it holds."""
    head = await conn.fetchrow("SELECT history_seq, history_head FROM cases WHERE id = $1", case_id)
    if head is None:
        return None
    return first_break(case_id, await entries(conn, case_id), head[0], head[1])


async def verify_all(conn: Connection, scope_path: str = "/") -> AsyncIterator[Break]:
    """Every case in the subtree whose chain breaks, with its first broken entry."""
    ids = await conn.fetch(
        "SELECT c.id FROM cases c JOIN org_replica o ON o.id = c.org_id"
        " WHERE o.path LIKE $1 || '%' ORDER BY c.received_on, c.id",
        scope_path,
    )
    for row in ids:
        broken = await verify_case(conn, row["id"])
        if broken is not None:
            yield broken


async def count_in_scope(conn: Connection, scope_path: str = "/") -> int:
    """How many cases lie in the subtree (how many chains a verification covers)."""
    found = await conn.fetchval(
        "SELECT count(*) FROM cases c JOIN org_replica o ON o.id = c.org_id"
        " WHERE o.path LIKE $1 || '%'",
        scope_path,
    )
    return int(found or 0)
