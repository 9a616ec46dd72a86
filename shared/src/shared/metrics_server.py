"""``/metrics`` on a port of its own (``METRICS_PORT``), for every process of a service.

The relay and the consumers serve no HTTP, yet their counters (outbox backlog, publish errors,
dead letters, consumer lag) are the ones operators need most. ``relay``, ``consume`` and
``serve`` therefore start this small server in a daemon thread when ``METRICS_PORT`` is set;
Kubernetes names the port ``metrics`` and one PodMonitor scrapes it in every pod. The same
scrape token as the API's ``/metrics`` applies (``METRICS_TOKEN``): without one the port
answers only in ``dev`` and ``test``.
"""

from __future__ import annotations

import hmac
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, generate_latest

from shared.settings import ServiceSettings


class MetricsServer:
    """A running metrics server; :meth:`close` stops it (the process's exit does too).

    Attributes:
        port: the port it listens on (the one asked for, or the one chosen for port 0).
    """

    def __init__(self, server: ThreadingHTTPServer, thread: threading.Thread) -> None:
        self._server = server
        self._thread = thread
        self.port: int = server.server_address[1]

    def close(self) -> None:
        """Stop answering and release the port."""
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=2)


def start_metrics_server(settings: ServiceSettings, host: str = "0.0.0.0") -> MetricsServer | None:  # noqa: S104
    """Serve ``/metrics`` on ``settings.metrics_port`` in a daemon thread.

    Args:
        settings: ``metrics_port`` (None: no server), ``metrics_token`` and ``environment``.
        host: the address to listen on; every interface in a pod.

    Returns:
        The server, or None when ``metrics_port`` is not set.
    """
    if settings.metrics_port is None:
        return None
    handler = _handler(_expected_authorization(settings))
    server = ThreadingHTTPServer((host, settings.metrics_port), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="metrics", daemon=True)
    thread.start()
    return MetricsServer(server, thread)


def _expected_authorization(settings: ServiceSettings) -> bytes | None:
    """The Authorization header a scrape must carry; b"" means closed, None open (dev only)."""
    token = settings.metrics_token
    if token is not None:
        return f"Bearer {token.get_secret_value()}".encode()
    return None if settings.environment in ("dev", "test") else b""


def _handler(expected: bytes | None) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path.partition("?")[0] != "/metrics":
                self._answer(404, b"not found\n", "text/plain; charset=utf-8")
                return
            given = (self.headers.get("Authorization") or "").encode()
            if expected is not None and not (expected and hmac.compare_digest(given, expected)):
                message = "需要监控采集令牌 (METRICS_TOKEN required)\n".encode()
                self._answer(401, message, "text/plain; charset=utf-8")
                return
            self._answer(200, generate_latest(REGISTRY), CONTENT_TYPE_LATEST)

        def _answer(self, status: int, body: bytes, content_type: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            if status == 401:
                self.send_header("WWW-Authenticate", "Bearer")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            """Scrapes every 30 s are not worth a log line."""

    return Handler
