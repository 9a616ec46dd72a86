"""The printable certificate (结业证书): an A4 landscape PDF in Chinese.

Written with reportlab's CID font STSong-Light (Adobe-GB1, shipped with every PDF reader), so
the file needs no embedded font and any reader shows the Chinese text.
"""

from __future__ import annotations

import io
from datetime import date

from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def _day(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def certificate_pdf(
    *,
    holder: str,
    class_title: str,
    organiser: str,
    starts_on: date,
    ends_on: date,
    issued_on: date,
    number: str,
    revoked: bool,
) -> bytes:
    """The certificate as PDF bytes; a revoked one is printed with 已撤销 across it."""
    buffer = io.BytesIO()
    width, height = landscape(A4)
    pdf = Canvas(buffer, pagesize=(width, height))
    pdf.setTitle(f"结业证书 {number}")
    pdf.setLineWidth(3)
    pdf.rect(30, 30, width - 60, height - 60)
    pdf.setFont(FONT, 40)
    pdf.drawCentredString(width / 2, height - 130, "结 业 证 书")
    pdf.setFont(FONT, 18)
    lines = [
        f"{holder} 同志：",
        f"于 {_day(starts_on)} 至 {_day(ends_on)} 参加",
        f"“{class_title}”",
        "学习期满，经考核合格，准予结业。",
    ]
    for i, line in enumerate(lines):
        pdf.drawCentredString(width / 2, height - 210 - i * 36, line)
    pdf.setFont(FONT, 16)
    pdf.drawRightString(width - 90, 150, organiser)
    pdf.drawRightString(width - 90, 124, _day(issued_on))
    pdf.setFont(FONT, 12)
    pdf.drawString(70, 70, f"证书编号：{number}    可在工会服务平台“证书查询”页面核验真伪")
    if revoked:
        pdf.setFont(FONT, 72)
        pdf.setFillColorRGB(0.8, 0, 0)
        pdf.drawCentredString(width / 2, height / 2 - 40, "已 撤 销")
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
