"""Counting one place's copies of the run's commands against what membership committed.

A place has *lost* a command it misses (membership's own tables: an acknowledged one;
downstream: any one membership committed), *duplicated* one it holds more than once, and
holds an *extra* one for a member membership never committed that change for.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from chaos.load import Outcome


@dataclass(frozen=True)
class Place:
    """One place's count of one kind of command and what it lost, duplicated or made up."""

    name: str
    counted: int
    lost: int
    duplicated: int
    extra: int = 0
    note: str = ""


def tally_members(by_number: dict[int, list[str]], acked: Iterable[Outcome]) -> Place:
    """Lost: an acknowledged member with no row; duplicated: a command with two rows."""
    ids = {member for members in by_number.values() for member in members}
    lost = sum(1 for outcome in acked if outcome.member_id not in ids)
    duplicated = sum(len(members) - 1 for members in by_number.values())
    return Place("membership 会员表 members", len(ids), lost, duplicated)


def tally_transfers(rows: Counter[str], acked: Iterable[Outcome]) -> Place:
    """Lost: an acknowledged transfer with no row; duplicated: a member moved twice (the run
    moves each at most once)."""
    lost = sum(1 for outcome in acked if outcome.member_id not in rows)
    duplicated = sum(times - 1 for times in rows.values())
    return Place("membership 接转表 transfers", len(rows), lost, duplicated)


def tally_downstream(name: str, seen: Counter[str], truth: set[str]) -> Place:
    """``seen`` counts a place's copies by member; ``truth`` is what membership committed."""
    lost = len(truth - set(seen))
    duplicated = sum(times - 1 for member, times in seen.items() if member in truth)
    extra = sum(times for member, times in seen.items() if member not in truth)
    return Place(name, len(set(seen) & truth), lost, duplicated, extra)


def tally_unions(name: str, seen: dict[str, str], truth: dict[str, str]) -> Place:
    """A replica's union of each member against membership's: a stale one lost a transfer."""
    agreeing = sum(1 for member, union in truth.items() if seen.get(member) == union)
    return Place(name, agreeing, len(truth) - agreeing, 0)


def tally_figure(name: str, figure: int, truth: int) -> Place:
    """A figure below the committed count lost some; above it, counted some twice."""
    return Place(name, figure, max(0, truth - figure), max(0, figure - truth))
