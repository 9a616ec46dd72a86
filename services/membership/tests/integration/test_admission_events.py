"""An admitted member becomes exactly one CloudEvent on JetStream, carrying no personal data."""

from __future__ import annotations

import asyncio

import nats
import orjson
from membership.config import SCHEMA
from nats.js.api import RawStreamMsg
from shared.contracts import CloudEvent
from shared.db import connect

from .conftest import Api, Tree, admit_body


async def _stream_messages(
    nats_url: str, expected: int, wait_seconds: float = 10.0
) -> list[RawStreamMsg]:
    nc = await nats.connect(nats_url)
    js = nc.jetstream()
    deadline = asyncio.get_running_loop().time() + wait_seconds
    while (await js.stream_info("MEMBERSHIP")).state.messages < expected:
        assert asyncio.get_running_loop().time() < deadline, "events did not reach the stream"
        await asyncio.sleep(0.05)
    await asyncio.sleep(0.3)  # let a wrongly duplicated publish show up too
    info = await js.stream_info("MEMBERSHIP")
    messages = [await js.get_msg("MEMBERSHIP", seq) for seq in range(1, info.state.last_seq + 1)]
    await nc.close()
    return messages


async def test_admission_publishes_one_cloudevent_without_pii(
    api: Api, tree: Tree, nats_url: str
) -> None:
    body = admit_body(tree, 7)
    response = await api.post("/api/v1/members", body, expect=201)
    member = response.json()
    assert member["id_number"] != body["id_number"]
    assert member["id_number"].startswith(body["id_number"][:6])

    messages = await _stream_messages(nats_url, expected=10)  # 7 unions, 2 employers, 1 member
    admitted = [m for m in messages if m.subject == "membership.member.admitted.v1"]
    assert len(admitted) == 1
    message = admitted[0]
    assert message.data is not None
    event = CloudEvent.model_validate(orjson.loads(message.data))
    assert event.type == "membership.member.admitted"
    assert event.data["member_id"] == member["id"]
    assert event.traceparent is not None
    assert event.traceparent.startswith("00-")
    assert message.headers is not None
    assert message.headers["Nats-Msg-Id"] == event.id
    assert "traceparent" in message.headers
    raw = message.data.decode()
    for secret in (body["id_number"], body["mobile"], body["name"]):
        assert secret not in raw


async def test_an_admission_refused_by_the_one_membership_rule_leaves_no_outbox_row(
    api: Api, tree: Tree, database_url: str
) -> None:
    # Whether refused by the domain or by the unique index at the insert (which now also
    # writes the outbox row), a refused admission leaves no event behind.
    body = admit_body(tree, 8)
    await api.post("/api/v1/members", body, expect=201)
    conn = await connect(database_url, SCHEMA)
    try:
        before = await conn.fetchval(ADMITTED_ROWS)
        await api.post("/api/v1/members", body, expect=409)
        assert await conn.fetchval(ADMITTED_ROWS) == before == 1
    finally:
        await conn.close()


ADMITTED_ROWS = "SELECT count(*) FROM outbox WHERE subject = 'membership.member.admitted.v1'"
