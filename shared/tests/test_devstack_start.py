"""How ``make run`` starts its services: each service's steps in order, then the service; the
services side by side, a step a core at most; a failed step named. Stand-in service commands
(shell scripts logging when each step runs) take the place of the real ones."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from shared.devstack import stack as stack_module
from shared.devstack.stack import STEP_SLOTS, WORKBENCH, Stack

SERVICES = {"membership": 1, "assistance": 2, "disputes": 3, "training": 4, WORKBENCH: 5}
STAND_IN = """#!/bin/sh
echo "$(date +%s%N) begin {name} $1" >> {log}
case "$1" in
  serve) exec sleep 30 ;;
  *) sleep 0.2; echo "$(date +%s%N) end {name} $1" >> {log}; exit {code} ;;
esac
"""


def _stand_ins(folder: Path, log: Path, failing: str | None = None) -> None:
    folder.mkdir()
    for name in SERVICES:
        script = folder / name
        code = 3 if name == failing else 0
        script.write_text(STAND_IN.format(name=name, log=log, code=code), encoding="utf-8")
        script.chmod(script.stat().st_mode | stat.S_IXUSR)


@pytest.fixture
def started(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Stack, Path]:
    monkeypatch.setenv("DATABASE_URL", "postgresql://external/db")  # no embedded servers
    monkeypatch.setenv("NATS_URL", "nats://external:4222")
    monkeypatch.setattr(stack_module, "_service_cli", lambda name: str(tmp_path / "bin" / name))
    (tmp_path / "data").mkdir()
    return Stack(tmp_path / "data", SERVICES), tmp_path / "steps.log"


def _events(log: Path) -> list[tuple[int, str, str, str]]:
    lines = [line.split() for line in log.read_text(encoding="utf-8").splitlines()]
    return sorted((int(at), what, name, step) for at, what, name, step in lines)


def test_each_service_is_prepared_then_served_with_a_step_a_core_at_most(
    started: tuple[Stack, Path],
) -> None:
    stack, log = started
    _stand_ins(log.parent / "bin", log)
    try:
        stack._prepare_and_launch({})
    finally:
        stack.stop()
    events = _events(log)
    running, most = 0, 0
    for _, what, _, step in events:
        if step != "serve":
            running += 1 if what == "begin" else -1
            most = max(most, running)
    assert most == min(STEP_SLOTS, len(SERVICES)), events
    for name in SERVICES:
        mine = [(what, step) for _, what, who, step in events if who == name]
        expected = [("begin", "prepare"), ("end", "prepare")]
        if name == WORKBENCH:
            expected += [("begin", "create-admin"), ("end", "create-admin")]
        assert mine == [*expected, ("begin", "serve")], (name, events)


def test_a_failed_step_stops_the_start_naming_the_service_and_the_step(
    started: tuple[Stack, Path],
) -> None:
    stack, log = started
    _stand_ins(log.parent / "bin", log, failing="disputes")
    try:
        with pytest.raises(RuntimeError, match=r"disputes prepare failed \(exit 3\)"):
            stack._prepare_and_launch({})
    finally:
        stack.stop()
    assert "disputes" not in stack.processes
