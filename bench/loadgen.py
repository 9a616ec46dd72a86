"""A small keep-alive HTTP/1.1 load generator (an httpx client would be the bottleneck).

Requests are built before the clock starts, so the figure measures the server and not the
building of bodies. A connection the server drops counts as a failed request and is opened
again, so one hiccup does not end the run.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field

RequestFactory = Callable[[int], bytes]
CONNECTION_FAILED = 0
"""The status recorded for a request whose connection broke before a response came."""


@dataclass
class LoadResult:
    """What one run of :func:`run_load` saw."""

    requests: int = 0
    statuses: dict[int, int] = field(default_factory=dict)
    elapsed: float = 0.0
    latencies: list[float] = field(default_factory=list)
    first_failure: bytes | None = None
    """The body of the first response outside 2xx, to tell why without a second run."""

    @property
    def rps(self) -> float:
        return self.requests / self.elapsed if self.elapsed else 0.0

    @property
    def failures(self) -> int:
        """Responses outside 2xx, broken connections included."""
        return sum(n for status, n in self.statuses.items() if not 200 <= status < 300)

    def percentile(self, p: float) -> float:
        """Nearest-rank percentile of the latencies in seconds, ``p`` in (0, 1]."""
        if not self.latencies:
            return 0.0
        ordered = sorted(self.latencies)
        rank = max(1, math.ceil(p * len(ordered)))
        return ordered[min(rank, len(ordered)) - 1]

    def record(self, status: int, latency: float, body: bytes = b"") -> None:
        if not 200 <= status < 300 and self.first_failure is None:
            self.first_failure = body or b"(connection broken)"
        self.requests += 1
        self.statuses[status] = self.statuses.get(status, 0) + 1
        self.latencies.append(latency)


def build_request(method: str, path: str, body: bytes, headers: dict[str, str]) -> bytes:
    """Serialise one HTTP/1.1 request with a JSON body."""
    lines = [
        f"{method} {path} HTTP/1.1",
        "Host: 127.0.0.1",
        f"Content-Length: {len(body)}",
        "Content-Type: application/json",
    ]
    lines += [f"{name}: {value}" for name, value in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


async def read_response(reader: asyncio.StreamReader) -> tuple[int, bytes]:
    """Read one response (``Content-Length`` or chunked body) and return status and body.

    Raises:
        asyncio.IncompleteReadError: the server closed the connection mid-response.
        ValueError: the status line is not HTTP.
    """
    head = await reader.readuntil(b"\r\n\r\n")
    status_line, *header_lines = head[:-4].split(b"\r\n")
    version, status, *_ = status_line.split(b" ", 2)
    if not version.startswith(b"HTTP/"):
        raise ValueError(f"not an HTTP response: {status_line!r}")
    headers = {}
    for line in header_lines:
        name, _, value = line.partition(b":")
        headers[name.strip().lower()] = value.strip()
    if headers.get(b"transfer-encoding", b"").lower() == b"chunked":
        return int(status), await _read_chunked(reader)
    return int(status), await reader.readexactly(int(headers.get(b"content-length", b"0")))


async def _read_chunked(reader: asyncio.StreamReader) -> bytes:
    body = bytearray()
    while True:
        size_line = await reader.readuntil(b"\r\n")
        size = int(size_line.split(b";", 1)[0].strip(), 16)
        if size == 0:
            # Trailers, if any, end with an empty line like the headers do.
            while await reader.readuntil(b"\r\n") != b"\r\n":
                pass
            return bytes(body)
        body += await reader.readexactly(size)
        await reader.readexactly(2)


async def run_load(
    port: int, factory: RequestFactory, total: int, concurrency: int = 32
) -> LoadResult:
    """Send ``total`` requests built by ``factory(i)`` over ``concurrency`` connections."""
    requests = [factory(i) for i in range(total)]
    result = LoadResult()
    pending = iter(requests)

    async def connection() -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            for request in pending:
                sent = time.perf_counter()
                try:
                    writer.write(request)
                    status, body = await read_response(reader)
                except (OSError, asyncio.IncompleteReadError):
                    result.record(CONNECTION_FAILED, time.perf_counter() - sent)
                    writer.close()
                    reader, writer = await asyncio.open_connection("127.0.0.1", port)
                    continue
                result.record(status, time.perf_counter() - sent, body)
        finally:
            writer.close()
            with contextlib.suppress(OSError):
                await writer.wait_closed()

    started = time.perf_counter()
    await asyncio.gather(*(connection() for _ in range(concurrency)))
    result.elapsed = time.perf_counter() - started
    return result
