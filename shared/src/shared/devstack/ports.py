"""Loopback port helpers."""

from __future__ import annotations

import socket
import time
from collections.abc import Callable


class Interrupted(Exception):
    """A wait was given up because the process was asked to stop."""


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def port_open(port: int, host: str = "127.0.0.1") -> bool:
    """Tell whether something accepts TCP connections on ``host:port``."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.2)
        return sock.connect_ex((host, port)) == 0


def wait_until(
    ready: Callable[[], bool],
    what: str,
    timeout: float,
    abort: Callable[[], bool] | None = None,
) -> None:
    """Poll ``ready`` until it holds.

    Raises:
        TimeoutError: it did not hold within ``timeout`` seconds.
        Interrupted: ``abort`` returned true first.
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if abort is not None and abort():
            raise Interrupted(f"stopped while waiting for {what}")
        if ready():
            return
        time.sleep(0.05)
    raise TimeoutError(f"{what} after {timeout:.0f}s")


def wait_for_port(
    port: int,
    timeout: float = 30.0,
    host: str = "127.0.0.1",
    abort: Callable[[], bool] | None = None,
) -> None:
    """Block until ``host:port`` accepts connections.

    Raises:
        TimeoutError: nothing listened within ``timeout`` seconds.
        Interrupted: ``abort`` returned true first.
    """
    wait_until(lambda: port_open(port, host), f"nothing listens on {host}:{port}", timeout, abort)
