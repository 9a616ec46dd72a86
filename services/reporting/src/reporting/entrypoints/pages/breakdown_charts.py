"""A horizontal bar chart of one breakdown: a bar per row, its length the row's count.

As in ``charts``, bars are drawn crisp so their colours stay exact in a screenshot, and each
row carries its label and figure in ``data-`` attributes.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from reporting.entrypoints.pages.charts import TEXT, svg_open

BREAKDOWN_COLOUR = "#1f6fb2"


def bar_chart(css_class: str, label: str, bars: Sequence[tuple[str, int]], unit: str) -> str:
    """One bar per (label, count), longest the largest count; a count of 0 draws no bar."""
    name_w, row_h, top, width = 150, 26, 8, 560
    bar_room = width - name_w - 90
    largest = max((count for _, count in bars), default=0) or 1
    parts = [svg_open(css_class, width, top * 2 + row_h * max(len(bars), 1), label)]
    for index, (name, count) in enumerate(bars):
        row_y = top + row_h * index
        length = bar_room * count / largest
        parts.append(
            f'<g class="breakdown-bar" data-label="{escape(name)}" data-count="{count}">'
            f'<text x="{name_w - 8}" y="{row_y + 15}" text-anchor="end" {TEXT}>'
            f"{escape(name)}</text>"
        )
        if count:
            parts.append(
                f'<rect class="bar" x="{name_w}" y="{row_y + 3}" width="{max(length, 2.0):.1f}"'
                f' height="16" fill="{BREAKDOWN_COLOUR}" shape-rendering="crispEdges"/>'
            )
        parts.append(
            f'<text x="{name_w + length + 6:.1f}" y="{row_y + 15}" {TEXT}>'
            f"{count} {escape(unit)}</text></g>"
        )
    return "".join(parts) + "</svg>"
