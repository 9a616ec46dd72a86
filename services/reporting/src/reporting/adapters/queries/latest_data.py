"""The latest day with data up to a date, per dashboard: where a dashboard opens by default.

Each read takes the greatest date of a few fact tables, every one from the end of an index
(see migration 050), so opening a dashboard never scans a city's facts.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date

from shared.outbox.writer import Connection as Conn

LatestDay = Callable[[Conn, date], Awaitable[date | None]]

_MEMBER_FACTS = ("admitted", "transferred", "retained", "reinstated", "left")
# One max per fact: each is answered from the end of member_facts (fact, effective_on).
_MEMBERSHIP_SQL = (
    "SELECT GREATEST("
    + ", ".join(
        f"(SELECT max(effective_on) FROM member_facts WHERE fact = '{fact}' AND effective_on <= $1)"
        for fact in _MEMBER_FACTS
    )
    + ")"
)
_ASSISTANCE_SQL = (
    "SELECT GREATEST((SELECT max(paid_on) FROM aid_payments WHERE paid_on <= $1),"
    " (SELECT max(effective_on) FROM household_facts WHERE effective_on <= $1))"
)
_DISPUTES_SQL = "SELECT max(effective_on) FROM dispute_case_facts WHERE effective_on <= $1"
_TRAINING_SQL = "SELECT max(enrolled_on) FROM training_enrolments WHERE enrolled_on <= $1"


async def _latest(conn: Conn, sql: str, today: date) -> date | None:
    found: date | None = await conn.fetchval(sql, today)
    return found


async def membership(conn: Conn, today: date) -> date | None:
    """The latest day a member was admitted, moved, retained, reinstated or left."""
    return await _latest(conn, _MEMBERSHIP_SQL, today)


async def assistance(conn: Conn, today: date) -> date | None:
    """The latest day aid was paid or a hardship file changed."""
    return await _latest(conn, _ASSISTANCE_SQL, today)


async def disputes(conn: Conn, today: date) -> date | None:
    """The latest day anything happened to a dispute case."""
    return await _latest(conn, _DISPUTES_SQL, today)


async def training(conn: Conn, today: date) -> date | None:
    """The latest day someone enrolled in a class."""
    return await _latest(conn, _TRAINING_SQL, today)
