"""Organisation events → ``org_facts``, and the organisation's ``org_versions`` rebuilt from them.

Rebuilding one organisation's intervals from all its facts (a handful) keeps the tree exact
whatever was corrected; other organisations' rows are never touched, so a move, a renaming
or a dissolution cannot rewrite anyone's history.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, TypeAlias
from uuid import UUID

import asyncpg
from shared.contracts import membership as contracts

from reporting.domain.timeline import Change, intervals

Conn: TypeAlias = "asyncpg.Connection[Any]"

_INSERT_FACT_SQL = (
    "INSERT INTO org_facts (org_id, version, fact, effective_on, parent_id, kind, name)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING"
)


@dataclass(frozen=True)
class _OrgState:
    parent_id: UUID | None
    kind: str
    name: str


async def founded(conn: Conn, event: contracts.UnionFounded, version: int) -> None:
    """A union organisation was founded under ``parent_id``."""
    await conn.execute(
        _INSERT_FACT_SQL, event.org_id, version, "founded", event.occurred_on,
        event.parent_id, event.kind, event.name,
    )  # fmt: skip
    await _rebuild(conn, event.org_id)


async def renamed(conn: Conn, event: contracts.UnionRenamed, version: int) -> None:
    """The organisation carries a new name from ``occurred_on``."""
    await conn.execute(
        _INSERT_FACT_SQL,
        event.org_id,
        version,
        "renamed",
        event.occurred_on,
        None,
        None,
        event.name,
    )
    await _rebuild(conn, event.org_id)


async def moved(conn: Conn, event: contracts.UnionMoved, version: int) -> None:
    """The organisation hangs under ``new_parent_id`` from ``occurred_on``."""
    await conn.execute(
        _INSERT_FACT_SQL, event.org_id, version, "moved", event.occurred_on,
        event.new_parent_id, None, None,
    )  # fmt: skip
    await _rebuild(conn, event.org_id)


async def dissolved(conn: Conn, event: contracts.UnionDissolved, version: int) -> None:
    """The organisation is gone from the tree from ``occurred_on`` (its past stays)."""
    await conn.execute(
        _INSERT_FACT_SQL, event.org_id, version, "dissolved", event.occurred_on, None, None, None
    )
    await _rebuild(conn, event.org_id)


async def reelected(conn: Conn, event: contracts.UnionReelected, version: int) -> None:
    """A re-election changes no figure; its version is recorded by the caller only."""


async def _rebuild(conn: Conn, org_id: UUID) -> None:
    rows = await conn.fetch(
        "SELECT fact, effective_on, parent_id, kind, name FROM org_facts"
        " WHERE org_id = $1 ORDER BY version",
        org_id,
    )
    founding = next((row for row in rows if row["fact"] == "founded"), None)
    await conn.execute("DELETE FROM org_versions WHERE org_id = $1", org_id)
    if founding is None:  # nothing to place in the tree before the founding is known
        return
    state = _OrgState(founding["parent_id"], founding["kind"], founding["name"])
    changes: list[Change[_OrgState]] = []
    for row in rows:
        state = _next_state(state, row)
        changes.append(Change(row["effective_on"], None if row["fact"] == "dissolved" else state))
    await conn.executemany(
        "INSERT INTO org_versions (org_id, valid_from, valid_to, parent_id, kind, name, founded_on)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7)",
        [
            (org_id, i.valid_from, i.valid_to, i.state.parent_id, i.state.kind, i.state.name,
             founding["effective_on"])
            for i in intervals(changes)
        ],
    )  # fmt: skip


def _next_state(state: _OrgState, row: asyncpg.Record) -> _OrgState:
    if row["fact"] == "renamed":
        return replace(state, name=row["name"])
    if row["fact"] == "moved":
        return replace(state, parent_id=row["parent_id"])
    return state
