"""Paper files entered late keep their own dates: filing, re-verification and exit are dated."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from shared.identifiers import today_in_china

from .conftest import Api, Tree
from .probes import assert_problem, published
from .test_household_lifecycle import BASE, act, open_draft

pytestmark = pytest.mark.integration


async def test_steps_take_the_date_they_happened_on(api: Api, tree: Tree, nats_url: str) -> None:
    today = today_in_china()
    filed_on, reverified_on = today - timedelta(days=400), today - timedelta(days=30)
    hid = (await open_draft(api, tree, 41))["id"]
    await act(api, tree, hid, "submit")
    on_file = await act(api, tree, hid, "file", {"effective_on": filed_on.isoformat()})
    assert on_file["filed_on"] == filed_on.isoformat()
    overdue = await api.get(f"{BASE}?overdue_review=true", headers=tree.officer(api))
    assert [item["id"] for item in overdue.json()["items"]] == [hid]

    reverified = await act(
        api, tree, hid, "reverify",
        {"level": "relative", "monthly_income_per_capita_fen": 120000,
         "effective_on": reverified_on.isoformat()},
    )  # fmt: skip
    assert reverified["last_verified_on"] == reverified_on.isoformat()
    await api.relay()
    filed = (await published(nats_url, "assistance.household.filed"))[0]
    assert date.fromisoformat(filed.data["occurred_on"]) == filed_on
    again = (await published(nats_url, "assistance.household.reverified"))[0]
    assert date.fromisoformat(again.data["occurred_on"]) == reverified_on


async def test_a_future_date_or_one_before_the_last_step_is_refused(api: Api, tree: Tree) -> None:
    today = today_in_china()
    hid = (await open_draft(api, tree, 42))["id"]
    await act(api, tree, hid, "submit")
    future = {"effective_on": (today + timedelta(days=1)).isoformat()}
    response = await api.post(f"{BASE}/{hid}/file", future, headers=tree.officer(api))
    assert_problem(response, 422, field="effective_on")
    still = await api.get(f"{BASE}/{hid}", headers=tree.officer(api))
    assert still.json()["status"] == "submitted"

    filed_on = today - timedelta(days=10)
    await act(api, tree, hid, "file", {"effective_on": filed_on.isoformat()})
    before = {"reason": "reemployed", "effective_on": (filed_on - timedelta(days=1)).isoformat()}
    response = await api.post(f"{BASE}/{hid}/exit", before, headers=tree.officer(api))
    assert_problem(response, 422, field="effective_on")
    exited = await act(api, tree, hid, "exit", {"reason": "reemployed"})
    assert (exited["status"], exited["closed_on"]) == ("exited", today.isoformat())
