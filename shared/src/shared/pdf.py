"""Printable Chinese documents (agreements, certificates, hand-off summaries) as PDF.

A document is a title and a list of blocks — headings, paragraphs, label/value fields, grids
and signature lines — rendered on A4 with the Adobe CID font STSong-Light, which every PDF
reader carries: no font file ships with the platform and the text stays extractable, so a test
(or an auditor's tool) can read the amounts back. Output is deterministic (no creation time),
so the same document renders to the same bytes and its SHA-256 can stand in a case history.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from shared.chinese_amounts import fen_in_capitals, fen_in_figures

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))

__all__ = [
    "Block",
    "Fields",
    "Grid",
    "Heading",
    "Signatures",
    "Text",
    "fen_in_capitals",
    "fen_in_figures",
    "render_pdf",
]

_TITLE = ParagraphStyle("title", fontName=FONT, fontSize=18, leading=26, alignment=TA_CENTER)
_HEADING = ParagraphStyle("heading", fontName=FONT, fontSize=13, leading=20, spaceBefore=8)
_BODY = ParagraphStyle("body", fontName=FONT, fontSize=11, leading=18, wordWrap="CJK")
_SMALL = ParagraphStyle("small", fontName=FONT, fontSize=9, leading=13, textColor=colors.grey)
_GRID_LINE = colors.Color(0.6, 0.6, 0.6)


@dataclass(frozen=True)
class Heading:
    """A section heading (一、当事人 …)."""

    text: str


@dataclass(frozen=True)
class Text:
    """A paragraph of running text, wrapped the Chinese way (any character may break)."""

    text: str


@dataclass(frozen=True)
class Fields:
    """Label/value rows (申请人：张*，身份证号：110***…), drawn as a two-column table."""

    rows: Sequence[tuple[str, str]]


@dataclass(frozen=True)
class Grid:
    """A table with a header row (an evidence list, a list of payments)."""

    header: Sequence[str]
    rows: Sequence[Sequence[str]]


@dataclass(frozen=True)
class Signatures:
    """Signature lines, one per party (申请人（签字）：＿＿＿ 日期：＿＿＿)."""

    parties: Sequence[str]


Block = Heading | Text | Fields | Grid | Signatures


def render_pdf(title: str, blocks: Sequence[Block], *, footer: str = "") -> bytes:
    """Render a Chinese document to PDF bytes.

    Args:
        title: the document's title, centred on the first page and in its metadata.
        blocks: the content, top to bottom.
        footer: small print closing the document (which office issued it, a verification
            hint); empty for none.

    Returns:
        The PDF, the same bytes for the same arguments.
    """
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
