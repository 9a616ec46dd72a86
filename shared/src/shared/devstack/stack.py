"""The processes ``make run`` supervises: started in order, watched, stopped in reverse order."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import deque
from pathlib import Path

from shared.devstack.children import ChildGroup, spawn, stop_process
from shared.devstack.leftovers import pid_file, record_pid
from shared.devstack.nats import NatsServer
from shared.devstack.ports import Interrupted, port_open, wait_until
from shared.devstack.postgres import PostgresServer
from shared.trace_files import TRACE_DIR_VARIABLE

DEFAULT_PG_PORT = 55432
DEFAULT_NATS_PORT = 4222
SERVICE_START_SECONDS = 60.0
WORKBENCH = "portal"
"""The cadre workbench: its first admin is created at start and every service trusts its keys."""
STEP_SLOTS = os.cpu_count() or 2
"""Services' start steps (``prepare``) running at once: a second of imports each, on a core."""
SERVICES_STOP_SECONDS = 5.0
"""The services' share of the supervisor's own stop bound; each stops in about a second."""


def say(message: str) -> None:
    """Print a line of the supervisor's own output."""
    print(f"[unionhub] {message}", flush=True)


def _service_cli(name: str) -> str:
    return str(Path(sys.executable).parent / name)


class Stack:
    """PostgreSQL, NATS (unless external) and the services, as children in one process group.

    Args:
        data: the folder holding the servers' data and the pid files.
        services: service name → HTTP port, in start order.
    """

    def __init__(self, data: Path, services: dict[str, int]) -> None:
        self.data = data
        self.services = services
        self.children = ChildGroup()
        self.processes: dict[str, subprocess.Popen[bytes]] = {}
        self.stopping = False
        self.pg: PostgresServer | None = None
        self.nats: NatsServer | None = None
        if not os.environ.get("DATABASE_URL"):
            port = int(os.environ.get("UNIONHUB_PG_PORT", DEFAULT_PG_PORT))
            self.pg = PostgresServer(data / "postgres", port, group=self.children)
        if not os.environ.get("NATS_URL"):
            port = int(os.environ.get("UNIONHUB_NATS_PORT", DEFAULT_NATS_PORT))
            self.nats = NatsServer(data / "nats", port, group=self.children)

    def request_stop(self) -> None:
        """Ask the start or the watch to give up (called from the signal handler)."""
        self.stopping = True

    def _stop_requested(self) -> bool:
        return self.stopping

    def busy_port(self) -> str | None:
        """Why the stack cannot start: a port it needs is taken by something not ours."""
        wanted = {f"service {name}": port for name, port in self.services.items()}
        if self.pg:
            wanted["PostgreSQL (UNIONHUB_PG_PORT)"] = self.pg.port
        if self.nats:
            wanted["NATS (UNIONHUB_NATS_PORT)"] = self.nats.port
        for what, port in wanted.items():
            if port_open(port):
                return f"端口 {port} 已被占用 (port {port} for {what} is busy, not by this folder)"
        return None

    def start(self) -> dict[str, str]:
        """Start everything; return the services' environment.

        Raises:
            Interrupted: a stop was requested during the start.
        """
        env = {**os.environ, "ENVIRONMENT": os.environ.get("ENVIRONMENT", "dev")}
        env.setdefault(TRACE_DIR_VARIABLE, str(self._fresh_trace_dir()))
        if self.pg:
            say(f"PostgreSQL 启动中 (127.0.0.1:{self.pg.port}, {self.pg.root}) …")
            self.pg.start(abort=self._stop_requested)
            env["DATABASE_URL"] = self.pg.url()
        if self.nats:
            say(f"NATS JetStream 启动中 ({self.nats.url}) …")
            self.nats.start(abort=self._stop_requested)
            env["NATS_URL"] = self.nats.url
        env.update(self._service_urls())
        self._prepare_and_launch(env)
        for name, port in self.services.items():
            wait_until(
                lambda name=name, port=port: self._answers(name, port),  # type: ignore[misc]
                f"nothing listens on 127.0.0.1:{port} ({name})",
                SERVICE_START_SECONDS,
                self._stop_requested,
            )
        return env

    def _service_urls(self) -> dict[str, str]:
        """Each service's base URL (``MEMBERSHIP_URL`` …) for the workbench, and, when the
        workbench runs, its key set for every service (``make token``'s tokens still work)."""
        urls = {
            f"{name.upper()}_URL": f"http://127.0.0.1:{port}"
            for name, port in self.services.items()
        }
        if WORKBENCH in self.services:
            urls["JWT_JWKS_URL"] = f"{urls['PORTAL_URL']}/.well-known/jwks.json"
            urls["JWT_DEV_TOKENS"] = "true"
        return urls

    def _first_admin(self) -> list[str]:
        """The workbench's first administrator, created once; its password kept in the data
        folder (readable by its owner only) for the banner."""
        return ["create-admin", "--if-missing", "--password-file", str(self.admin_password_file)]

    @property
    def admin_password_file(self) -> Path:
        """Where the first administrator's password is kept (dev only)."""
        return self.data / "portal-admin-password"

    def _fresh_trace_dir(self) -> Path:
        """``make trace`` reads this run's spans: an earlier run's files are removed."""
        folder = self.data / "traces"
        folder.mkdir(exist_ok=True)
        for old in folder.glob("*.jsonl"):
            old.unlink()
        return folder

    def _steps(self, name: str) -> deque[list[str]]:
        """What runs before a service starts serving: its migrations and its streams (one
        process: each costs a second of imports) and, for the workbench, its first administrator."""
        steps = deque([[_service_cli(name), "prepare"]])
        if name == WORKBENCH:
            steps.append([_service_cli(name), *self._first_admin()])
        return steps

    def _prepare_and_launch(self, env: dict[str, str]) -> None:
        """Run every service's steps in order and then the service, the services side by side:
        each has its own schema and provisions every stream it uses, so none waits for another.
        Steps run a core each at most, in the services' order: more at once would only slow
        them all, and the first services answer sooner.

        Raises:
            Interrupted: a stop was requested; the running steps are stopped first.
            RuntimeError: a step failed.
        """
        pending = {name: self._steps(name) for name in self.services}
        running: dict[str, tuple[str, subprocess.Popen[bytes]]] = {}  # name → (step, process)
        while pending:
            if self.stopping:
                for _, process in running.values():
                    stop_process(process, signal.SIGTERM, 2.0)
                raise Interrupted("stopped while the services were being prepared")
            for name in [n for n in pending if n not in running][: STEP_SLOTS - len(running)]:
                args = pending[name].popleft()
                process = spawn(args, death_signal=signal.SIGKILL, siblings=self.children, env=env)
                running[name] = (args[1], process)
            for name, (step, process) in list(running.items()):
                if process.poll() is None:
                    continue
                del running[name]
                if process.returncode != 0:
                    raise RuntimeError(f"{name} {step} failed (exit {process.returncode})")
                if not pending[name]:
                    del pending[name]
                    self._launch(name, self.services[name], env)
            time.sleep(0.05)

    def _launch(self, name: str, port: int, env: dict[str, str]) -> None:
        command = [_service_cli(name), "serve", "--host", "127.0.0.1", "--port", str(port)]
        # Killed outright if the supervisor dies: a crash of the whole stack, which the
        # delivery guarantees are made for (nothing is acked before it is committed).
        process = spawn(command, death_signal=signal.SIGKILL, siblings=self.children, env=env)
        self.processes[name] = process
        record_pid(self.data, name, process.pid)

    def _answers(self, name: str, port: int) -> bool:
        if self.processes[name].poll() is not None:
            raise RuntimeError(f"{name} exited during start-up")
        return port_open(port)

    def watch(self) -> bool:
        """Wait for a stop request; return True if a service exited by itself first."""
        while not self.stopping:
            if any(process.poll() is not None for process in self.processes.values()):
                say("a service exited; stopping everything")
                return True
            time.sleep(0.2)
        return False

    def stop(self) -> None:
        """Stop the services, then NATS, then PostgreSQL; kill whatever is left of the group."""
        self._stop_services()
        if self.nats:
            self.nats.stop()
        if self.pg:
            self.pg.stop("fast")
        self.children.kill()

    def _stop_services(self) -> None:
        running = [p for p in self.processes.values() if p.poll() is None]
        for process in running:
            process.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + SERVICES_STOP_SECONDS
        for process in running:
            try:
                process.wait(timeout=max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        for name in self.processes:
            pid_file(self.data, name).unlink(missing_ok=True)
