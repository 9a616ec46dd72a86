"""Which processes exist, read from /proc: a process tree's members, and whether they are gone.

A process is named by (pid, start time) so that a pid the kernel hands out again is not
mistaken for the process that had it.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

Identity = tuple[int, int]


def _stat(pid: int) -> list[str] | None:
    try:
        text = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8")
    except OSError:
        return None
    return text.rpartition(")")[2].split()  # fields from the state (3rd) on


def identity(pid: int) -> Identity | None:
    """(pid, start time) of a live process, None if it is gone or a zombie."""
    fields = _stat(pid)
    if fields is None or fields[0] in ("Z", "X"):
        return None
    return pid, int(fields[19])


def alive(process: Identity) -> bool:
    return identity(process[0]) == process


def descendants(root: int) -> set[Identity]:
    """Every live process under ``root`` (not ``root`` itself)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit() and (fields := _stat(int(entry))) is not None:
            children.setdefault(int(fields[1]), []).append(int(entry))
    found: set[Identity] = set()
    pending = list(children.get(root, []))
    while pending:
        pid = pending.pop()
        if (ident := identity(pid)) is not None:
            found.add(ident)
        pending += children.get(pid, [])
    return found


def group_members(pgid: int) -> set[Identity]:
    """Every live process in process group ``pgid``."""
    members: set[Identity] = set()
    for entry in os.listdir("/proc"):
        fields = _stat(int(entry)) if entry.isdigit() else None
        if fields is not None and int(fields[2]) == pgid:
            ident = identity(int(entry))
            if ident is not None:
                members.add(ident)
    return members


def command(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return "?"


def survivors(processes: set[Identity], within: float) -> set[Identity]:
    """Those of ``processes`` still alive after waiting up to ``within`` seconds for them."""
    deadline = time.monotonic() + within
    while True:
        left = {p for p in processes if alive(p)}
        if not left or time.monotonic() >= deadline:
            return left
        time.sleep(0.05)


def describe(processes: set[Identity]) -> list[str]:
    return [f"{pid}: {command(pid)}" for pid, _ in sorted(processes)]
