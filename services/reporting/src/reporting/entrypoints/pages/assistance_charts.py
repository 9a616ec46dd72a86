"""SVG charts of aid paid: by programme in the period, and by month of the year.

As in ``charts``, bars are drawn crisp so their colours stay exact in a screenshot, and each
drawn item carries its exact figures (fen, payments) in ``data-`` attributes; the axis is in
whole yuan, which only places the bars.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from reporting.domain.assistance_figures import PROGRAMME_LABELS, AidFigures, yuan_text
from reporting.entrypoints.pages.charts import (
    TEXT,
    axis_top,
    data_value,
    grid_lines,
    legend,
    svg_open,
)

PROGRAMME_COLOURS = {
    "festival_consolation": "#c2255c",
    "student_aid": "#1971c2",
    "medical_aid": "#2b8a3e",
    "emergency_relief": "#7048e8",
    "summer_relief": "#e67700",
}


@dataclass(frozen=True)
class MonthAid:
    """Aid paid in one month by programme (fen, payments); ``None`` when out of scope."""

    month: int
    by_programme: dict[str, tuple[int, int]] | None

    @property
    def amount_fen(self) -> int | None:
        """All programmes' amount in the month."""
        if self.by_programme is None:
            return None
        return sum(amount for amount, _ in self.by_programme.values())


def programme_chart(aid: AidFigures) -> str:
    """One horizontal bar per programme, its length the amount paid, with 人次 beside it."""
    name_w, row_h, top, width = 90, 34, 10, 560
    bar_room = width - name_w - 190
    largest = max((f.amount_fen for f in aid.by_programme.values()), default=0) or 1
    parts = [svg_open("programme-chart", width, top + row_h * len(PROGRAMME_LABELS), "帮扶金额")]
    for index, (programme, label) in enumerate(PROGRAMME_LABELS.items()):
        figures = aid.by_programme[programme]
        row_y = top + row_h * index
        length = bar_room * figures.amount_fen / largest
        parts.append(
            f'<g class="programme" data-programme="{programme}"'
            f' data-payments="{figures.payments}" data-amount-fen="{figures.amount_fen}">'
            f'<text x="{name_w - 8}" y="{row_y + 17}" text-anchor="end" {TEXT}>{label}</text>'
        )
        if figures.amount_fen:
            parts.append(
                f'<rect class="bar {programme}" x="{name_w}" y="{row_y + 4}"'
                f' width="{max(length, 2.0):.1f}" height="18"'
                f' fill="{PROGRAMME_COLOURS[programme]}" shape-rendering="crispEdges"/>'
            )
        parts.append(
            f'<text class="amount" x="{name_w + length + 6:.1f}" y="{row_y + 17}" {TEXT}>'
            f"{yuan_text(figures.amount_fen)} 元 · {figures.payments} 人次</text></g>"
        )
    return "".join(parts) + "</svg>"


def monthly_chart(months: list[MonthAid]) -> str:
    """Aid paid in each month, one bar per month stacked by programme, 12 slots."""
    width, height, left, top, bottom = 720, 250, 64, 30, 36
    plot_w, plot_h = width - left - 16, height - top - bottom
    top_value = axis_top(max(((m.amount_fen or 0) + 99) // 100 for m in months) if months else 0)
    slot = plot_w / 12

    def y(yuan: float) -> float:
        return top + plot_h - plot_h * yuan / top_value

    parts = [svg_open("monthly-aid-chart", width, height, "各月帮扶金额")]
    parts += grid_lines(left, width - 16, top_value, y)
    for point in months:
        x = left + slot * (point.month - 0.5) - slot * 0.3
        parts.append(
            f'<g class="month-aid" data-month="{point.month}"'
            f' data-amount-fen="{data_value(point.amount_fen)}">'
        )
        base = 0.0
        for programme, (amount_fen, _) in sorted((point.by_programme or {}).items()):
            upper = base + amount_fen / 100
            parts.append(
                f'<rect class="bar {programme}" x="{x:.1f}" y="{y(upper):.1f}"'
                f' width="{slot * 0.6:.1f}" height="{y(base) - y(upper):.1f}"'
                f' fill="{PROGRAMME_COLOURS[programme]}" shape-rendering="crispEdges"/>'
            )
            base = upper
        parts.append("</g>")
    for month in range(1, 13):
        parts.append(
            f'<text x="{left + slot * (month - 0.5):.1f}" y="{height - 14}"'
            f' text-anchor="middle" {TEXT}>{month}月</text>'
        )
    entries = [(PROGRAMME_COLOURS[p], escape(label)) for p, label in PROGRAMME_LABELS.items()]
    parts.append(legend(left, entries))
    return "".join(parts) + "</svg>"
