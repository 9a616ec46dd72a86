"""困难职工档案 rows: one household per row, its family members in one compact cell (see
:mod:`assistance.service_layer.imports.household_cells`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from shared.imports.cells import RowError, SheetColumns, checked, parse_sheet_date, parse_yuan

from assistance.domain.households.codes import HardshipCause, HardshipLevel
from assistance.service_layer.commands import Command
from assistance.service_layer.households.commands import (
    ApproveFile,
    HeadIn,
    OpenFile,
    RelativeIn,
    SubmitFile,
)
from assistance.service_layer.imports.household_cells import (
    LEVELS,
    parse_causes,
    parse_family,
    parse_yes_no,
)
from assistance.service_layer.imports.ports import Lookups
from assistance.service_layer.imports.rows import (
    ImportRow,
    ParsedRow,
    RowContext,
    RowErrors,
    code,
    id_number,
    identifier,
    required,
)

LABELS = {
    "head_name": "户主姓名",
    "head_id_number": "户主身份证号",
    "member_id": "户主会员编号",
    "phone": "联系电话",
    "address": "家庭住址",
    "level": "困难类别",
    "causes": "致困原因",
    "income_yuan": "家庭月人均收入（元）",
    "temporary": "临时救助",
    "org_id": "建档组织编号",
    "family": "家庭成员",
    "filed_on": "建档日期",
}
COLUMNS = SheetColumns(
    labels=LABELS,
    aliases={
        "head_name": ("姓名", "户主"),
        "head_id_number": ("身份证号", "户主身份证号码"),
        "member_id": ("会员编号", "会员ID"),
        "phone": ("手机号", "联系方式"),
        "address": ("住址",),
        "level": ("困难程度", "困难类型"),
        "causes": ("致困原因（可多选）",),
        "income_yuan": ("家庭月人均收入", "月人均收入（元）", "月人均收入"),
        "temporary": ("临时救助档案", "是否临时救助"),
        "org_id": ("建档组织",),
        "filed_on": ("建档时间",),
    },
    required=("head_name", "head_id_number", "level", "causes", "income_yuan"),
)
FIELD_COLUMNS = {
    **LABELS,
    "head.name": LABELS["head_name"],
    "head.id_number": LABELS["head_id_number"],
    "head.member_id": LABELS["member_id"],
    "head.phone": LABELS["phone"],
    "head.address": LABELS["address"],
    "monthly_income_per_capita_fen": LABELS["income_yuan"],
    "effective_on": LABELS["filed_on"],
    "household_id": LABELS["head_id_number"],
}
"""The command's fields (as the handlers name them in errors) → the column at fault."""


@dataclass(frozen=True)
class HouseholdRow:
    """A household row's valid cells."""

    head: HeadIn
    family: tuple[RelativeIn, ...]
    level: HardshipLevel
    causes: tuple[HardshipCause, ...]
    income_fen: int
    temporary: bool
    org_id: UUID | None
    filed_on: date | None


def file_commands(row: HouseholdRow, context: RowContext) -> tuple[Command, ...]:
    """The commands the single-file API would take: open the draft and, for a file approved
    on paper (建档日期 given), submit it and file it on that date."""
    opened = _open_command(row, context)
    if row.filed_on is None:
        return (opened,)
    household, scope = opened.household_id, context.scope_root
    return (
        opened,
        SubmitFile(scope_root=scope, household_id=household),
        ApproveFile(scope_root=scope, household_id=household, effective_on=row.filed_on),
    )


def _open_command(row: HouseholdRow, context: RowContext) -> OpenFile:
    """A head who is not a member is filed under the row's organisation or, blank, the one
    chosen for the upload."""
    org_id = row.org_id
    if org_id is None and row.head.member_id is None:
        org_id = context.default_org_id
    return OpenFile(
        scope_root=context.scope_root,
        head=row.head,
        family=row.family,
        level=row.level,
        causes=row.causes,
        monthly_income_per_capita_fen=row.income_fen,
        temporary=row.temporary,
        org_id=org_id,
    )


def parse_household(row: ImportRow, context: RowContext) -> ParsedRow:
    """Check a household row's cells.

    Raises:
        RowErrors: every cell at fault.
    """
    errors: list[RowError] = []
    parsed = _household(row, context, errors)
    if parsed is None:
        raise RowErrors(errors)

    async def build(_lookups: Lookups) -> tuple[Command, ...]:
        return file_commands(parsed, context)

    key = (context.protector.blind_index(parsed.head.id_number),)
    return ParsedRow(row.line, key, "head_id_number", build)


def _household(row: ImportRow, context: RowContext, errors: list[RowError]) -> HouseholdRow | None:
    line, today = row.line, context.today
    number = checked(
        errors,
        line,
        LABELS,
        lambda: id_number(row.get("head_id_number"), field="head_id_number", today=today),
    )
    name = checked(errors, line, LABELS, lambda: required(row, "head_name", "户主姓名"))
    member = checked(errors, line, LABELS, lambda: _optional_id(row, "member_id", "户主会员编号"))
    level = checked(
        errors,
        line,
        LABELS,
        lambda: code(row.get("level"), LEVELS, field="level", label="困难类别"),
    )
    causes = checked(errors, line, LABELS, lambda: parse_causes(row.get("causes")))
    income = checked(errors, line, LABELS, lambda: _income(row))
    temporary = checked(errors, line, LABELS, lambda: parse_yes_no(row.get("temporary")))
    org_id = checked(errors, line, LABELS, lambda: _optional_id(row, "org_id", "建档组织编号"))
    family = checked(errors, line, LABELS, lambda: parse_family(row.get("family"), context))
    filed_on = checked(errors, line, LABELS, lambda: _filed_on(row))
    if errors or number is None or name is None or level is None or causes is None:
        return None
    if income is None or temporary is None or family is None:
        return None
    phone, address = row.get("phone") or None, row.get("address") or None
    head = HeadIn(name=name, id_number=number, member_id=member, phone=phone, address=address)
    return HouseholdRow(head, family, level, causes, income, temporary, org_id, filed_on)


def _filed_on(row: ImportRow) -> date | None:
    text = row.get("filed_on")
    return parse_sheet_date(text, field="filed_on", label="建档日期") if text else None


def _income(row: ImportRow) -> int:
    text = required(row, "income_yuan", "家庭月人均收入")
    return parse_yuan(text, field="income_yuan", label="家庭月人均收入")


def _optional_id(row: ImportRow, field: str, label: str) -> UUID | None:
    text = row.get(field)
    return identifier(text, field=field, label=label) if text else None
