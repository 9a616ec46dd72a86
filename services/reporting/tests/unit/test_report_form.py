"""The XLSX report form: header lines above the table, and a page set up for printing."""

from __future__ import annotations

import io
from datetime import date

from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from reporting.adapters.queries.report_files import table_xlsx
from reporting.domain.report_form import BLANK, ReportForm
from reporting.domain.report_table import HEADERS, report_table

from .test_report_table import figures, street_table

FORM = ReportForm(
    form_number="工组统1表", organisation="新街口街道总工会", period="2024年上半年",
    date_from=date(2024, 1, 1), stock_date=date(2024, 6, 30), exported_on=date(2024, 7, 5),
    head="王主席", preparer="李干事",
)  # fmt: skip


def workbook(form: ReportForm | None) -> Worksheet:
    parent, children = street_table()
    content = table_xlsx(report_table(parent, children, date(2024, 6, 30)), form=form)
    sheet = load_workbook(io.BytesIO(content)).active
    assert isinstance(sheet, Worksheet)
    return sheet


def texts(sheet: Worksheet, row: int) -> list[str]:
    return [str(cell.value) for cell in sheet[row] if cell.value is not None]


def test_the_form_lines_stand_between_the_title_and_the_table() -> None:
    sheet = workbook(FORM)
    assert sheet["A1"].value == "新街口街道总工会 2024年上半年 工会组织建设统计表"
    assert texts(sheet, 2) == ["表号：工组统1表", "填报单位：新街口街道总工会"]
    assert texts(sheet, 3) == [
        "统计期间：2024年上半年", "起止日期：2024年1月1日至2024年6月30日",
        "统计截至日：2024年6月30日",
    ]  # fmt: skip
    assert texts(sheet, 4) == ["负责人：王主席", "填表人：李干事", "报出日期：2024年7月5日"]
    assert tuple(cell.value for cell in sheet[5]) == HEADERS
    assert [row[0].value for row in sheet.iter_rows(min_row=6)] == [
        "汉中门社区工联会", "新设社区工联会", "合计",
    ]  # fmt: skip
    assert sheet.freeze_panes == "B6"


def test_names_not_given_are_left_to_sign_by_hand() -> None:
    unsigned = ReportForm(**{**vars(FORM), "head": "", "preparer": "  "})
    assert texts(workbook(unsigned), 4)[:2] == [f"负责人：{BLANK}", f"填表人：{BLANK}"]


def test_print_setup_is_landscape_a4_one_page_wide_with_repeated_headers() -> None:
    for form, header_row in ((FORM, 5), (None, 2)):
        sheet = workbook(form)
        setup = sheet.page_setup
        assert (setup.orientation, int(setup.paperSize or 0)) == ("landscape", 9)  # 9: A4
        assert (setup.fitToWidth, setup.fitToHeight) == (1, 0)
        assert sheet.sheet_properties.pageSetUpPr is not None
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.print_title_rows == f"$1:${header_row}"


def test_the_own_level_row_stands_between_the_children_and_the_total() -> None:
    parent, children = street_table()
    own = figures("新街口街道总工会", 0, 0, 0, 1, 1)
    rows = report_table(parent, children, date(2024, 6, 30), own).rows
    assert [row[0] for row in rows] == ["汉中门社区工联会", "新设社区工联会", "本级", "合计"]
    members = HEADERS.index("会员数")
    assert rows[2][members] == 1
    assert [row[0] for row in report_table(parent, children, date(2024, 6, 30)).rows][-2:] == [
        "新设社区工联会", "合计",
    ]  # fmt: skip
