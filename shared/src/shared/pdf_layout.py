"""How :mod:`shared.pdf` lays a document out with reportlab, on A4 in the CID font STSong-Light.

Imported only when a PDF is rendered: reportlab and its font tables cost a service about 0.6 s
of CPU and 29 MB of memory at start, and most processes never print anything.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from shared.pdf import Block, Fields, Grid, Heading, Text

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))

_TITLE = ParagraphStyle("title", fontName=FONT, fontSize=18, leading=26, alignment=TA_CENTER)
_HEADING = ParagraphStyle("heading", fontName=FONT, fontSize=13, leading=20, spaceBefore=8)
_BODY = ParagraphStyle("body", fontName=FONT, fontSize=11, leading=18, wordWrap="CJK")
_SMALL = ParagraphStyle("small", fontName=FONT, fontSize=9, leading=13, textColor=colors.grey)
_GRID_LINE = colors.Color(0.6, 0.6, 0.6)


def render(title: str, blocks: Sequence[Block], *, footer: str = "") -> bytes:
    """The document as PDF bytes: what :func:`shared.pdf.render_pdf` returns."""
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=22 * mm,
        rightMargin=22 * mm,
        topMargin=20 * mm,
        bottomMargin=20 * mm,
        title=title,
        creator="UnionHub",
        invariant=True,
    )
    story: list[Flowable] = [Paragraph(_text(title), _TITLE), Spacer(1, 6 * mm)]
    for block in blocks:
        story.extend(_flowables(block))
    if footer:
        story.extend([Spacer(1, 8 * mm), Paragraph(_text(footer), _SMALL)])
    document.build(story)
    return buffer.getvalue()


def _flowables(block: Block) -> list[Flowable]:
    if isinstance(block, Heading):
        return [Paragraph(_text(block.text), _HEADING)]
    if isinstance(block, Text):
        return [Paragraph(_text(block.text), _BODY)]
    if isinstance(block, Fields):
        return [_table([[label, value] for label, value in block.rows], widths=(40 * mm, None))]
    if isinstance(block, Grid):
        return [_table([list(block.header), *map(list, block.rows)], header=True)]
    return [Spacer(1, 6 * mm), *(_signature_line(party) for party in block.parties)]


def _table(
    rows: list[list[str]], *, widths: tuple[float | None, ...] | None = None, header: bool = False
) -> Table:
    cells = [[Paragraph(_text(value), _BODY) for value in row] for row in rows]
    table = Table(cells, colWidths=widths, hAlign="LEFT", repeatRows=1 if header else 0)
    style = TableStyle(
        [
            ("GRID", (0, 0), (-1, -1), 0.5, _GRID_LINE),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ]
    )
    if header:
        style.add("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.93, 0.93, 0.93))
    table.setStyle(style)
    return table


def _signature_line(party: str) -> Paragraph:
    blank = "＿" * 10
    return Paragraph(_text(f"{party}（签字/盖章）：{blank}　　日期：{blank}"), _BODY)


def _text(value: str) -> str:
    # Paragraph text is a small markup language: a worker's "<" or "&" must stay text.
    return escape(value).replace("\n", "<br/>")
