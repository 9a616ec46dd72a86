"""A short chaos run: 300 admissions and a transfer of every fourth member while a membership
instance, nats-server and PostgreSQL are SIGKILLed and restarted; nothing acknowledged may be
lost, nothing counted twice.

It runs ``python -m chaos`` as the operator does, in a process of its own: its stack's
processes die with it if the test is stopped, and its event loops stay out of pytest's. Two
relays and two reporting instances may deliver a member's transfer before the admission: the
projections apply each version whenever it arrives, so the short run checks transfers too.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

REPOSITORY_ROOT = Path(__file__).resolve().parents[2]
COMMANDS = 300
SUMMARY = re.compile(
    r"确认 acknowledged (\d+) \(\+ (\d+) transfers\), 丢失 lost (\d+), 重复 duplicated (\d+)"
)
STRUCK = re.compile(r"killed (\S+) at [\d.]+s: restarted [\d.]+s, back [\d.]+s")


@pytest.mark.integration
@pytest.mark.timeout(180)
def test_a_short_chaos_run_loses_and_duplicates_nothing() -> None:
    run = subprocess.run(
        [
            *(sys.executable, "-m", "chaos", "--short", "--transfer-every", "4"),
            *("--commands", str(COMMANDS), "--seconds", "60"),
        ],
        cwd=REPOSITORY_ROOT,
        capture_output=True,
        text=True,
        timeout=170,
        check=False,
    )
    output = run.stdout + run.stderr

    summary = SUMMARY.search(output)
    assert summary is not None, output
    admissions, transfers, lost, duplicated = map(int, summary.groups())
    assert (lost, duplicated) == (0, 0), output
    assert (admissions, transfers) == (COMMANDS, COMMANDS // 4), output
    assert STRUCK.findall(output) == ["membership-1", "nats-server", "postgresql"], output
    assert run.returncode == 0, output
