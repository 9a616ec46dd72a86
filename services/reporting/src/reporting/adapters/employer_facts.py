"""Employer events → the employer's territory, census versions and coverage versions.

An employer counts from the earliest date any of its facts takes effect: a census is often
dated before the employer was entered in the system, and it is the census that counts.
"""

from __future__ import annotations

from datetime import date
from typing import Any, TypeAlias
from uuid import UUID

import asyncpg
from shared.contracts import membership as contracts

Conn: TypeAlias = "asyncpg.Connection[Any]"

_UPSERT_EMPLOYER_SQL = (
    "INSERT INTO employers (employer_id, territory_org_id, registered_on) VALUES ($1, $2, $3)"
    " ON CONFLICT (employer_id) DO UPDATE SET territory_org_id = EXCLUDED.territory_org_id,"
    " registered_on = LEAST(employers.registered_on, EXCLUDED.registered_on)"
)


async def registered(conn: Conn, event: contracts.EmployerRegistered, version: int) -> None:
    """The employer exists in ``org_id``'s territory."""
    await _known(conn, event.employer_id, event.org_id, event.occurred_on)


async def census_updated(conn: Conn, event: contracts.EmployerCensusUpdated, version: int) -> None:
    """A headcount census effective from ``occurred_on``."""
    await _known(conn, event.employer_id, event.org_id, event.occurred_on)
    await conn.execute(
        "INSERT INTO employer_census (employer_id, version, effective_on, territory_org_id,"
        " workers, women, migrant_workers) VALUES ($1, $2, $3, $4, $5, $6, $7)"
        " ON CONFLICT DO NOTHING",
        event.employer_id, version, event.occurred_on, event.org_id,
        event.workers, event.women, event.migrant_workers,
    )  # fmt: skip


async def coverage_changed(
    conn: Conn, event: contracts.EmployerCoverageChanged, version: int
) -> None:
    """The employer is covered by a union (or no longer) from ``occurred_on``."""
    await _known(conn, event.employer_id, event.org_id, event.occurred_on)
    await conn.execute(
        "INSERT INTO employer_coverage (employer_id, version, effective_on, territory_org_id,"
        " covered) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
        event.employer_id, version, event.occurred_on, event.org_id,
        event.covered_by_union_id is not None,
    )  # fmt: skip


async def _known(conn: Conn, employer_id: UUID, territory_org_id: UUID, on: date) -> None:
    await conn.execute(_UPSERT_EMPLOYER_SQL, employer_id, territory_org_id, on)
