"""Organisation events → ``org_facts``, and the organisation's ``org_versions`` rebuilt from them.

Rebuilding one organisation's intervals from all its facts (a handful) keeps the tree exact
whatever was corrected; other organisations' rows are never touched, so a move, a renaming
or a dissolution cannot rewrite anyone's history. A batch reads the facts of every
organisation it touched in one statement and rebuilds their intervals the same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, TypeAlias
from uuid import UUID

import asyncpg
from shared.contracts import membership as contracts

from reporting.adapters.projections.columns import columns
from reporting.domain.timeline import Change, intervals

Conn: TypeAlias = "asyncpg.Connection[Any]"
OrgEvent: TypeAlias = (
    "contracts.UnionFounded | contracts.UnionRenamed | contracts.UnionMoved"
    " | contracts.UnionDissolved | contracts.UnionReelected"
)
# org_id, version, fact, effective_on, parent_id, kind, name, grassroots_mode
_Fact: TypeAlias = "tuple[UUID, int, str, date, UUID | None, str | None, str | None, str | None]"
# org_id, valid_from, valid_to, parent_id, kind, name, founded_on, grassroots_mode
_Version: TypeAlias = "tuple[UUID, date, date | None, UUID | None, str, str, date, str | None]"

_INSERT_FACTS_SQL = (
    "INSERT INTO org_facts (org_id, version, fact, effective_on, parent_id, kind, name,"
    " grassroots_mode) SELECT * FROM unnest($1::uuid[], $2::bigint[], $3::text[], $4::date[],"
    " $5::uuid[], $6::text[], $7::text[], $8::text[]) ON CONFLICT DO NOTHING"
)
_FACTS_SQL = (
    "SELECT org_id, fact, effective_on, parent_id, kind, name, grassroots_mode FROM org_facts"
    " WHERE org_id = ANY($1::uuid[]) ORDER BY org_id, version"
)
_INSERT_VERSIONS_SQL = (
    "INSERT INTO org_versions (org_id, valid_from, valid_to, parent_id, kind, name, founded_on,"
    " grassroots_mode) SELECT * FROM unnest($1::uuid[], $2::date[], $3::date[], $4::uuid[],"
    " $5::text[], $6::text[], $7::date[], $8::text[])"
)


@dataclass(frozen=True)
class _OrgState:
    parent_id: UUID | None
    kind: str
    name: str


async def record(conn: Conn, event: OrgEvent, version: int) -> None:
    """Store one organisation event's fact and rebuild that organisation's intervals."""
    await record_all(conn, [(event, version)])


async def record_all(conn: Conn, applied: Sequence[tuple[OrgEvent, int]]) -> None:
    """Store the facts of ``applied`` (events with their versions, in stream order), then
    rebuild the intervals of every organisation they concern.

    A re-election changes no figure: only its version is recorded, by the caller.
    """
    facts = [fact for event, version in applied if (fact := _fact(event, version)) is not None]
    if not facts:
        return
    await conn.execute(_INSERT_FACTS_SQL, *columns(facts))
    orgs = list(dict.fromkeys(fact[0] for fact in facts))
    rows_by_org: dict[UUID, list[asyncpg.Record]] = {org: [] for org in orgs}
    for row in await conn.fetch(_FACTS_SQL, orgs):
        rows_by_org[row["org_id"]].append(row)
    await conn.execute("DELETE FROM org_versions WHERE org_id = ANY($1::uuid[])", orgs)
    versions = [version for org, rows in rows_by_org.items() for version in _versions(org, rows)]
    if versions:
        await conn.execute(_INSERT_VERSIONS_SQL, *columns(versions))


def _fact(event: OrgEvent, version: int) -> _Fact | None:
    if isinstance(event, contracts.UnionFounded):
        return (event.org_id, version, "founded", event.occurred_on, event.parent_id,
                event.kind, event.name, event.grassroots_mode)  # fmt: skip
    if isinstance(event, contracts.UnionRenamed):
        return (event.org_id, version, "renamed", event.occurred_on, None, None, event.name, None)
    if isinstance(event, contracts.UnionMoved):
        return (event.org_id, version, "moved", event.occurred_on, event.new_parent_id, None,
                None, None)  # fmt: skip
    if isinstance(event, contracts.UnionDissolved):
        return (event.org_id, version, "dissolved", event.occurred_on, None, None, None, None)
    return None


def _versions(org_id: UUID, rows: list[asyncpg.Record]) -> list[_Version]:
    """The intervals of one organisation from its facts in version order."""
    founding = next((row for row in rows if row["fact"] == "founded"), None)
    if founding is None:  # nothing to place in the tree before the founding is known
        return []
    state = _OrgState(founding["parent_id"], founding["kind"], founding["name"])
    changes: list[Change[_OrgState]] = []
    for row in rows:
        state = _next_state(state, row)
        changes.append(Change(row["effective_on"], None if row["fact"] == "dissolved" else state))
    return [
        (org_id, i.valid_from, i.valid_to, i.state.parent_id, i.state.kind, i.state.name,
         founding["effective_on"], founding["grassroots_mode"])
        for i in intervals(changes)
    ]  # fmt: skip


def _next_state(state: _OrgState, row: asyncpg.Record) -> _OrgState:
    if row["fact"] == "renamed":
        return replace(state, name=row["name"])
    if row["fact"] == "moved":
        return replace(state, parent_id=row["parent_id"])
    return state
