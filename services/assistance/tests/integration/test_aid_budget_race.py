"""Two approvals racing for the last of a budget cannot overspend it."""

from __future__ import annotations

import asyncio

import pytest

from .aid_flow import allocate, approver, seed_filed_households, submit, support_and_pass
from .conftest import Api, Tree
from .probes import assert_problem, count, fetch

pytestmark = pytest.mark.integration


async def test_ten_approvals_racing_for_three_shares(
    api: Api, tree: Tree, database_url: str
) -> None:
    await allocate(api, tree.street, 3 * 20_000)
    households = await seed_filed_households(database_url, tree.union_a, 10)
    applications = [await submit(api, tree, h, 20_000) for h in households]
    for application_id in applications:
        await support_and_pass(api, tree, application_id)
    outbox_before = await count(database_url, "outbox")
    body = {"approved_fen": 20_000, "budget_org_id": tree.street}
    answers = await asyncio.gather(
        *(
            api.client.post(
                f"/api/v1/applications/{a}/approve", json=body, headers=approver(api, tree)
            )
            for a in applications
        )
    )
    statuses = sorted(a.status_code for a in answers)
    assert statuses == [200] * 3 + [409] * 7
    for refused in (a for a in answers if a.status_code == 409):
        assert_problem(refused, 409, field="approved_fen")
    [budget] = await fetch(
        database_url, "SELECT amount_fen, reserved_fen, paid_fen FROM aid_budgets"
    )
    assert (budget["reserved_fen"], budget["paid_fen"]) == (budget["amount_fen"], 0)
    assert await count(database_url, "aid_applications", "status = 'approved'") == 3
    assert await count(database_url, "aid_applications", "status = 'reviewed'") == 7
    assert await count(database_url, "outbox") == outbox_before + 3
