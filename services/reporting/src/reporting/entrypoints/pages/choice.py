"""What a dashboard's address asks for, the period and organisation it comes to, and the year it
opens on when it names no period."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from shared.auth import Principal
from shared.outbox.writer import Connection as Conn

from reporting.adapters.queries.latest_data import LatestDay
from reporting.domain.periods import Period, default_period, parse_period
from reporting.entrypoints.pages import figures


@dataclass(frozen=True)
class Choice:
    """What a dashboard's address asks for; each part optional."""

    org_id: str | None
    period: str | None
    year: int | None
    span: str = ""
    as_of: date | None = None


def requested(choice: Choice, fallback: str, today: date) -> tuple[str, Period, UUID | None]:
    """The period asked for (by name, or year and span; else ``fallback``), cut at the as-of
    date when one is given (at ``today`` while the period runs), and the organisation.

    Raises:
        InvalidPeriod: the period or the as-of date is not acceptable.
        ValueError: ``org_id`` is not a uuid.
    """
    year, span = choice.year, choice.span
    chosen = (choice.period or (f"{year}{span}" if year else fallback)).strip().upper()
    named = parse_period(chosen)
    window = Period(named.date_from, named.stock_date(choice.as_of, today))
    return chosen, window, UUID(choice.org_id) if choice.org_id else None


async def latest_year(
    conn: Conn, principal: Principal, choice: Choice, latest: LatestDay, today: date
) -> str:
    """The year a dashboard naming no period opens on: the latest with data in the subtree of
    the organisation asked for (the caller's own by default), this year when there is none.

    Raises:
        ValueError: ``org_id`` is not a uuid.
    """
    if choice.period is not None or choice.year is not None:
        return str(today.year)  # unused: the request names its period
    root = (
        UUID(choice.org_id) if choice.org_id else await figures.home_organisation(conn, principal)
    )
    return default_period(today, None if root is None else await latest(conn, root, today))
