"""The rest of a case's work on its page: the deadline extended with both parties' agreement,
evidence uploaded (a wrong type and a file too large refused beside the file) and downloaded by
its hash, a case transferred to a community mediation room, payments
recovered against the agreement, the arbitration outcome of a referred case, and legal aid
granted and concluded; each refusal from the service shown beside its field."""

from __future__ import annotations

import hashlib
import re
from datetime import timedelta
from typing import Any

from shared.identifiers import today_in_china

from .conftest import Platform, account
from .mediation import Network, mediation_network, registered_case
from .web import User

TODAY = today_in_china()
PDF = b"%PDF-1.4\n%pay slips\n" + b"1" * 300


async def _on_service(platform: Platform, case_id: str, *steps: tuple[str, dict[str, Any]]) -> None:
    for route, body in steps:
        done = await platform.dev.post(f"{platform.disputes}/api/v1/cases/{case_id}/{route}",
                                       json=body)  # fmt: skip
        assert done.status_code == 200, (route, done.text)


async def _accepted_case(platform: Platform, network: Network) -> str:
    case_id = await registered_case(platform, network, TODAY.isoformat())
    await _on_service(platform, case_id, ("accept", {"accepted_on": TODAY.isoformat()}))
    return case_id


def _alert(text: str, field: str) -> str:
    found = re.search(rf'id="{re.escape(field)}-error" role="alert">(.*?)</p>', text)
    assert found, f"no error beside {field}"
    return found.group(1)


async def _extension_with_its_reason(mediator: User, page: str, later: str) -> None:
    """延期: a reason picked (说明 needed for 其他), each refusal beside its field, typed kept."""
    unexplained = await mediator.submit(f"{page}/extend", page, {"due_on": later})
    assert unexplained.status_code == 422
    assert _alert(unexplained.text, "reason") == "请选择延期理由"
    assert f'value="{later}"' in unexplained.text  # what was typed is kept
    other = await mediator.submit(f"{page}/extend", page, {"due_on": later, "reason": "other",
                                                           "both_parties_agreed": "on"})  # fmt: skip
    assert other.status_code == 422
    assert "说明" in _alert(other.text, "note")
    assert re.search(r'<option value="other"\s+selected', other.text)
    note = "等待工伤鉴定结论"
    typed = {"due_on": later, "reason": "awaiting_evidence", "note": note}
    disagreed = await mediator.submit(f"{page}/extend", page, typed)
    assert disagreed.status_code == 422
    assert "同意" in _alert(disagreed.text, "both_parties_agreed")
    assert re.search(r'<option value="awaiting_evidence"\s+selected', disagreed.text)
    assert f">{note}</textarea>" in disagreed.text
    extended = await mediator.submit(f"{page}/extend", page,
                                     {**typed, "both_parties_agreed": "on"})  # fmt: skip
    assert extended.status_code == 303, extended.text
    detail = (await mediator.page(page)).text
    assert f"（{later}）" in detail
    assert "延长调解期限（期限" in detail  # the timeline
    assert "延期理由：等待鉴定或证据" in detail
    assert f"双方同意延至 {later}，等待鉴定或证据（{note}）" in detail


async def test_extension_evidence_and_recoveries_on_the_case_page(platform: Platform) -> None:
    network = await mediation_network(platform)
    case_id = await _accepted_case(platform, network)
    page = f"/disputes/cases/{case_id}"
    mediator = await account(platform, "mediator.li", "mediator", platform.tree.street)
    later = (TODAY + timedelta(days=25)).isoformat()

    await _extension_with_its_reason(mediator, page, later)

    wrong = await mediator.submit(f"{page}/evidence/upload", page, {"kind": "pay_record"},
                                  files={"file": ("说明.txt", b"plain words", "text/plain")})  # fmt: skip
    assert wrong.status_code == 422
    assert "PDF" in _alert(wrong.text, "file")
    assert re.search(r'<option value="pay_record"\s+selected', wrong.text)
    big = b"%PDF-" + b"0" * (10 * 1024 * 1024)  # just over the service's 10 MB
    too_big = await mediator.submit(f"{page}/evidence/upload", page, {"kind": "contract"},
                                    files={"file": ("扫描件.pdf", big, "application/pdf")})  # fmt: skip
    assert too_big.status_code == 422
    assert "10 MB" in _alert(too_big.text, "file")
    assert re.search(r'<option value="contract"\s+selected', too_big.text)
    uploaded = await mediator.submit(f"{page}/evidence/upload", page, {"kind": "pay_record"},
                                     files={"file": ("工资条.pdf", PDF, "application/pdf")})  # fmt: skip
    assert uploaded.status_code == 303, uploaded.text
    detail = (await mediator.page(page)).text
    digest = hashlib.sha256(PDF).hexdigest()
    assert digest in detail
    assert "工资条/银行流水" in detail
    link = re.search(rf'href="({page}/evidence/[0-9a-f-]{{36}})"', detail)
    assert link, "the evidence row links its download"
    download = await mediator.page(link.group(1))
    assert download.status_code == 200
    assert download.content == PDF
    assert download.headers["x-content-sha256"] == digest

    await _settle_on_service(platform, network, case_id, agreed_fen=1_000_000)
    too_much = await mediator.submit(f"{page}/recovery", page,
                                     {"amount_yuan": "20000", "received_on": TODAY.isoformat()})  # fmt: skip
    assert too_much.status_code == 422
    assert "不能超过" in _alert(too_much.text, "amount_yuan")
    assert 'value="20000"' in too_much.text
    paid = await mediator.submit(f"{page}/recovery", page,
                                 {"amount_yuan": "3,000", "received_on": TODAY.isoformat()})  # fmt: skip
    assert paid.status_code == 303, paid.text
    detail = (await mediator.page(page)).text
    assert "已追回 3,000.00 元，尚欠 7,000.00 元" in detail
    stored = (await platform.dev.get(f"{platform.disputes}/api/v1/cases/{case_id}")).json()
    assert stored["recovered_fen"] == 300_000
    await mediator.close()

    auditor = await account(platform, "auditor.he", "auditor", platform.tree.street)
    read = (await auditor.page(page)).text
    assert digest in read  # the list, but neither the file nor the forms
    assert link.group(1) not in read
    assert (await auditor.page(link.group(1))).status_code == 403
    await auditor.close()


