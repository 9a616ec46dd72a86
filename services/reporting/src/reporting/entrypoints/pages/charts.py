"""SVG charts drawn on the server: the monthly member trend and rates by child organisation.

Bars use ``shape-rendering="crispEdges"`` so their colours stay exact on screen (and in a
screenshot), and each drawn item carries its figure in a ``data-`` attribute for checks.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from html import escape

from reporting.domain.figures import Indicators
from reporting.entrypoints.pages.figures import MonthPoint

ACTIVE_COLOUR = "#2f855a"
ADMITTED_COLOUR = "#f2b84b"
COVERAGE_COLOUR = "#d9480f"
MEMBERSHIP_COLOUR = "#1f6fb2"
UNDEFINED = "—"
AXIS = 'stroke="#cbd2d9" stroke-width="1"'
TEXT = 'font-size="12" fill="#3e4c59"'


def rate_text(value: Decimal | None) -> str:
    """``66.7%``, or a dash when the rate is undefined (its denominator is 0)."""
    return UNDEFINED if value is None else f"{value}%"


def trend_chart(points: list[MonthPoint]) -> str:
    """Members at each month's end (line) and new members in each month (bars), 12 slots."""
    width, height, left, top, bottom = 720, 260, 48, 28, 36
    plot_w, plot_h = width - left - 16, height - top - bottom
    values = [v for p in points for v in (p.active_members, p.members_admitted) if v is not None]
    top_value = axis_top(max(values, default=0))
    slot = plot_w / 12

    def y(value: int) -> float:
        return top + plot_h - plot_h * value / top_value

    parts = [svg_open("trend-chart", width, height, "各月会员数与新发展会员数")]
    parts += grid_lines(left, width - 16, top_value, y)
    line: list[str] = []
    for index, point in enumerate(points):
        centre = left + slot * (index + 0.5)
        parts.append(
            f'<g class="month" data-month="{point.month}"'
            f' data-active-members="{data_value(point.active_members)}"'
            f' data-members-admitted="{data_value(point.members_admitted)}">'
        )
        if point.members_admitted:
            bar_top = y(point.members_admitted)
            parts.append(
                f'<rect class="bar admitted" x="{centre - slot * 0.3:.1f}" y="{bar_top:.1f}"'
                f' width="{slot * 0.6:.1f}" height="{top + plot_h - bar_top:.1f}"'
                f' fill="{ADMITTED_COLOUR}" shape-rendering="crispEdges"/>'
            )
        if point.active_members is not None:
            point_y = y(point.active_members)
            line.append(f"{centre:.1f},{point_y:.1f}")
            parts.append(
                f'<circle cx="{centre:.1f}" cy="{point_y:.1f}" r="3.5" fill="{ACTIVE_COLOUR}"/>'
                f'<text x="{centre:.1f}" y="{point_y - 8:.1f}" text-anchor="middle" {TEXT}>'
                f"{point.active_members}</text>"
            )
        parts.append("</g>")
    for month in range(1, 13):
        parts.append(
            f'<text x="{left + slot * (month - 0.5):.1f}" y="{height - 14}"'
            f' text-anchor="middle" {TEXT}>{month}月</text>'
        )
    if line:
        parts.append(
            f'<polyline points="{" ".join(line)}" fill="none" stroke="{ACTIVE_COLOUR}"'
            ' stroke-width="2.5"/>'
        )
    parts.append(legend(left, [(ACTIVE_COLOUR, "会员数（月末）"), (ADMITTED_COLOUR, "新发展会员")]))
    return "".join(parts) + "</svg>"


