"""The whole life of a hardship file through the API, and what it publishes."""

from __future__ import annotations

from typing import Any

import pytest
from assistance.entrypoints.periodic import flag_all_overdue

from .bodies import household_body
from .conftest import Api, Tree, admit
from .probes import assert_problem, fetch, published

pytestmark = pytest.mark.integration
BASE = "/api/v1/households"


async def open_draft(api: Api, tree: Tree, seq: int, **extra: Any) -> dict[str, Any]:
    extra.setdefault("org_id", tree.union_a)
    body = household_body(seq, **extra)
    return (await api.post(BASE, body, headers=tree.officer(api), expect=201)).json()  # type: ignore[no-any-return]


async def act(
    api: Api,
    tree: Tree,
    household_id: str,
    action: str,
    body: dict[str, Any] | None = None,
    *,
    expect: int = 200,
) -> dict[str, Any]:
    response = await api.post(
        f"{BASE}/{household_id}/{action}", body, headers=tree.officer(api), expect=expect
    )
    return response.json()  # type: ignore[no-any-return]


async def test_draft_return_complete_file_reverify_exit(
    api: Api, tree: Tree, nats_url: str
) -> None:
    member = await admit(api, tree.union_a, tree.employer_a)
    draft = await open_draft(api, tree, 1, member_id=member, org_id=None)
    assert (draft["status"], draft["org_id"], draft["employer_id"]) == (
        "draft",
        tree.union_a,
        tree.employer_a,
    )
    assert draft["head"]["name"] == "李**"
    assert draft["head"]["id_number"].count("*") == 8
    hid = draft["id"]
    assert (await act(api, tree, hid, "submit"))["status"] == "submitted"
    returned = await act(api, tree, hid, "return", {"note": "请补充医院诊断证明"})
    assert (returned["status"], returned["return_note"]) == ("returned", "请补充医院诊断证明")
    edited = await api.client.patch(
        f"{BASE}/{hid}", json={"causes": ["illness", "disability"]}, headers=tree.officer(api)
    )
    assert edited.status_code == 200, edited.text
    await act(api, tree, hid, "submit")
    on_file = await act(api, tree, hid, "file")
    assert (on_file["status"], on_file["causes"]) == ("filed", ["illness", "disability"])
    assert on_file["review_due_on"] is not None
    assert_problem(await api.post(f"{BASE}/{hid}/formalise", headers=tree.officer(api)), 422)
    reverified = await act(
        api, tree, hid, "reverify", {"level": "relative", "monthly_income_per_capita_fen": 150000}
    )
    assert reverified["level"] == "relative"
    assert (await act(api, tree, hid, "exit", {"reason": "reemployed"}))["status"] == "exited"
    assert_problem(
        await api.post(f"{BASE}/{hid}/cancel", {"reason": "other"}, headers=tree.officer(api)), 422
    )
    await api.relay()
    types = [e.type for e in await published(nats_url, "assistance.household.filed")]
    assert types == ["assistance.household.filed"]
    filed_event = (await published(nats_url, "assistance.household.filed"))[0]
    assert filed_event.subject == hid
    assert filed_event.data["head_member_id"] == member
    assert filed_event.data["family_size"] == 3
    reverified_event = (await published(nats_url, "assistance.household.reverified"))[0]
    assert (reverified_event.data["previous_level"], reverified_event.data["level"]) == (
        "deep",
        "relative",
    )
    exited = await published(nats_url, "assistance.household.exited")
    assert [e.aggregateversion for e in exited] == [reverified_event.aggregateversion + 1]


async def test_temporary_file_made_formal_and_drafts_cancelled(
    api: Api, tree: Tree, nats_url: str
) -> None:
    temporary = await open_draft(
        api, tree, 2, temporary=True, level="accident", causes=["accident"]
    )
    await act(api, tree, temporary["id"], "submit")
    await act(api, tree, temporary["id"], "file")
    formal = await act(api, tree, temporary["id"], "formalise")
    assert formal["temporary"] is False
    draft = await open_draft(api, tree, 3)
    cancelled = await act(api, tree, draft["id"], "cancel", {"reason": "duplicate"})
    assert (cancelled["status"], cancelled["close_reason"]) == ("cancelled", "duplicate")
    await api.relay()
    assert len(await published(nats_url, "assistance.household.formalised")) == 1
    # A draft never on file is withdrawn without telling anyone.
    assert await published(nats_url, "assistance.household.cancelled") == []


async def test_list_filters_and_overdue_flagging(
    api: Api, tree: Tree, database_url: str, nats_url: str
) -> None:
    old = await open_draft(api, tree, 4)
    recent = await open_draft(api, tree, 5, level="relative")
    await open_draft(api, tree, 6)
    for household in (old, recent):
        await act(api, tree, household["id"], "submit")
        await act(api, tree, household["id"], "file")
    await fetch(
        database_url,
        "UPDATE households SET last_verified_on = current_date - 400 WHERE id = $1::uuid",
        old["id"],
    )
    officer = tree.officer(api)

    async def listed(**params: Any) -> list[str]:
        page = (await api.get(BASE, headers=officer, expect=200, **params)).json()
        assert page["total"] == len(page["items"])
        return [item["id"] for item in page["items"]]

    assert len(await listed()) == 3
    assert await listed(status="filed", level="relative") == [recent["id"]]
    assert await listed(overdue_review="true") == [old["id"]]
    assert await listed(org_id=tree.community_a, status="draft", limit=1, offset=0) != []
    assert await listed(needs_review="true") == []
    assert await flag_all_overdue(api.container) == 1
    assert await flag_all_overdue(api.container) == 0
    assert await listed(needs_review="true") == [old["id"]]
    await api.relay()
    [flagged] = await published(nats_url, "assistance.household.flagged")
    assert (flagged.subject, flagged.data["flag"]) == (old["id"], "not_reviewed_12_months")
    await act(
        api, tree, old["id"], "reverify", {"level": "deep", "monthly_income_per_capita_fen": 0}
    )
    assert await listed(needs_review="true") == []
    assert await listed(overdue_review="true") == []
