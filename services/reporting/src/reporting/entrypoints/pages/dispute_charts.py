"""SVG charts of the mediation figures: cases by month of the year, accepted cases by category.

The extensions by reason (延期次数按理由) are a small table beside them.

As in ``charts``, bars are drawn crisp so their colours stay exact in a screenshot, and each
drawn item carries its exact figures in ``data-`` attributes.
"""

from __future__ import annotations

from dataclasses import dataclass

from reporting.domain.dispute_figures import (
    CATEGORY_LABELS,
    EXTENSION_REASON_LABELS,
    CaseFigures,
    ExtensionFigures,
)
from reporting.entrypoints.pages.charts import (
    TEXT,
    axis_top,
    data_value,
    grid_lines,
    legend,
    svg_open,
)

SERIES = {
    "accepted": ("受理", "#1971c2"),
    "closed": ("办结", "#2b8a3e"),
    "settled": ("调解成功", "#e67700"),
}
CATEGORY_COLOUR = "#7048e8"


@dataclass(frozen=True)
class MonthCases:
    """Cases accepted, closed and settled in one month; ``None`` when out of scope."""

    month: int
    cases: dict[str, int] | None

    def count(self, series: str) -> int | None:
        """The month's cases of ``series`` (``accepted``, ``closed``, ``settled``)."""
        return None if self.cases is None else self.cases.get(series, 0)


def monthly_cases_chart(months: list[MonthCases]) -> str:
    """Three bars a month (受理, 办结, 调解成功), 12 slots."""
    width, height, left, top, bottom = 720, 250, 48, 30, 36
    plot_w, plot_h = width - left - 16, height - top - bottom
    top_value = axis_top(max((m.count(s) or 0 for m in months for s in SERIES), default=0))
    slot = plot_w / 12
    bar = slot * 0.26

    def y(value: int) -> float:
        return top + plot_h - plot_h * value / top_value

    parts = [svg_open("monthly-cases-chart", width, height, "各月受理与办结案件")]
    parts += grid_lines(left, width - 16, top_value, y)
    for point in months:
        attributes = "".join(f' data-{s}="{data_value(point.count(s))}"' for s in SERIES)
        parts.append(f'<g class="month-cases" data-month="{point.month}"{attributes}>')
        for index, (series, (_, colour)) in enumerate(SERIES.items()):
            value = point.count(series) or 0
            if value:
                x = left + slot * (point.month - 1) + slot * 0.11 + bar * index
                parts.append(
                    f'<rect class="bar {series}" x="{x:.1f}" y="{y(value):.1f}" width="{bar:.1f}"'
                    f' height="{y(0) - y(value):.1f}" fill="{colour}" shape-rendering="crispEdges"/>'
                )
        parts.append("</g>")
    for month in range(1, 13):
        parts.append(
            f'<text x="{left + slot * (month - 0.5):.1f}" y="{height - 14}"'
            f' text-anchor="middle" {TEXT}>{month}月</text>'
        )
    parts.append(legend(left, [(colour, label) for label, colour in SERIES.values()]))
    return "".join(parts) + "</svg>"


def category_chart(cases: CaseFigures) -> str:
    """One horizontal bar per category: the cases accepted in the period."""
    name_w, row_h, top, width = 110, 30, 8, 520
    bar_room = width - name_w - 60
    largest = max(cases.by_category.values(), default=0) or 1
    parts = [svg_open("category-chart", width, top + row_h * len(CATEGORY_LABELS), "受理案件类别")]
    for index, (category, label) in enumerate(CATEGORY_LABELS.items()):
        count = cases.by_category[category]
        row_y = top + row_h * index
        length = bar_room * count / largest
        parts.append(
            f'<g class="category" data-category="{category}" data-cases="{count}">'
            f'<text x="{name_w - 8}" y="{row_y + 16}" text-anchor="end" {TEXT}>{label}</text>'
        )
        if count:
            parts.append(
                f'<rect class="bar" x="{name_w}" y="{row_y + 4}" width="{max(length, 2.0):.1f}"'
                f' height="16" fill="{CATEGORY_COLOUR}" shape-rendering="crispEdges"/>'
            )
        parts.append(
            f'<text x="{name_w + length + 6:.1f}" y="{row_y + 16}" {TEXT}>{count} 件</text></g>'
        )
    return "".join(parts) + "</svg>"


def extension_table(extensions: ExtensionFigures) -> str:
    """One row per reason (every reason, 0 when none), then 合计: the extensions in the period."""
    rows = "".join(
        f'<tr data-reason="{reason}" data-extensions="{extensions.by_reason[reason]}">'
        f'<th scope="row">{label}</th><td>{extensions.by_reason[reason]}</td></tr>'
        for reason, label in EXTENSION_REASON_LABELS.items()
    )
    total = f'<tr class="total"><th scope="row">合计</th><td>{extensions.extensions}</td></tr>'
    return (
        '<table class="figures extension-reasons"><thead><tr><th scope="col">延期理由</th>'
        f'<th scope="col">延期次数</th></tr></thead><tbody>{rows}{total}</tbody></table>'
    )
