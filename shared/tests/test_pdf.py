"""Chinese documents: amounts in capitals, and PDFs whose text reads back."""

from __future__ import annotations

import hashlib
import io
import subprocess
import sys

import pytest
from pypdf import PdfReader
from shared.chinese_amounts import fen_in_capitals, fen_in_figures
from shared.pdf import Fields, Grid, Heading, Signatures, Text, render_pdf


@pytest.mark.parametrize(
    ("fen", "capitals"),
    [
        (0, "零元整"),
        (5, "伍分"),
        (60, "陆角"),
        (67, "陆角柒分"),
        (10000, "壹佰元整"),
        (10005, "壹佰元零伍分"),
        (100050, "壹仟元伍角"),
        (100500, "壹仟零伍元整"),
        (1000, "壹拾元整"),
        (1234567, "壹万贰仟叁佰肆拾伍元陆角柒分"),
        (1000000, "壹万元整"),
        (10010000, "壹拾万零壹佰元整"),
        (100001000, "壹佰万零壹拾元整"),
        (1_0500_0000 * 100, "壹亿零伍佰万元整"),
        (10_0500_0000 * 100, "壹拾亿零伍佰万元整"),
        (10_5000_0000 * 100, "壹拾亿伍仟万元整"),
        (1_0000_0001 * 100, "壹亿零壹元整"),
        (12000000, "壹拾贰万元整"),
        (100000000 * 100, "壹亿元整"),
        (100050000 * 100, "壹亿零伍万元整"),
    ],
)
def test_amounts_in_capitals_follow_the_financial_conventions(fen: int, capitals: str) -> None:
    assert fen_in_capitals(fen) == capitals


def test_amounts_in_figures_carry_the_yuan_sign_and_separators() -> None:
    assert fen_in_figures(1234567) == "¥12,345.67"
    assert fen_in_figures(5) == "¥0.05"


def test_negative_amounts_are_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        fen_in_capitals(-1)
    with pytest.raises(ValueError, match="negative"):
        fen_in_figures(-100)


def _document() -> bytes:
    return render_pdf(
        "人民调解协议书",
        [
            Heading("一、当事人"),
            Fields([("申请人", "张*"), ("被申请人", "某某<建筑>&有限公司")]),
            Heading("二、协议内容"),
            Text("被申请人于2026年12月31日前支付拖欠工资 " + fen_in_figures(1234567)),
            Text("（大写：" + fen_in_capitals(1234567) + "）"),
            Grid(["证据", "SHA-256"], [["劳动合同.pdf", "ab" * 32]]),
            Signatures(["申请人", "被申请人", "调解员"]),
        ],
        footer="本协议一式三份。",
    )


def test_a_document_reads_back_as_chinese_text_with_its_amounts() -> None:
    reader = PdfReader(io.BytesIO(_document()))
    text = "".join(page.extract_text() for page in reader.pages)
    assert "人民调解协议书" in text
    assert "¥12,345.67" in text
    assert "壹万贰仟叁佰肆拾伍元陆角柒分" in text
    assert "某某<建筑>&有限公司" in text  # markup characters stay text
    assert "调解员（签字/盖章）" in text
    assert reader.metadata is not None
    assert reader.metadata.title == "人民调解协议书"


def test_the_same_document_renders_to_the_same_bytes() -> None:
    assert hashlib.sha256(_document()).digest() == hashlib.sha256(_document()).digest()


def test_reportlab_is_loaded_by_the_first_document_not_by_the_import() -> None:
    # A service imports shared.pdf at start; reportlab would cost it 0.6 s and 29 MB there.
    code = (
        "import sys\n"
        "from shared.pdf import Text, render_pdf\n"
        "assert 'reportlab' not in sys.modules, 'imported at start'\n"
        "assert render_pdf('证书', [Text('结业')]).startswith(b'%PDF')\n"
        "assert 'reportlab' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
