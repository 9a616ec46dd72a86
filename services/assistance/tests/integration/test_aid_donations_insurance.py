"""Donation campaigns with receipts and totals; mutual insurance enrolments, claims, figures."""

from __future__ import annotations

import pytest

from .aid_flow import YEAR, aid_counts, person_token
from .conftest import Api, Tree, admit
from .probes import assert_problem, count, eventually, published

pytestmark = pytest.mark.integration
TODAY = f"{YEAR}-01-01"


async def test_a_campaign_adds_up_its_receipts_and_publishes_no_donor_name(
    api: Api, tree: Tree, database_url: str, nats_url: str
) -> None:
    body = {
        "org_id": tree.street,
        "name": "春节送温暖募捐",
        "opens_on": TODAY,
        "target_fen": 5_000_000,
    }
    campaign = (await api.post("/api/v1/donation-campaigns", body, expect=201)).json()
    receipts = f"/api/v1/donation-campaigns/{campaign['id']}/receipts"
    gifts = [(2_000_000, "employer", "某某科技有限公司"), (2_546_000, "individual", "张三丰")]
    for amount, kind, donor in gifts:
        receipt = {
            "amount_fen": amount,
            "donor_kind": kind,
            "received_on": TODAY,
            "donor_name": donor,
        }
        await api.post(receipts, receipt, expect=201)
    shown = (await api.get(f"/api/v1/donation-campaigns/{campaign['id']}", expect=200)).json()
    assert (shown["received_fen"], shown["receipts"]) == (4_546_000, 2)
    assert shown["by_donor_kind"] == {"employer": 2_000_000, "individual": 2_546_000}
    auditor = person_token(api, "auditor-1", tree.city, "auditor")
    listed = (await api.get(receipts, headers=auditor, expect=200)).json()["items"]
    assert {item["donor_name"] for item in listed} == {"某*******", "张**"}
    before = await aid_counts(database_url)
    for bad, field in ((0, "amount_fen"), (12.5, "amount_fen")):
        receipt = {"amount_fen": bad, "donor_kind": "other", "received_on": TODAY}
        assert_problem(await api.post(receipts, receipt), 422, field=field)
    assert await aid_counts(database_url) == before
    await api.relay()
    received = await published(nats_url, "assistance.donation.received")
    assert sorted(e.data["amount_fen"] for e in received) == [2_000_000, 2_546_000]
    raw = " ".join(e.model_dump_json() for e in received)
    assert "张三丰" not in raw
    assert "某某科技" not in raw
    [opened] = await published(nats_url, "assistance.donation.campaign_opened")
    assert (opened.data["name"], opened.data["target_fen"]) == ("春节送温暖募捐", 5_000_000)


async def test_enrolment_once_per_member_and_year_with_claims_and_figures(
    api: Api, tree: Tree, database_url: str, nats_url: str
) -> None:
    member_a = await admit(api, tree.union_a, tree.employer_a)
    member_b = await admit(api, tree.union_b, tree.employer_b)

    async def replicated() -> bool:  # a fetch can come back empty on a loaded machine
        await api.drain()
        return await count(database_url, "member_replica") == 2

    await eventually(replicated, what="both members in the replica")
    enrolments = []
    for member in (member_a, member_b):
        body = {
            "member_id": member,
            "scheme_year": YEAR,
            "premium_fen": 6_000,
            "enrolled_on": TODAY,
        }
        enrolments.append((await api.post("/api/v1/insurance/enrolments", body, expect=201)).json())
    again = {"member_id": member_a, "scheme_year": YEAR, "premium_fen": 6_000, "enrolled_on": TODAY}
    assert_problem(await api.post("/api/v1/insurance/enrolments", again), 409, field="member_id")
    claim = {
        "enrolment_id": enrolments[0]["id"],
        "claim_kind": "inpatient",
        "amount_fen": 150_000,
        "paid_on": TODAY,
    }
    await api.post("/api/v1/insurance/claims", claim, expect=201)
    bad_claim = {**claim, "amount_fen": -1}
    assert_problem(await api.post("/api/v1/insurance/claims", bad_claim), 422, field="amount_fen")
    whole = (await api.get("/api/v1/insurance/figures", expect=200, scheme_year=YEAR)).json()
    assert (whole["enrolments"], whole["premiums_fen"], whole["claims"], whole["claims_fen"]) == (
        2,
        12_000,
        1,
        150_000,
    )
    assert whole["claims_by_kind"] == {"inpatient": {"count": 1, "amount_fen": 150_000}}
    community_b = (
        await api.get(
            "/api/v1/insurance/figures", expect=200, scheme_year=YEAR, org_id=tree.community_b
        )
    ).json()
    assert (community_b["enrolments"], community_b["claims"]) == (1, 0)
    officer_b = person_token(api, "officer-b", tree.community_b)
    seen = await api.get("/api/v1/insurance/enrolments", headers=officer_b, expect=200)
    assert [e["member_id"] for e in seen.json()["items"]] == [member_b]
    await api.relay()
    assert len(await published(nats_url, "assistance.insurance.enrolled")) == 2
    [paid] = await published(nats_url, "assistance.insurance.claim_paid")
    assert (paid.data["member_id"], paid.data["amount_fen"]) == (member_a, 150_000)