async def test_a_case_is_transferred_to_a_community_room(platform: Platform) -> None:
    network = await mediation_network(platform)
    room = await platform.dev.post(f"{platform.disputes}/api/v1/mediation-orgs",
                                   json={"org_id": platform.tree.community,
                                         "kind": "community_room", "name": "汉中门社区调解室"})  # fmt: skip
    assert room.status_code == 201, room.text
    case_id = await _accepted_case(platform, network)
    page = f"/disputes/cases/{case_id}"
    mediator = await account(platform, "mediator.tao", "mediator", platform.tree.street)
    form = {
        "mediation_org_id": room.json()["id"],
        "reason": "",
        "transferred_on": TODAY.isoformat(),
    }
    refused = await mediator.submit(f"{page}/transfer", page, form)
    assert refused.status_code == 422
    _alert(refused.text, "reason")
    assert re.search(rf'<option value="{room.json()["id"]}"\s+selected', refused.text)
    moved = await mediator.submit(f"{page}/transfer", page, {**form, "reason": "jurisdiction"})
    assert moved.status_code == 303, moved.text
    stored = (await platform.dev.get(f"{platform.disputes}/api/v1/cases/{case_id}")).json()
    assert (stored["mediation_org_id"], stored["org_id"]) == (
        room.json()["id"],
        platform.tree.community,
    )
    assert re.search(r"</time>移交", (await mediator.page(page)).text)  # the timeline
    await mediator.close()


async def _settle_on_service(platform: Platform, network: Network, case_id: str,
                             agreed_fen: int) -> None:  # fmt: skip
    today = TODAY.isoformat()
    await _on_service(
        platform, case_id,
        ("mediator", {"mediator_id": network.mediator}),
        ("sessions", {"scheduled_on": today}),
        ("sessions/1/record", {"held_on": today, "attendees": ["孙师傅"], "minutes": "达成一致"}),
        ("settlement", {"agreed_fen": agreed_fen, "terms": "一次付清", "signed_on": today,
                        "worker_confirmed": True, "employer_confirmed": True}),
    )  # fmt: skip


async def test_arbitration_outcome_and_legal_aid_on_a_referred_case(platform: Platform) -> None:
    network = await mediation_network(platform)
    case_id = await _accepted_case(platform, network)
    today = TODAY.isoformat()
    await _on_service(platform, case_id,
                      ("failure", {"reason": "employer_absent", "failed_on": today}),
                      ("referral", {"target": "arbitration", "referred_on": today}))  # fmt: skip
    page = f"/disputes/cases/{case_id}"
    mediator = await account(platform, "mediator.zhao", "mediator", platform.tree.street)

    no_provider = await mediator.submit(f"{page}/legal-aid/grant", page,
                                        {"provider": "", "stage": "arbitration", "granted_on": today})  # fmt: skip
    assert no_provider.status_code == 422
    _alert(no_provider.text, "provider")
    granted = await mediator.submit(f"{page}/legal-aid/grant", page,
                                    {"provider": "玄武区法律援助中心", "stage": "arbitration",
                                     "granted_on": today})  # fmt: skip
    assert granted.status_code == 303, granted.text
    detail = (await mediator.page(page)).text
    assert "玄武区法律援助中心" in detail
    conclusion = re.search(rf'action="({page}/legal-aid/[0-9a-f-]{{36}}/conclusion)"', detail)
    assert conclusion, "an open legal aid offers 援助结案"

    future = (TODAY + timedelta(days=3)).isoformat()
    award = {"outcome": "partial_award", "awarded_yuan": "8000", "decided_on": future,
             "award_no": "玄劳人仲案字〔2026〕第12号"}  # fmt: skip
    refused = await mediator.submit(f"{page}/award", page, award)
    assert refused.status_code == 422
    _alert(refused.text, "decided_on")
    assert 'value="8000"' in refused.text
    recorded = await mediator.submit(f"{page}/award", page, {**award, "decided_on": today})
    assert recorded.status_code == 303, recorded.text
    detail = (await mediator.page(page)).text
    assert "部分支持，裁决金额 8,000.00 元" in detail
    assert "尚欠 8,000.00 元" in detail  # an award can be recovered against too

    concluded = await mediator.submit(conclusion.group(1), page,
                                      {"outcome": "partly_won", "amount_yuan": "8000",
                                       "concluded_on": today})  # fmt: skip
    assert concluded.status_code == 303, concluded.text
    assert "部分支持，获得 8,000.00 元" in (await mediator.page(page)).text
    aid = (await platform.dev.get(f"{platform.disputes}/api/v1/legal-aid",
                                  params={"case_id": case_id})).json()  # fmt: skip
    assert [(a["outcome"], a["amount_fen"]) for a in aid["items"]] == [("partly_won", 800_000)]
    await mediator.close()
