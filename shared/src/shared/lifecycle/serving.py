"""Serving an ASGI app with uvicorn, stopped like every other process of the platform."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Iterator
from typing import Any

import uvicorn

from shared.lifecycle.signals import install_stop_handlers

CONNECTIONS_SECONDS = 2
"""How long open HTTP connections may finish their request after the stop signal."""


class _Server(uvicorn.Server):
    """uvicorn, with the platform's signal handling instead of its own.

    uvicorn ignores a signal until the lifespan has started (which waits as long as NATS is
    down) and re-raises the signal once stopped, so the process would end "killed by SIGTERM"
    rather than exit 0.
    """

    serving: asyncio.Task[None] | None = None

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        loop = asyncio.get_running_loop()
        install_stop_handlers(lambda: loop.call_soon_threadsafe(self._stop))
        yield

    def _stop(self) -> None:
        self.should_exit = True
        if not self.started and self.serving is not None:
            self.serving.cancel()  # still starting: nothing was taken on, abandon the start-up


async def _serve(server: _Server) -> None:
    server.serving = asyncio.create_task(server.serve())
    with contextlib.suppress(asyncio.CancelledError):
        await server.serving


def serve_http(app: Any, *, host: str, port: int) -> None:
    """Serve ``app`` until SIGTERM or SIGINT, then stop within the platform's bound.

    After the signal the listening socket closes, requests in flight get
    ``CONNECTIONS_SECONDS`` to finish, then the app's lifespan shuts down (which must itself be
    bounded, see :func:`shared.lifecycle.shut_down`). The process exits 0.

    Args:
        app: the ASGI application.
        host: address to listen on.
        port: port to listen on.
    """
    config = uvicorn.Config(
        app,
        host=host,
        port=port,
        log_config=None,
        access_log=False,
        timeout_graceful_shutdown=CONNECTIONS_SECONDS,
    )
    server = _Server(config)
    with asyncio.Runner(loop_factory=config.get_loop_factory()) as runner:
        runner.run(_serve(server))
