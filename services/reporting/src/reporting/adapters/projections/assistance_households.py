"""Hardship-file events → ``household_facts``, and the household's ``household_periods``.

As for organisations, one household's periods are rebuilt from all its facts (a handful), in
version order, whenever one arrives, so a relocation, a new level or an exit is dated exactly
whatever order the versions came in, and no other household's rows are touched. ``households`` keeps the head (a pseudonymous member id) and the
employer from the filing, for the member timeline and the employers visited.
"""

from __future__ import annotations

from typing import Any, TypeAlias
from uuid import UUID

import asyncpg
from shared.contracts import assistance as contracts

from reporting.adapters.projections.assistance_flows import inserted
from reporting.adapters.projections.household_orgs import place_household_facts
from reporting.domain.assistance_households import HouseholdFact, household_changes
from reporting.domain.timeline import intervals

Conn: TypeAlias = "asyncpg.Connection[Any]"

_INSERT_FACT_SQL = (
    "INSERT INTO household_facts (event_id, household_id, fact, effective_on, org_id, level,"
    " temporary, reason, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
    " ON CONFLICT DO NOTHING"
)
_UPSERT_HOUSEHOLD_SQL = (
    "INSERT INTO households (household_id, head_member_id, employer_id) VALUES ($1, $2, $3)"
    " ON CONFLICT (household_id) DO UPDATE SET head_member_id = EXCLUDED.head_member_id,"
    " employer_id = EXCLUDED.employer_id"
)
_FACTS_SQL = (
    "SELECT fact, effective_on, org_id, level, temporary FROM household_facts"
    " WHERE household_id = $1 ORDER BY version, position"
)
_INSERT_PERIOD_SQL = (
    "INSERT INTO household_periods (household_id, valid_from, valid_to, org_id, level, temporary)"
    " VALUES ($1, $2, $3, $4, $5, $6)"
)


async def filed(conn: Conn, event: contracts.HouseholdFiled, event_id: UUID, version: int) -> bool:
    """The household is on file (在档) from its filing date."""
    await conn.execute(
        _UPSERT_HOUSEHOLD_SQL, event.household_id, event.head_member_id, event.employer_id
    )
    return await _record(conn, (event_id, version), event, "filed", event.level, event.temporary)


async def formalised(
    conn: Conn, event: contracts.HouseholdFormalised, event_id: UUID, version: int
) -> bool:
    """A temporary relief file is a formal one from ``occurred_on``, at ``level``."""
    return await _record(conn, (event_id, version), event, "formalised", event.level)


async def reverified(
    conn: Conn, event: contracts.HouseholdReverified, event_id: UUID, version: int
) -> bool:
    """The yearly re-verification confirmed the file, at ``level`` from ``occurred_on``."""
    return await _record(conn, (event_id, version), event, "reverified", event.level)


async def relocated(
    conn: Conn, event: contracts.HouseholdRelocated, event_id: UUID, version: int
) -> bool:
    """The file counts toward ``org_id`` (the new union) from ``occurred_on``."""
    return await _record(conn, (event_id, version), event, "relocated", reason=event.reason)


async def flagged(
    conn: Conn, event: contracts.HouseholdFlagged, event_id: UUID, version: int
) -> bool:
    """A review flag is kept for the record; the household stays on file."""
    return await _record(conn, (event_id, version), event, "flagged", reason=event.flag)


async def exited(
    conn: Conn, event: contracts.HouseholdExited, event_id: UUID, version: int
) -> bool:
    """解困脱困: off file from ``occurred_on``, counted as an exit."""
    return await _record(conn, (event_id, version), event, "exited", reason=event.reason)


async def cancelled(
    conn: Conn, event: contracts.HouseholdCancelled, event_id: UUID, version: int
) -> bool:
    """注销: off file from ``occurred_on``, not counted as an exit."""
    return await _record(conn, (event_id, version), event, "cancelled", reason=event.reason)


async def head_of(conn: Conn, household_id: UUID) -> UUID | None:
    """The head's pseudonymous member id, if the household's filing named a member."""
    found: UUID | None = await conn.fetchval(
        "SELECT head_member_id FROM households WHERE household_id = $1", household_id
    )
    return found


async def _record(
    conn: Conn,
    recorded: tuple[UUID, int],
    event: contracts.HouseholdEvent,
    fact: str,
    level: str | None = None,
    temporary: bool | None = None,
    *,
    reason: str | None = None,
) -> bool:
    status = await conn.execute(
        _INSERT_FACT_SQL, recorded[0], event.household_id, fact, event.occurred_on, event.org_id,
        level, temporary, reason, recorded[1],
    )  # fmt: skip
    if fact != "flagged":
        await _rebuild(conn, event.household_id)
    return inserted(status)


async def _rebuild(conn: Conn, household_id: UUID) -> None:
    facts = [HouseholdFact(**dict(row)) for row in await conn.fetch(_FACTS_SQL, household_id)]
    await conn.execute("DELETE FROM household_periods WHERE household_id = $1", household_id)
    await conn.executemany(
        _INSERT_PERIOD_SQL,
        [
            (household_id, i.valid_from, i.valid_to, i.state.org_id, i.state.level,
             i.state.temporary)
            for i in intervals(household_changes(facts))
        ],
    )  # fmt: skip
    await place_household_facts(conn, household_id)
