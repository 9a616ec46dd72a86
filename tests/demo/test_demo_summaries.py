"""What `make demo` prints at the end of the disputes and training parts: labelled tables."""

from __future__ import annotations

from collections.abc import Callable

from rich.console import Console

from demo.disputes_run import DisputesOutcome, print_disputes
from demo.training_run import TrainingOutcome, print_training


def _printed(show: Callable[[Console], None]) -> str:
    console = Console(record=True, width=120)
    show(console)
    return console.export_text()


def test_the_mediation_summary_names_each_figure_and_shows_amounts_in_yuan() -> None:
    outcome = DisputesOutcome(
        True,
        expected={"total": 90, "claimed_fen": 138_407_500},
        reported={"total": 90, "claimed_fen": 138_407_500},
        summary={"total": 90, "overdue": 2, "claimed_fen": 138_407_500},
        verification={"intact": True, "cases_checked": 90},
    )
    text = _printed(lambda console: print_disputes(outcome, console, "http://127.0.0.1:8103"))
    assert "案件总数 cases" in text
    assert "逾期 overdue" in text
    assert "涉案金额（元） claimed" in text
    assert "1,384,075.00" in text
    assert "claimed_fen" not in text
    assert "完整 intact ✓" in text


def test_the_training_summary_is_a_table_not_a_dictionary() -> None:
    loaded = TrainingOutcome(True, {"classes": 12, "enrolments": 307, "placements": 22})
    text = _printed(lambda console: print_training(loaded, console, "http://127.0.0.1:8104"))
    assert "培训班 classes" in text
    assert "实现就业 placements" in text
    assert "{" not in text
    again = TrainingOutcome(False, {"classes": 12})
    text = _printed(lambda console: print_training(again, console, "http://127.0.0.1:8104"))
    assert "演示数据已存在" in text
