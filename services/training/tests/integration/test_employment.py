"""Employment services end to end: a job fair's seekers never double-counted, placements
through a fair and a posting, follow-ups, and the events they publish."""

from __future__ import annotations

import json
import uuid
from datetime import timedelta

import asyncpg
import pytest
from shared.bootstrap import open_pool
from shared.identifiers import today_in_china
from shared.pii import PiiCipher, person_link
from training.adapters.people import link_unlinked_people

from services.training.tests.integration.bodies import person
from services.training.tests.integration.conftest import Api, Tree

pytestmark = pytest.mark.integration


async def register_seeker(
    api: Api, tree: Tree, n: int, status: str = "laid_off", registered_on: str | None = None
) -> str:
    body = {"org_id": tree.union_a, "person": person(n), "status": status,
            "wanted_occupation": "电工"}  # fmt: skip
    if registered_on is not None:
        body["registered_on"] = registered_on
    answer = await api.post("/api/v1/seekers", body, headers=tree.coordinator(api), expect=201)
    return str(answer.json()["id"])


async def hold_fair(api: Api, tree: Tree) -> str:
    body = {"org_id": tree.community_a, "title": "春风行动专场招聘会", "venue": "汉中门广场",
            "held_on": "2026-02-20"}  # fmt: skip
    answer = await api.post("/api/v1/fairs", body, headers=tree.coordinator(api), expect=201)
    return str(answer.json()["id"])


async def test_fair_registered_seekers_plus_head_count_never_double_counted(
    api: Api, tree: Tree
) -> None:
    fair = await hold_fair(api, tree)
    headers = tree.coordinator(api)
    await api.post(f"/api/v1/fairs/{fair}/employers", {"employer_id": tree.employer_a,
                   "employer_name": "甲电子有限公司", "positions": 12}, headers=headers, expect=200)  # fmt: skip
    await api.post(f"/api/v1/fairs/{fair}/employers", {"employer_name": "乙物流公司",
                   "positions": 8}, headers=headers, expect=200)  # fmt: skip
    seekers = [await register_seeker(api, tree, n) for n in range(5)]
    for seeker in seekers[:3]:
        await api.post(f"/api/v1/fairs/{fair}/seekers", {"seeker_id": seeker}, headers=headers,
                       expect=200)  # fmt: skip
    twice = await api.post(f"/api/v1/fairs/{fair}/seekers", {"seeker_id": seekers[0]},
                           headers=headers)  # fmt: skip
    assert twice.status_code == 409, twice.text
    counted = await api.client.put(f"/api/v1/fairs/{fair}/seekers-counted",
                                   json={"seekers_counted": 10}, headers=headers)  # fmt: skip
    figures = counted.json()
    assert (figures["registered_seekers"], figures["walk_in_seekers"],
            figures["seekers_attending"]) == (3, 7, 10)  # fmt: skip
    # Two of the walk-ins register at the desk: moved from the count, the total stays.
    for seeker in seekers[3:]:
        answer = await api.post(f"/api/v1/fairs/{fair}/seekers", {"seeker_id": seeker},
                                headers=headers, expect=200)  # fmt: skip
    figures = answer.json()
    assert (figures["registered_seekers"], figures["walk_in_seekers"],
            figures["seekers_attending"]) == (5, 5, 10)  # fmt: skip
    assert (figures["employers_attending"], figures["positions_offered"]) == (2, 20)
    # A head count below the registered ones adds no walk-in, and removes no one registered.
    low = await api.client.put(f"/api/v1/fairs/{fair}/seekers-counted",
                               json={"seekers_counted": 4}, headers=headers)  # fmt: skip
    assert (low.json()["walk_in_seekers"], low.json()["seekers_attending"]) == (0, 5)
    last = await last_event(api, "training.fair.held")
    assert (last["registered_seekers"], last["walk_in_seekers"]) == (5, 0)


async def last_event(api: Api, event_type: str) -> dict[str, object]:
    conn = await asyncpg.connect(api.settings.database_url)
    try:
        payload = await conn.fetchval(
            "SELECT payload FROM training.outbox WHERE event_type = $1 ORDER BY position DESC LIMIT 1",
            event_type,
        )
    finally:
        await conn.close()
    envelope = json.loads(payload) if isinstance(payload, str) else payload
    data: dict[str, object] = envelope["data"]
    return data


