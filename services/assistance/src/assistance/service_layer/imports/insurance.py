"""职工互助医疗保障 rows: enrolments (one member and scheme year each) and claims paid.

Members are named by their member number (会员编号, the pseudonymous id membership publishes;
assistance holds no member names). A claim is paid on the member's enrolment for the year.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from shared.imports.cells import RowError, SheetColumns, checked, parse_yuan
from shared.seedwork import InvalidValue

from assistance.domain.giving.codes import ClaimKind
from assistance.service_layer.giving.commands import EnrolInsurance, PayInsuranceClaim
from assistance.service_layer.imports.ports import Lookups
from assistance.service_layer.imports.rows import (
    ImportRow,
    ParsedRow,
    RowContext,
    RowErrors,
    code,
    identifier,
    required,
    sheet_date,
    whole_number,
)

ENROLMENT_LABELS = {
    "member_id": "会员编号",
    "scheme_year": "保障年度",
    "premium_yuan": "保费（元）",
    "enrolled_on": "参保日期",
}
CLAIM_LABELS = {
    "member_id": "会员编号",
    "scheme_year": "保障年度",
    "claim_kind": "报销类别",
    "amount_yuan": "报销金额（元）",
    "paid_on": "报销日期",
}
_ALIASES = {
    "member_id": ("会员ID", "会员id"),
    "scheme_year": ("年度", "参保年度"),
    "premium_yuan": ("保费", "缴费金额（元）"),
    "amount_yuan": ("报销金额", "金额（元）"),
}
ENROLMENT_COLUMNS = SheetColumns(ENROLMENT_LABELS, _ALIASES, tuple(ENROLMENT_LABELS))
CLAIM_COLUMNS = SheetColumns(CLAIM_LABELS, _ALIASES, tuple(CLAIM_LABELS))
ENROLMENT_FIELD_COLUMNS = {**ENROLMENT_LABELS, "premium_fen": ENROLMENT_LABELS["premium_yuan"]}
CLAIM_FIELD_COLUMNS = {
    **CLAIM_LABELS,
    "amount_fen": CLAIM_LABELS["amount_yuan"],
    "enrolment_id": CLAIM_LABELS["member_id"],
}
CLAIM_KINDS = {
    ClaimKind.INPATIENT: "住院",
    ClaimKind.OUTPATIENT_CHRONIC: "门诊慢性病",
    ClaimKind.CRITICAL_ILLNESS: "重大疾病",
    ClaimKind.ACCIDENT: "意外伤害",
}
NOT_ENROLLED = "参保记录不存在"
"""The handler's words for an enrolment outside the scope too."""


@dataclass(frozen=True)
class EnrolmentRow:
    member_id: UUID
    scheme_year: int
    premium_fen: int
    enrolled_on: date


@dataclass(frozen=True)
class ClaimRow:
    member_id: UUID
    scheme_year: int
    claim_kind: ClaimKind
    amount_fen: int
    paid_on: date


def enrolment_command(row: EnrolmentRow, context: RowContext) -> EnrolInsurance:
    """The command the single-enrolment API would send for this row."""
    return EnrolInsurance(
        scope_root=context.scope_root,
        member_id=row.member_id,
        scheme_year=row.scheme_year,
        premium_fen=row.premium_fen,
        enrolled_on=row.enrolled_on,
        recorded_by=context.recorded_by,
    )


def claim_command(row: ClaimRow, enrolment_id: UUID, context: RowContext) -> PayInsuranceClaim:
    """The command the single-claim API would send for this row."""
    return PayInsuranceClaim(
        scope_root=context.scope_root,
        enrolment_id=enrolment_id,
        claim_kind=row.claim_kind,
        amount_fen=row.amount_fen,
        paid_on=row.paid_on,
        recorded_by=context.recorded_by,
    )


def parse_enrolment(row: ImportRow, context: RowContext) -> ParsedRow:
    """Check an enrolment row's cells.

    Raises:
        RowErrors: every cell at fault.
    """
    errors: list[RowError] = []
    labels, line = ENROLMENT_LABELS, row.line
    member = checked(errors, line, labels, lambda: _member(row))
    year = checked(errors, line, labels, lambda: _year(row))
    premium = checked(errors, line, labels, lambda: _yuan(row, "premium_yuan", "保费"))
    enrolled_on = checked(errors, line, labels, lambda: sheet_date(row, "enrolled_on", "参保日期"))
    if errors or member is None or year is None or premium is None or enrolled_on is None:
        raise RowErrors(errors)
    parsed = EnrolmentRow(member, year, premium, enrolled_on)

    async def build(_lookups: Lookups) -> tuple[EnrolInsurance]:
        return (enrolment_command(parsed, context),)

    return ParsedRow(line, (member, year), "member_id", build)


def parse_claim(row: ImportRow, context: RowContext) -> ParsedRow:
    """Check a claim row's cells; the enrolment is looked up when the command is built.

    Raises:
        RowErrors: every cell at fault.
    """
    errors: list[RowError] = []
    labels, line = CLAIM_LABELS, row.line
    member = checked(errors, line, labels, lambda: _member(row))
    year = checked(errors, line, labels, lambda: _year(row))
    kind = checked(
        errors,
        line,
        labels,
        lambda: code(row.get("claim_kind"), CLAIM_KINDS, field="claim_kind", label="报销类别"),
    )
    amount = checked(errors, line, labels, lambda: _yuan(row, "amount_yuan", "报销金额"))
    paid_on = checked(errors, line, labels, lambda: sheet_date(row, "paid_on", "报销日期"))
    if errors or member is None or year is None or kind is None:
        raise RowErrors(errors)
    if amount is None or paid_on is None:
        raise RowErrors(errors)
    parsed = ClaimRow(member, year, kind, amount, paid_on)

    async def build(lookups: Lookups) -> tuple[PayInsuranceClaim]:
        enrolment_id = await lookups.enrolment_of(parsed.member_id, parsed.scheme_year)
        if enrolment_id is None:
            raise InvalidValue(NOT_ENROLLED, field="member_id")
        return (claim_command(parsed, enrolment_id, context),)

    return ParsedRow(line, (member, year, kind, amount, paid_on), "member_id", build)


def _member(row: ImportRow) -> UUID:
    return identifier(required(row, "member_id", "会员编号"), field="member_id", label="会员编号")


def _year(row: ImportRow) -> int:
    return whole_number(
        required(row, "scheme_year", "保障年度"), field="scheme_year", label="保障年度"
    )


def _yuan(row: ImportRow, field: str, label: str) -> int:
    return parse_yuan(required(row, field, label), field=field, label=label)
