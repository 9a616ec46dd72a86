"""The end of a member's dispute and a placement, end to end through NATS: real disputes and
training CloudEvents on the DISPUTES and TRAINING streams, the real consumers, the real relay
onto ASSISTANCE, the suggestions through the API."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import pytest
from assistance.adapters.households.person_links import link_unlinked_people
from assistance.config import DISPUTES_CONSUMER, TRAINING_CONSUMER
from shared.bootstrap import open_pool
from shared.bus import DEAD_LETTER_STREAM, dead_letter_subject
from shared.contracts import disputes, training
from shared.contracts.envelope import CloudEvent
from shared.pii import PiiCipher, person_link

from .bodies import household_body, person
from .conftest import Api, Tree, admit
from .probes import count, fetch, published, stream_messages
from .test_membership_rules import file_row, filed_for

pytestmark = pytest.mark.integration
SUGGESTIONS = "/api/v1/file-suggestions"
ENDED_ON = date(2025, 6, 20)


def settled(tree: Tree, members: list[str], category: str = "wages") -> disputes.CaseSettled:
    return disputes.CaseSettled(
        org_id=uuid.UUID(tree.street),
        occurred_on=ENDED_ON,
        case_id=uuid.uuid4(),
        category=category,  # type: ignore[arg-type]
        employer_id=uuid.UUID(tree.employer_a),
        applicant_member_ids=[uuid.UUID(m) for m in members],
        agreed_fen=1_200_000,
    )


def placed(tree: Tree, member: str | None, link: str | None = None) -> training.Placed:
    return training.Placed(
        org_id=uuid.UUID(tree.street),
        occurred_on=ENDED_ON,
        person_id=uuid.uuid4(),
        member_id=uuid.UUID(member) if member else None,
        placement_id=uuid.uuid4(),
        seeker_id=uuid.uuid4(),
        channel="fair",
        reemployment=True,
        person_link=link,
    )


async def settle(api: Api, event: disputes.CaseOutcomeEvent) -> CloudEvent:
    envelope = await api.publish(event, event.case_id, source="disputes")
    assert await api.drain(DISPUTES_CONSUMER.durable) == 1
    return envelope


async def pending(api: Api, headers: dict[str, str]) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = (await api.get(SUGGESTIONS, headers=headers, expect=200)).json()[
        "items"
    ]
    return items


async def test_a_settled_wage_case_of_a_head_flags_the_file_and_publishes_it(
    api: Api, tree: Tree, database_url: str, nats_url: str
) -> None:
    head = await admit(api, tree.union_a, tree.employer_a)
    hid = await filed_for(api, tree, 11, head)
    envelope = await settle(api, settled(tree, [head]))
    assert (await file_row(database_url, hid))["flags"] == ["dispute_concluded"]
    outbox = await count(database_url, "outbox")
    await api.republish(envelope, msg_id=str(uuid.uuid4()))  # a redelivery past the window
    assert await api.drain(DISPUTES_CONSUMER.durable) == 1
    assert await count(database_url, "outbox") == outbox
    await api.relay()
    [flagged] = await published(nats_url, "assistance.household.flagged")
    assert (flagged.subject, flagged.dataversion, flagged.causationid) == (hid, 2, envelope.id)
    assert flagged.data == {
        "org_id": tree.union_a,
        "occurred_on": "2025-06-20",
        "household_id": hid,
        "flag": "dispute_concluded",
    }
    review = await api.get(
        "/api/v1/households", headers=tree.officer(api), expect=200, needs_review="true"
    )
    assert [item["id"] for item in review.json()["items"]] == [hid]
    assert await pending(api, tree.officer(api)) == []


async def test_a_placement_of_a_head_flags_the_file(
    api: Api, tree: Tree, database_url: str, nats_url: str
) -> None:
    head = await admit(api, tree.union_a, tree.employer_a)
    hid = await filed_for(api, tree, 12, head)
    for event in (placed(tree, head), placed(tree, None)):
        await api.publish(event, event.placement_id, source="training")
    assert await api.drain(TRAINING_CONSUMER.durable) == 2
    assert (await file_row(database_url, hid))["flags"] == ["reemployed"]
    await api.relay()
    flags = [e.data["flag"] for e in await published(nats_url, "assistance.household.flagged")]
    assert flags == ["reemployed"]


def link_of(api: Api, id_number: str) -> str:
    """The link training computes for this ID number: the same function under the same key."""
    return person_link(id_number, api.settings.person_link_key.get_secret_value())


async def filed_without_members(api: Api, tree: Tree, seq: int) -> str:
    """A filed household whose head (``person(seq)``) and spouse (``person(seq + 5000)``)
    are no members."""
    officer = tree.officer(api)
    body = household_body(seq, org_id=tree.union_a)
    hid = (await api.post("/api/v1/households", body, headers=officer, expect=201)).json()["id"]
    await api.post(f"/api/v1/households/{hid}/submit", headers=officer, expect=200)
    await api.post(f"/api/v1/households/{hid}/file", headers=officer, expect=200)
    return str(hid)


async def test_a_placed_non_member_family_member_flags_the_file_once(
    api: Api, tree: Tree, database_url: str, nats_url: str
) -> None:
    hid = await filed_without_members(api, tree, 21)
    other = await filed_without_members(api, tree, 22)
    spouse = person(21 + 5000)
    first = placed(tree, None, link_of(api, spouse.lower()))
    envelope = await api.publish(first, first.placement_id, source="training")
    assert await api.drain(TRAINING_CONSUMER.durable) == 1
    assert (await file_row(database_url, hid))["flags"] == ["reemployed"]
    assert (await file_row(database_url, other))["flags"] == []
    outbox = await count(database_url, "outbox")
    await api.republish(envelope, msg_id=str(uuid.uuid4()))  # a redelivery past the window
    again = placed(tree, None, link_of(api, spouse))  # a second placement of the same person
    await api.publish(again, again.placement_id, source="training")
    assert await api.drain(TRAINING_CONSUMER.durable) == 2
    assert await count(database_url, "outbox") == outbox
    await api.relay()
    [flagged] = await published(nats_url, "assistance.household.flagged")
    assert (flagged.subject, flagged.data["flag"]) == (hid, "reemployed")


async def test_a_placed_non_member_head_flags_the_file_and_a_stranger_nothing(
    api: Api, tree: Tree, database_url: str
) -> None:
    hid = await filed_without_members(api, tree, 23)
    outbox = await count(database_url, "outbox")
    stranger = placed(tree, None, link_of(api, person(24)))
    await api.publish(stranger, stranger.placement_id, source="training")
    assert await api.drain(TRAINING_CONSUMER.durable) == 1
    assert (await file_row(database_url, hid))["flags"] == []
    assert await count(database_url, "outbox") == outbox
    head = placed(tree, None, link_of(api, person(23)))
    await api.publish(head, head.placement_id, source="training")
    assert await api.drain(TRAINING_CONSUMER.durable) == 1
    assert (await file_row(database_url, hid))["flags"] == ["reemployed"]
    assert await count(database_url, "outbox") == outbox + 1


async def test_people_filed_before_links_existed_are_linked_then_found(
    api: Api, tree: Tree, database_url: str
) -> None:
    hid = await filed_without_members(api, tree, 25)
    pool = await open_pool(api.settings, "assistance")
    try:
        filed = uuid.UUID(hid)
        await pool.execute("UPDATE households SET head_person_link = NULL WHERE id = $1", filed)
        for table in ("household_relatives", "household_people"):
            await pool.execute(
                f"UPDATE {table} SET person_link = NULL WHERE household_id = $1",
                filed,
            )
        cipher = PiiCipher.from_settings(api.settings)
        assert await link_unlinked_people(pool, cipher, batch_size=1) == 2  # head and spouse
        assert await link_unlinked_people(pool, cipher) == 0
        links = await pool.fetch(
            "SELECT person_link FROM household_people WHERE household_id = $1", filed
        )
    finally:
        await pool.close()
    expected = {link_of(api, person(25)), link_of(api, person(25 + 5000))}
    assert {row["person_link"] for row in links} == expected
    spouse = placed(tree, None, link_of(api, person(25 + 5000)))
    await api.publish(spouse, spouse.placement_id, source="training")
    assert await api.drain(TRAINING_CONSUMER.durable) == 1
    assert (await file_row(database_url, hid))["flags"] == ["reemployed"]


async def test_other_categories_change_nothing(
    api: Api, tree: Tree, database_url: str, nats_url: str
) -> None:
    head = await admit(api, tree.union_a, tree.employer_a)
    other = await admit(api, tree.union_a, tree.employer_a)
    hid = await filed_for(api, tree, 13, head)
    outbox = await count(database_url, "outbox")
    for category in ("labour_contract", "social_insurance", "dismissal", "other"):
        await settle(api, settled(tree, [head, other], category))
    assert (await file_row(database_url, hid))["flags"] == []
    assert await count(database_url, "outbox") == outbox
    assert await count(database_url, "file_suggestions") == 0


async def test_a_member_without_a_file_is_suggested_until_a_file_is_opened(
    api: Api, tree: Tree, database_url: str
) -> None:
    member = await admit(api, tree.union_a, tree.employer_a)
    event = disputes.ArbitrationDecided(
        **settled(tree, [member], "work_injury").model_dump(exclude={"agreed_fen"}),
        outcome="award_for_worker",
        awarded_fen=3_000_000,
    )
    await settle(api, event)
    await settle(api, settled(tree, [member]))  # a second case while one is pending
    [suggestion] = await pending(api, tree.officer(api))
    assert suggestion == {
        "id": suggestion["id"],
        "member_id": member,
        "org_id": tree.union_a,
        "employer_id": tree.employer_a,
        "case_id": str(event.case_id),
        "category": "work_injury",
        "ending": "arbitration_decided",
        "suggested_on": "2025-06-20",
        "status": "pending",
    }
    assert await pending(api, tree.officer(api, tree.community_b)) == []
    await api.get(SUGGESTIONS, headers=api.token("union_cadre", tree.community_a), expect=403)
    body = household_body(14, member_id=member)
    await api.post("/api/v1/households", body, headers=tree.officer(api), expect=201)
    assert await pending(api, tree.officer(api)) == []
    [row] = await fetch(database_url, "SELECT status FROM file_suggestions")
    assert row["status"] == "opened"


async def test_an_officer_dismisses_a_suggestion(api: Api, tree: Tree) -> None:
    member = await admit(api, tree.union_a, tree.employer_a)
    await settle(api, settled(tree, [member]))
    [suggestion] = await pending(api, tree.officer(api))
    path = f"{SUGGESTIONS}/{suggestion['id']}/dismiss"
    await api.post(path, headers=tree.officer(api, tree.community_b), expect=404)
    dismissed = await api.post(path, headers=tree.officer(api), expect=200)
    assert dismissed.json()["status"] == "dismissed"
    assert await pending(api, tree.officer(api)) == []
    await api.post(path, headers=tree.officer(api), expect=422)


async def test_a_poison_dispute_event_is_dead_lettered(api: Api, nats_url: str) -> None:
    await api.nc.jetstream().publish(
        "disputes.case.settled.v1", b"{not json", headers={"Nats-Msg-Id": str(uuid.uuid4())}
    )
    assert await api.drain(DISPUTES_CONSUMER.durable) == 1
    dead = await stream_messages(nats_url, DEAD_LETTER_STREAM.name)
    expected = dead_letter_subject(DISPUTES_CONSUMER.durable, "disputes.case.settled.v1")
    assert [subject for subject, _ in dead] == [expected]
