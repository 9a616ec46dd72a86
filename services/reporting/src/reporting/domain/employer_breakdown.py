"""Employer and coverage figures broken down by ownership class or by staff-size band.

The annual statistical report asks the employer figures (employers, workers, employers and
workers covered by a union, 建会率) per 登记注册类型 class and per size; the query hands over
cells of (class, size band) and this module groups them. A size band is read from the newest
census on the stock date; an employer without a census has no band (``unknown``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from decimal import Decimal
from itertools import pairwise
from typing import Literal

from shared.registration_types import ENTERPRISE_CLASSES, OWNERSHIP_CLASSES

from reporting.domain.figures import rate

Breakdown = Literal["ownership_class", "size_band"]
EmployerScope = Literal["all", "enterprises"]
UNKNOWN = "unknown"
"""The key of employers without a class (events before classes existed) or without a census."""


@dataclass(frozen=True)
class EmployerFigures:
    """Employer figures of one group; the census sums count the known counts only."""

    employers: int = 0
    workers: int = 0
    covered_employers: int = 0
    covered_workers: int = 0
    women_workers: int = 0
    women_unknown: int = 0
    migrant_workers: int = 0
    migrant_unknown: int = 0

    def __add__(self, other: EmployerFigures) -> EmployerFigures:
        names = [f.name for f in fields(self)]
        return EmployerFigures(**{n: getattr(self, n) + getattr(other, n) for n in names})

    @property
    def coverage_rate(self) -> Decimal | None:
        """建会率: covered employers ÷ employers."""
        return rate(self.covered_employers, self.employers)


@dataclass(frozen=True)
class Cell:
    """The figures of the employers of one ownership class in one size band (index, or None)."""

    ownership_class: str | None
    band: int | None
    figures: EmployerFigures


@dataclass(frozen=True)
class Group:
    """One row of a breakdown: its key, Chinese label and figures."""

    key: str
    label: str
    figures: EmployerFigures


def band_labels(bounds: Sequence[int]) -> list[str]:
    """The labels of the bands ``bounds`` cut: ``25, 50`` gives ``<25``, ``25–49``, ``≥50``."""
    if not bounds:
        return ["全部"]
    inner = [f"{low}–{high - 1}" for low, high in pairwise(bounds)]
    return [f"<{bounds[0]}", *inner, f"≥{bounds[-1]}"]


def in_scope(cell: Cell, scope: EmployerScope) -> bool:
    """Whether the cell's employers belong to ``scope`` (enterprises: the enterprise classes)."""
    return scope == "all" or cell.ownership_class in ENTERPRISE_CLASSES


def total(cells: Iterable[Cell], scope: EmployerScope = "all") -> EmployerFigures:
    """The figures of every employer in ``scope``."""
    return sum((c.figures for c in cells if in_scope(c, scope)), EmployerFigures())


def grouped(
    cells: Sequence[Cell], by: Breakdown, bounds: Sequence[int], scope: EmployerScope = "all"
) -> list[Group]:
    """One group per class (in the report's order) or per band (smallest first), every one
    shown even when empty, then ``unknown`` when some employer has no class or no census."""
    chosen = [c for c in cells if in_scope(c, scope)]
    if by == "ownership_class":
        keys: list[tuple[str, str, str | int]] = [
            (key, label, key)
            for key, label in OWNERSHIP_CLASSES.items()
            if scope == "all" or key in ENTERPRISE_CLASSES
        ]
        unknown_label = "未分类"
    else:
        keys = [(str(index), label, index) for index, label in enumerate(band_labels(bounds))]
        unknown_label = "未排摸"
    groups = [Group(key, label, _sum(chosen, by, value)) for key, label, value in keys]
    missing = _sum(chosen, by, None)
    if missing.employers:
        groups.append(Group(UNKNOWN, unknown_label, missing))
    return groups


def _sum(cells: Iterable[Cell], by: Breakdown, value: str | int | None) -> EmployerFigures:
    return sum((c.figures for c in cells if _key(c, by) == value), EmployerFigures())


def _key(cell: Cell, by: Breakdown) -> str | int | None:
    return cell.ownership_class if by == "ownership_class" else cell.band