async def test_placement_through_a_fair_with_follow_ups(api: Api, tree: Tree) -> None:
    fair = await hold_fair(api, tree)
    placed_on = (today_in_china() - timedelta(days=200)).isoformat()
    seeker = await register_seeker(api, tree, 7, registered_on=placed_on)  # registered that day
    headers = tree.coordinator(api)
    body = {"seeker_id": seeker, "employer_id": tree.employer_a, "employer_name": "甲电子有限公司",
            "placed_on": placed_on, "channel": "fair", "fair_id": fair}  # fmt: skip
    placement = (await api.post("/api/v1/placements", body, headers=headers, expect=201)).json()
    assert placement["reemployment"] is True
    again = await api.post("/api/v1/placements", body, headers=headers)
    assert again.status_code == 422, again.text
    event = await last_event(api, "training.placement.recorded")
    assert (event["seeker_id"], event["fair_id"], event["channel"]) == (seeker, fair, "fair")
    assert event["person_id"] is not None
    for months in (3, 6):
        answer = await api.post(f"/api/v1/placements/{placement['id']}/follow-ups",
                                {"months": months, "still_employed": months == 3},
                                headers=headers, expect=200)  # fmt: skip
    assert (answer.json()["follow_up_3"], answer.json()["follow_up_6"]) == (True, False)
    followed = await last_event(api, "training.placement.followed_up")
    assert (followed["months"], followed["placement_id"]) == (6, placement["id"])
    assert (followed["person_id"], followed["member_id"]) == (
        event["person_id"],
        event["member_id"],
    )
    seeker_shown = (await api.get(f"/api/v1/seekers/{seeker}", expect=200)).json()
    assert seeker_shown["placed"] is True


async def test_follow_up_not_before_its_time_and_posting_channel(api: Api, tree: Tree) -> None:
    headers = tree.coordinator(api)
    posting = await api.post("/api/v1/postings", {"org_id": tree.union_a, "employer_id":
                             tree.employer_a, "employer_name": "甲电子有限公司", "title": "维修电工",
                             "occupation": "电工", "positions": 3}, headers=headers, expect=201)  # fmt: skip
    seeker = await register_seeker(api, tree, 8, status="migrant")
    body = {"seeker_id": seeker, "employer_name": "甲电子有限公司",
            "placed_on": today_in_china().isoformat(), "channel": "posting",
            "posting_id": posting.json()["id"]}  # fmt: skip
    placement = (await api.post("/api/v1/placements", body, headers=headers, expect=201)).json()
    assert placement["reemployment"] is False
    early = await api.post(f"/api/v1/placements/{placement['id']}/follow-ups",
                           {"months": 3, "still_employed": True}, headers=headers)  # fmt: skip
    assert early.status_code == 422, early.text


async def test_a_placement_publishes_the_person_link_and_old_people_are_linked(
    api: Api, tree: Tree
) -> None:
    headers = tree.coordinator(api)
    key = api.settings.person_link_key.get_secret_value()
    seekers = [await register_seeker(api, tree, n) for n in (11, 12)]
    # The second person was registered before the link existed: its column is empty.
    pool = await open_pool(api.settings, "training")
    try:
        unlinked = await pool.execute(
            "UPDATE people SET person_link = NULL WHERE id = "
            "(SELECT person_id FROM seekers WHERE id = $1)",
            uuid.UUID(seekers[1]),
        )
        assert unlinked == "UPDATE 1"
        assert await link_unlinked_people(pool, PiiCipher.from_settings(api.settings)) == 1
        assert await link_unlinked_people(pool, PiiCipher.from_settings(api.settings)) == 0
        stored = await pool.fetchval("SELECT count(*) FROM people WHERE person_link IS NULL")
    finally:
        await pool.close()
    assert stored == 0
    for n, seeker in zip((11, 12), seekers, strict=True):
        body = {"seeker_id": seeker, "employer_name": "甲电子有限公司", "channel": "other",
                "placed_on": today_in_china().isoformat()}  # fmt: skip
        await api.post("/api/v1/placements", body, headers=headers, expect=201)
        event = await last_event(api, "training.placement.recorded")
        assert event["seeker_id"] == seeker
        assert event["person_link"] == person_link(str(person(n)["id_number"]), key)
