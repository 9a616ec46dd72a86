"""One roster row (花名册) → an admitted member, or the errors a cadre fixes in the sheet.

The rules are the domain's (``RealName.parse`` and ``Member.admit``); this module only turns
sheet text into their arguments and their errors into (row, column, message) triples.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol, TypeVar, cast
from uuid import UUID

from shared.identifiers import random_uuids
from shared.imports.cells import RowError, parse_sheet_date, scientific_id_number
from shared.imports.cells import checked as checked_cell
from shared.imports.cells import row_error as labelled_row_error
from shared.outbox import PendingEvent
from shared.pii import PiiCipher
from shared.seedwork import DomainError, InvalidValue, RecordedEvent
from shared.service_layer import PersonalDataProtector

from membership.domain import HouseholdType, Member, PersonalData, RealName, UnionOrganisation
from membership.service_layer.translation import translate

__all__ = [
    "ALREADY_A_MEMBER",
    "COLUMN_LABELS",
    "Admission",
    "AdmissionContext",
    "PreparedChunk",
    "RosterRow",
    "RowError",
    "admit_row",
    "admit_rows",
    "parse_household_type",
    "parse_join_date",
    "prepare_chunk",
    "row_error",
    "seal_all",
]

COLUMN_LABELS = {
    "name": "姓名",
    "id_number": "身份证号",
    "mobile": "手机号",
    "household_type": "户口性质",
    "joined_on": "入会日期",
    "card_number": "会员证号",
}
"""Column headers of the template, naming the column at fault in a row error."""
ALREADY_A_MEMBER = "此人已有在会或保留的会籍，每人只能有一个会籍；如工作单位变动，请办理会籍接转"

_HOUSEHOLD_TYPES = {
    "农业": HouseholdType.AGRICULTURAL,
    "农业户口": HouseholdType.AGRICULTURAL,
    "agricultural": HouseholdType.AGRICULTURAL,
    "非农业": HouseholdType.NON_AGRICULTURAL,
    "非农业户口": HouseholdType.NON_AGRICULTURAL,
    "城镇": HouseholdType.NON_AGRICULTURAL,
    "城镇户口": HouseholdType.NON_AGRICULTURAL,
    "non_agricultural": HouseholdType.NON_AGRICULTURAL,
}
T = TypeVar("T")


class RosterRow(Protocol):
    """A data row as read from the file: its sheet row number and its cells as text."""

    @property
    def line(self) -> int: ...
    @property
    def name(self) -> str: ...
    @property
    def id_number(self) -> str: ...
    @property
    def mobile(self) -> str: ...
    @property
    def household_type(self) -> str: ...
    @property
    def joined_on(self) -> str: ...
    @property
    def card_number(self) -> str: ...


@dataclass(frozen=True, slots=True)
class Admission:
    """A valid row: the new member and the domain event announcing it."""

    line: int
    member: Member
    recorded: RecordedEvent
    correlation_id: str | None = None

    @property
    def id_number_index(self) -> str:
        return self.member.person.id_number_index

    @property
    def event(self) -> PendingEvent:
        """The outbox entry, as the single admission writes it (the bulk write builds its
        envelopes in one pass instead, see ``membership.adapters.roster_outbox``)."""
        return translate(self.recorded, correlation_id=self.correlation_id)


@dataclass(frozen=True)
class AdmissionContext:
    """What every row of one import shares."""

    union: UnionOrganisation
    employer_id: UUID
    today: date
    protector: PersonalDataProtector
    correlation_id: str | None = None


def parse_household_type(text: str) -> HouseholdType:
    """农业/农业户口 → agricultural (农民工); 非农业/非农业户口/城镇 → non-agricultural."""
    key = unicodedata.normalize("NFKC", text).replace(" ", "").lower()
    found = _HOUSEHOLD_TYPES.get(key)
    if found is None:
        raise InvalidValue("户口性质应填“农业”或“非农业”", field="household_type")
    return found


def parse_join_date(text: str, *, today: date) -> date:
    """2024-03-01, 2024/3/1, 2024.3.1, 2024年3月1日, 20240301 or an Excel serial; blank is today."""
    if not text.strip():
        return today
    return parse_sheet_date(text, field="joined_on", label="入会日期")


def admit_row(row: RosterRow, context: AdmissionContext) -> Admission | list[RowError]:
    """Admit the person on ``row`` (without looking at existing members), or say what is wrong.

    Independent cells are all checked, so a row reports every fault it can at once.
    """
    return admit_rows([row], context)[0]


def admit_rows(
    rows: Sequence[RosterRow], context: AdmissionContext
) -> list[Admission | list[RowError]]:
    """:func:`admit_row` for each of ``rows``, the identities sealed in one batch."""
    outcomes: list[Admission | list[RowError]] = []
    parsed: list[tuple[int, _ParsedRow]] = []
    for row in rows:
        errors: list[RowError] = []
        cells = _parse(row, context, errors)
        if cells is not None:
            parsed.append((len(outcomes), cells))
        outcomes.append(errors)
    people = seal_all([cells.real_name for _, cells in parsed], context.protector)
    member_ids = random_uuids(len(parsed))
    for (position, cells), person, member_id in zip(parsed, people, member_ids, strict=True):
        errors = cast(list[RowError], outcomes[position])
        outcomes[position] = _admit(cells, person, member_id, context, errors)
    return outcomes


def seal_all(names: Sequence[RealName], protector: PersonalDataProtector) -> list[PersonalData]:
    """:func:`~membership.service_layer.handlers.members.seal` for many people at once."""
    numbers = [name.id_number.value for name in names]
    ciphertexts = _encrypt_all(protector, numbers + [n.mobile for n in names if n.mobile])
    mobile_ciphertexts = iter(ciphertexts[len(numbers) :])
    return [
        name.seal(
            id_number_index=protector.blind_index(number),
            id_number_ciphertext=ciphertext,
            mobile_ciphertext=next(mobile_ciphertexts) if name.mobile else None,
        )
        for name, number, ciphertext in zip(names, numbers, ciphertexts, strict=False)
    ]


def _encrypt_all(protector: PersonalDataProtector, values: list[str]) -> list[bytes]:
    if isinstance(protector, PiiCipher):  # one draw of randomness for the whole batch
        return protector.encrypt_many(values)
    return [protector.encrypt(value) for value in values]


@dataclass(frozen=True, slots=True)
class _ParsedRow:
    row: RosterRow
    real_name: RealName
    household: HouseholdType
    joined_on: date


def _parse(row: RosterRow, context: AdmissionContext, errors: list[RowError]) -> _ParsedRow | None:
    real_name = _checked(errors, row.line, lambda: _real_name(row, context.today))
    household = _checked(errors, row.line, lambda: parse_household_type(row.household_type))
    joined_on = _checked(
        errors, row.line, lambda: parse_join_date(row.joined_on, today=context.today)
    )
    if real_name is None or household is None or joined_on is None:
        return None
    return _ParsedRow(row, real_name, household, joined_on)


def _admit(
    cells: _ParsedRow,
    person: PersonalData,
    member_id: UUID,
    context: AdmissionContext,
    errors: list[RowError],
) -> Admission | list[RowError]:
    member = _checked(
        errors,
        cells.row.line,
        lambda: Member.admit(
            member_id=member_id,
            person=person,
            household_type=cells.household,
            employer_id=context.employer_id,
            union=context.union,
            joined_on=cells.joined_on,
            card_number=cells.row.card_number or None,
            today=context.today,
            current_membership=None,
        ),
    )
    if member is None:
        return errors
    return Admission(cells.row.line, member, member.events.pop(), context.correlation_id)


def _real_name(row: RosterRow, today: date) -> RealName:
    scientific_id_number(row.id_number, field="id_number")
    return RealName.parse(
        name=row.name, id_number=row.id_number, mobile=row.mobile or None, today=today
    )


def row_error(line: int, error: DomainError) -> RowError:
    """A domain error on one row, with the column its field lives in."""
    return labelled_row_error(line, error, COLUMN_LABELS)


def _checked(errors: list[RowError], line: int, step: Callable[[], T]) -> T | None:
    return checked_cell(errors, line, COLUMN_LABELS, step)


@dataclass(frozen=True, slots=True)
class PreparedChunk:
    """A validated chunk of rows: the admissions to write and the rows' errors."""

    rows: int
    admissions: list[Admission]
    errors: list[RowError]


def prepare_chunk(
    rows: Sequence[RosterRow], context: AdmissionContext, seen: dict[str, int]
) -> PreparedChunk:
    """Validate ``rows``; ``seen`` maps the blind index of every ID number admitted so far in
    the file to its row, so a person listed twice is admitted once and the repeat reported."""
    admissions: list[Admission] = []
    errors: list[RowError] = []
    for row, outcome in zip(rows, admit_rows(rows, context), strict=True):
        if not isinstance(outcome, Admission):
            errors.extend(outcome)
            continue
        first = seen.setdefault(outcome.id_number_index, row.line)
        if first == row.line:
            admissions.append(outcome)
        else:
            message = f"与第{first}行身份证号重复"
            errors.append(RowError(row.line, COLUMN_LABELS["id_number"], message))
    return PreparedChunk(len(rows), admissions, errors)
