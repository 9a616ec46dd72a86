"""The printable certificate (结业证书), on the kit's Chinese documents (``shared.pdf``)."""

from __future__ import annotations

from datetime import date

from shared.pdf import Block, Fields, Heading, Text, render_pdf


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
    """The certificate as PDF bytes; a revoked one says so in its first line."""
    blocks: list[Block] = [
        *([Heading("本证书已撤销（作废）")] if revoked else []),
        Text(
            f"{holder}同志于{_day(starts_on)}至{_day(ends_on)}参加“{class_title}”，"
            "学习期满，经考核合格，准予结业，特发此证。"
        ),
        Fields(
            [
                ("证书编号", number),
                ("培训班", class_title),
                ("主办单位", organiser),
                ("发证日期", _day(issued_on)),
            ]
        ),
    ]
    footer = f"{organiser}　{_day(issued_on)}。可凭证书编号在工会服务平台“证书查询”页面核验真伪。"
    return render_pdf("结业证书", blocks, footer=footer)
