"""Membership changes of a head of household, end to end through NATS: real membership
CloudEvents on the MEMBERSHIP stream, the real consumer, the real relay onto ASSISTANCE."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import pytest
from shared.contracts import membership as contracts
from shared.contracts.envelope import CloudEvent

from .bodies import household_body
from .conftest import Api, Tree, admit
from .probes import count, fetch, published

pytestmark = pytest.mark.integration
BASE = "/api/v1/households"


async def filed_for(api: Api, tree: Tree, seq: int, member: str) -> str:
    officer = tree.officer(api)
    hid = (
        await api.post(BASE, household_body(seq, member_id=member), headers=officer, expect=201)
    ).json()["id"]
    await api.post(f"{BASE}/{hid}/submit", headers=officer, expect=200)
    await api.post(f"{BASE}/{hid}/file", headers=officer, expect=200)
    return str(hid)


async def file_row(database_url: str, hid: str) -> dict[str, Any]:
    [row] = await fetch(
        database_url,
        "SELECT org_id::text, employer_id::text, status, flags, version FROM households WHERE id = $1::uuid",
        hid,
    )
    return dict(row)


async def test_transfer_relocates_the_file_and_duplicates_change_nothing(
    api: Api, tree: Tree, database_url: str, nats_url: str
) -> None:
    member = await admit(api, tree.union_a, tree.employer_a)
    hid = await filed_for(api, tree, 1, member)
    transferred = await api.publish(
        contracts.MemberTransferred(
            org_id=uuid.UUID(tree.union_b),
            occurred_on=date(2025, 5, 1),
            member_id=uuid.UUID(member),
            transfer_id=uuid.uuid4(),
            from_union_id=uuid.UUID(tree.union_a),
            to_union_id=uuid.UUID(tree.union_b),
            employer_id=uuid.UUID(tree.employer_b),
            reason="job_change",
        ),
        member,
    )
    assert await api.drain() == 1
    moved = await file_row(database_url, hid)
    assert (moved["org_id"], moved["employer_id"], moved["status"]) == (
        tree.union_b,
        tree.employer_b,
        "filed",
    )
    await api.get(f"{BASE}/{hid}", headers=tree.officer(api), expect=404)
    await api.get(f"{BASE}/{hid}", headers=tree.officer(api, tree.community_b), expect=200)
    await api.relay()
    [relocated] = await published(nats_url, "assistance.household.relocated")
    assert relocated.subject == hid
    assert relocated.causationid == transferred.id
    assert relocated.data == {
        "org_id": tree.union_b,
        "occurred_on": "2025-05-01",
        "household_id": hid,
        "from_org_id": tree.union_a,
        "reason": "head_transferred",
    }
    outbox = await count(database_url, "outbox")
    # The same event again (past JetStream's duplicate window: another message id) …
    await api.republish(transferred, msg_id=str(uuid.uuid4()))
    # … and an older event re-published under a new id: neither changes anything.
    admitted_again = CloudEvent(
        **{**transferred.model_dump(), "id": str(uuid.uuid4()), "aggregateversion": 1}
    )
    await api.republish(admitted_again)
    assert await api.drain() == 2
    assert await file_row(database_url, hid) == moved
    assert await count(database_url, "outbox") == outbox
    [replica] = await fetch(
        database_url,
        "SELECT org_id::text, version FROM member_replica WHERE member_id = $1::uuid",
        member,
    )
    assert (replica["org_id"], replica["version"]) == (tree.union_b, 2)


async def test_leaving_flags_the_file_for_review_and_retention_too(
    api: Api, tree: Tree, database_url: str, nats_url: str
) -> None:
    leaver = await admit(api, tree.union_a, tree.employer_a)
    retiree = await admit(api, tree.union_a, tree.employer_a)
    left_file = await filed_for(api, tree, 2, leaver)
    retained_file = await filed_for(api, tree, 3, retiree)
    on = date(2025, 6, 1)
    left = contracts.MemberLeft(
        org_id=uuid.UUID(tree.union_a),
        occurred_on=on,
        member_id=uuid.UUID(leaver),
        reason="voluntary",
    )
    retained = contracts.MemberRetained(
        org_id=uuid.UUID(tree.union_a),
        occurred_on=on,
        member_id=uuid.UUID(retiree),
        reason="retired",
    )
    left_envelope = await api.publish(left, leaver)
    await api.publish(retained, retiree)
    assert await api.drain() == 2
    assert (await file_row(database_url, left_file))["flags"] == ["head_left_union"]
    assert (await file_row(database_url, retained_file))["flags"] == ["head_retained"]
    assert (await file_row(database_url, left_file))["status"] == "filed"
    review = (
        await api.get(BASE, headers=tree.officer(api), expect=200, needs_review="true")
    ).json()
    assert sorted(item["id"] for item in review["items"]) == sorted([left_file, retained_file])
    before = await file_row(database_url, left_file)
    await api.republish(left_envelope, msg_id=str(uuid.uuid4()))
    assert await api.drain() == 1
    assert await file_row(database_url, left_file) == before
    await api.relay()
    flags = sorted(
        (e.subject, e.data["flag"])
        for e in await published(nats_url, "assistance.household.flagged")
    )
    assert flags == sorted([(left_file, "head_left_union"), (retained_file, "head_retained")])


async def test_the_replica_follows_the_tree(api: Api, tree: Tree, database_url: str) -> None:
    moved = contracts.UnionMoved(
        org_id=uuid.UUID(tree.community_b),
        occurred_on=date(2025, 1, 1),
        old_parent_id=uuid.UUID(tree.street),
        new_parent_id=uuid.UUID(tree.district),
    )
    await api.publish(moved, tree.community_b)
    await api.publish(
        contracts.UnionRenamed(
            org_id=uuid.UUID(tree.union_b), occurred_on=date(2025, 1, 2), name="乙公司工会"
        ),
        tree.union_b,
    )
    await api.drain()
    [row] = await fetch(
        database_url, "SELECT path, name FROM org_replica WHERE id = $1::uuid", tree.union_b
    )
    assert row["path"] == f"/{tree.city}/{tree.district}/{tree.community_b}/{tree.union_b}/"
    assert row["name"] == "乙公司工会"
    hid = (
        await api.post(
            BASE,
            household_body(4, org_id=tree.union_b),
            headers=api.token("assistance_officer", tree.district),
            expect=201,
        )
    ).json()["id"]
    await api.get(f"{BASE}/{hid}", headers=api.token("assistance_officer", tree.street), expect=404)
