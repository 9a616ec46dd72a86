"""The assistance statistics API: figures in fen, per-child breakdown, roles, scope, readiness."""

from __future__ import annotations

import pytest

from .assistance_world import Api, api, world

pytestmark = pytest.mark.integration
__all__ = ["api", "world"]
STATISTICS = "/api/v1/statistics/assistance"


async def test_an_assistance_officer_reads_the_street_in_fen(api: Api) -> None:
    s = api.street
    body = await api.json(STATISTICS, "assistance_officer", s.district,
                          org_id=str(s.s1), period="2024H1")  # fmt: skip
    assert (body["name"], body["date_from"], body["stock_date"]) == (
        "新街口街道总工会", "2024-01-01", "2024-06-30",
    )  # fmt: skip
    assert body["households"] == {"on_file": 36, "deep": 14, "relative": 17, "accident": 5,
                                  "temporary": 0, "filed": 8, "exited": 1, "cancelled": 0}  # fmt: skip
    aid = body["aid"]
    assert (aid["payments"], aid["amount_fen"]) == (39, 2_700_000)
    assert aid["by_programme"]["festival_consolation"] == {"payments": 38, "amount_fen": 1_900_000}
    assert aid["by_programme"]["summer_relief"] == {"payments": 0, "amount_fen": 0}
    # H9 was paid at the festival and again for its medical aid: 39 人次, 38 人数.
    assert (aid["people"], aid["employers"]) == (38, 12)
    visits = body["visits"]
    assert (visits["visits"], visits["households"], visits["employers"]) == (39, 38, 12)
    assert visits["people"] == 38
    assert visits["by_occasion"]["festival"] == 38
    assert body["donations"] == {"receipts": 2, "amount_fen": 4_546_000}
    assert body["insurance"] == {"enrolled_members": 10, "enrolments": 10, "premium_fen": 50_000,
                                 "claims": 2, "claims_fen": 150_050}  # fmt: skip


async def test_a_household_paid_twice_is_two_times_and_one_person(api: Api) -> None:
    s = api.street
    # Union UA: H1–H24 paid at the festival (E1–E7), H9 paid medical aid on 04-10 too.
    body = await api.json(STATISTICS, org_id=str(s.ua), period="2024H1")
    assert (body["aid"]["payments"], body["aid"]["people"], body["aid"]["employers"]) == (25, 24, 7)
    april = await api.json(STATISTICS, org_id=str(s.ua), date_from="2024-04-01",
                           date_to="2024-04-30")  # fmt: skip
    assert (april["aid"]["payments"], april["aid"]["people"], april["aid"]["employers"]) == (
        1,
        1,
        1,
    )
    assert (april["visits"]["visits"], april["visits"]["people"]) == (1, 1)
    before = await api.json(STATISTICS, org_id=str(s.ua), period="2023")
    assert (before["aid"]["payments"], before["aid"]["people"], before["aid"]["employers"]) == (
        0,
        0,
        0,
    )


async def test_children_and_as_of_dates(api: Api) -> None:
    s = api.street
    breakdown = await api.json(f"{STATISTICS}/children", org_id=str(s.s1), period="2024H2")
    children = {row["name"]: row for row in breakdown["children"]}
    assert list(children) == ["汉中门社区工联会", "石鼓路社区工联会"]
    assert (
        children["汉中门社区工联会"]["aid"]["by_programme"]["student_aid"]["amount_fen"] == 600_000
    )
    assert children["石鼓路社区工联会"]["households"]["exited"] == 1
    assert breakdown["total"]["aid"]["payments"] == 5
    for as_of, on_file in (("2024-05-19", 0), ("2024-05-20", 1)):
        body = await api.json(STATISTICS, org_id=str(s.s2), period="2024H1", as_of=as_of)
        assert body["households"]["on_file"] == on_file, as_of


async def test_community_officers_and_cadres_see_their_own_subtree_only(api: Api) -> None:
    s = api.street
    for role in ("assistance_officer", "union_cadre"):
        own = await api.json(STATISTICS, role, s.a, org_id=str(s.a), period="2024H1")
        assert own["households"]["on_file"] == 22
        children = await api.json(f"{STATISTICS}/children", role, s.a, org_id=str(s.a),
                                  period="2024H1")  # fmt: skip
        assert [row["org_id"] for row in children["children"]] == [str(s.ua)]
        for other in (s.s1, s.b, s.ub, s.district):
            denied = await api.get(STATISTICS, role, s.a, org_id=str(other), period="2024H1")
            assert denied.status_code == 404, (role, other)
            assert denied.headers["content-type"] == "application/problem+json"


async def test_roles_and_bad_input(api: Api) -> None:
    s = api.street
    for role in ("city_admin", "analyst", "auditor"):
        org = None if role == "city_admin" else s.district
        response = await api.get(STATISTICS, role, org, org_id=str(s.s1), period="2024")
        assert response.status_code == 200, role
    assert (await api.get(STATISTICS, "mediator", s.district, org_id=str(s.s1),
                          period="2024")).status_code == 403  # fmt: skip
    anonymous = await api.http.get(STATISTICS, params={"org_id": str(s.s1), "period": "2024"})
    assert anonymous.status_code == 401
    bad = await api.get(STATISTICS, org_id=str(s.s1), period="2024H3")
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "period"
    assert (await api.get(STATISTICS, org_id=str(s.heads[1]), period="2024")).status_code == 404


async def test_readiness_reports_both_consumers(api: Api) -> None:
    response = await api.http.get("/readyz")
    assert response.status_code == 200, response.text
    checks = response.json()["checks"]
    assistance = checks["assistance_consumer"]["detail"]
    assert assistance["last_applied_sequence"] == len(api.world.events)
    assert assistance["pending"] == 0
    assert checks["membership_consumer"]["detail"]["pending"] == 0
