"""The figures of one run: printed as a table beside their baselines, saved as JSON.

A ratio is the figure divided by the raw baseline it stands on, measured in the same run on
the same servers, so runs on different machines compare by ratio rather than by raw value.
"""

from __future__ import annotations

import os
import platform
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
from rich.console import Console
from rich.table import Table

RESULTS_FILE = Path(__file__).resolve().parent.parent / "bench-results" / "latest.json"


@dataclass(frozen=True)
class Target:
    """A budget from the design: ``value >= bound`` (``at_least``) or ``value <= bound``."""

    bound: float
    unit: str
    at_least: bool = True
    decimals: int = 0

    def met(self, value: float) -> bool:
        return value >= self.bound if self.at_least else value <= self.bound

    def __str__(self) -> str:
        sign = "≥" if self.at_least else "≤"
        return f"{sign} {self.bound:,.{self.decimals}f} {self.unit}"


@dataclass(frozen=True)
class Figure:
    """One line of the table; ``value`` None means not measured (``note`` says why)."""

    key: str
    label: str
    unit: str
    value: float | None
    decimals: int = 0
    baseline: str | None = None
    target: Target | None = None
    target_text: str = ""
    note: str = ""


@dataclass
class Report:
    figures: list[Figure]
    details: dict[str, Any] = field(default_factory=dict)

    def value_of(self, key: str) -> float | None:
        return next((f.value for f in self.figures if f.key == key), None)

    def ratio(self, figure: Figure) -> float | None:
        base = self.value_of(figure.baseline) if figure.baseline else None
        if figure.value is None or not base:
            return None
        return figure.value / base

    def met(self, figure: Figure) -> bool | None:
        if figure.target is None or figure.value is None:
            return None
        return figure.target.met(figure.value)


def _value_text(figure: Figure) -> str:
    if figure.value is None:
        return "—"
    return f"{figure.value:,.{figure.decimals}f} {figure.unit}".rstrip()


def _target_text(report: Report, figure: Figure) -> str:
    if figure.target is None:
        return figure.target_text
    met = report.met(figure)
    verdict = "" if met is None else (" [green]达标 met[/]" if met else " [red]未达标 missed[/]")
    return f"{figure.target}{verdict}"


def print_report(report: Report, console: Console) -> None:
    """The table: figure, value, baseline, ratio, target; notes below it."""
    table = Table(title="UnionHub make bench", show_lines=False)
    for column in ("指标 figure", "数值 value", "基准 baseline", "比值 ratio", "目标 target"):
        table.add_column(column, justify="right" if column.startswith(("数", "比")) else "left")
    labels = {f.key: f.label for f in report.figures}
    for figure in report.figures:
        ratio = report.ratio(figure)
        table.add_row(
            figure.label,
            _value_text(figure),
            labels.get(figure.baseline, "") if figure.baseline else "",
            f"{ratio:.2f}×" if ratio is not None else "",
            _target_text(report, figure),
        )
    console.print(table)
    for figure in report.figures:
        if figure.note:
            console.print(f"  · {figure.label.strip()}: {figure.note}", highlight=False)
    for line in report.details.get("machine", []):
        console.print(f"  · {line}", highlight=False)
    load = report.details.get("load_average_1min")
    if load:
        console.print(
            f"load average (1 min): {load['start']:.2f} at start, {load['end']:.2f} at end"
        )


def write_json(report: Report, path: Path = RESULTS_FILE) -> Path:
    """Write the run to ``path`` (``bench-results/latest.json``, not tracked by git)."""
    figures = [
        {
            **asdict(figure),
            "target": str(figure.target) if figure.target else figure.target_text or None,
            "ratio": report.ratio(figure),
            "met": report.met(figure),
        }
        for figure in report.figures
    ]
    document = {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "figures": figures,
        "details": report.details,
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(
        orjson.dumps(document, option=orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS) + b"\n"
    )
    return path
