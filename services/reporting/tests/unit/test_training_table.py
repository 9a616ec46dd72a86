"""The training table and figures: indicators as rows, quarters, rates undefined when empty."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from uuid import uuid4

from reporting.domain.report_table import UNDEFINED_RATE
from reporting.domain.training_figures import (
    CourseFigures,
    EmploymentFigures,
    FollowUp,
    TrainingFigures,
)
from reporting.domain.training_table import INDICATORS, quarter_heading, quarters, training_table


def figures(name: str, seats: int, withdrawn: int, follow_up: FollowUp) -> TrainingFigures:
    courses = CourseFigures(seats_taken=seats, withdrawn=withdrawn, issued=3, revoked=1,
                            attended=9, expected=11)  # fmt: skip
    employment = EmploymentFigures(fair_registered=32, fair_walk_ins=40,
                                   follow_ups=(follow_up, FollowUp(6)))  # fmt: skip
    return TrainingFigures(uuid4(), name, date(2024, 1, 1), date(2024, 6, 30), courses,
                           employment)  # fmt: skip


def test_derived_counts_and_rates() -> None:
    f = figures("汉中门社区工联会", 11, 3, FollowUp(3, 4, 2))
    assert (f.courses.trainees, f.courses.certified, f.employment.fair_seekers) == (8, 2, 72)
    assert f.courses.attendance_rate == Decimal("81.8")
    assert f.employment.follow_ups[0].rate == Decimal("50.0")
    assert FollowUp(3, 2, 0).rate == Decimal("0.0")  # nobody still employed: 0, defined
    assert FollowUp(6).rate is None  # nobody followed up: undefined
    assert CourseFigures().attendance_rate is None


def test_indicators_are_rows_and_the_total_is_the_last_column() -> None:
    parent = figures("新街口街道总工会", 15, 3, FollowUp(3))
    a = figures("汉中门社区工联会", 11, 3, FollowUp(3, 4, 2))
    table = training_table([("汉中门社区工联会", a)], parent, date(2024, 6, 30))
    assert table.title == "新街口街道总工会 2024年上半年 职工培训与就业统计表"
    assert table.headers == ("指标", "汉中门社区工联会", "合计")
    assert tuple(row[0] for row in table.rows) == INDICATORS
    cells = {str(row[0]).strip("　"): row[1:] for row in table.rows}
    assert cells["培训人次"] == (8, 12)
    assert cells["取证人次"] == (2, 2)
    assert cells["求职人数"] == (72, 72)
    assert cells["3个月仍在岗率(%)"] == (Decimal("50.0"), UNDEFINED_RATE)
    assert cells["6个月仍在岗率(%)"] == (UNDEFINED_RATE, UNDEFINED_RATE)


def test_quarters_of_a_period_cut_at_the_stock_date() -> None:
    assert quarters(date(2024, 1, 1), date(2024, 6, 30)) == [
        (date(2024, 1, 1), date(2024, 3, 31)), (date(2024, 4, 1), date(2024, 6, 30)),
    ]  # fmt: skip
    assert quarters(date(2024, 11, 15), date(2025, 2, 10)) == [
        (date(2024, 11, 15), date(2024, 12, 31)), (date(2025, 1, 1), date(2025, 2, 10)),
    ]  # fmt: skip
    assert quarters(date(2024, 5, 1), date(2024, 5, 31)) == [(date(2024, 5, 1), date(2024, 5, 31))]
    assert quarter_heading(date(2024, 10, 1), date(2024, 12, 31)) == "2024年第四季度"
    assert quarter_heading(date(2024, 4, 1), date(2024, 4, 30)) == "2024年4月"
    assert quarter_heading(date(2024, 4, 1), date(2024, 5, 19)) == "2024年4月1日至2024年5月19日"
