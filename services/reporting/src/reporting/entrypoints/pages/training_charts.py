"""SVG charts of training and employment: each month's 培训人次 and placements, classes by kind.

As in ``charts``, bars are drawn crisp so their colours stay exact in a screenshot, and each
drawn item carries its exact figures in ``data-`` attributes.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from reporting.domain.training_figures import CLASS_KIND_LABELS, CourseFigures
from reporting.entrypoints.pages.charts import (
    TEXT,
    axis_top,
    data_value,
    grid_lines,
    legend,
    svg_open,
)

TRAINEES_COLOUR = "#0b7285"
PLACEMENTS_COLOUR = "#e8590c"
CLASSES_COLOUR = "#5f3dc4"


@dataclass(frozen=True)
class MonthTraining:
    """One month's 培训人次 and 实现就业人数; ``None`` when the organisation was out of scope."""

    month: int
    trainees: int | None
    placements: int | None


def monthly_chart(months: list[MonthTraining]) -> str:
    """Two bars per month (培训人次, 实现就业), 12 slots."""
    width, height, left, top, bottom = 720, 250, 48, 30, 36
    plot_w, plot_h = width - left - 16, height - top - bottom
    values = [v for m in months for v in (m.trainees, m.placements) if v is not None]
    top_value = axis_top(max(values, default=0))
    slot = plot_w / 12

    def y(value: float) -> float:
        return top + plot_h - plot_h * value / top_value

    parts = [svg_open("monthly-training-chart", width, height, "各月培训人次与实现就业人数")]
    parts += grid_lines(left, width - 16, top_value, y)
    for point in months:
        x = left + slot * (point.month - 1) + slot * 0.15
        parts.append(
            f'<g class="month-training" data-month="{point.month}"'
            f' data-trainees="{data_value(point.trainees)}"'
            f' data-placements="{data_value(point.placements)}">'
        )
        for offset, kind, colour, value in (
            (0.0, "trainees", TRAINEES_COLOUR, point.trainees),
            (slot * 0.35, "placements", PLACEMENTS_COLOUR, point.placements),
        ):
            if value:
                parts.append(
                    f'<rect class="bar {kind}" x="{x + offset:.1f}" y="{y(value):.1f}"'
                    f' width="{slot * 0.33:.1f}" height="{y(0) - y(value):.1f}"'
                    f' fill="{colour}" shape-rendering="crispEdges"/>'
                )
        parts.append("</g>")
    for month in range(1, 13):
        parts.append(
            f'<text x="{left + slot * (month - 0.5):.1f}" y="{height - 14}"'
            f' text-anchor="middle" {TEXT}>{month}月</text>'
        )
    parts.append(legend(left, [(TRAINEES_COLOUR, "培训人次"), (PLACEMENTS_COLOUR, "实现就业")]))
    return "".join(parts) + "</svg>"


def kind_chart(courses: CourseFigures) -> str:
    """One horizontal bar per kind of class, its length the classes of the period."""
    name_w, row_h, top, width = 100, 28, 10, 520
    bar_room = width - name_w - 80
    largest = max(courses.classes_by_kind.values(), default=0) or 1
    parts = [svg_open("kind-chart", width, top + row_h * len(CLASS_KIND_LABELS), "培训期数")]
    for index, (kind, label) in enumerate(CLASS_KIND_LABELS.items()):
        classes = courses.classes_by_kind[kind]
        row_y = top + row_h * index
        length = bar_room * classes / largest
        parts.append(
            f'<g class="kind" data-kind="{kind}" data-classes="{classes}">'
            f'<text x="{name_w - 8}" y="{row_y + 15}" text-anchor="end" {TEXT}>'
            f"{escape(label)}</text>"
        )
        if classes:
            parts.append(
                f'<rect class="bar {kind}" x="{name_w}" y="{row_y + 3}"'
                f' width="{max(length, 2.0):.1f}" height="16" fill="{CLASSES_COLOUR}"'
                ' shape-rendering="crispEdges"/>'
            )
        parts.append(
            f'<text class="classes" x="{name_w + length + 6:.1f}" y="{row_y + 15}" {TEXT}>'
            f"{classes} 期</text></g>"
        )
    return "".join(parts) + "</svg>"
