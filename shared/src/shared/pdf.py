"""Printable Chinese documents (agreements, certificates, hand-off summaries) as PDF.

A document is a title and a list of blocks — headings, paragraphs, label/value fields, grids
and signature lines — rendered on A4 with the Adobe CID font STSong-Light, which every PDF
reader carries: no font file ships with the platform and the text stays extractable, so a test
(or an auditor's tool) can read the amounts back. Output is deterministic (no creation time),
so the same document renders to the same bytes and its SHA-256 can stand in a case history.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from shared.chinese_amounts import fen_in_capitals, fen_in_figures

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
    # reportlab is loaded by the first document, not at start (see shared.pdf_layout).
    from shared.pdf_layout import render

    return render(title, blocks, footer=footer)
