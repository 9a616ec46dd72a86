"""The annual statistical report (工会统计年报): tables declared as rows, columns and cells.

Each cell is bound to an indicator: a source of facts (employers, members, contracts …), the
measure taken of them (a count, a sum of one of their figures, or a ratio) and the filter that
picks them (e.g. employers with a union, class 外商投资). The same binding gives the cell's
figure (read through the existing statistics) and the list of facts behind it (the drill-down).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Source = Literal[
    "organisations",
    "committees",
    "employers",
    "members",
    "own_members",
    "contracts_in_force",
    "contracts_signed",
    "aid",
    "visits",
    "disputes",
    "training",
]
Audience = Literal["statistics", "assistance", "disputes", "training"]
"""Who may read a table: the statistics readers, or those and the assistance (mediation)
readers too."""
Filter = tuple[str, str | int]
RATIO_MEASURES = frozenset({"coverage_rate", "closure_rate", "settlement_rate"})
SUM_MEASURES = frozenset(
    {"workers", "covered_workers", "women_workers", "migrant_workers", "members_seated",
     "employers_covered", "workers_covered", "amount", "contact_workers", "case_workers"}
)  # fmt: skip
"""Measures summing a figure of each fact (workers, yuan …); the others count facts."""
UNKNOWN = "unknown"
"""A filter value for employers without a class (未分类) or without a census (未排摸)."""


@dataclass(frozen=True)
class Indicator:
    """What a cell shows: ``measure`` of the facts of ``source`` that pass ``filters``."""

    source: Source
    measure: str
    filters: tuple[Filter, ...] = ()

    @property
    def kind(self) -> Literal["count", "sum", "ratio"]:
        """``count`` of facts, ``sum`` of a figure of each fact, or a ``ratio`` of two cells."""
        if self.measure in RATIO_MEASURES:
            return "ratio"
        return "sum" if self.measure in SUM_MEASURES else "count"

    def filter(self, name: str) -> str | int | None:
        """The value the filter ``name`` asks for, or None when it does not filter on it."""
        return next((value for key, value in self.filters if key == name), None)


@dataclass(frozen=True)
class Heading:
    """A row or column heading; ``group`` spans consecutive headings (merged on the form)."""

    key: str
    label: str
    group: str | None = None


@dataclass(frozen=True)
class AnnualCell:
    """The cell at (``row``, ``column``) and its indicator."""

    row: str
    column: str
    indicator: Indicator

    @property
    def key(self) -> str:
        """``row.column``, as the drill-down route names the cell."""
        return f"{self.row}.{self.column}"


@dataclass(frozen=True)
class AnnualTable:
    """One table of the annual report; a (row, column) without a cell is left blank."""

    code: str
    form_number: str
    title: str
    unit: str
    audience: Audience
    rows: tuple[Heading, ...]
    columns: tuple[Heading, ...]
    cells: tuple[AnnualCell, ...]

    def cell(self, key: str) -> AnnualCell | None:
        """The cell named ``row.column``, or None when the table has none by that name."""
        return next((cell for cell in self.cells if cell.key == key), None)

    def at(self, row: str, column: str) -> AnnualCell | None:
        """The cell at (``row``, ``column``), or None for a blank."""
        return self.cell(f"{row}.{column}")

    @property
    def sources(self) -> frozenset[Source]:
        """The sources the table's figures are read from."""
        return frozenset(cell.indicator.source for cell in self.cells)


def spans(headings: tuple[Heading, ...]) -> list[tuple[str | None, int, int]]:
    """Consecutive runs of one group: (group, first index, last index), in order."""
    runs: list[tuple[str | None, int, int]] = []
    for index, heading in enumerate(headings):
        if runs and heading.group is not None and runs[-1][0] == heading.group:
            runs[-1] = (heading.group, runs[-1][1], index)
        else:
            runs.append((heading.group, index, index))
    return runs
