"""The kit's stop machinery in a real process: first signal stops, second exits at once."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
import time

import pytest

# Work that ignores the stop event, as a process stuck connecting to a server that is gone.
STUCK = textwrap.dedent(
    """
    import asyncio, sys
    from shared.lifecycle import run_until_signalled

    async def work(stop):
        print("running", flush=True)
        await asyncio.sleep(3600)

    run_until_signalled(work, settle=float(sys.argv[1]))
    """
)


def _start(settle: float) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        [sys.executable, "-c", STUCK, str(settle)], stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "running"
    return process


def test_stuck_work_is_cancelled_after_the_settle_time_and_the_exit_is_clean() -> None:
    process = _start(settle=1.0)
    started = time.monotonic()
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=10) == 0
    assert 0.9 <= time.monotonic() - started < 5


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_a_second_signal_exits_at_once(sig: signal.Signals) -> None:
    process = _start(settle=30.0)
    process.send_signal(sig)
    time.sleep(0.3)
    started = time.monotonic()
    process.send_signal(sig)
    assert process.wait(timeout=5) == 128 + sig
    assert time.monotonic() - started < 2
