"""``make run`` stopped by Ctrl-C, or its supervisor killed, leaves no process behind.

``make run`` is started as a terminal starts it (a process group of its own, in the
foreground) on free ports and a data folder of the test's own; Ctrl-C is SIGINT to that whole
group. Every process that was part of the stack (recorded while it ran, with its start time)
must be gone within the bound, and the next start on the same data folder must succeed.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from shared.devstack import NatsServer, PostgresServer, free_port
from shared.devstack.ports import port_open

from .processes import Identity, descendants, describe, group_members, identity, survivors

pytestmark = pytest.mark.integration

REPOSITORY = Path(__file__).resolve().parents[2]
SERVICES = ("membership", "assistance", "disputes", "training", "reporting")
CTRL_C_BOUND_SECONDS = 15.0  # the requirements
KILLED_BOUND_SECONDS = 5.0
START_PATIENCE_SECONDS = 90.0


@dataclass
class Run:
    """One ``make run``: its process, ports and the processes of its stack."""

    make: subprocess.Popen[bytes]
    ports: dict[str, int]
    log: Path

    def wait_for(self, services: tuple[str, ...]) -> None:
        deadline = time.monotonic() + START_PATIENCE_SECONDS
        while not all(port_open(self.ports[name]) for name in services):
            assert self.make.poll() is None, f"make run ended early:\n{self.tail()}"
            assert time.monotonic() < deadline, f"{services} not answering:\n{self.tail()}"
            time.sleep(0.05)

    def stack(self) -> set[Identity]:
        """make's descendants and everything in their process groups (postgres backends)."""
        found = descendants(self.make.pid)
        for pgid in {os.getpgid(pid) for pid, _ in found if identity(pid)} - {self.make.pid}:
            found |= group_members(pgid)
        return found

    def supervisor(self) -> int:
        children = [pid for pid, _ in descendants(self.make.pid) if _parent(pid) == self.make.pid]
        assert len(children) == 1, children
        return children[0]

    def tail(self) -> str:
        return self.log.read_text(errors="replace")[-4000:]


def _parent(pid: int) -> int:
    stat = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return int(stat[1])


@pytest.fixture
def data() -> Iterator[Path]:
    """A data folder outside pytest's (0700) temporary folders, for the PostgreSQL account."""
    folder = Path(tempfile.mkdtemp(prefix="unionhub-run-"))
    folder.chmod(0o755)
    yield folder / "data"
    shutil.rmtree(folder, ignore_errors=True)


Start = Callable[[], Run]


@pytest.fixture
def start(data: Path) -> Iterator[Start]:
    runs: list[Run] = []
    ports = {name: free_port() for name in (*SERVICES, "postgres", "nats")}

    def launch() -> Run:  # the ports are the same for every run of a test
        services = " ".join(f"{name}={ports[name]}" for name in SERVICES)
        env = {
            **os.environ,
            "UNIONHUB_PG_PORT": str(ports["postgres"]),
            "UNIONHUB_NATS_PORT": str(ports["nats"]),
        }
        for name in ("DATABASE_URL", "NATS_URL"):
            env.pop(name, None)
        log = data.parent / f"run-{len(runs)}.log"
        with log.open("wb") as out:
            make = subprocess.Popen(
                ["make", "-s", "run", f"DATA={data}", f"RUN_SERVICES={services}"],
                cwd=REPOSITORY,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # as a terminal runs it: a foreground group of its own
            )
        runs.append(Run(make, ports, log))
        return runs[-1]

    launch.ports = ports  # type: ignore[attr-defined]
    yield launch
    for run in runs:  # a failed test must not leave its stack running
        left = run.stack()
        if run.make.poll() is None:
            os.killpg(run.make.pid, signal.SIGKILL)
            run.make.wait()
        for pid, _ in survivors(left, 5.0):
            os.kill(pid, signal.SIGKILL)


def _assert_whole(stack: set[Identity], services: tuple[str, ...]) -> None:
    """The recorded stack holds what it should, lest an empty record pass for a clean stop."""
    commands = " ".join(describe(stack))
    for part in ("postgres", "nats-server", "shared.devstack.supervisor", *services):
        assert part in commands, f"{part} not found among {describe(stack)}"


def _ctrl_c(run: Run, services: tuple[str, ...]) -> tuple[set[Identity], float]:
    """Ctrl-C: SIGINT to make's process group; the stack's processes left after the bound."""
    stack = run.stack()
    _assert_whole(stack, services)
    started = time.monotonic()
    os.killpg(run.make.pid, signal.SIGINT)
    make = identity(run.make.pid)
    left = survivors(stack | ({make} if make else set()), CTRL_C_BOUND_SECONDS)
    return left, time.monotonic() - started


@pytest.mark.timeout(360)  # ten whole stacks started and stopped; slower beside other tests
def test_ten_runs_stopped_by_ctrl_c_leave_nothing_and_start_again(start: Start) -> None:
    for cycle in range(10):
        run = start()
        # Half of the cycles press Ctrl-C while the others are still starting.
        early = cycle % 2 == 0
        answering = SERVICES[:1] if early else SERVICES
        run.wait_for(answering)
        left, elapsed = _ctrl_c(run, answering)
        assert not left, f"cycle {cycle}: still running after {elapsed:.1f}s: {describe(left)}"
        run.make.wait(timeout=1)
        assert not any(port_open(port) for port in run.ports.values()), f"cycle {cycle}"


def test_killed_supervisor_takes_its_stack_along_and_the_next_start_succeeds(
    start: Start, data: Path
) -> None:
    run = start()
    run.wait_for(SERVICES)
    stack = run.stack()
    _assert_whole(stack, SERVICES)
    supervisor = run.supervisor()
    os.kill(supervisor, signal.SIGKILL)
    left = survivors({p for p in stack if p[0] != supervisor}, KILLED_BOUND_SECONDS)
    assert not left, f"outlived the supervisor: {describe(left)}"
    run.make.wait(timeout=5)

    again = start()
    again.wait_for(SERVICES)
    left, elapsed = _ctrl_c(again, SERVICES)
    assert not left, f"still running after {elapsed:.1f}s: {describe(left)}"


def test_a_stack_left_in_the_data_folder_is_stopped_and_the_start_goes_on(
    start: Start, data: Path
) -> None:
    run_ports = start.ports  # type: ignore[attr-defined]
    postgres = PostgresServer(data / "postgres", run_ports["postgres"], fsync=False)
    nats_server = NatsServer(data / "nats", run_ports["nats"])
    data.mkdir(parents=True)
    data.chmod(0o755)
    postgres.start()
    nats_server.start()
    try:
        run = start()
        run.wait_for(SERVICES)
        said = run.log.read_text(errors="replace")
        assert said.count("left by an earlier run") == 2, said[:2000]
        left, elapsed = _ctrl_c(run, SERVICES)
        assert not left, f"still running after {elapsed:.1f}s: {describe(left)}"
    finally:
        nats_server.stop()
        postgres.stop("immediate")
