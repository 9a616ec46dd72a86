"""本级: what an organisation recorded itself, beside its children's rows and the 合计.

A federation records some figures at its own level: members of its 机关 union admitted at the
federation, aid it paid directly. Those belong to no child, so a table of children alone does
not add up to the whole subtree; the 本级 row closes the gap. Every additive measure then
satisfies Σ children + 本级 = 合计.

Transfers are the exception: a member moved from one child to another is out of the first row
and into the second, but neither out of nor into the whole subtree. Those internal transfers
are counted here so the page can footnote them. A gap left on an additive measure means the
tree itself changed during the period (a child moved away keeps its days in the 合计).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal, TypeVar

from reporting.domain.assistance_figures import AssistanceFigures
from reporting.domain.dispute_figures import DisputeFigures
from reporting.domain.figures import Indicators
from reporting.domain.training_figures import TrainingFigures

OWN_LABEL = "本级"
Scope = Literal["subtree", "self"]
"""含下级 (``subtree``) or 本级 (``self``), the same word on every route that takes it: 本级
reads only the facts recorded at the organisation itself, none of its descendants'."""
Row = TypeVar("Row")

MEMBERSHIP_MEASURES: Mapping[str, Callable[[Indicators], int]] = {
    "单位数": lambda r: r.stock.employers,
    "职工数": lambda r: r.stock.workers,
    "已建会单位数": lambda r: r.stock.covered_employers,
    "会员数": lambda r: r.stock.active_members,
    "保留会籍": lambda r: r.stock.retained_members,
    "新建工会数": lambda r: r.flows.unions_founded,
    "新发展会员": lambda r: r.flows.members_admitted,
    "退会": lambda r: r.flows.members_left,
}
ASSISTANCE_MEASURES: Mapping[str, Callable[[AssistanceFigures], int]] = {
    "在档户数": lambda r: r.households.on_file,
    "新建档": lambda r: r.files.filed,
    "解困脱困": lambda r: r.files.exited,
    "帮扶人次": lambda r: r.aid.payments,
    "帮扶金额": lambda r: r.aid.amount_fen,
    "走访人次": lambda r: r.visits.visits,
    "募捐金额": lambda r: r.donations.amount_fen,
}
DISPUTE_MEASURES: Mapping[str, Callable[[DisputeFigures], int]] = {
    "接待来访": lambda r: r.contacts.contacts,
    "受理案件": lambda r: r.cases.accepted,
    "涉及职工": lambda r: r.cases.workers,
    "办结数": lambda r: r.outcomes.closed,
    "调解成功": lambda r: r.outcomes.settled,
    "追回金额": lambda r: r.outcomes.recovered_fen,
    "逾期未结": lambda r: r.overdue.open_overdue,
}
TRAINING_MEASURES: Mapping[str, Callable[[TrainingFigures], int]] = {
    "培训期数": lambda r: r.courses.classes,
    "结业人次": lambda r: r.courses.completed,
    "取证人次": lambda r: r.courses.certified,
    "招聘会场次": lambda r: r.employment.fairs,
    "求职登记": lambda r: r.employment.registrations,
    "实现就业": lambda r: r.employment.placements,
}


@dataclass(frozen=True)
class Footing:
    """How a table's rows add up to its 合计.

    ``gaps`` holds 合计 − (Σ children + 本级) for each measure that does not add up (empty when
    all do); ``internal_transfers`` the transfers from one row of the table to another.
    """

    gaps: dict[str, int]
    internal_transfers: int = 0


def footing(
    total: Row, rows: Sequence[Row], measures: Mapping[str, Callable[[Row], int]]
) -> Footing:
    """Compare the children and 本级 ``rows`` with ``total`` on every additive measure."""
    gaps = {
        name: gap
        for name, measure in measures.items()
        if (gap := measure(total) - sum(measure(row) for row in rows))
    }
    return Footing(gaps)


def membership_footing(total: Indicators, rows: Sequence[Indicators]) -> Footing:
    """:func:`footing` of the membership measures, with the transfers between rows.

    A transfer inside the subtree is counted into its receiving row (and out of its sending
    row) but not into the 合计, so the surplus of the rows' transfers in is exactly those.
    """
    inside = sum(row.flows.transfers_in for row in rows) - total.flows.transfers_in
    return Footing(footing(total, rows, MEMBERSHIP_MEASURES).gaps, inside)
