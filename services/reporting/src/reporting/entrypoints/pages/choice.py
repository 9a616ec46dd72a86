"""What a dashboard's address asks for, and the period and organisation it comes to."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from reporting.domain.periods import Period, parse_period


@dataclass(frozen=True)
class Choice:
    """What a dashboard's address asks for; each part optional."""

    org_id: str | None
    period: str | None
    year: int | None
    span: str = ""
    as_of: date | None = None


def requested(choice: Choice, fallback: str) -> tuple[str, Period, UUID | None]:
    """The period asked for (by name, or year and span; else ``fallback``), cut at the as-of
    date when one is given, and the organisation.

    Raises:
        InvalidPeriod: the period or the as-of date is not acceptable.
        ValueError: ``org_id`` is not a uuid.
    """
    year, span = choice.year, choice.span
    chosen = (choice.period or (f"{year}{span}" if year else fallback)).strip().upper()
    named = parse_period(chosen)
    window = Period(named.date_from, named.stock_date(choice.as_of))
    return chosen, window, UUID(choice.org_id) if choice.org_id else None
