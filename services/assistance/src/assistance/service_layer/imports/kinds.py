"""The kinds of import: their columns, their rows' parsing, and where a handler's error lands.

Adding a kind is a module with its columns, a parser and one row → command function, and an
entry in :data:`KINDS`; an extra column is one entry in its labels and one line in its
row → command function.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from shared.imports.cells import RowError, SheetColumns
from shared.seedwork import DomainError

from assistance.service_layer.imports import households, insurance, visits
from assistance.service_layer.imports.rows import ImportRow, ParsedRow, RowContext

_ITEM = re.compile(r"^(\w+)\[(\d+)\]")
_ITEM_NAMES = {"family": "家庭成员"}
"""Command fields holding lists: a handler's ``family[1].name`` is the 2nd family member."""


class ImportKindName(StrEnum):
    VISITS = "visits"
    HOUSEHOLDS = "households"
    INSURANCE_ENROLMENTS = "insurance-enrolments"
    INSURANCE_CLAIMS = "insurance-claims"
    FESTIVAL_LISTS = "festival-lists"


@dataclass(frozen=True)
class ImportKind:
    """One kind of import.

    Attributes:
        title: the Chinese name (templates, file names).
        columns: the sheet's columns.
        parse: a row → its command builder, or ``RowErrors``.
        field_columns: a command field (as handlers name it in errors) → its column header.
    """

    name: ImportKindName
    title: str
    columns: SheetColumns
    parse: Callable[[ImportRow, RowContext], ParsedRow]
    field_columns: Mapping[str, str]

    def handler_error(self, line: int, error: DomainError) -> RowError:
        """A handler's refusal of a row, in the column its field comes from."""
        field = error.field or ""
        match = _ITEM.match(field)
        if match and match[1] in _ITEM_NAMES:
            column = self.field_columns.get(match[1], "")
            where = f"第{int(match[2]) + 1}位{_ITEM_NAMES[match[1]]}："
            return RowError(line, column, where + error.message)
        return RowError(line, self.field_columns.get(field, ""), error.message)


KINDS: dict[ImportKindName, ImportKind] = {  # festival lists start one batch: see festival
    kind.name: kind
    for kind in (
        ImportKind(
            ImportKindName.VISITS,
            "走访慰问",
            visits.COLUMNS,
            visits.parse_visit,
            visits.FIELD_COLUMNS,
        ),
        ImportKind(
            ImportKindName.HOUSEHOLDS,
            "困难职工档案",
            households.COLUMNS,
            households.parse_household,
            households.FIELD_COLUMNS,
        ),
        ImportKind(
            ImportKindName.INSURANCE_ENROLMENTS,
            "互助保障参保",
            insurance.ENROLMENT_COLUMNS,
            insurance.parse_enrolment,
            insurance.ENROLMENT_FIELD_COLUMNS,
        ),
        ImportKind(
            ImportKindName.INSURANCE_CLAIMS,
            "互助保障报销",
            insurance.CLAIM_COLUMNS,
            insurance.parse_claim,
            insurance.CLAIM_FIELD_COLUMNS,
        ),
    )
}
