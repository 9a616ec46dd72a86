"""A small HTTP server standing in for a Prometheus Pushgateway in tests.

It listens on a free loopback port, records every request (method, path, body) and answers
with the status the test chose, so a test sees exactly the exposition text a batch command
pushed, or has its push refused.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from prometheus_client.parser import text_string_to_metric_families


@dataclass(frozen=True)
class Push:
    """One request the stand-in received."""

    method: str
    path: str
    body: str

    def samples(self) -> dict[str, tuple[dict[str, str], float]]:
        """Each pushed sample's labels and value, by metric name."""
        return {
            sample.name: (sample.labels, sample.value)
            for family in text_string_to_metric_families(self.body)
            for sample in family.samples
        }


@dataclass
class StandInPushgateway:
    """The running stand-in: its ``url``, the ``pushes`` received, the ``status`` it answers."""

    url: str
    pushes: list[Push] = field(default_factory=list)
    status: int = 200


@contextmanager
def stand_in_pushgateway() -> Iterator[StandInPushgateway]:
    """Run the stand-in on a free loopback port for the block's duration."""
    gateway = StandInPushgateway(url="")

    class Handler(BaseHTTPRequestHandler):
        def _record(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length).decode()
            gateway.pushes.append(Push(self.command, self.path, body))
            self.send_response(gateway.status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        do_POST = do_PUT = do_DELETE = _record

        def log_message(self, format: str, *args: object) -> None:
            return  # keep the test output quiet

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    gateway.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(
        target=server.serve_forever, args=(0.05,), name="pushgateway", daemon=True
    )
    thread.start()
    try:
        yield gateway
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=2)
