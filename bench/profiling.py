"""Sampling a service with py-spy while the bench loads it (``BENCH_PROFILE=<folder>``).

Each timed load of a service is recorded as collapsed stacks (``<folder>/<name>.txt``, the
format flame-graph tools read) and summarised: the functions where the samples fall,
inclusive, as shares of all samples. Without ``BENCH_PROFILE`` nothing is started.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import signal
import sys
from collections import Counter
from collections.abc import AsyncIterator
from pathlib import Path

PROFILE_ENV = "BENCH_PROFILE"
SAMPLES_PER_SECOND = 250
TOP_FRAMES = 25
STOP_SECONDS = 15.0


def profile_folder() -> Path | None:
    """Where profiles go, or ``None`` when the run is not profiled."""
    folder = os.environ.get(PROFILE_ENV)
    return Path(folder) if folder else None


def _py_spy() -> str:
    beside = Path(sys.executable).parent / "py-spy"
    found = str(beside) if beside.exists() else shutil.which("py-spy")
    if found is None:
        raise RuntimeError("py-spy is not installed (it is in the dev group: make env)")
    return found


@contextlib.asynccontextmanager
async def profiled(pid: int, name: str) -> AsyncIterator[None]:
    """Record ``pid`` with py-spy for the duration of the block, if profiling is asked for."""
    folder = profile_folder()
    if folder is None:
        yield
        return
    folder.mkdir(parents=True, exist_ok=True)
    raw = folder / f"{name}.txt"
    command = [_py_spy(), "record", "--pid", str(pid), "--rate", str(SAMPLES_PER_SECOND)]
    command += ["--nonblocking", "--format", "raw", "--output", str(raw)]
    process = await asyncio.create_subprocess_exec(
        *command, stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL
    )
    try:
        yield
    finally:
        process.send_signal(signal.SIGINT)
        await asyncio.wait_for(process.wait(), STOP_SECONDS)
    if raw.exists():
        (folder / f"{name}.top.txt").write_text(summary(raw), encoding="utf-8")


def summary(raw: Path, top: int = TOP_FRAMES) -> str:
    """The ``top`` frames by inclusive share of the samples in a collapsed-stack file."""
    inclusive: Counter[str] = Counter()
    total = 0
    for line in raw.read_text(encoding="utf-8").splitlines():
        stack, _, count_text = line.rpartition(" ")
        if not stack or not count_text.isdigit():
            continue
        count = int(count_text)
        total += count
        for frame in set(stack.split(";")):
            inclusive[frame] += count
    lines = [f"{total} samples"]
    lines += [f"{100 * n / total:5.1f}%  {frame}" for frame, n in inclusive.most_common(top)]
    return "\n".join(lines) + "\n"