def rates_chart(children: list[Indicators]) -> str:
    """建会率 and 入会率 of each child organisation, one row of two bars per child."""
    name_w, row_h, top, width = 150, 44, 30, 520
    height = top + row_h * max(len(children), 1) + 10
    rates = [r for c in children for r in (c.stock.coverage_rate, c.stock.membership_rate) if r]
    scale_top = max([Decimal(100), *rates])
    bar_room = width - name_w - 70
    parts = [svg_open("rates-chart", width, height, "下级组织建会率与入会率")]
    parts.append(legend(name_w, [(COVERAGE_COLOUR, "建会率"), (MEMBERSHIP_COLOUR, "入会率")]))
    for index, child in enumerate(children):
        row_y = top + row_h * index
        stock = child.stock
        parts.append(
            f'<g class="child-rates" data-org-id="{child.org_id}"'
            f' data-coverage-rate="{data_value(stock.coverage_rate)}"'
            f' data-membership-rate="{data_value(stock.membership_rate)}">'
            f'<text x="{name_w - 8}" y="{row_y + 22}" text-anchor="end" {TEXT}>'
            f"{escape(short_name(child.name or str(child.org_id)))}</text>"
        )
        for offset, kind, colour, value in (
            (4, "coverage", COVERAGE_COLOUR, stock.coverage_rate),
            (20, "membership", MEMBERSHIP_COLOUR, stock.membership_rate),
        ):
            length = 0.0 if value is None else max(float(value / scale_top) * bar_room, 2.0)
            if value is not None:
                parts.append(
                    f'<rect class="bar {kind}" x="{name_w}" y="{row_y + offset}"'
                    f' width="{length:.1f}" height="14" fill="{colour}"'
                    ' shape-rendering="crispEdges"/>'
                )
            parts.append(
                f'<text class="rate {kind}" x="{name_w + length + 6:.1f}" y="{row_y + offset + 12}"'
                f" {TEXT}>{rate_text(value)}</text>"
            )
        parts.append("</g>")
    if not children:
        parts.append(f'<text x="{name_w}" y="{top + 22}" {TEXT}>无下级组织</text>')
    return "".join(parts) + "</svg>"


def svg_open(css_class: str, width: int, height: int, label: str) -> str:
    """The opening ``<svg>`` tag of a chart that scales to its container's width."""
    return (
        f'<svg class="{css_class}" xmlns="http://www.w3.org/2000/svg" role="img"'
        f' aria-label="{label}" viewBox="0 0 {width} {height}" width="100%"'
        f' style="max-height:{height}px">'
    )


def grid_lines(left: float, right: float, top_value: int, y: Callable[[int], float]) -> list[str]:
    """Five horizontal grid lines from 0 to ``top_value``, each labelled on the left."""
    lines = []
    for step in range(5):
        value = top_value * step // 4
        at = y(value)
        lines.append(
            f'<line x1="{left}" x2="{right}" y1="{at:.1f}" y2="{at:.1f}" {AXIS}/>'
            f'<text x="{left - 6}" y="{at + 4:.1f}" text-anchor="end" {TEXT}>{value}</text>'
        )
    return lines


def legend(x: float, entries: list[tuple[str, str]]) -> str:
    """A row of colour swatches with their labels along the chart's top edge."""
    parts = []
    for index, (colour, label) in enumerate(entries):
        at = x + index * 130
        parts.append(
            f'<rect x="{at}" y="6" width="12" height="12" fill="{colour}"'
            f' shape-rendering="crispEdges"/><text x="{at + 17}" y="16" {TEXT}>{label}</text>'
        )
    return "".join(parts)


def axis_top(value: int) -> int:
    """The axis top: four grid steps of 1, 2 or 5 times a power of ten, reaching ``value``."""
    magnitude = 1
    while True:
        for factor in (1, 2, 5):
            if 4 * factor * magnitude >= value:
                return 4 * factor * magnitude
        magnitude *= 10


def short_name(name: str) -> str:
    """A name cut to ten characters for a chart's label column."""
    return name if len(name) <= 10 else name[:9] + "…"


def data_value(value: object) -> str:
    """A figure for a ``data-`` attribute: empty when undefined."""
    return "" if value is None else str(value)
