"""调解协议书: the printable mediation agreement of a settled case (kit's Chinese PDF).

Parties are shown as the law allows a document handed outside the office to show them: the
applicants' names and ID numbers masked, the employer by its name and registration code; the
terms, the amount in figures and in capitals, the dates; signature lines for both parties and
the mediation organisation.
"""

from __future__ import annotations

from datetime import date

from shared.pdf import (
    Block,
    Fields,
    Heading,
    Signatures,
    Text,
    fen_in_capitals,
    fen_in_figures,
    render_pdf,
)
from shared.pii import PiiCipher, mask_id_number, mask_name

from disputes.domain.cases.case import Case
from disputes.domain.cases.codes import CATEGORY_LABELS


def _day(d: date | None) -> str:
    assert d is not None
    return f"{d.year}年{d.month}月{d.day}日"


def _applicants(case: Case, cipher: PiiCipher) -> list[tuple[str, str]]:
    rows = []
    for i, a in enumerate(case.applicants, start=1):
        shown = mask_name(cipher.decrypt(a.name_cipher))
        if a.id_number_cipher:
            shown += f"，身份证号：{mask_id_number(cipher.decrypt(a.id_number_cipher))}"
        rows.append((f"申请人{i}", shown))
    return rows


def agreement_pdf(
    case: Case, cipher: PiiCipher, org_name: str, census_name: str | None = None
) -> bytes:
    """The agreement of a settled (or settled and closed) case as PDF bytes.

    ``census_name`` is a census employer's name from the replica; the case seals only the name
    of an employer outside the census.
    """
    agreement = case.agreement
    assert agreement is not None
    employer = cipher.decrypt(case.employer.name_cipher) if case.employer.name_cipher else ""
    employer = employer or census_name or "（会籍登记单位）"
    respondent = f"{employer}，统一社会信用代码：{case.employer.uscc or '—'}"
    amount = agreement.agreed_fen
    blocks: list[Block] = [
        Fields(
            [
                ("案件编号", str(case.id)),
                ("调解组织", org_name),
                ("争议类别", CATEGORY_LABELS[case.category]),
                ("受理日期", _day(case.accepted_on)),
            ]
        ),
        Heading("一、当事人"),
        Fields([*_applicants(case, cipher), ("被申请人", respondent)]),
        Heading("二、协议内容"),
        Text(cipher.decrypt(agreement.terms_cipher)),
        Fields(
            [
                ("协议金额（小写）", fen_in_figures(amount)),
                ("协议金额（大写）", f"人民币{fen_in_capitals(amount)}"),
                ("履行期限", _day(agreement.pay_by) if agreement.pay_by else "签订之日起即时履行"),
                ("签订日期", _day(agreement.signed_on)),
            ]
        ),
        Text(
            "本协议经双方当事人签字（盖章）、调解员签名并加盖调解组织印章后生效，"
            "对双方当事人具有约束力，当事人应当履行。"
            "一方当事人在约定期限内不履行的，另一方当事人可以依法申请仲裁。"
        ),
        Signatures(["申请人", "被申请人", "调解员", "调解组织（盖章）"]),
    ]
    return render_pdf(
        "劳动争议调解协议书",
        blocks,
        footer="依据《中华人民共和国劳动争议调解仲裁法》第十四条制作。",
    )
