"""Checks on the values commands bring: free texts, amounts in fen, effective dates."""

from __future__ import annotations

from datetime import date

from shared.seedwork.errors import InvalidValue


def clean_text(value: str, *, field: str, label: str, max_length: int) -> str:
    """Strip a free text and require it non-empty and at most ``max_length`` characters.

    Raises:
        InvalidValue: empty or too long; ``label`` names the field in Chinese.
    """
    cleaned = value.strip()
    if not cleaned:
        raise InvalidValue(f"{label}不能为空", field=field)
    if len(cleaned) > max_length:
        raise InvalidValue(f"{label}不能超过{max_length}个字符", field=field)
    return cleaned


def ensure_fen(amount: int, *, field: str, label: str, positive: bool = False) -> int:
    """An amount in fen: an integer, never negative (never zero when ``positive``).

    Raises:
        InvalidValue: not an int, negative, or zero where a positive amount is needed.
    """
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise InvalidValue(f"{label}须为以分计的整数", field=field)
    if amount < 0 or (positive and amount == 0):
        raise InvalidValue(f"{label}须{'大于' if positive else '不小于'}0", field=field)
    return amount


def ensure_effective_date(
    on: date, *, today: date, not_before: date, field: str, earliest_label: str
) -> None:
    """A change takes effect neither in the future nor before ``not_before``.

    Raises:
        InvalidValue: the date is out of range; ``earliest_label`` names the bound in Chinese.
    """
    if on > today:
        raise InvalidValue("生效日期不能晚于今天", field=field)
    if on < not_before:
        raise InvalidValue(f"生效日期不能早于{earliest_label}", field=field)


def add_years(day: date, years: int) -> date:
    """The same calendar day ``years`` later (or earlier); 29 February falls back to the 28th."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)
