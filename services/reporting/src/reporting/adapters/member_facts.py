"""Member events → ``member_facts`` (the flows), and ``membership_periods`` rebuilt from them.

A period says in which grassroots union, and whether active or retained, the member was on
every day of its interval; counting members as of a date reads the periods valid that day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, TypeAlias
from uuid import UUID

import asyncpg
from shared.contracts import membership as contracts

from reporting.domain.timeline import Change, intervals

Conn: TypeAlias = "asyncpg.Connection[Any]"

_INSERT_FACT_SQL = (
    "INSERT INTO member_facts"
    " (member_id, version, fact, effective_on, union_id, from_union_id, sex, is_migrant)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING"
)


@dataclass(frozen=True)
class _Standing:
    union_id: UUID
    status: str


async def admitted(conn: Conn, event: contracts.MemberAdmitted, version: int) -> None:
    """A person joined ``org_id`` on ``occurred_on``."""
    await _record(
        conn, event.member_id, version, "admitted", event.occurred_on, event.org_id,
        sex=event.sex, is_migrant=event.is_migrant_worker,
    )  # fmt: skip


async def transferred(conn: Conn, event: contracts.MemberTransferred, version: int) -> None:
    """The membership moved from ``from_union_id`` to ``to_union_id``."""
    await _record(
        conn, event.member_id, version, "transferred", event.occurred_on, event.to_union_id,
        from_union_id=event.from_union_id,
    )  # fmt: skip


async def retained(conn: Conn, event: contracts.MemberRetained, version: int) -> None:
    """The member retired or was laid off and keeps a retained membership."""
    await _record(conn, event.member_id, version, "retained", event.occurred_on, event.org_id)


async def reinstated(conn: Conn, event: contracts.MemberReinstated, version: int) -> None:
    """A retained membership is active again."""
    await _record(conn, event.member_id, version, "reinstated", event.occurred_on, event.org_id)


async def left(conn: Conn, event: contracts.MemberLeft, version: int) -> None:
    """The member left or was expelled: no period after ``occurred_on``."""
    await _record(conn, event.member_id, version, "left", event.occurred_on, event.org_id)


async def _record(
    conn: Conn,
    member_id: UUID,
    version: int,
    fact: str,
    on: date,
    union_id: UUID,
    *,
    from_union_id: UUID | None = None,
    sex: str | None = None,
    is_migrant: bool | None = None,
) -> None:
    await conn.execute(
        _INSERT_FACT_SQL, member_id, version, fact, on, union_id, from_union_id, sex, is_migrant
    )
    await _rebuild(conn, member_id)


async def _rebuild(conn: Conn, member_id: UUID) -> None:
    rows = await conn.fetch(
        "SELECT fact, effective_on, union_id, sex, is_migrant FROM member_facts"
        " WHERE member_id = $1 ORDER BY version",
        member_id,
    )
    admission = next((row for row in rows if row["fact"] == "admitted"), None)
    sex = admission["sex"] if admission else None
    is_migrant = admission["is_migrant"] if admission else None
    changes = [Change(row["effective_on"], _standing(row)) for row in rows]
    await conn.execute("DELETE FROM membership_periods WHERE member_id = $1", member_id)
    await conn.executemany(
        "INSERT INTO membership_periods"
        " (member_id, valid_from, valid_to, union_id, status, sex, is_migrant)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7)",
        [
            (member_id, i.valid_from, i.valid_to, i.state.union_id, i.state.status, sex,
             is_migrant)
            for i in intervals(changes)
        ],
    )  # fmt: skip


def _standing(row: asyncpg.Record) -> _Standing | None:
    if row["fact"] == "left":
        return None
    status = "retained" if row["fact"] == "retained" else "active"
    return _Standing(row["union_id"], status)
