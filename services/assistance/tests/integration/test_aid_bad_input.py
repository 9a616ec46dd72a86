"""Bad input and callers not entitled get a clear problem+json, and nothing is written."""

from __future__ import annotations

from typing import Any

import pytest

from .aid_flow import (
    YEAR,
    aid_counts,
    allocate,
    person_token,
    seed_filed_households,
    submit,
    support_and_pass,
)
from .conftest import Api, Tree
from .probes import assert_problem

pytestmark = pytest.mark.integration


@pytest.mark.parametrize(
    ("amount", "programme", "field"),
    [
        (-100, "medical_aid", "amount_fen"),
        (100.5, "medical_aid", "amount_fen"),
        ("100", "medical_aid", "amount_fen"),
        (100, "lottery", "programme"),
    ],
)
async def test_bad_budgets_write_nothing(
    api: Api, tree: Tree, database_url: str, amount: Any, programme: str, field: str
) -> None:
    before = await aid_counts(database_url)
    body = {"org_id": tree.street, "programme": programme, "year": YEAR, "amount_fen": amount}
    assert_problem(await api.post("/api/v1/budgets", body), 422, field=field)
    assert await aid_counts(database_url) == before


async def test_bad_applications_write_nothing(api: Api, tree: Tree, database_url: str) -> None:
    [household] = await seed_filed_households(database_url, tree.union_a, 1)
    before = await aid_counts(database_url)
    for requested, programme, field in (
        (0, "medical_aid", "requested_fen"),
        (-5, "medical_aid", "requested_fen"),
        (99.9, "medical_aid", "requested_fen"),
        (100, "lottery", "programme"),
    ):
        body = {"programme": programme, "household_id": household, "requested_fen": requested}
        response = await api.post("/api/v1/applications", body, headers=tree.officer(api))
        assert_problem(response, 422, field=field)
    nobody = {"programme": "student_aid", "requested_fen": 100}
    assert_problem(
        await api.post("/api/v1/applications", nobody, headers=tree.officer(api)),
        422,
        field="household_id",
    )
    assert await aid_counts(database_url) == before


async def test_approvals_by_callers_not_entitled_write_nothing(
    api: Api, tree: Tree, database_url: str
) -> None:
    await allocate(api, tree.street, 100_000)
    [household] = await seed_filed_households(database_url, tree.union_a, 1)
    application_id = await submit(api, tree, household)
    await support_and_pass(api, tree, application_id)
    before = await aid_counts(database_url)
    path = f"/api/v1/applications/{application_id}/approve"
    body = {"approved_fen": 10_000, "budget_org_id": tree.street}
    for role in ("analyst", "union_cadre", "auditor", "mediator"):
        refused = await api.post(
            path, body, headers=person_token(api, f"{role}-1", tree.district, role)
        )
        assert_problem(refused, 403)
    the_reviewer = person_token(api, "officer-street", tree.street)
    refused = await api.post(path, body, headers=the_reviewer)
    problem = assert_problem(refused, 403, field="step")
    assert problem["type"].endswith("segregation_of_duties")
    for amount, field in ((-1, "approved_fen"), (10.5, "approved_fen"), (50_001, "approved_fen")):
        bad = {"approved_fen": amount, "budget_org_id": tree.street}
        answer = await api.post(
            path, bad, headers=person_token(api, "officer-district", tree.district)
        )
        assert_problem(answer, 422, field=field)
    elsewhere = person_token(api, "officer-b", tree.community_b)
    assert_problem(await api.post(path, body, headers=elsewhere), 404, field="application_id")
    assert await aid_counts(database_url) == before
    detail = await api.get(f"/api/v1/applications/{application_id}", expect=200)
    assert detail.json()["status"] == "reviewed"


async def test_steps_out_of_order_and_unknown_reasons_write_nothing(
    api: Api, tree: Tree, database_url: str
) -> None:
    await allocate(api, tree.street, 100_000)
    [household] = await seed_filed_households(database_url, tree.union_a, 1)
    application_id = await submit(api, tree, household)
    before = await aid_counts(database_url)
    base = f"/api/v1/applications/{application_id}"
    district = person_token(api, "officer-district", tree.district)
    body = {"approved_fen": 100, "budget_org_id": tree.street}
    assert_problem(await api.post(f"{base}/approve", body, headers=district), 422, field="step")
    reject = {"reason": "dislike"}
    assert_problem(await api.post(f"{base}/reject", reject, headers=district), 422, field="reason")
    community = person_token(api, "officer-a2", tree.community_a)
    review = await api.post(f"{base}/review", {"passed": True}, headers=community)
    assert_problem(review, 422, field="step")
    assert await aid_counts(database_url) == before


async def test_a_rejection_ends_the_chain_with_its_reason(
    api: Api, tree: Tree, database_url: str
) -> None:
    [household] = await seed_filed_households(database_url, tree.union_a, 1)
    application_id = await submit(api, tree, household)
    await support_and_pass(api, tree, application_id)
    district = person_token(api, "officer-district", tree.district)
    body = {"reason": "insufficient_documents", "note": "缺少诊断证明"}
    rejected = await api.post(
        f"/api/v1/applications/{application_id}/reject", body, headers=district, expect=200
    )
    shown = rejected.json()
    assert (shown["status"], shown["rejected_step"], shown["rejection_reason"]) == (
        "rejected",
        "approval",
        "insufficient_documents",
    )
    assert shown["rejection_note"] == "缺少诊断证明"
    auditor = await api.get(
        f"/api/v1/applications/{application_id}",
        headers=person_token(api, "auditor-1", tree.city, "auditor"),
        expect=200,
    )
    assert auditor.json()["rejection_note"] is None
    again = await api.post(
        f"/api/v1/applications/{application_id}/approve",
        {"approved_fen": 100, "budget_org_id": tree.street},
        headers=district,
    )
    assert_problem(again, 422)
