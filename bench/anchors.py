"""This machine against the machine the design's budgets were set on.

DESIGN.md measured its anchors (raw NATS, a bare FastAPI POST) on the machine its budgets were
written for. The same figures measured in this run say how fast this machine is beside it, and
whether an absolute budget can be met here at all: a command path cannot be faster than the
bare FastAPI endpoint it is built on, so when that floor is itself under the write-API budget,
the budget is out of reach on this machine and the share of the floor is the figure to judge.
"""

from __future__ import annotations

from bench.report import Report, Target

DESIGN_ANCHORS: dict[str, tuple[float, float]] = {
    "nats_publish": (31_000, 36_000),
    "nats_pull_ack": (16_000, 22_000),
    "framework_floor": (1_700, 1_700),
}
"""The anchors of DESIGN.md's performance section, by figure key: (low, high) of its range."""
DESIGN_WRITE_API_RPS = 1_500
FLOOR_SHARE_TARGET = Target(
    DESIGN_WRITE_API_RPS / DESIGN_ANCHORS["framework_floor"][0], "×", decimals=2
)
"""The write-API budget as a share of the FastAPI floor on the design's machine (1,500 ÷ 1,700):
the same verdict on any machine."""


def speed_against_anchors(report: Report) -> dict[str, tuple[float, float]]:
    """For each anchored figure measured in the run: its value ÷ the anchor's high and low end."""
    speeds: dict[str, tuple[float, float]] = {}
    for key, (low, high) in DESIGN_ANCHORS.items():
        value = report.value_of(key)
        if value:
            speeds[key] = (value / high, value / low)
    return speeds


def machine_lines(report: Report) -> list[str]:
    """What the run says about this machine, as lines printed under the table."""
    labels = {figure.key: figure.label for figure in report.figures}
    speeds = speed_against_anchors(report)
    if not speeds:
        return []
    parts = [f"{labels[key]} {_span(low, high)}" for key, (low, high) in speeds.items()]
    lines = ["本机与设计基准之比 this machine against DESIGN.md's anchors: " + ", ".join(parts)]
    floor = report.value_of("framework_floor")
    if floor is not None and floor < DESIGN_WRITE_API_RPS:
        lines.append(
            f"框架基线低于写接口预算 the FastAPI floor ({floor:,.0f} req/s) is under the write-API "
            f"budget ({DESIGN_WRITE_API_RPS:,} req/s): no FastAPI command path can meet it on "
            f"this machine; judge the share of the floor instead ({FLOOR_SHARE_TARGET} on the "
            f"design's machine)"
        )
    return lines


def _span(low: float, high: float) -> str:
    return f"{low:.2f}×" if abs(high - low) < 0.005 else f"{low:.2f}–{high:.2f}×"
