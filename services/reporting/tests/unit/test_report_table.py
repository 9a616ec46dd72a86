"""The report table's layout: columns, 合计 from the parent's own figures, labels, files."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal
from uuid import uuid4

import pytest
from openpyxl import load_workbook
from reporting.adapters.queries.report_files import table_csv, table_xlsx
from reporting.domain.figures import ContractFigures, Flows, Indicators, Stock
from reporting.domain.report_table import HEADERS, UNDEFINED_RATE, period_label, report_table

H1_FROM, H1_TO = date(2024, 1, 1), date(2024, 6, 30)


def figures(name: str, employers: int, workers: int, covered: int, members: int,
            admitted: int, contracts: dict[str, ContractFigures] | None = None,
            stock_date: date = H1_TO) -> Indicators:  # fmt: skip
    return Indicators(
        org_id=uuid4(),
        name=name,
        date_from=H1_FROM,
        stock_date=stock_date,
        stock=Stock(employers, workers, workers // 2, workers // 4, covered, members, 0),
        flows=Flows(0, admitted, 1, 1, 2, 1, 0),
        contracts=contracts or {},
    )


def street_table() -> tuple[Indicators, list[Indicators]]:
    wage = {"wage": ContractFigures(in_force=1, employers_covered=3, workers_covered=90,
                                    signed_in_period=1)}  # fmt: skip
    community = figures("汉中门社区工联会", 3, 200, 2, 50, 5, wage)
    empty = figures("新设社区工联会", 0, 0, 0, 0, 0)
    # The street also counts what a community moved away did before the move.
    street = figures("新街口街道总工会", 3, 200, 2, 50, 9, wage)
    return street, [community, empty]


def test_one_row_per_child_then_the_parents_own_total() -> None:
    street, children = street_table()
    table = report_table(street, children, H1_TO)
    assert table.title == "新街口街道总工会 2024年上半年 工会组织建设统计表"
    assert table.file_stem == "新街口街道总工会2024年上半年工会组织建设统计表"
    assert [row[0] for row in table.rows] == ["汉中门社区工联会", "新设社区工联会", "合计"]
    column = {header: HEADERS.index(header) for header in HEADERS}
    community, empty, total = table.rows
    assert community[column["建会率(%)"]] == Decimal("66.7")
    assert community[column["入会率(%)"]] == Decimal("25.0")
    assert (empty[column["建会率(%)"]], empty[column["入会率(%)"]]) == (UNDEFINED_RATE,) * 2
    assert total[column["新发展会员数"]] == 9  # not 5 + 0
    assert community[column["工资专项集体合同签订数"]] == 1
    assert community[column["工资专项集体合同覆盖职工数"]] == 90
    assert community[column["综合集体合同签订数"]] == 0


def test_headers_follow_the_half_year_report() -> None:
    assert HEADERS[:17] == (
        "组织", "单位数", "职工数", "其中女职工", "其中农民工", "已建会单位数", "建会率(%)",
        "会员数", "入会率(%)", "新建工会数", "新发展会员数", "其中农民工", "其中女性",
        "会籍转入", "会籍转出", "退会", "综合集体合同签订数",
    )  # fmt: skip
    assert len(HEADERS) == 16 + 3 * 4


@pytest.mark.parametrize(
    ("date_from", "date_to", "stock_date", "label"),
    [
        (date(2024, 1, 1), date(2024, 12, 31), date(2024, 12, 31), "2024年"),
        (date(2024, 7, 1), date(2024, 12, 31), date(2024, 12, 31), "2024年下半年"),
        (date(2024, 4, 1), date(2024, 6, 30), date(2024, 6, 30), "2024年第二季度"),
        (date(2024, 2, 1), date(2024, 2, 29), date(2024, 2, 29), "2024年2月"),
        (date(2024, 1, 1), date(2024, 6, 30), date(2024, 3, 31), "2024年上半年（截至2024年3月31日）"),
        (date(2024, 4, 1), date(2024, 5, 31), date(2024, 5, 31), "2024年4月1日至2024年5月31日"),
        (date(2024, 1, 2), date(2024, 1, 31), date(2024, 1, 31), "2024年1月2日至2024年1月31日"),
        (date(2023, 7, 1), date(2024, 6, 30), date(2024, 6, 30), "2023年7月1日至2024年6月30日"),
    ],
)  # fmt: skip
def test_period_labels(date_from: date, date_to: date, stock_date: date, label: str) -> None:
    assert period_label(date_from, date_to, stock_date) == label


def test_csv_has_a_bom_and_reads_back_as_the_table() -> None:
    table = report_table(*street_table(), H1_TO)
    content = table_csv(table)
    assert content.startswith(b"\xef\xbb\xbf")
    lines = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert tuple(lines[0]) == HEADERS
    assert lines[1:] == [[str(value) for value in row] for row in table.rows]
    assert lines[2][HEADERS.index("建会率(%)")] == "—"


def test_xlsx_has_a_merged_title_a_bold_frozen_header_and_the_rows() -> None:
    table = report_table(*street_table(), H1_TO)
    sheet = load_workbook(io.BytesIO(table_xlsx(table))).active
    assert sheet is not None
    assert sheet["A1"].value == table.title
    assert [str(merged) for merged in sheet.merged_cells.ranges] == ["A1:AB1"]
    assert sheet.freeze_panes == "B3"
    assert all(cell.font.bold for cell in sheet[2])
    assert tuple(cell.value for cell in sheet[2]) == HEADERS
    rows = [tuple(cell.value for cell in row) for row in sheet.iter_rows(min_row=3)]
    assert rows[0][HEADERS.index("建会率(%)")] == pytest.approx(66.7)
    assert sheet.cell(row=3, column=HEADERS.index("建会率(%)") + 1).number_format == "0.0"
    assert rows[1][HEADERS.index("入会率(%)")] == "—"
    assert rows[2][0] == "合计"
    assert rows[2][HEADERS.index("新发展会员数")] == 9
    assert sheet.column_dimensions["A"].width > sheet.column_dimensions["B"].width
