"""Effective-dated state: a sequence of dated changes becomes half-open validity intervals."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Generic, TypeVar

S = TypeVar("S")


@dataclass(frozen=True)
class Change(Generic[S]):
    """From ``on``, the state is ``state``; ``None`` ends the timeline (dissolved, left)."""

    on: date
    state: S | None


@dataclass(frozen=True)
class Interval(Generic[S]):
    """``state`` held on every day of [valid_from, valid_to); ``valid_to`` None: still holds."""

    valid_from: date
    valid_to: date | None
    state: S


def intervals(changes: Iterable[Change[S]]) -> list[Interval[S]]:
    """The validity intervals of ``changes``, given in the order they were recorded.

    A change dated on or before an earlier-recorded one supersedes it: the newer record is
    the better knowledge of that day (a correction), so two intervals never overlap.
    """
    starts: list[Change[S]] = []
    for change in changes:
        while starts and starts[-1].on >= change.on:
            starts.pop()
        starts.append(change)
    found: list[Interval[S]] = []
    for index, change in enumerate(starts):
        if change.state is None:
            continue
        ends = starts[index + 1].on if index + 1 < len(starts) else None
        found.append(Interval(change.on, ends, change.state))
    return found
