"""A stack left running by an earlier ``make run`` in the same data folder: found and stopped.

An earlier supervisor that was killed used to leave PostgreSQL, nats-server and the services
behind, and the next start failed on ``pg_ctl`` or on a busy port. Whatever runs from the same
data folder is ours: it is reported, stopped, and the start goes on.
"""

from __future__ import annotations

import functools
import os
import signal
from collections.abc import Callable, Iterable
from pathlib import Path

from shared.devstack.children import command_of, stop_pid
from shared.devstack.nats import NatsServer
from shared.devstack.postgres import PostgresServer

SERVICE_STOP_SECONDS = 10.0
SUPERVISOR_MODULE = "shared.devstack.supervisor"


def pid_file(data: Path, name: str) -> Path:
    """Where the supervisor records the pid of ``name`` (a service, or ``supervisor``)."""
    return data / "run" / f"{name}.pid"


def record_pid(data: Path, name: str, pid: int) -> None:
    """Record ``name``'s pid under ``data`` for the next start to find."""
    path = pid_file(data, name)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"{pid}\n", encoding="utf-8")


def _recorded(data: Path, name: str, looks_right: Callable[[list[str]], bool]) -> int | None:
    try:
        pid = int(pid_file(data, name).read_text(encoding="utf-8").strip())
    except (OSError, ValueError):
        return None
    if pid == os.getpid():
        return None
    return pid if looks_right(command_of(pid)) else None


def live_supervisor(data: Path) -> int | None:
    """The pid of another supervisor running on ``data``, if one is."""
    return _recorded(data, "supervisor", lambda command: SUPERVISOR_MODULE in command)


def stop_leftovers(
    data: Path,
    services: Iterable[str],
    pg: PostgresServer | None,
    nats_server: NatsServer | None,
    say: Callable[[str], None],
) -> None:
    """Stop what an earlier run on ``data`` left: services, then NATS, then PostgreSQL."""
    for name in services:
        pid = _recorded(data, name, functools.partial(_is_service, name=name))
        if pid is not None:
            say(f"上次运行遗留的 {name} (pid {pid}) 正在停止 (left by an earlier run: stopping it)")
            stop_pid(pid, signal.SIGTERM, SERVICE_STOP_SECONDS)
        pid_file(data, name).unlink(missing_ok=True)
    if nats_server is not None and (pid := nats_server.running_pid()) is not None:
        say(
            f"上次运行遗留的 nats-server (pid {pid}) 正在停止 (left by an earlier run: stopping it)"
        )
        nats_server.stop()
    if pg is not None and (pid := pg.running_pid()) is not None:
        say(f"上次运行遗留的 PostgreSQL (pid {pid}) 正在停止 (left by an earlier run: stopping it)")
        pg.stop("fast")


def _is_service(command: list[str], *, name: str) -> bool:
    return "serve" in command and any(Path(part).name == name for part in command[:2])
