"""The mediation statistics API: figures in fen, per child and per period, roles, scope, readiness.

Expected figures are those worked out by hand in ``test_dispute_scenario.py``.
"""

from __future__ import annotations

import pytest

from .dispute_world import Api, api, world

pytestmark = pytest.mark.integration
__all__ = ["api", "world"]
STATISTICS = "/api/v1/statistics/disputes"


async def test_a_mediator_reads_the_street_half_year_in_fen(api: Api) -> None:
    s = api.street
    body = await api.json(STATISTICS, "mediator", s.s1, org_id=str(s.s1), period="2024H1")
    assert (body["name"], body["date_from"], body["stock_date"]) == (
        "新街口街道总工会", "2024-01-01", "2024-06-30",
    )  # fmt: skip
    assert body["contacts"] == {
        "contacts": 8, "workers": 33,
        "by_channel": {"visit": 4, "phone": 1, "online": 1, "letter": 1, "referred_by_superior": 1},
    }  # fmt: skip
    assert body["cases"] == {
        "received": 10, "accepted": 9,
        "by_category": {"labour_contract": 1, "wages": 4, "work_injury": 1,
                        "social_insurance": 1, "dismissal": 2, "other": 0},
        "workers": 46, "migrant_workers": 35, "collective": 2, "claimed_fen": 113_300_000,
        "declined": 1, "withdrawn": 1,
    }  # fmt: skip
    assert body["outcomes"] == {
        "closed": 9, "closure_rate": "100.0", "settled": 6, "settlement_rate": "66.7",
        "failed": 2, "agreed_fen": 81_500_000, "referred": {"arbitration": 1, "court": 1},
        "legal_aid": 3,
        "legal_aid_by_stage": {"arbitration": 2, "first_instance": 1, "second_instance": 0},
        "recovered_fen": 54_800_000,
    }  # fmt: skip
    assert body["overdue"] == {"open_overdue": 1, "notices": 2}
    # One extension of each reason in the half-year (K0's v1 one, in December, is not).
    assert body["extensions"] == {
        "extensions": 6,
        "by_reason": {"further_investigation": 1, "party_request": 1, "awaiting_evidence": 1,
                      "settlement_near": 1, "other": 1, "unknown": 1},
    }  # fmt: skip


async def test_children_with_an_undefined_rate_and_an_as_of_date(api: Api) -> None:
    s = api.street
    breakdown = await api.json(f"{STATISTICS}/children", org_id=str(s.district), period="2024Q2")
    children = {row["name"]: row for row in breakdown["children"]}
    assert list(children) == ["新街口街道总工会", "梅园街道总工会"]
    quiet = children["梅园街道总工会"]["outcomes"]
    assert (quiet["closed"], quiet["closure_rate"], quiet["settlement_rate"]) == (0, None, None)
    assert children["新街口街道总工会"]["outcomes"]["closure_rate"] == "125.0"
    assert breakdown["total"]["contacts"]["contacts"] == 3
    street = await api.json(f"{STATISTICS}/children", org_id=str(s.s1), period="2024H1",
                            as_of="2024-04-15")  # fmt: skip
    b = next(row for row in street["children"] if row["org_id"] == str(s.b))
    assert (b["stock_date"], b["overdue"]["open_overdue"], b["outcomes"]["closure_rate"]) == (
        "2024-04-15", 1, "33.3",
    )  # fmt: skip
    # As of 04-15, B's K6 其他 (01-30) and K7 等待鉴定或证据 (04-10); K8's (05-16) is later.
    assert b["extensions"]["by_reason"] == {
        "further_investigation": 0, "party_request": 0, "awaiting_evidence": 1,
        "settlement_near": 0, "other": 1, "unknown": 0,
    }  # fmt: skip


async def test_periods_split_a_half_year_into_quarters(api: Api) -> None:
    s = api.street
    body = await api.json(f"{STATISTICS}/periods", org_id=str(s.s1), period="2024H1")
    parts = [(p["label"], p["figures"]["cases"]["accepted"], p["figures"]["outcomes"]["closed"])
             for p in body["periods"]]  # fmt: skip
    assert parts == [("2024年第一季度", 5, 4), ("2024年第二季度", 4, 5)]
    assert body["total"]["cases"]["accepted"] == 9
    cut = await api.json(f"{STATISTICS}/periods", org_id=str(s.s1), period="2024H1",
                         as_of="2024-02-10")  # fmt: skip
    assert [p["label"] for p in cut["periods"]] == ["2024年第一季度（截至2024年2月10日）"]
    months = await api.json(f"{STATISTICS}/periods", org_id=str(s.b), period="2024Q1")
    assert [p["figures"]["cases"]["accepted"] for p in months["periods"]] == [1, 0, 1]


async def test_community_cadres_and_mediators_see_their_own_subtree_only(api: Api) -> None:
    s = api.street
    for role in ("mediator", "union_cadre"):
        own = await api.json(STATISTICS, role, s.a, org_id=str(s.a), period="2024H1")
        assert own["cases"]["accepted"] == 4
        for other in (s.b, s.s1, s.c2, s.district):
            denied = await api.get(STATISTICS, role, s.a, org_id=str(other), period="2024H1")
            assert denied.status_code == 404, (role, other)
            assert denied.headers["content-type"] == "application/problem+json"
        children = await api.get(f"{STATISTICS}/children", role, s.a, org_id=str(s.s1),
                                 period="2024H1")  # fmt: skip
        assert children.status_code == 404


async def test_roles_without_dispute_access_get_403(api: Api) -> None:
    s = api.street
    for role in ("assistance_officer", "training_coordinator"):
        for path in ("", "/children", "/periods", "/export"):
            response = await api.get(f"{STATISTICS}{path}", role, s.district, org_id=str(s.s1),
                                     period="2024H1")  # fmt: skip
            assert response.status_code == 403, (role, path)
    for role in ("analyst", "auditor"):
        response = await api.get(STATISTICS, role, s.district, org_id=str(s.s1), period="2024")
        assert response.status_code == 200, role
    anonymous = await api.http.get(STATISTICS, params={"org_id": str(s.s1), "period": "2024"})
    assert anonymous.status_code == 401
    bad = await api.get(STATISTICS, org_id=str(s.s1), period="2024Q5")
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "period"


async def test_readiness_reports_the_disputes_consumer(api: Api) -> None:
    response = await api.http.get("/readyz")
    assert response.status_code == 200, response.text
    disputes = response.json()["checks"]["disputes_consumer"]["detail"]
    assert disputes["last_applied_sequence"] == len(api.world.events)
    assert disputes["pending"] == 0
