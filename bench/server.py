"""A service (membership by default) as its own processes, started the way they are deployed.

``membership serve --no-relay`` runs uvicorn in the console script's own process, so the
process we start is the one whose memory and CPU we read; ``membership relay`` publishes its
outbox from a process of its own, as the relay Deployment does in the cluster
(deploy/base/*/deployment-relay.yaml). Each gets a session of its own: a Ctrl-C at the
terminal reaches the bench only, which then stops the service in order.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

READY_TIMEOUT_SECONDS = 60.0
STOP_TIMEOUT_SECONDS = 15.0
LOG_TAIL_CHARS = 3_000


class ServiceFailed(RuntimeError):
    """The service exited or never became ready; the message ends with its log's tail."""


def read_rss_bytes(pid: int) -> int:
    """Resident memory of ``pid`` from ``/proc/<pid>/status`` (``VmRSS``, reported in kB).

    Raises:
        ValueError: the process has no ``VmRSS`` line (it is a zombie or a kernel thread).
    """
    status = Path(f"/proc/{pid}/status").read_text(encoding="ascii")
    for line in status.splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise ValueError(f"no VmRSS for process {pid}")


def read_cpu_seconds(pid: int) -> float:
    """User plus system CPU time ``pid`` has used, from ``/proc/<pid>/stat``."""
    stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii")
    # The command name in parentheses may hold blanks; the fields after it are fixed.
    fields = stat.rsplit(")", 1)[1].split()
    user_ticks, system_ticks = int(fields[11]), int(fields[12])
    return (user_ticks + system_ticks) / os.sysconf("SC_CLK_TCK")


@dataclass
class ServiceProcess:
    """``<venv>/bin/<service> serve --port <port>`` with the given environment."""

    port: int
    env: dict[str, str]
    log_path: Path
    process: subprocess.Popen[bytes] | None = field(default=None, repr=False)
    service: str = "membership"
    """The console script started: ``<service> serve``."""
    command: list[str] | None = None
    """Another program to start instead (given ``--host`` and ``--port`` too), without a relay."""
    relay: subprocess.Popen[bytes] | None = field(default=None, repr=False)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        """Start the service and wait until ``/readyz`` answers 200."""
        script = str(Path(sys.executable).parent / self.service)
        command = self.command or [script, "serve", "--no-relay"]
        self.process = self._spawn([*command, "--host", "127.0.0.1", "--port", str(self.port)])
        if self.command is None:
            self.relay = self._spawn([script, "relay"])
        self._wait_until_ready()

    def _spawn(self, command: list[str]) -> subprocess.Popen[bytes]:
        with self.log_path.open("ab") as log:
            return subprocess.Popen(  # noqa: S603 - our own entry point
                command,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def rss_bytes(self) -> int:
        """The service's resident memory now."""
        return read_rss_bytes(self._running().pid)

    @property
    def pid(self) -> int:
        """The running service's process id."""
        return self._running().pid

    def cpu_seconds(self) -> float:
        """CPU time the API process has used since it started."""
        return read_cpu_seconds(self._running().pid)

    def relay_cpu_seconds(self) -> float:
        """CPU time the relay process has used since it started (0 without one)."""
        if self.relay is None or self.relay.poll() is not None:
            return 0.0
        return read_cpu_seconds(self.relay.pid)

    def stop(self) -> None:
        """SIGTERM to the API, then to the relay (which finishes its pass), SIGKILL if either
        lingers."""
        process, self.process = self.process, None
        relay, self.relay = self.relay, None
        _terminate(process)
        _terminate(relay)

    def log_tail(self) -> str:
        if not self.log_path.exists():
            return ""
        return self.log_path.read_text(encoding="utf-8", errors="replace")[-LOG_TAIL_CHARS:]

    def _running(self) -> subprocess.Popen[bytes]:
        if self.process is None or self.process.poll() is not None:
            raise ServiceFailed(f"{self.service} is not running\n{self.log_tail()}")
        return self.process

    def _wait_until_ready(self) -> None:
        deadline = time.monotonic() + READY_TIMEOUT_SECONDS
        with httpx.Client(base_url=self.base_url, timeout=2.0) as client:
            while time.monotonic() < deadline:
                self._running()
                with contextlib.suppress(httpx.TransportError):  # not listening yet
                    if client.get("/readyz").status_code == 200:
                        return
                time.sleep(0.1)
        raise ServiceFailed(
            f"{self.service} not ready after {READY_TIMEOUT_SECONDS:.0f}s\n{self.log_tail()}"
        )


def _terminate(process: subprocess.Popen[bytes] | None) -> None:
    if process is None or process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=STOP_TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
