"""Checks on the amounts (integer fen), years and dates that aid and giving commands bring."""

from __future__ import annotations

from datetime import date

from shared.seedwork import InvalidValue, ensure_fen

MAX_AMOUNT_FEN = 10_000_000_000
"""One hundred million yuan: above any real budget, low enough that sums stay in bigint."""
FIRST_YEAR = 2000
LAST_YEAR = 2100


def ensure_amount(
    amount_fen: int, *, field: str, label: str = "金额", zero_ok: bool = False
) -> int:
    """An amount in whole fen: positive (or zero when ``zero_ok``) and within bounds.

    Raises:
        InvalidValue: not an int, negative, zero where it must be positive, or absurdly large.
    """
    ensure_fen(amount_fen, field=field, label=label, positive=not zero_ok)
    if amount_fen > MAX_AMOUNT_FEN:
        raise InvalidValue(f"{label}超出允许范围", field=field)
    return amount_fen


def ensure_year(year: int, *, field: str = "year") -> int:
    """A budget or scheme year between 2000 and 2100.

    Raises:
        InvalidValue: not an int or out of range.
    """
    if isinstance(year, bool) or not isinstance(year, int) or not FIRST_YEAR <= year <= LAST_YEAR:
        raise InvalidValue(f"年度须为 {FIRST_YEAR} 到 {LAST_YEAR} 之间的整数", field=field)
    return year


def ensure_not_future(day: date, *, today: date, field: str, label: str) -> date:
    """A business date that has already come.

    Raises:
        InvalidValue: the date is after today.
    """
    if day > today:
        raise InvalidValue(f"{label}不能晚于今天", field=field)
    return day
