"""The bench's load generator against real HTTP servers: framing, statuses, broken connections."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import uvicorn
from shared.devstack import free_port, wait_for_port

from bench.loadgen import CONNECTION_FAILED, LoadResult, build_request, read_response, run_load

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]


class StatusEcho:
    """``POST /status/<code>`` answers <code> with the JSON it received; records client ports."""

    def __init__(self) -> None:
        self.client_ports: set[int] = set()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        self.client_ports.add(scope["client"][1])
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        status = int(scope["path"].rsplit("/", 1)[1])
        payload = json.dumps({"received": json.loads(body)}).encode()
        headers = [(b"content-type", b"application/json")]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": payload})


async def chunked_app(scope: Scope, receive: Receive, send: Send) -> None:
    """Streams its body in three pieces, so uvicorn frames it with chunked encoding."""
    await receive()
    await send({"type": "http.response.start", "status": 200, "headers": []})
    for piece in (b"first,", b"second,", b"third"):
        await send({"type": "http.response.body", "body": piece, "more_body": True})
    await send({"type": "http.response.body", "body": b""})


@contextlib.asynccontextmanager
async def uvicorn_serving(app: Any) -> AsyncIterator[int]:
    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, lifespan="off", log_config=None)
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    await asyncio.to_thread(wait_for_port, port, 10.0)
    try:
        yield port
    finally:
        server.should_exit = True
        await task


def post(i: int) -> bytes:
    status = 422 if i % 10 == 0 else 201
    return build_request("POST", f"/status/{status}", json.dumps({"i": i}).encode(), {})


async def test_statuses_are_counted_over_kept_alive_connections() -> None:
    app = StatusEcho()
    async with uvicorn_serving(app) as port:
        result = await run_load(port, post, total=60, concurrency=4)

    assert result.requests == 60
    assert result.statuses == {201: 54, 422: 6}
    assert result.failures == 6
    assert len(result.latencies) == 60
    assert len(app.client_ports) == 4  # one socket per connection, reused for every request
    assert result.first_failure is not None
    assert json.loads(result.first_failure)["received"]["i"] % 10 == 0


async def test_a_chunked_body_is_read_whole_and_the_connection_stays_usable() -> None:
    async with uvicorn_serving(chunked_app) as port:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        bodies = []
        for _ in range(2):
            writer.write(build_request("GET", "/", b"", {}))
            bodies.append(await read_response(reader))
        writer.close()

    assert bodies == [(200, b"first,second,third")] * 2


async def test_chunk_extensions_and_trailers_are_skipped() -> None:
    reader = asyncio.StreamReader()
    reader.feed_data(
        b"HTTP/1.1 207 Multi-Status\r\nTransfer-Encoding: chunked\r\n\r\n"
        b"5;name=value\r\nhello\r\n0\r\nX-Trailer: yes\r\n\r\n"
        b"HTTP/1.1 204 No Content\r\n\r\n"
    )

    assert await read_response(reader) == (207, b"hello")
    assert await read_response(reader) == (204, b"")


async def test_a_dropped_connection_counts_as_a_failure_and_the_run_goes_on() -> None:
    async def two_answers_then_hang_up(
        reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> None:
        for _ in range(2):
            await reader.readuntil(b"\r\n\r\n")
            writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
            await writer.drain()
        writer.close()

    server = await asyncio.start_server(two_answers_then_hang_up, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    async with server:
        result = await run_load(port, lambda i: build_request("GET", "/", b"", {}), 10, 1)

    assert result.requests == 10
    assert result.statuses == {200: 7, CONNECTION_FAILED: 3}
    assert result.first_failure == b"(connection broken)"


def test_percentiles_are_nearest_rank() -> None:
    result = LoadResult(latencies=[float(n) for n in range(100, 0, -1)])

    assert result.percentile(0.50) == 50.0
    assert result.percentile(0.99) == 99.0
    assert result.percentile(1.0) == 100.0
    assert LoadResult().percentile(0.99) == 0.0
