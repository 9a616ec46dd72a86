"""What an officer assesses about a household: level, causes, income, temporary relief."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from shared.seedwork import InvalidValue, ensure_fen

from assistance.domain.households.codes import (
    HARDSHIP_CAUSES,
    HARDSHIP_LEVELS,
    HardshipCause,
    HardshipLevel,
)

MAX_MONTHLY_INCOME_FEN = 10_000_000
"""100,000 yuan a month per person: beyond any hardship file, so surely a typing error."""


@dataclass(frozen=True)
class Circumstances:
    """Level (困难类别), causes (致困原因, at least one), monthly per-capita income in fen and
    whether the file is a temporary relief one (临时救助档案)."""

    level: HardshipLevel
    causes: tuple[HardshipCause, ...]
    monthly_income_per_capita_fen: int
    temporary: bool

    @classmethod
    def parse(
        cls,
        *,
        level: str,
        causes: Sequence[str],
        monthly_income_per_capita_fen: int,
        temporary: bool,
    ) -> Circumstances:
        """Validate the codes and the amount.

        Raises:
            InvalidValue: an unknown level or cause, no cause, a repeated cause, or an
                income that is not a non-negative integer of fen.
        """
        return cls(
            level=parse_level(level),
            causes=parse_causes(causes),
            monthly_income_per_capita_fen=parse_income(monthly_income_per_capita_fen),
            temporary=bool(temporary),
        )


def parse_level(level: str, *, field: str = "level") -> HardshipLevel:
    """A hardship level code.

    Raises:
        InvalidValue: an unknown code.
    """
    if level not in HARDSHIP_LEVELS:
        raise InvalidValue("困难类别代码无效（deep、relative 或 accident）", field=field)
    return HardshipLevel(level)


def parse_causes(causes: Sequence[str]) -> tuple[HardshipCause, ...]:
    """At least one known cause, none repeated.

    Raises:
        InvalidValue: naming ``causes`` or the position of the faulty cause.
    """
    if not causes:
        raise InvalidValue("至少填写一项致困原因", field="causes")
    for position, cause in enumerate(causes):
        if cause not in HARDSHIP_CAUSES:
            raise InvalidValue("致困原因代码无效", field=f"causes[{position}]")
    if len(set(causes)) != len(causes):
        raise InvalidValue("致困原因不能重复", field="causes")
    return tuple(HardshipCause(cause) for cause in causes)


def parse_income(amount: int) -> int:
    """Monthly per-capita income in fen: a non-negative integer within reason.

    Raises:
        InvalidValue: naming ``monthly_income_per_capita_fen``.
    """
    field = "monthly_income_per_capita_fen"
    ensure_fen(amount, field=field, label="家庭月人均收入")
    if amount > MAX_MONTHLY_INCOME_FEN:
        raise InvalidValue("家庭月人均收入超出合理范围", field=field)
    return amount
