"""Child processes that cannot outlive the process that started them.

Each child asks the kernel for a signal when its parent dies (``PR_SET_PDEATHSIG``), so a
supervisor that is killed (SIGKILL, a closed terminal) takes its children with it. The request
is tied to the thread that forked: it is only made from the main thread, whose end is the
process's end. A supervisor also keeps its children in one process group of their own, apart
from the terminal's, so that Ctrl-C reaches the supervisor alone and it stops them in order.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_PR_SET_PDEATHSIG = 1
_LIBC = ctypes.CDLL(None, use_errno=True) if sys.platform == "linux" else None


def die_with_parent(death_signal: int) -> Callable[[], None] | None:
    """A ``preexec_fn`` making the child receive ``death_signal`` when this process dies.

    Returns None where that is impossible (not Linux, or not called from the main thread).
    """
    if _LIBC is None or threading.current_thread() is not threading.main_thread():
        return None
    parent = os.getpid()
    libc = _LIBC

    def request() -> None:
        # Runs in the child after any change of user, which would clear the request.
        libc.prctl(_PR_SET_PDEATHSIG, death_signal, 0, 0, 0)
        if os.getppid() != parent:  # the parent died before the request was made
            os.kill(os.getpid(), death_signal)

    return request


@dataclass
class ChildGroup:
    """Children started in one process group of their own; the first child leads it."""

    pgid: int | None = None

    def kwargs(self) -> dict[str, Any]:
        """Popen keyword arguments placing a new child in the group."""
        if self.pgid is not None and not _group_alive(self.pgid):
            self.pgid = None  # every member is gone: the next child founds the group anew
        return {"process_group": self.pgid or 0}

    def joined(self, process: subprocess.Popen[bytes]) -> None:
        """Record a child started with :meth:`kwargs` (the first one becomes the leader)."""
        if self.pgid is None:
            self.pgid = process.pid

    def kill(self) -> None:
        """SIGKILL whatever is left of the group (stragglers after an orderly stop)."""
        if self.pgid is not None:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self.pgid, signal.SIGKILL)


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def spawn(
    args: Sequence[str],
    *,
    death_signal: int,
    siblings: ChildGroup | None = None,
    **kwargs: Any,
) -> subprocess.Popen[bytes]:
    """Start a child that receives ``death_signal`` if we die, in ``siblings``' group if given."""
    if siblings is not None:
        kwargs.update(siblings.kwargs())
    process: subprocess.Popen[bytes] = subprocess.Popen(  # noqa: S603 - our own binaries
        list(args), preexec_fn=die_with_parent(death_signal), **kwargs
    )
    if siblings is not None:
        siblings.joined(process)
    return process


def stop_process(
    process: subprocess.Popen[bytes], sig: int, grace: float, harsher: int | None = None
) -> None:
    """Send ``sig`` and wait up to ``grace`` seconds; then ``harsher`` (1 s) if given; SIGKILL."""
    steps = [(sig, grace)] + ([(harsher, 1.0)] if harsher is not None else [])
    for current, patience in steps:
        if process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            process.send_signal(current)
        try:
            process.wait(timeout=patience)
            return
        except subprocess.TimeoutExpired:
            continue
    process.kill()
    process.wait()


def command_of(pid: int) -> list[str]:
    """The command line of a live process (empty if it is gone or a zombie)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8").rpartition(")")[2].split()
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return []
    if not state or state[0] in ("Z", "X"):
        return []
    return [part.decode(errors="replace") for part in raw.split(b"\0") if part]


def stop_pid(pid: int, sig: int, grace: float) -> None:
    """Stop a process that is not our child: ``sig``, up to ``grace`` seconds, then SIGKILL."""
    for current, patience in ((sig, grace), (signal.SIGKILL, 2.0)):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, current)
        deadline = time.monotonic() + patience
        while time.monotonic() < deadline:
            if not command_of(pid):
                return
            time.sleep(0.05)
