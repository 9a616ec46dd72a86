"""The half-year assistance report table (困难职工帮扶统计表): one row per child plus 合计.

Same layout rules as the membership table (``report_table``): Chinese headers, the parent's
own report as 合计 (not a sum of the rows), the period named in the title. Amounts are yuan
with two decimals, computed from fen as ``Decimal``. Every figure here is a count or a sum,
defined (0) even where nothing happened, so no cell is ever ``—``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from reporting.domain.assistance_figures import PROGRAMME_LABELS, AssistanceFigures, yuan
from reporting.domain.own_level import OWN_LABEL
from reporting.domain.report_table import TOTAL_LABEL, Cell, ReportTable, period_label

TABLE_NAME = "困难职工帮扶统计表"

Column = tuple[str, Callable[[AssistanceFigures], Cell]]


def _programme_columns() -> tuple[Column, ...]:
    columns: list[Column] = []
    for programme, label in PROGRAMME_LABELS.items():

        def payments(r: AssistanceFigures, programme: str = programme) -> Cell:
            return r.aid.by_programme[programme].payments

        def amount(r: AssistanceFigures, programme: str = programme) -> Cell:
            return yuan(r.aid.by_programme[programme].amount_fen)

        columns += [(f"{label}帮扶人次", payments), (f"{label}帮扶金额(元)", amount)]
    return tuple(columns)


COLUMNS: tuple[Column, ...] = (
    ("组织", lambda r: r.name or str(r.org_id)),
    ("在档困难职工户数", lambda r: r.households.on_file),
    ("其中深度困难", lambda r: r.households.deep),
    ("其中相对困难", lambda r: r.households.relative),
    ("其中意外致困", lambda r: r.households.accident),
    ("新建档", lambda r: r.files.filed),
    ("解困脱困", lambda r: r.files.exited),
    ("帮扶人次合计", lambda r: r.aid.payments),
    ("帮扶金额合计(元)", lambda r: yuan(r.aid.amount_fen)),
    ("帮扶人数", lambda r: r.aid.people),
    ("帮扶涉及企业", lambda r: r.aid.employers),
    *_programme_columns(),
    ("走访人次", lambda r: r.visits.visits),
    ("走访人数", lambda r: r.visits.people),
    ("走访涉及企业", lambda r: r.visits.employers),
    ("募捐金额(元)", lambda r: yuan(r.donations.amount_fen)),
    ("互助保障参保人数", lambda r: r.insurance.enrolled_members),
    ("报销人次", lambda r: r.insurance.claims),
    ("报销金额(元)", lambda r: yuan(r.insurance.claims_fen)),
)
HEADERS = tuple(header for header, _ in COLUMNS)
MONEY_HEADERS = tuple(header for header in HEADERS if header.endswith("(元)"))


def assistance_table(
    parent: AssistanceFigures,
    children: list[AssistanceFigures],
    date_to: date,
    own: AssistanceFigures | None = None,
) -> ReportTable:
    """Lay out ``children``, the 本级 row when ``own`` is given, and the parent's figures as
    the 合计 row.

    Args:
        parent: the organisation reported on, with its whole subtree.
        children: its children as the tree stood on the stock date.
        date_to: the last day of the requested period (the label says when households on
            file were counted earlier, for an as-of date).
        own: what was recorded at the parent itself (本级), so the rows add up to 合计.
    """
    label = period_label(parent.date_from, date_to, parent.stock_date)
    name = parent.name or str(parent.org_id)
    total = (TOTAL_LABEL, *(value(parent) for _, value in COLUMNS[1:]))
    own_row = () if own is None else ((OWN_LABEL, *(value(own) for _, value in COLUMNS[1:])),)
    return ReportTable(
        title=f"{name} {label} {TABLE_NAME}",
        headers=HEADERS,
        rows=(
            *(tuple(value(child) for _, value in COLUMNS) for child in children),
            *own_row,
            total,
        ),
        file_stem=f"{name}{label}{TABLE_NAME}",
    )
