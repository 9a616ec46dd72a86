"""走访慰问 rows: a dated visit to a household (named by its head's ID number) or a member."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from shared.imports.cells import RowError, SheetColumns, checked
from shared.seedwork import InvalidValue

from assistance.domain.visits.codes import VisitOccasion
from assistance.service_layer.imports.ports import Lookups
from assistance.service_layer.imports.rows import (
    ImportRow,
    ParsedRow,
    RowContext,
    RowErrors,
    code,
    id_number,
    identifier,
    sheet_date,
)
from assistance.service_layer.visits.commands import RecordVisit

LABELS = {
    "head_id_number": "户主身份证号",
    "member_id": "会员编号",
    "occasion": "走访事由",
    "visited_on": "走访日期",
    "note": "走访记录",
}
COLUMNS = SheetColumns(
    labels=LABELS,
    aliases={
        "head_id_number": ("困难户户主身份证号", "身份证号"),
        "member_id": ("会员ID", "会员id"),
        "occasion": ("事由", "走访类型"),
        "visited_on": ("走访时间", "日期"),
        "note": ("备注", "慰问内容"),
    },
    required=("occasion", "visited_on"),
)
FIELD_COLUMNS = {**LABELS, "household_id": LABELS["head_id_number"]}
"""The command's fields (as the handler names them in errors) → the column at fault."""
OCCASIONS = {
    VisitOccasion.HOSPITAL: "住院",
    VisitOccasion.UNIVERSITY_ENTRY: "子女升学",
    VisitOccasion.FESTIVAL: "节日",
    VisitOccasion.WEDDING: "婚嫁",
    VisitOccasion.FUNERAL: "丧事",
    VisitOccasion.OTHER: "其他",
}
NO_FILE = "困难档案不存在"
"""The handler's words for a file outside the scope too: whether one exists elsewhere stays unsaid."""


@dataclass(frozen=True)
class VisitRow:
    """A visit row's valid cells; the household is still to be found by its head."""

    head_index: str | None
    member_id: UUID | None
    occasion: VisitOccasion
    visited_on: date
    note: str | None


def visit_command(row: VisitRow, household_id: UUID | None, context: RowContext) -> RecordVisit:
    """The command the single-visit API would send for this row."""
    return RecordVisit(
        scope_root=context.scope_root,
        occasion=row.occasion,
        visited_on=row.visited_on,
        recorded_by=context.recorded_by,
        household_id=household_id,
        member_id=row.member_id,
        note=row.note,
    )


def parse_visit(row: ImportRow, context: RowContext) -> ParsedRow:
    """Check a visit row's cells; the household is looked up when the command is built.

    Raises:
        RowErrors: every cell at fault.
    """
    errors: list[RowError] = []
    head = checked(errors, row.line, LABELS, lambda: _head_index(row, context))
    member = checked(errors, row.line, LABELS, lambda: _member(row))
    occasion = checked(
        errors,
        row.line,
        LABELS,
        lambda: code(row.get("occasion"), OCCASIONS, field="occasion", label="走访事由"),
    )
    visited_on = checked(
        errors, row.line, LABELS, lambda: sheet_date(row, "visited_on", "走访日期")
    )
    if not errors and head is None and member is None:
        errors.append(RowError(row.line, LABELS["head_id_number"], "须填写户主身份证号或会员编号"))
    if errors or occasion is None or visited_on is None:
        raise RowErrors(errors)
    parsed = VisitRow(head, member, occasion, visited_on, row.get("note") or None)

    async def build(lookups: Lookups) -> tuple[RecordVisit]:
        household_id = None
        if parsed.head_index is not None:
            household_id = await lookups.household_of_head(parsed.head_index)
            if household_id is None:
                raise InvalidValue(NO_FILE, field="head_id_number")
        return (visit_command(parsed, household_id, context),)

    who = ("head_id_number", head) if head is not None else ("member_id", member)
    return ParsedRow(row.line, (who[1], occasion, visited_on), who[0], build)


def _head_index(row: ImportRow, context: RowContext) -> str | None:
    text = row.get("head_id_number")
    if not text:
        return None
    number = id_number(text, field="head_id_number", today=context.today)
    return context.protector.blind_index(number)


def _member(row: ImportRow) -> UUID | None:
    text = row.get("member_id")
    return identifier(text, field="member_id", label="会员编号") if text else None
