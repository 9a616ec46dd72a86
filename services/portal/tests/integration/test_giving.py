"""Donations and mutual insurance through the workbench: forms, errors beside fields, totals."""

from __future__ import annotations

import asyncio
import uuid

import httpx
from shared.identifiers import today_in_china

from .conftest import ADMIN_PASSWORD, Platform, person
from .web import User


async def test_a_campaign_is_opened_and_its_receipts_add_up(platform: Platform) -> None:
    user = User(platform.portal)
    await user.sign_in("admin", ADMIN_PASSWORD)
    campaign = {"org_id": platform.tree.street, "name": "2024年送温暖募捐",
                "opens_on": "2024-01-05", "closes_on": "2024-01-03", "target_yuan": "50000"}  # fmt: skip
    refused = await user.submit("/donations", "/donations", campaign)
    assert refused.status_code == 422  # closes before it opens
    assert 'value="2024年送温暖募捐"' in refused.text
    assert 'value="50000"' in refused.text
    opened = await user.submit("/donations", "/donations", {**campaign, "closes_on": "2024-02-10"})
    assert opened.status_code == 303, opened.text
    page = opened.headers["location"]
    bad = await user.submit(f"{page}/receipts", page, {"amount_yuan": "12.345",
                            "donor_kind": "employer", "received_on": "2024-01-08"})  # fmt: skip
    assert bad.status_code == 422
    assert 'id="amount_yuan-error"' in bad.text
    for amount, kind, name in (("1000.50", "employer", "甲公司"), ("200", "individual", "")):
        done = await user.submit(f"{page}/receipts", page, {"amount_yuan": amount,
                                 "donor_kind": kind, "received_on": "2024-01-08",
                                 "donor_name": name})  # fmt: skip
        assert done.status_code == 303, done.text
    detail = (await user.page(page)).text
    assert "1,200.50" in detail
    assert "2 笔" in detail
    assert "甲公司" in detail  # an officer sees the donor
    listing = (await user.page("/donations")).text
    assert "2024年送温暖募捐" in listing
    await user.close()


async def _admit(platform: Platform, seq: int) -> str:
    body = {"name": "褚参保", "id_number": person(seq), "household_type": "non_agricultural",
            "employer_id": platform.tree.employer, "union_id": platform.tree.union,
            "joined_on": "2024-01-02"}  # fmt: skip
    answer = await platform.dev.post(f"{platform.membership}/api/v1/members", json=body,
                                     headers={"Idempotency-Key": str(uuid.uuid4())})  # fmt: skip
    assert answer.status_code == 201, answer.text
    return person(seq)


async def _enrol(user: User, id_number: str, year: int) -> httpx.Response:
    form = {"scheme_year": str(year), "id_number": id_number, "premium_yuan": "60",
            "enrolled_on": f"{year}-01-10"}  # fmt: skip
    for _ in range(120):  # the member reaches assistance's replica through NATS
        answer = await user.submit("/insurance/enrolments", f"/insurance?year={year}", form)
        if answer.status_code == 303:
            return answer
        await asyncio.sleep(0.5)
    raise AssertionError("the enrolment was never accepted")


async def test_a_member_is_enrolled_by_id_number_and_a_claim_paid(platform: Platform) -> None:
    user = User(platform.portal)
    await user.sign_in("admin", ADMIN_PASSWORD)
    year = today_in_china().year
    stranger = await user.submit("/insurance/enrolments", "/insurance", {"scheme_year": str(year),
                                 "id_number": person(71), "premium_yuan": "60",
                                 "enrolled_on": f"{year}-01-10"})  # fmt: skip
    assert stranger.status_code == 422
    assert "未找到该身份证号的会员" in stranger.text
    id_number = await _admit(platform, 72)
    await _enrol(user, id_number, year)
    claim = {"year": str(year), "claim_id_number": id_number, "claim_kind": "inpatient",
             "amount_yuan": "3000", "paid_on": f"{year}-01-20"}  # fmt: skip
    paid = await user.submit("/insurance/claims", f"/insurance?year={year}", claim)
    assert paid.status_code == 303, paid.text
    unenrolled = await user.submit("/insurance/claims", f"/insurance?year={year}",
                                   {**claim, "year": str(year - 1)})  # fmt: skip
    assert unenrolled.status_code == 422
    assert f"没有 {year - 1} 年度的参保记录" in unenrolled.text
    page = (await user.page(f"/insurance?year={year}")).text
    assert "3,000.00 元" in page
    assert "60.00 元" in page
    assert "住院" in page
    await user.close()
