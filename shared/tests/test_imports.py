"""The kit's import pieces: cells to values, a template read back by the sheet reader, totals."""

from __future__ import annotations

from datetime import date

import pytest
from shared.imports.cells import RowError, SheetColumns, parse_sheet_date, parse_yuan
from shared.imports.jobs import ImportStatus, ImportTally, percent_done
from shared.imports.sheet import MissingColumns, SheetFile
from shared.imports.template import template_csv, template_xlsx
from shared.seedwork import InvalidValue

COLUMNS = SheetColumns(
    labels={"name": "姓名", "amount": "金额（元）", "day": "日期"},
    aliases={"amount": ("金额",)},
    required=("name", "amount"),
)
EXAMPLE = ["张三", "1,280.50", "2025-01-20"]


@pytest.mark.parametrize(
    ("text", "fen"),
    [
        ("980", 98000),
        ("980.5", 98050),
        ("1,280.50", 128050),
        ("¥12", 1200),
        ("３元", 300),
        ("0", 0),
    ],
)
def test_yuan_become_integer_fen(text: str, fen: int) -> None:
    assert parse_yuan(text, field="amount", label="金额") == fen


@pytest.mark.parametrize("text", ["980.505", "-5", "1e3", "九百", "", "12.3.4"])
def test_malformed_yuan_are_refused_naming_the_field(text: str) -> None:
    with pytest.raises(InvalidValue) as refused:
        parse_yuan(text, field="amount", label="金额")
    assert refused.value.field == "amount"
    assert refused.value.message.startswith("金额应为以元为单位的金额")


def test_dates_in_the_ways_cadres_type_them() -> None:
    for text in ("2025-01-20", "2025/1/20", "2025.1.20", "2025年1月20日", "20250120", "45677"):
        assert parse_sheet_date(text, field="day", label="日期") == date(2025, 1, 20)
    with pytest.raises(InvalidValue, match="日期不是有效的日期"):
        parse_sheet_date("2025-02-30", field="day", label="日期")


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_template_reads_back_as_its_example_row(fmt: str) -> None:
    if fmt == "csv":
        content = template_csv(COLUMNS, EXAMPLE)
    else:
        content = template_xlsx("名单", COLUMNS, EXAMPLE, ["每行一人"], text_fields=("amount",))
    with SheetFile.read(f"template.{fmt}", content, COLUMNS) as sheet:
        rows = list(sheet.sheet_rows())
    assert [(row.line, row.values) for row in rows] == [(2, tuple(EXAMPLE))]


def test_aliases_and_missing_required_columns() -> None:
    with SheetFile.read("x.csv", "金额,姓名\n5,李四\n".encode(), COLUMNS) as sheet:
        assert [row.values for row in sheet.sheet_rows()] == [("李四", "5", "")]
    with pytest.raises(MissingColumns) as missing:
        SheetFile.read("x.csv", "姓名,日期\n李四,2025-01-01\n".encode(), COLUMNS)
    assert missing.value.labels == ("金额（元）",)


def test_a_tally_counts_rows_and_keeps_errors_up_to_its_cap() -> None:
    tally = ImportTally(max_stored_errors=2)
    errors = [
        RowError(3, "姓名", "姓名不能为空"),
        RowError(3, "金额（元）", "x"),
        RowError(4, "", "y"),
    ]
    kept = tally.add(3, 1, errors)
    assert kept == errors[:2]
    assert (tally.processed, tally.imported, tally.failed, tally.error_count) == (3, 1, 2, 3)
    assert tally.outcome is ImportStatus.COMPLETED_WITH_ERRORS
    assert ImportTally().outcome is ImportStatus.COMPLETED
    assert percent_done("running", 5, 20) == 25.0
    assert percent_done("completed_with_errors", 5, 20) == 100.0
