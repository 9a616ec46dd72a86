"""What every import kind shares: a row as read, what a row becomes, common cell parsers."""

from __future__ import annotations

import unicodedata
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import TypeVar
from uuid import UUID

from shared.identifiers import InvalidIdentifier, validate_id_number
from shared.imports.cells import RowError, parse_sheet_date, scientific_id_number
from shared.seedwork import InvalidValue
from shared.service_layer import PersonalDataProtector

from assistance.service_layer.commands import Command
from assistance.service_layer.imports.ports import Lookups

E = TypeVar("E", bound=StrEnum)
BuildCommand = Callable[[Lookups], Awaitable[Sequence[Command]]]
"""Finishes a parsed row into its commands (run in order, in one transaction), resolving what the sheet names (a household by
its head's ID number, an enrolment by member and year); raises a ``DomainError`` otherwise."""


@dataclass(frozen=True)
class ImportRow:
    """One non-blank data row: its sheet row number and its cells by field (blank: ``""``)."""

    line: int
    cells: Mapping[str, str]

    def get(self, field: str) -> str:
        return self.cells.get(field, "").strip()


@dataclass(frozen=True)
class RowContext:
    """What every row of one import shares: the importer and the day."""

    recorded_by: str
    scope_root: UUID | None
    today: date
    protector: PersonalDataProtector
    default_org_id: UUID | None = None


@dataclass(frozen=True)
class ParsedRow:
    """A row whose cells are valid: what identifies it within the file, and its command."""

    line: int
    key: tuple[object, ...]
    key_field: str
    build: BuildCommand


class RowErrors(Exception):
    """The faults of one row, every cell checked."""

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__(f"{len(errors)} errors")
        self.errors = errors


def required(row: ImportRow, field: str, label: str) -> str:
    """The cell's text, which must not be blank.

    Raises:
        InvalidValue: a blank cell.
    """
    value = row.get(field)
    if not value:
        raise InvalidValue(f"{label}不能为空", field=field)
    return value


def id_number(text: str, *, field: str, today: date) -> str:
    """A resident ID number, validated (length, birth date, check character) and normalised.

    Raises:
        InvalidValue: naming ``field``, without the number.
    """
    scientific_id_number(text, field=field)
    try:
        return validate_id_number(text, today=today).value
    except InvalidIdentifier as error:
        raise InvalidValue(error.message, field=field) from None


def sheet_date(row: ImportRow, field: str, label: str) -> date:
    """A required date cell (see :func:`shared.imports.cells.parse_sheet_date`)."""
    return parse_sheet_date(required(row, field, label), field=field, label=label)


def identifier(text: str, *, field: str, label: str) -> UUID:
    """An id the platform handed out (a member's, an organisation's), as copied into a cell.

    Raises:
        InvalidValue: not a UUID.
    """
    try:
        return UUID(text.strip())
    except ValueError:
        raise InvalidValue(f"{label}格式错误，应为系统中复制的编号", field=field) from None


def code(text: str, labels: Mapping[E, str], *, field: str, label: str) -> E:
    """A code written as its Chinese label (住院) or its code (hospital).

    Raises:
        InvalidValue: neither, listing the labels accepted.
    """
    value = unicodedata.normalize("NFKC", text).strip()
    for member, chinese in labels.items():
        if value in (chinese, member.value):
            return member
    raise InvalidValue(f"{label}应为：" + "、".join(labels.values()), field=field)


def whole_number(text: str, *, field: str, label: str) -> int:
    """A whole number such as a year.

    Raises:
        InvalidValue: anything else.
    """
    value = unicodedata.normalize("NFKC", text).strip().removesuffix("年")
    if not value.isdigit():
        raise InvalidValue(f"{label}应为整数，如 2025", field=field)
    return int(value)
