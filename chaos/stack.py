"""The run's own stack: PostgreSQL, nats-server and two instances of each service, all killable.

Everything listens on free loopback ports and keeps its data and logs under one temporary
folder. Every process is our child, started from the main thread so that it dies with us
(``PR_SET_PDEATHSIG``); the faults only ever signal these children.
"""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from shared.devstack import NatsServer, PostgresServer, free_port
from shared.devstack.children import spawn, stop_process
from shared.devstack.ports import wait_for_port

SERVICES = ("membership", "assistance", "reporting")
"""In start order: the publisher before its consumers, so their streams exist."""
INSTANCES_PER_SERVICE = 2
POSTGRES_RESTART_SECONDS = 60.0
SERVICE_START_SECONDS = 60.0
STOP_SECONDS = 10.0


class RestartablePostgres(PostgresServer):
    """A PostgresServer that can start again after its postmaster was SIGKILLed.

    The killed postmaster leaves its ``postmaster.pid`` saying "ready"; until the new one
    rewrites the file, the stale line must not pass for the new server's readiness.
    """

    def _ready(self) -> bool:
        if not super()._ready() or self.process is None:
            return False
        try:
            owner = (self.datadir / "postmaster.pid").read_text(encoding="utf-8").split("\n")[0]
        except OSError:
            return False
        return owner.strip() == str(self.process.pid)


def _cli(service: str) -> str:
    return str(Path(sys.executable).parent / service)


@dataclass
class Instance:
    """One ``<service> serve`` process (API, outbox relay and consumers) on its own port."""

    service: str
    number: int
    port: int
    log_path: Path
    env: dict[str, str] = field(repr=False)
    process: subprocess.Popen[bytes] | None = field(default=None, repr=False)

    @property
    def name(self) -> str:
        return f"{self.service}-{self.number}"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        """Start the process; :meth:`wait_listening` waits for its port."""
        with self.log_path.open("ab") as log:
            self.process = spawn(
                [_cli(self.service), "serve", "--host", "127.0.0.1", "--port", str(self.port)],
                death_signal=signal.SIGKILL,
                env=self.env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
            )

    def wait_listening(self) -> None:
        wait_for_port(self.port, timeout=SERVICE_START_SECONDS, abort=self._exited)

    def _exited(self) -> bool:
        if self.process is not None and self.process.poll() is not None:
            raise RuntimeError(f"{self.name} exited at start-up: see {self.log_path}")
        return False

    def ready(self) -> bool:
        """Whether ``/readyz`` answers 200: its database, NATS and consumers are reachable."""
        try:
            return httpx.get(f"{self.url}/readyz", timeout=1.0).status_code == 200
        except httpx.HTTPError:
            return False

    def kill(self) -> None:
        """SIGKILL, as a crash of the process or its node would."""
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.process = None

    def stop(self) -> None:
        if self.process is not None:
            stop_process(self.process, signal.SIGTERM, STOP_SECONDS)
            self.process = None


@dataclass
class ChaosStack:
    """The servers and the service instances of one run, under ``root``."""

    root: Path
    postgres: PostgresServer
    nats: NatsServer
    instances: list[Instance] = field(default_factory=list)

    @classmethod
    def create(cls) -> ChaosStack:
        root = Path(tempfile.mkdtemp(prefix="unionhub-chaos-"))
        root.chmod(0o755)  # the unprivileged PostgreSQL account must traverse it
        (root / "logs").mkdir()
        postgres = RestartablePostgres(root / "pg", free_port())
        return cls(root, postgres, NatsServer(root / "nats", free_port()))

    @property
    def env(self) -> dict[str, str]:
        return {
            "PATH": str(Path(sys.executable).parent) + ":/usr/bin:/bin",
            "ENVIRONMENT": "dev",
            "DATABASE_URL": self.postgres.url(),
            "NATS_URL": self.nats.url,
            "LOG_LEVEL": "WARNING",
        }

    def start(self, instances: Mapping[str, int]) -> None:
        """Start both servers, migrate and provision each service, then its ``instances``."""
        self.postgres.start()
        self.nats.start()
        for service in SERVICES:
            self._run_step(service, "prepare")
        for service in SERVICES:
            for number in range(1, instances.get(service, INSTANCES_PER_SERVICE) + 1):
                log = self.root / "logs" / f"{service}-{number}.log"
                self.instances.append(Instance(service, number, free_port(), log, self.env))
        for instance in self.instances:
            instance.start()
        for instance in self.instances:
            instance.wait_listening()

    def _run_step(self, service: str, step: str) -> None:
        done = subprocess.run(  # noqa: S603 - our own console script
            [_cli(service), step], env=self.env, capture_output=True, text=True, check=False
        )
        if done.returncode != 0:
            raise RuntimeError(f"{service} {step} failed: {done.stderr[-2000:]}")

    def of(self, service: str) -> list[Instance]:
        return [instance for instance in self.instances if instance.service == service]

    def kill_postgres(self) -> None:
        """SIGKILL the postmaster (its backends notice and exit by themselves)."""
        assert self.postgres.process is not None
        self.postgres.process.kill()
        self.postgres.process.wait()
        self.postgres.process = None

    def restart_postgres(self) -> None:
        """Start the postmaster again on the same folder and port.

        Until the orphaned backends of the killed postmaster have exited, the shared memory is
        still in use and PostgreSQL refuses to start: try again until it does.
        """
        deadline = time.monotonic() + POSTGRES_RESTART_SECONDS
        while True:
            try:
                self.postgres.start()
                return
            except RuntimeError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)

    def kill_nats(self) -> None:
        self.nats.kill()

    def restart_nats(self) -> None:
        self.nats.start()

    def stop(self, keep: bool = False) -> None:
        """Stop everything in reverse order; remove the folder unless ``keep``."""
        try:
            for instance in reversed(self.instances):
                instance.stop()
            self.nats.stop()
        finally:
            self.postgres.stop("fast")
            if not keep:
                shutil.rmtree(self.root, ignore_errors=True)
