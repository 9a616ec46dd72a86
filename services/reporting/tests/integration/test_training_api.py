"""The training statistics API: per-child breakdown, roles, scope, errors, OpenAPI, readiness."""

from __future__ import annotations

import pytest

from .training_world import STATISTICS, TrainingApi, training_api, training_world

pytestmark = pytest.mark.integration
__all__ = ["training_api", "training_world"]
CHILDREN = f"{STATISTICS}/children"


async def test_children_are_the_communities_and_the_total_is_the_street(
    training_api: TrainingApi,
) -> None:
    s = training_api.street
    body = await training_api.json(CHILDREN, "training_coordinator", s.s1, org_id=str(s.s1),
                                   period="2024H1")  # fmt: skip
    assert [c["name"] for c in body["children"]] == ["汉中门社区工联会", "石鼓路社区工联会"]
    for child in body["children"]:
        alone = await training_api.figures(child["org_id"], period="2024H1")
        assert child == alone
    total = body["total"]
    assert (total["name"], total["date_from"], total["stock_date"]) == (
        "新街口街道总工会", "2024-01-01", "2024-06-30",
    )  # fmt: skip
    # The street's own fairs and posting are in its total but in no community's row.
    fairs = [c["employment"]["fairs"] for c in body["children"]]
    assert (fairs, total["employment"]["fairs"]) == ([0, 1], 3)
    placements = [c["employment"]["placements"] for c in body["children"]]
    assert (placements, total["employment"]["placements"]) == ([2, 3], 5)


async def test_a_community_cadre_sees_its_own_community_only(training_api: TrainingApi) -> None:
    s = training_api.street
    for role in ("union_cadre", "training_coordinator"):
        own = await training_api.json(STATISTICS, role, s.a, org_id=str(s.a), period="2024H1")
        assert own["courses"]["trainees"] == 8
        for other in (s.b, s.s1, s.district):
            for path in (STATISTICS, CHILDREN, f"{STATISTICS}/export"):
                denied = await training_api.get(path, role, s.a, org_id=str(other),
                                                period="2024H1")  # fmt: skip
                assert denied.status_code == 404, (role, other, path)
                assert denied.headers["content-type"] == "application/problem+json"
    street = await training_api.json(CHILDREN, "union_cadre", s.s1, org_id=str(s.s1),
                                     period="2024Q1")  # fmt: skip
    assert [c["courses"]["trainees"] for c in street["children"]] == [5, 4]


async def test_roles_and_bad_input(training_api: TrainingApi) -> None:
    s = training_api.street
    query = {"org_id": str(s.s1), "period": "2024"}
    for role in ("city_admin", "analyst", "union_cadre", "training_coordinator", "auditor"):
        org = None if role == "city_admin" else s.district
        assert (await training_api.get(STATISTICS, role, org, **query)).status_code == 200, role
    for role in ("mediator", "assistance_officer"):
        refused = await training_api.get(STATISTICS, role, s.district, **query)
        assert refused.status_code == 403, role
    anonymous = await training_api.http.get(STATISTICS, params={**query, "period": "2024H3"})
    assert anonymous.status_code == 401
    bad = await training_api.get(STATISTICS, org_id=str(s.s1), period="2024H3")
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "period"
    early = await training_api.get(STATISTICS, org_id=str(s.s1), period="2024H1",
                                   as_of="2023-12-31")  # fmt: skip
    assert early.status_code == 422
    unknown = await training_api.get(STATISTICS, org_id=str(s.ids["pA1"]), period="2024")
    assert unknown.status_code == 404


async def test_openapi_documents_the_routes_and_their_problems(training_api: TrainingApi) -> None:
    schema = (await training_api.http.get("/openapi.json")).json()
    for path in (STATISTICS, f"{STATISTICS}/children", f"{STATISTICS}/export"):
        operation = schema["paths"][path]["get"]
        assert operation["summary"], path
        assert operation["description"], path
        for status in ("401", "403", "404", "422"):
            content = operation["responses"][status]["content"]["application/problem+json"]
            assert content["schema"]["$ref"] == "#/components/schemas/ProblemDetails"
    courses = schema["components"]["schemas"]["CoursesView"]["properties"]
    assert courses["trainees"]["description"].startswith("培训人次")


async def test_readiness_reports_the_training_consumer(training_api: TrainingApi) -> None:
    response = await training_api.http.get("/readyz")
    assert response.status_code == 200, response.text
    training = response.json()["checks"]["training_consumer"]["detail"]
    assert training["last_applied_sequence"] == len(training_api.world.events)
    assert training["pending"] == 0
