"""The header lines of a statistical report form (报表表头), printed above its table.

A report handed up the tree is a form: its number (表号), who fills it in (填报单位), who answers
for it (负责人) and who prepared it (填表人), when it was sent (报出日期), and the period and the
day stocks were counted. A name nobody gave is left as a line to sign by hand on the printout.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Protocol

FORM_NUMBERS = {
    "membership": "工组统1表",
    "assistance": "工帮统1表",
    "disputes": "工调统1表",
    "training": "工培统1表",
    "breakdowns": "工组统1表附表",
}
"""The platform's numbering of its report forms, one per kind of table."""
BLANK = "＿" * 8
FORM_AUTHORITY = "市总工会"
"""制表机关: the city federation sets the platform's forms."""


class FormHeader(Protocol):
    """Anything giving a form's header lines."""

    def lines(self) -> tuple[tuple[str, ...], ...]:
        """The header lines, each a few ``label：value`` items laid side by side."""
        ...


def day_text(day: date) -> str:
    """``2024年6月30日``."""
    return f"{day.year}年{day.month}月{day.day}日"


@dataclass(frozen=True)
class ReportForm:
    """What a form's header states; ``head`` and ``preparer`` empty when not given."""

    form_number: str
    organisation: str
    period: str
    date_from: date
    stock_date: date
    exported_on: date
    head: str = ""
    preparer: str = ""

    def lines(self) -> tuple[tuple[str, ...], ...]:
        """The header lines, each a few ``label：value`` items laid side by side."""
        return (
            (f"表号：{self.form_number}", f"填报单位：{self.organisation}"),
            (
                f"统计期间：{self.period}",
                f"起止日期：{day_text(self.date_from)}至{day_text(self.stock_date)}",
                f"统计截至日：{day_text(self.stock_date)}",
            ),
            (
                f"负责人：{self.head.strip() or BLANK}",
                f"填表人：{self.preparer.strip() or BLANK}",
                f"报出日期：{day_text(self.exported_on)}",
            ),
        )


@dataclass(frozen=True)
class AnnualForm:
    """The header of an annual report table (年报): 表号, 制表机关, 填报单位, 年度, 计量单位."""

    form_number: str
    organisation: str
    year: int
    stock_date: date
    unit: str
    exported_on: date
    head: str = ""
    preparer: str = ""

    def lines(self) -> tuple[tuple[str, ...], ...]:
        """The header lines, each a few ``label：value`` items laid side by side."""
        return (
            (f"表号：{self.form_number}", f"制表机关：{FORM_AUTHORITY}",
             f"填报单位：{self.organisation}"),
            (f"年度：{self.year}年", f"统计截至日：{day_text(self.stock_date)}",
             f"计量单位：{self.unit}"),
            (f"负责人：{self.head.strip() or BLANK}", f"填表人：{self.preparer.strip() or BLANK}",
             f"报出日期：{day_text(self.exported_on)}"),
        )  # fmt: skip
