"""Committee elections → ``committee_facts``: one row per election, counts only.

An election is a fact of its own: which committee is in office on a date is read from all of
an organisation's elections (the one whose term covers the date and started last), so the
order in which elections arrive, or were held, changes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeAlias

import asyncpg
from shared.contracts import membership as contracts

from reporting.adapters.projections.columns import columns

Conn: TypeAlias = "asyncpg.Connection[Any]"

_INSERT_SQL = (
    "INSERT INTO committee_facts (org_id, version, committee_id, elected_on, term_start,"
    " term_end, size, chairs, vice_chairs, members, audit, women_seats, women, sex_recorded,"
    " full_time) SELECT * FROM unnest($1::uuid[], $2::bigint[], $3::uuid[], $4::date[],"
    " $5::date[], $6::date[], $7::integer[], $8::integer[], $9::integer[], $10::integer[],"
    " $11::integer[], $12::integer[], $13::integer[], $14::integer[], $15::integer[])"
    " ON CONFLICT DO NOTHING"
)


async def record_all(conn: Conn, applied: Sequence[tuple[Any, int]]) -> None:
    """Store the elections among ``applied`` (organisation events with their versions)."""
    rows = [
        _row(event, version)
        for event, version in applied
        if isinstance(event, contracts.CommitteeElected)
    ]
    if rows:
        await conn.execute(_INSERT_SQL, *columns(rows))


def _row(event: contracts.CommitteeElected, version: int) -> tuple[Any, ...]:
    roles = event.by_role
    return (
        event.org_id, version, event.committee_id, event.elected_on, event.term_start,
        event.term_end, event.size, roles.get("chair", 0), roles.get("vice_chair", 0),
        roles.get("member", 0), roles.get("audit", 0), roles.get("women", 0), event.women,
        event.sex_recorded, event.full_time,
    )  # fmt: skip
