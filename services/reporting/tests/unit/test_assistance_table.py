"""The assistance report table: yuan from fen without floats, columns, 合计, title."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import date
from decimal import Decimal
from uuid import uuid4

from reporting.adapters.queries.report_files import table_csv
from reporting.domain.assistance_figures import (
    AidFigures,
    AssistanceFigures,
    DonationFigures,
    HouseholdFlows,
    HouseholdStock,
    InsuranceFigures,
    ProgrammeFigures,
    VisitFigures,
    yuan,
    yuan_text,
)
from reporting.domain.assistance_table import HEADERS, MONEY_HEADERS, assistance_table


def test_yuan_is_exact_for_any_fen() -> None:
    assert yuan(1_900_000) == Decimal("19000.00")
    assert str(yuan(150_050)) == "1500.50"
    assert str(yuan(1)) == "0.01"
    assert str(yuan(0)) == "0.00"
    # 0.1 + 0.2 fen-style float errors cannot happen: 12,345,678,901,234,567 fen stays exact.
    assert str(yuan(12_345_678_901_234_567)) == "123456789012345.67"
    assert yuan_text(405_005_005) == "4,050,050.05"


def street(name: str, festival_fen: int, on_file: int) -> AssistanceFigures:
    aid = AidFigures()
    aid.by_programme["festival_consolation"] = ProgrammeFigures(38, festival_fen)
    return AssistanceFigures(
        org_id=uuid4(), name=name, date_from=date(2024, 1, 1), stock_date=date(2024, 6, 30),
        households=HouseholdStock(on_file, on_file, 0, 0, 0), files=HouseholdFlows(8, 1, 0),
        aid=aid, visits=VisitFigures(39, 38, 12), donations=DonationFigures(2, 4_546_000),
        insurance=InsuranceFigures(10, 10, 50_000, 2, 150_050),
    )  # fmt: skip


def test_rows_per_child_then_the_parents_own_total() -> None:
    parent = street("新街口街道总工会", 1_900_000, 36)
    child = replace(street("汉中门社区工联会", 1_200_000, 22), org_id=uuid4())
    table = assistance_table(parent, [child], date(2024, 6, 30))
    assert table.title == "新街口街道总工会 2024年上半年 困难职工帮扶统计表"
    assert table.file_stem == "新街口街道总工会2024年上半年困难职工帮扶统计表"
    assert HEADERS[:7] == ("组织", "在档困难职工户数", "其中深度困难", "其中相对困难", "其中意外致困",
                           "新建档", "解困脱困")  # fmt: skip
    assert len(MONEY_HEADERS) == 8  # five programmes, their total, donations and claims
    lines = list(csv.reader(io.StringIO(table_csv(table).decode("utf-8-sig"))))
    rows = [dict(zip(HEADERS, line, strict=True)) for line in lines[1:]]
    assert [row["组织"] for row in rows] == ["汉中门社区工联会", "合计"]
    assert [row["送温暖帮扶金额(元)"] for row in rows] == ["12000.00", "19000.00"]
    assert rows[1]["在档困难职工户数"] == "36"
    assert rows[1]["金秋助学帮扶金额(元)"] == "0.00"
    assert (rows[1]["募捐金额(元)"], rows[1]["报销金额(元)"]) == ("45460.00", "1500.50")
