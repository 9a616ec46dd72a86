"""Member events → ``member_facts`` (the flows), and ``membership_periods`` rebuilt from them.

A period says in which grassroots union, and whether active or retained, the member was on
every day of its interval; counting members as of a date reads the periods valid that day.

One event at a time, a member's periods are rebuilt in Python by :func:`intervals`; a batch
rebuilds the periods of every member it touched with one statement doing the same in SQL.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeAlias
from uuid import UUID

import asyncpg
from shared.contracts import membership as contracts
from shared.outbox.writer import Connection as AnyConnection

from reporting.adapters.projections import totals
from reporting.adapters.projections.columns import columns
from reporting.adapters.rebuild import deferral
from reporting.domain.timeline import Change, intervals

Conn: TypeAlias = "asyncpg.Connection[Any]"
MemberEvent: TypeAlias = (
    "contracts.MemberAdmitted | contracts.MemberTransferred | contracts.MemberRetained"
    " | contracts.MemberReinstated | contracts.MemberLeft"
)
# member_id, version, fact, effective_on, union_id, from_union_id, sex, is_migrant
_Fact: TypeAlias = "tuple[UUID, int, str, date, UUID, UUID | None, str | None, bool | None]"

_FACT_NAMES: dict[type[contracts.MembershipEvent], str] = {
    contracts.MemberAdmitted: "admitted",
    contracts.MemberTransferred: "transferred",
    contracts.MemberRetained: "retained",
    contracts.MemberReinstated: "reinstated",
    contracts.MemberLeft: "left",
}
_NEW_FACT = " RETURNING fact, effective_on, union_id, sex, is_migrant"
_PERIOD = " RETURNING union_id, valid_from, valid_to, status"
_INSERT_FACT_SQL = (
    "INSERT INTO member_facts"
    " (member_id, version, fact, effective_on, union_id, from_union_id, sex, is_migrant)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING" + _NEW_FACT
)
_STORE_FACTS_SQL = (
    "INSERT INTO member_facts"
    " (member_id, version, fact, effective_on, union_id, from_union_id, sex, is_migrant)"
    " SELECT * FROM unnest($1::uuid[], $2::bigint[], $3::text[], $4::date[], $5::uuid[],"
    " $6::uuid[], $7::text[], $8::boolean[]) ON CONFLICT DO NOTHING"
)
_INSERT_FACTS_SQL = _STORE_FACTS_SQL + _NEW_FACT
# intervals() in SQL: a fact survives unless a later-recorded one (higher version) is dated on
# or before it; each survivor holds until the next survivor's date; 'left' ends the periods.
# Sex and 农民工 come from the first admission by version (none: NULL), as one by one.
_PERIODS_FROM_FACTS_SQL = """
WITH facts AS (
    SELECT member_id, version, fact, effective_on, union_id,
        min(effective_on) OVER (PARTITION BY member_id ORDER BY version
            ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING) AS superseded_from,
        first_value(sex) OVER admissions_first AS sex,
        first_value(is_migrant) OVER admissions_first AS is_migrant
    FROM member_facts {members}
    WINDOW admissions_first AS (PARTITION BY member_id ORDER BY fact <> 'admitted', version)
), kept AS (
    SELECT *, lead(effective_on) OVER (PARTITION BY member_id ORDER BY version) AS valid_to
    FROM facts WHERE superseded_from IS NULL OR effective_on < superseded_from
)
INSERT INTO membership_periods (member_id, valid_from, valid_to, union_id, status, sex, is_migrant)
SELECT member_id, effective_on, valid_to, union_id,
    CASE WHEN fact = 'retained' THEN 'retained' ELSE 'active' END, sex, is_migrant
