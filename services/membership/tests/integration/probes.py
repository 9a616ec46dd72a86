"""What the integration tests look at besides the API: table counts, the outbox, the stream."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import asyncpg
import httpx
import nats
import orjson
import pytest
from shared.bus import MEMBERSHIP_STREAM
from shared.contracts import CloudEvent

from .conftest import Api, Tree, found, register_employer

ADMITTED = "membership.member.admitted.v1"
TRANSFERRED = "membership.member.transferred.v1"
WATCHED_TABLES = (
    "organisations",
    "employers",
    "members",
    "transfers",
    "outbox",
    "idempotency_keys",
)
_CJK = re.compile(r"[\u4e00-\u9fff]")


async def fetch(database_url: str, sql: str, *args: Any) -> list[asyncpg.Record]:
    """Rows of one query against the membership schema, on a connection of the test's own."""
    conn = await asyncpg.connect(database_url, server_settings={"search_path": "membership"})
    try:
        return list(await conn.fetch(sql, *args))
    finally:
        await conn.close()


async def count(database_url: str, table: str, where: str = "TRUE", *args: Any) -> int:
    rows = await fetch(database_url, f"SELECT count(*) AS n FROM {table} WHERE {where}", *args)
    return int(rows[0]["n"])


async def table_counts(database_url: str) -> dict[str, int]:
    """Row counts of every table a command may write, to prove a refused one wrote nothing."""
    return {table: await count(database_url, table) for table in WATCHED_TABLES}


async def unpublished(database_url: str) -> int:
    return await count(database_url, "outbox", "published_at IS NULL")


async def outbox_events(database_url: str, subject: str) -> list[CloudEvent]:
    rows = await fetch(
        database_url,
        "SELECT payload::text AS payload FROM outbox WHERE subject = $1 ORDER BY position",
        subject,
    )
    return [CloudEvent.model_validate_json(row["payload"]) for row in rows]


async def eventually(
    check: Callable[[], Awaitable[bool]], *, what: str, within: float = 20.0
) -> None:
    """Poll ``check`` until it holds; fail naming ``what`` if it does not within ``within`` s."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    while not await check():
        if loop.time() > deadline:
            pytest.fail(f"{what}: not reached within {within:g} s")
        await asyncio.sleep(0.05)


@dataclass(frozen=True)
class StreamedEvent:
    """One message of the MEMBERSHIP stream, decoded."""

    subject: str
    msg_id: str
    event: CloudEvent
    raw: bytes


async def stream_events(nats_url: str, stream: str = MEMBERSHIP_STREAM.name) -> list[StreamedEvent]:
    """Every message the stream holds now, in stream order."""
    nc = await nats.connect(nats_url)
    try:
        js = nc.jetstream()
        info = await js.stream_info(stream)
        found_events = []
        for seq in range(info.state.first_seq, info.state.last_seq + 1):
            message = await js.get_msg(stream, seq)
            assert message.subject is not None
            assert message.data is not None
            found_events.append(
                StreamedEvent(
                    subject=message.subject,
                    msg_id=(message.headers or {}).get("Nats-Msg-Id", ""),
                    event=CloudEvent.model_validate(orjson.loads(message.data)),
                    raw=message.data,
                )
            )
        return found_events
    finally:
        await nc.close()


async def streamed(nats_url: str, subject: str, *, at_least: int) -> list[StreamedEvent]:
    """The stream's messages on ``subject``, once there are at least ``at_least`` of them."""
    holder: list[StreamedEvent] = []

    async def arrived() -> bool:
        holder[:] = [e for e in await stream_events(nats_url) if e.subject == subject]
        return len(holder) >= at_least

    await eventually(arrived, what=f"{at_least} × {subject} on the stream")
    return holder


def assert_problem(
    response: httpx.Response, status: int, *, field: str | None = None
) -> dict[str, Any]:
    """Check an RFC 9457 answer: status, media type, Chinese title and the field at fault.

    ``field`` matches the last part of an ``errors[].field`` (``body.uscc`` or ``uscc``).
    """
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body: dict[str, Any] = response.json()
    assert body["status"] == status
    assert _CJK.search(body["title"]), body["title"]
    if field is not None:
        fields = [error["field"].rsplit(".", 1)[-1] for error in body.get("errors") or []]
        assert field in fields, body
    return body


async def plant_tree(api: Api) -> Tree:
    """The conftest's tree, for tests that start their own app instead of the ``api`` fixture."""
    city = await found(api, "city_federation", "南京市总工会", None)
    district = await found(api, "district_federation", "鼓楼区总工会", city)
    street = await found(api, "street_federation", "湖南路街道总工会", district)
    comm_a = await found(api, "community_federation", "山西路社区工联会", street)
    comm_b = await found(api, "community_federation", "颐和路社区工联会", street)
    union_a = await found(api, "grassroots_union", "丙公司工会", comm_a, grassroots_mode="single")
    union_b = await found(api, "grassroots_union", "丁联合工会", comm_b, grassroots_mode="joint")
    employer_a = await register_employer(api, comm_a, 11)
    employer_b = await register_employer(api, comm_b, 12)
    return Tree(city, district, street, comm_a, comm_b, union_a, union_b, employer_a, employer_b)
