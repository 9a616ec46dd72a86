"""Real HTTP servers for the workbench's tests: each app on its own port, loop and thread.

The services verify the workbench's tokens against its JWKS over HTTP, as in production, so
every app listens on a real port; each runs its full lifespan in a thread of its own.
"""

from __future__ import annotations

import threading
import time
from typing import Any

import uvicorn


class ThreadServer:
    """One ASGI app served by uvicorn in a background thread."""

    def __init__(self, app: Any, port: int) -> None:
        config = uvicorn.Config(
            app, host="127.0.0.1", port=port, log_config=None, access_log=False, lifespan="on"
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.url = f"http://127.0.0.1:{port}"

    def start(self, within: float = 60.0) -> None:
        """Start and wait until it listens."""
        self.thread.start()
        deadline = time.monotonic() + within
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"the server on {self.url} did not start")
            time.sleep(0.05)

    def stop(self) -> None:
        """Ask it to stop and wait for its lifespan to end."""
        self.server.should_exit = True
        self.thread.join(timeout=30)