FROM kept WHERE fact <> 'left'
"""
_REBUILD_PERIODS_SQL = (
    _PERIODS_FROM_FACTS_SQL.format(members="WHERE member_id = ANY($1::uuid[])") + _PERIOD
)
_DERIVE_ALL_PERIODS_SQL = _PERIODS_FROM_FACTS_SQL.format(members="")
_INSERT_PERIODS_SQL = (
    "INSERT INTO membership_periods"
    " (member_id, valid_from, valid_to, union_id, status, sex, is_migrant)"
    " SELECT * FROM unnest($1::uuid[], $2::date[], $3::date[], $4::uuid[], $5::text[],"
    " $6::text[], $7::boolean[])" + _PERIOD
)
_DELETE_PERIODS_SQL = "DELETE FROM membership_periods WHERE member_id = ANY($1::uuid[])" + _PERIOD


@dataclass(frozen=True)
class _Standing:
    union_id: UUID
    status: str


async def record(conn: Conn, event: MemberEvent, version: int) -> None:
    """Store one member event's fact, rebuild that member's periods, update the totals."""
    stored = await conn.fetch(_INSERT_FACT_SQL, *_fact(event, version))
    removed, added = await _rebuild(conn, event.member_id)
    await totals.add(conn, totals.MEMBERS, _changes(stored, removed, added))


async def record_all(conn: Conn, applied: Sequence[tuple[MemberEvent, int]]) -> None:
    """Store the facts of ``applied`` (events with their versions, in stream order) at once,
    then rebuild the periods of every member they concern and update the totals (unless
    derived rows are deferred)."""
    facts = [_fact(event, version) for event, version in applied]
    if not deferral.derived_now():
        await conn.execute(_STORE_FACTS_SQL, *columns(facts))
        return
    stored = await conn.fetch(_INSERT_FACTS_SQL, *columns(facts))
    members = list(dict.fromkeys(fact[0] for fact in facts))
    removed = await conn.fetch(_DELETE_PERIODS_SQL, members)
    added = await conn.fetch(_REBUILD_PERIODS_SQL, members)
    await totals.add(conn, totals.MEMBERS, _changes(stored, removed, added))


async def derive_all_periods(conn: AnyConnection) -> None:
    """Replace every member's periods by those its facts give (after a bulk load)."""
    await conn.execute("TRUNCATE membership_periods")
    await conn.execute(_DERIVE_ALL_PERIODS_SQL)


def _changes(
    facts: list[asyncpg.Record], removed: list[asyncpg.Record], added: list[asyncpg.Record]
) -> list[tuple[Any, ...]]:
    """Totals changes: periods as +1 active or retained while they hold; counted flows."""
    found: list[tuple[Any, ...]] = []
    for sign, periods in ((-1, removed), (1, added)):
        for p in periods:
            retained = p["status"] == "retained"
            amounts = (0, sign, 0, 0, 0, 0) if retained else (sign, 0, 0, 0, 0, 0)
            found += totals.stretch((p["union_id"],), p["valid_from"], p["valid_to"], amounts)
    for f in facts:
        if f["fact"] == "admitted":
            female, migrant = int(f["sex"] == "female"), int(bool(f["is_migrant"]))
            found.append((f["union_id"], f["effective_on"], 0, 0, 1, female, migrant, 0))
        elif f["fact"] == "left":
            found.append((f["union_id"], f["effective_on"], 0, 0, 0, 0, 0, 1))
    return found


def _fact(event: MemberEvent, version: int) -> _Fact:
    name = _FACT_NAMES[type(event)]
    if isinstance(event, contracts.MemberAdmitted):
        return (event.member_id, version, name, event.occurred_on, event.org_id, None,
                event.sex, event.is_migrant_worker)  # fmt: skip
    if isinstance(event, contracts.MemberTransferred):
        return (event.member_id, version, name, event.occurred_on, event.to_union_id,
                event.from_union_id, None, None)  # fmt: skip
    return (event.member_id, version, name, event.occurred_on, event.org_id, None, None, None)


async def _rebuild(
    conn: Conn, member_id: UUID
) -> tuple[list[asyncpg.Record], list[asyncpg.Record]]:
    """The member's periods from its facts, one by one: (periods removed, periods added)."""
    rows = await conn.fetch(
        "SELECT fact, effective_on, union_id, sex, is_migrant FROM member_facts"
        " WHERE member_id = $1 ORDER BY version",
        member_id,
    )
    admission = next((row for row in rows if row["fact"] == "admitted"), None)
    sex = admission["sex"] if admission else None
    is_migrant = admission["is_migrant"] if admission else None
    changes = [Change(row["effective_on"], _standing(row)) for row in rows]
    removed = await conn.fetch(_DELETE_PERIODS_SQL, [member_id])
    periods = [
        (member_id, i.valid_from, i.valid_to, i.state.union_id, i.state.status, sex, is_migrant)
        for i in intervals(changes)
    ]
    added = await conn.fetch(_INSERT_PERIODS_SQL, *columns(periods)) if periods else []
    return removed, added


def _standing(row: asyncpg.Record) -> _Standing | None:
    if row["fact"] == "left":
        return None
    status = "retained" if row["fact"] == "retained" else "active"
    return _Standing(row["union_id"], status)
