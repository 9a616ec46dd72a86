"""A retried admission with the same Idempotency-Key admits once and answers the same."""

from __future__ import annotations

import asyncio

import orjson

from .conftest import Api, Tree, admit_body
from .probes import ADMITTED, assert_problem, count, outbox_events

MEMBERS = "/api/v1/members"


async def test_same_key_twice_admits_one_member_and_replays_the_first_answer(
    api: Api, tree: Tree, database_url: str
) -> None:
    headers = {**api.token(), "Idempotency-Key": "admit-wang-7"}
    body = admit_body(tree, 7)

    first = await api.post(MEMBERS, body, headers=headers, expect=201)
    second = await api.post(MEMBERS, body, headers=headers, expect=201)
    # Same command, other key order and spacing: still the same request.
    reordered = orjson.dumps(dict(reversed(list(body.items()))), option=orjson.OPT_INDENT_2)
    third = await api.client.post(
        MEMBERS, content=reordered, headers={**headers, "Content-Type": "application/json"}
    )

    assert "Idempotent-Replayed" not in first.headers
    for replay in (second, third):
        assert replay.status_code == 201
        assert replay.content == first.content
        assert replay.headers["Idempotent-Replayed"] == "true"
        assert replay.headers["Location"] == first.headers["Location"]
    assert await count(database_url, "members") == 1
    admitted = await outbox_events(database_url, ADMITTED)
    assert [event.data["member_id"] for event in admitted] == [first.json()["id"]]


async def test_same_key_with_another_body_is_refused_and_changes_nothing(
    api: Api, tree: Tree, database_url: str
) -> None:
    headers = {**api.token(), "Idempotency-Key": "admit-once"}
    await api.post(MEMBERS, admit_body(tree, 7), headers=headers, expect=201)

    reused = await api.post(MEMBERS, admit_body(tree, 8), headers=headers)

    body = assert_problem(reused, 422)
    assert body["title"] == "幂等键已用于不同的请求"
    assert await count(database_url, "members") == 1
    assert len(await outbox_events(database_url, ADMITTED)) == 1


async def test_keys_belong_to_their_caller(api: Api, tree: Tree, database_url: str) -> None:
    admin = {**api.token(), "Idempotency-Key": "shared-key"}
    cadre = {**api.token("union_cadre", tree.community_a), "Idempotency-Key": "shared-key"}

    first = await api.post(MEMBERS, admit_body(tree, 7), headers=admin, expect=201)
    other = await api.post(MEMBERS, admit_body(tree, 8), headers=cadre, expect=201)

    assert other.json()["id"] != first.json()["id"]
    assert "Idempotent-Replayed" not in other.headers
    assert await count(database_url, "members") == 2


async def test_concurrent_requests_with_one_key_admit_one_member(
    api: Api, tree: Tree, database_url: str
) -> None:
    headers = {**api.token(), "Idempotency-Key": "double-click"}
    body = admit_body(tree, 9)

    answers = await asyncio.gather(*(api.post(MEMBERS, body, headers=headers) for _ in range(5)))

    assert [a.status_code for a in answers] == [201] * 5
    assert {a.content for a in answers} == {answers[0].content}
    replayed = [a.headers.get("Idempotent-Replayed") == "true" for a in answers]
    assert sorted(replayed) == [False, True, True, True, True]
    assert await count(database_url, "members") == 1
    assert len(await outbox_events(database_url, ADMITTED)) == 1


async def test_a_refused_command_stores_no_key_so_a_corrected_retry_runs(
    api: Api, tree: Tree, database_url: str
) -> None:
    headers = {**api.token(), "Idempotency-Key": "fix-and-retry"}
    wrong = await api.post(MEMBERS, admit_body(tree, 7, mobile="1234"), headers=headers)
    assert_problem(wrong, 422, field="mobile")
    assert await count(database_url, "idempotency_keys") == 0

    # The first attempt left no key behind: the corrected body is not "another request".
    await api.post(MEMBERS, admit_body(tree, 7), headers=headers, expect=201)
    assert await count(database_url, "members") == 1


async def test_a_malformed_key_is_refused_before_anything_runs(
    api: Api, tree: Tree, database_url: str
) -> None:
    auth = [(name.encode(), value.encode()) for name, value in api.token().items()]
    for key in (b"", b"x" * 256, "键".encode()):
        headers = [*auth, (b"Idempotency-Key", key)]
        refused = await api.client.post(MEMBERS, json=admit_body(tree, 7), headers=headers)
        assert_problem(refused, 400)
    assert await count(database_url, "members") == 0
