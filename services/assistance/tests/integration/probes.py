"""What the integration tests look at besides the API: tables, the outbox, the streams."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Awaitable, Callable
from typing import Any

import asyncpg
import httpx
import nats
import orjson
import pytest
from shared.bus import ASSISTANCE_STREAM
from shared.contracts import CloudEvent

WATCHED_TABLES = (
    "households",
    "household_relatives",
    "household_people",
    "visits",
    "outbox",
    "idempotency_keys",
)
_CJK = re.compile(r"[\u4e00-\u9fff]")


async def fetch(database_url: str, sql: str, *args: Any) -> list[asyncpg.Record]:
    """Rows of one query against the assistance schema, on a connection of the test's own."""
    conn = await asyncpg.connect(database_url, server_settings={"search_path": "assistance"})
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


async def stream_messages(
    nats_url: str, stream: str = ASSISTANCE_STREAM.name
) -> list[tuple[str, bytes]]:
    """Every message (subject, raw data) the stream holds now, in stream order."""
    nc = await nats.connect(nats_url)
    try:
        js = nc.jetstream()
        info = await js.stream_info(stream)
        found: list[tuple[str, bytes]] = []
        for seq in range(info.state.first_seq, info.state.last_seq + 1):
            message = await js.get_msg(stream, seq)
            assert message.subject is not None
            assert message.data is not None
            found.append((message.subject, message.data))
        return found
    finally:
        await nc.close()


async def published(nats_url: str, event_type: str) -> list[CloudEvent]:
    """The CloudEvents of one type on the ASSISTANCE stream, in stream order."""
    events = [
        CloudEvent.model_validate(orjson.loads(raw)) for _, raw in await stream_messages(nats_url)
    ]
    return [event for event in events if event.type == event_type]


def assert_problem(
    response: httpx.Response, status: int, *, field: str | None = None
) -> dict[str, Any]:
    """Check an RFC 9457 answer: status, media type, Chinese title and the field at fault.

    ``field`` must equal an ``errors[].field`` once a leading ``body.`` is dropped.
    """
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body: dict[str, Any] = response.json()
    assert body["status"] == status
    assert _CJK.search(body["title"]), body["title"]
    if field is not None:
        fields = [error["field"].removeprefix("body.") for error in body.get("errors") or []]
        assert field in fields, body
    return body
