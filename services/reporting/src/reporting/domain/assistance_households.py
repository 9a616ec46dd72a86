"""A hardship file's events, in the order they were published, become dated on-file states.

Filing puts a household on file in a union at a level; making a temporary file formal or a
yearly re-verification changes the level; a relocation changes the union from its date; an
exit (解困脱困) or a cancellation (注销) ends it. A flag for review changes nothing: the file
stays on file until a person decides. Events about a closed file change nothing either,
until the household is filed again.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from uuid import UUID

from reporting.domain.timeline import Change

CLOSING_FACTS = frozenset({"exited", "cancelled"})


@dataclass(frozen=True)
class HouseholdFact:
    """One hardship-file event as stored: ``level`` and ``temporary`` only where it says so."""

    fact: str
    effective_on: date
    org_id: UUID
    level: str | None = None
    temporary: bool | None = None


@dataclass(frozen=True)
class HouseholdState:
    """On file in ``org_id`` at ``level``; ``temporary`` for a temporary relief file."""

    org_id: UUID
    level: str
    temporary: bool


def household_changes(facts: Iterable[HouseholdFact]) -> list[Change[HouseholdState]]:
    """The dated states of one household, ready for :func:`reporting.domain.timeline.intervals`."""
    state: HouseholdState | None = None
    changes: list[Change[HouseholdState]] = []
    for fact in facts:
        if fact.fact == "filed":
            state = HouseholdState(fact.org_id, _level(fact), bool(fact.temporary))
        elif state is None:  # nothing on file to change: closed, or its filing not known
            continue
        elif fact.fact in CLOSING_FACTS:
            changes.append(Change(fact.effective_on, None))
            state = None
            continue
        elif fact.fact == "formalised":
            state = replace(state, level=_level(fact), temporary=False)
        elif fact.fact == "reverified":
            state = replace(state, level=_level(fact))
        elif fact.fact == "relocated":
            state = replace(state, org_id=fact.org_id)
        else:  # flagged for review: still on file, unchanged
            continue
        changes.append(Change(fact.effective_on, state))
    return changes


def _level(fact: HouseholdFact) -> str:
    if fact.level is None:
        raise ValueError(f"{fact.fact} 事件缺少困难等级")
    return fact.level
