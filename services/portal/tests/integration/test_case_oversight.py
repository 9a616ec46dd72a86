"""A referred case's 转仲裁材料 and a case's 查阅记录 in the workbench: the package as the
disputes service gives it (the application's data items, the evidence by its SHA-256) for
mediators and auditors, none for a case not referred; the access log for auditors only,
naming the workbench account that read the case and what it read."""

from __future__ import annotations

import hashlib
import re
from typing import Any

from shared.identifiers import today_in_china

from .conftest import Platform, account
from .mediation import mediation_network, registered_case
from .web import User

TODAY = today_in_china().isoformat()
PDF = b"%PDF-1.4\n%labour contract\n" + b"2" * 400
REFERRAL = {"target": "arbitration", "referred_on": TODAY, "had_written_contract": False,
            "wages_claimed_fen": 1_234_500, "overtime_claimed_fen": 67_800,
            "social_insurance_claimed": True, "work_injury": False,
            "employment_ending": "dismissed"}  # fmt: skip


async def _on_service(platform: Platform, case_id: str, *steps: tuple[str, dict[str, Any]]) -> None:
    for route, body in steps:
        done = await platform.dev.post(f"{platform.disputes}/api/v1/cases/{case_id}/{route}",
                                       json=body)  # fmt: skip
        assert done.status_code == 200, (route, done.text)


async def _referred_case_with_evidence(platform: Platform, mediator: User) -> str:
    """A case accepted, its contract uploaded through the workbench, failed and referred."""
    case_id = await registered_case(platform, await mediation_network(platform), TODAY)
    await _on_service(platform, case_id, ("accept", {"accepted_on": TODAY}))
    page = f"/disputes/cases/{case_id}"
    uploaded = await mediator.submit(f"{page}/evidence/upload", page, {"kind": "contract"},
                                     files={"file": ("劳动合同.pdf", PDF, "application/pdf")})  # fmt: skip
    assert uploaded.status_code == 303, uploaded.text
    await _on_service(platform, case_id,
                      ("failure", {"reason": "no_agreement", "failed_on": TODAY}),
                      ("referral", REFERRAL))  # fmt: skip
    return case_id


def _fact(page: str, term: str) -> str:
    """The text beside ``term`` in a page's facts list."""
    found = re.search(rf"<dt>{re.escape(term)}</dt><dd>(.*?)</dd>", page, re.S)
    assert found, f"no {term} on the page"
    return found.group(1).strip()


async def test_the_package_of_a_referred_case_and_who_read_it(platform: Platform) -> None:
    mediator = await account(platform, "mediator.pkg", "mediator", platform.tree.street, "钱调解")
    case_id = await _referred_case_with_evidence(platform, mediator)
    page = f"/disputes/cases/{case_id}"
    detail = (await mediator.page(page)).text
    assert f'href="{page}/package"' in detail
    assert f'href="{page}/access-log"' not in detail  # the log is for auditors and admins

    package = await mediator.page(f"{page}/package")
    assert package.status_code == 200, package.text
    assert _fact(package.text, "签订书面劳动合同") == "否"
    assert _fact(package.text, "请求工资") == "12,345.00 元"
    assert _fact(package.text, "请求加班费") == "678.00 元"
    assert _fact(package.text, "请求补缴社会保险") == "是"
    assert _fact(package.text, "涉及工伤") == "否"
    assert _fact(package.text, "劳动关系现状") == "被解除"
    assert _fact(package.text, "请求事项") == "赔偿"
    assert _fact(package.text, "调解不成原因") == "未达成协议"
    assert hashlib.sha256(PDF).hexdigest() in package.text
    assert "劳动合同" in package.text
    assert (await mediator.page(f"{page}/access-log")).status_code == 403

    auditor = await account(platform, "auditor.log", "auditor", platform.tree.street, "孙审计")
    read = (await auditor.page(page)).text
    assert f'href="{page}/package"' in read
    assert f'href="{page}/access-log"' in read
    assert (await auditor.page(f"{page}/package")).status_code == 200
    log = (await auditor.page(f"{page}/access-log")).text
    rows = re.findall(r"<tr><td data-label=\"查阅时间\">(.*?)</tr>", log, re.S)
    assert any("钱调解（mediator.pkg）" in row and "转仲裁材料" in row for row in rows)
    assert any("钱调解（mediator.pkg）" in row and "上传证据" in row for row in rows)
    assert any("孙审计（auditor.log）" in row and "查看案件" in row for row in rows)
    assert re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", rows[0])
    served = await platform.dev.get(f"{platform.disputes}/api/v1/access-log",
                                    params={"case_id": case_id, "limit": 100})  # fmt: skip
    assert f'<span class="count">{served.json()["total"]}</span>' in log
    await mediator.close()
    await auditor.close()


async def test_no_package_before_referral_and_no_log_outside_the_scope(platform: Platform) -> None:
    case_id = await registered_case(platform, await mediation_network(platform), TODAY)
    page = f"/disputes/cases/{case_id}"
    mediator = await account(platform, "mediator.nopkg", "mediator", platform.tree.street)
    assert f'href="{page}/package"' not in (await mediator.page(page)).text
    refused = await mediator.page(f"{page}/package")
    assert refused.status_code == 409
    assert "案件尚未转出" in refused.text
    elsewhere = await account(platform, "auditor.far", "auditor", platform.tree.community)
    assert (await elsewhere.page(f"{page}/package")).status_code == 404
    outside = (await elsewhere.page(f"{page}/access-log")).text
    assert "暂无查阅记录" in outside  # the service lists reads of its subtree only
    officer = await account(platform, "officer.nolog", "assistance_officer", platform.tree.street)
    assert (await officer.page(f"{page}/access-log")).status_code == 403
    assert (await officer.page(f"{page}/package")).status_code == 403
    for user in (mediator, elsewhere, officer):
        await user.close()
