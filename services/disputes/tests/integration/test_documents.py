"""The agreement PDF, evidence with its hash, and the arbitration hand-off and outcome."""

from __future__ import annotations

import hashlib
import io

from pypdf import PdfReader

from .conftest import EMPLOYER_NAME, Api, World
from .flow import ID_NUMBER, NAME, TODAY, mediating, outbox, settle, step

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4\n%evidence\n" + b"0" * 200


async def _upload(
    api: Api, case_id: str, content: bytes, name: str, kind: str = "pay_record"
) -> tuple[int, dict[str, object]]:
    response = await api.client.post(
        f"/api/v1/cases/{case_id}/evidence",
        headers=api.token(),
        files={"file": (name, content, "application/octet-stream")},
        data={"kind": kind},
    )
    return response.status_code, response.json()


async def test_the_agreement_pdf_is_chinese_and_carries_the_amounts(api: Api, world: World) -> None:
    case = await mediating(api, world)
    await step(api, case["id"], "agreement.pdf", {}, expect=405)
    refused = await api.get(f"/api/v1/cases/{case['id']}/agreement.pdf")
    assert refused.status_code == 409
    await settle(api, case["id"], agreed_fen=1_234_567)
    response = await api.get(f"/api/v1/cases/{case['id']}/agreement.pdf", expect=200)
    assert response.headers["content-type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "劳动争议调解协议书" in text
    assert "¥12,345.67" in text
    assert "壹万贰仟叁佰肆拾伍元陆角柒分" in text
    assert "新街口街道调解分中心" in text
    assert EMPLOYER_NAME in text  # the census employer by the name membership published
    assert "王*" in text
    assert NAME not in text
    assert ID_NUMBER not in text
    assert ID_NUMBER[:6] in text


async def test_evidence_is_kept_with_its_hash_type_and_size_checked(api: Api, world: World) -> None:
    case = await mediating(api, world)
    status, body = await _upload(api, case["id"], PNG, "工资条.png")
    assert status == 201, body
    evidence = body["evidence"]
    assert evidence == [
        {
            "id": evidence[0]["id"],
            "kind": "pay_record",  # type: ignore[index]
            "sha256": hashlib.sha256(PNG).hexdigest(),
            "size_bytes": len(PNG),
            "media_type": "image/png",
        }
    ]
    status, body = await _upload(api, case["id"], b"MZ\x90\x00 not a document", "a.exe")
    assert status == 422
    assert body["errors"][0]["field"] == "file"
    status, body = await _upload(api, case["id"], PNG, "again.png")
    assert status == 422
    assert body["errors"][0]["field"] == "file"
    big = b"%PDF-" + b"0" * api.settings.evidence_max_bytes
    status, body = await _upload(api, case["id"], big, "big.pdf")
    assert status == 413


async def test_evidence_is_read_back_by_mediators_only(api: Api, world: World) -> None:
    case = await mediating(api, world)
    status, body = await _upload(api, case["id"], PDF, "劳动合同.pdf", "contract")
    assert status == 201, body
    evidence_id = body["evidence"][0]["id"]  # type: ignore[index]
    path = f"/api/v1/cases/{case['id']}/evidence/{evidence_id}"
    response = await api.get(path, expect=200)
    assert response.content == PDF
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["x-content-sha256"] == hashlib.sha256(PDF).hexdigest()
    assert "%E5%8A%B3%E5%8A%A8%E5%90%88%E5%90%8C.pdf" in response.headers["content-disposition"]
    await api.get(
        path, headers=api.token("auditor", world.city), expect=403
    )  # content cannot be masked
    other_case = await mediating(api, world)
    await api.get(f"/api/v1/cases/{other_case['id']}/evidence/{evidence_id}", expect=404)


async def test_arbitration_hand_off_and_outcome_round_trip(api: Api, world: World) -> None:
    case = await mediating(api, world)
    cid, today = case["id"], TODAY.isoformat()
    await _upload(api, cid, PDF, "劳动合同.pdf", "contract")
    await step(api, cid, "failure", {"reason": "employer_absent", "failed_on": today})
    await step(
        api,
        cid,
        "arbitration-outcome",
        {
            "outcome": "award_for_worker",
            "awarded_fen": 1,
            "decided_on": today,
            "award_no": "玄劳人仲案字〔2026〕1号",
        },
        expect=422,
    )
    referral = {
        "referred_on": today,
        "had_written_contract": True,
        "wages_claimed_fen": 900_000,
        "overtime_claimed_fen": 200_000,
        "social_insurance_claimed": True,
        "work_injury": False,
        "employment_ending": "dismissed",
    }
    referred = await step(api, cid, "referral", referral)
    assert referred["status"] == "referred"
    event = (await outbox(api))[-1]
    assert event["type"] == "disputes.case.referred"
    assert event["evidence_sha256"] == [hashlib.sha256(PDF).hexdigest()]
    assert event["wages_claimed_fen"] == 900_000
    assert event["employment_ending"] == "dismissed"
    package = (await api.get(f"/api/v1/cases/{cid}/referral-package", expect=200)).json()
    assert package["items"]["overtime_claimed_fen"] == 200_000
    assert package["evidence"][0]["sha256"] == hashlib.sha256(PDF).hexdigest()
    assert package["summary"]["applicants"][0]["name"] == "王**"
    assert "拖欠" in package["facts"]
    award = {
        "outcome": "partial_award",
        "awarded_fen": 800_000,
        "decided_on": today,
        "award_no": "玄劳人仲案字〔2026〕1号",
    }
    decided = await step(api, cid, "arbitration-outcome", award)
    assert decided["award"]["awarded_fen"] == 800_000
    event = (await outbox(api))[-1]
    assert event["type"] == "disputes.case.arbitration_decided"
    assert event["outcome"] == "partial_award"
    assert event["awarded_fen"] == 800_000
    assert event["category"] == "wages"
    assert event["applicant_member_ids"] == [world.member]
    await step(api, cid, "arbitration-outcome", award, expect=422)
    paid = await step(api, cid, "recoveries", {"amount_fen": 800_000, "received_on": today})
    assert paid["recovered_fen"] == 800_000
    closed = await step(api, cid, "closure", {"closed_on": today})
    assert closed["closing_outcome"] == "referred"
