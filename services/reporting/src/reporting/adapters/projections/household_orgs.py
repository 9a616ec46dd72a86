"""The organisation a household's payment or visit counts under: the household's on that day.

Assistance names, on each ``aid.paid`` and ``visit.recorded``, the household's organisation
when the fact was entered; a fact entered late (补录历史) for a household relocated since would
then count under its new union. Reporting places such a fact by the household's periods
instead — the union it was on file in on the fact's date — and keeps the organisation the
event named (``recorded_org_id``) for the days the household was not on file. A relocation or
filing arriving after the fact, in any order, places the household's facts again.
"""

from __future__ import annotations

from typing import Any, TypeAlias
from uuid import UUID

import asyncpg
from shared.outbox.writer import Connection as AnyConnection

from reporting.adapters.rebuild import deferral

Conn: TypeAlias = "asyncpg.Connection[Any]"

ORG_ON_DAY_SQL = (
    "COALESCE((SELECT p.org_id FROM household_periods p WHERE p.household_id = {household}"
    " AND p.valid_from <= {day} AND (p.valid_to IS NULL OR {day} < p.valid_to)), {recorded})"
)
"""The household's union on ``day``, else the organisation the event named."""

_PLACED = {"aid_payments": "paid_on", "visits": "visited_on"}


def _place_sql(table: str, where: str) -> str:
    day = f"t.{_PLACED[table]}"
    org = ORG_ON_DAY_SQL.format(household="t.household_id", day=day, recorded="t.recorded_org_id")
    return (
        f"UPDATE {table} t SET org_id = {org}"
        f" WHERE t.household_id IS NOT NULL{where} AND t.org_id IS DISTINCT FROM {org}"
    )


async def place_household_facts(conn: Conn, household_id: UUID) -> None:
    """Place the household's payments and visits by its periods (unless derived rows wait)."""
    if not deferral.derived_now():
        return
    for table in _PLACED:
        await conn.execute(_place_sql(table, " AND t.household_id = $1"), household_id)


async def place_all_household_facts(conn: AnyConnection) -> None:
    """Place every household's payments and visits by its periods (after a bulk load)."""
    for table in _PLACED:
        await conn.execute(_place_sql(table, ""))
