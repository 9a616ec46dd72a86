"""The bench's reading of this machine against the design's anchors."""

from __future__ import annotations

import pytest

from bench.anchors import FLOOR_SHARE_TARGET, machine_lines, speed_against_anchors
from bench.report import Figure, Report


def _report(**values: float | None) -> Report:
    labels = {
        "nats_publish": "NATS publish",
        "nats_pull_ack": "NATS pull+ack",
        "framework_floor": "FastAPI floor",
        "pg_insert": "PG insert",
    }
    return Report([Figure(key, labels[key], "/s", value) for key, value in values.items()])


def test_speed_is_the_figure_over_each_end_of_the_anchor_range() -> None:
    speeds = speed_against_anchors(_report(nats_publish=15_500, framework_floor=850))
    assert speeds["nats_publish"] == pytest.approx((15_500 / 36_000, 15_500 / 31_000))
    assert speeds["framework_floor"] == pytest.approx((0.5, 0.5))
    assert "nats_pull_ack" not in speeds  # not measured in this run


def test_a_floor_under_the_budget_is_named_with_both_figures() -> None:
    lines = machine_lines(_report(nats_publish=15_500, framework_floor=1_110))
    assert lines[0].endswith("NATS publish 0.43–0.50×, FastAPI floor 0.65×")
    assert "(1,110 req/s) is under the write-API budget (1,500 req/s)" in lines[1]
    assert str(FLOOR_SHARE_TARGET) in lines[1]


def test_a_floor_over_the_budget_says_nothing_of_reach() -> None:
    lines = machine_lines(_report(nats_publish=33_000, framework_floor=1_800))
    assert len(lines) == 1
    assert "FastAPI floor 1.06×" in lines[0]


def test_a_run_without_anchored_figures_prints_no_line() -> None:
    assert machine_lines(_report(pg_insert=8_000, framework_floor=None)) == []


def test_the_share_target_is_the_design_budget_over_its_floor() -> None:
    assert str(FLOOR_SHARE_TARGET) == "≥ 0.88 ×"
    assert FLOOR_SHARE_TARGET.met(0.9)
    assert not FLOOR_SHARE_TARGET.met(0.32)
