"""A hardship file's events become dated on-file states: levels, relocations, closing."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

import pytest
from reporting.domain.assistance_households import (
    HouseholdFact,
    HouseholdState,
    household_changes,
)
from reporting.domain.timeline import Interval, intervals

UA, UC = uuid4(), uuid4()


def test_filing_level_changes_relocation_and_exit() -> None:
    facts = [
        HouseholdFact("filed", date(2024, 1, 10), UA, "accident", temporary=True),
        HouseholdFact("formalised", date(2024, 3, 1), UA, "relative"),
        HouseholdFact("flagged", date(2024, 4, 1), UA),
        HouseholdFact("relocated", date(2024, 5, 20), UC),
        HouseholdFact("reverified", date(2024, 6, 10), UC, "deep"),
        HouseholdFact("exited", date(2024, 10, 31), UC),
    ]
    assert intervals(household_changes(facts)) == [
        Interval(date(2024, 1, 10), date(2024, 3, 1), HouseholdState(UA, "accident", True)),
        Interval(date(2024, 3, 1), date(2024, 5, 20), HouseholdState(UA, "relative", False)),
        Interval(date(2024, 5, 20), date(2024, 6, 10), HouseholdState(UC, "relative", False)),
        Interval(date(2024, 6, 10), date(2024, 10, 31), HouseholdState(UC, "deep", False)),
    ]


def test_events_about_a_closed_or_unknown_file_change_nothing_until_it_is_filed_again() -> None:
    facts = [
        HouseholdFact("relocated", date(2023, 12, 1), UC),  # its filing not known
        HouseholdFact("filed", date(2024, 1, 10), UA, "deep"),
        HouseholdFact("cancelled", date(2024, 2, 1), UA),
        HouseholdFact("reverified", date(2024, 1, 20), UA, "relative"),  # after the closing
        HouseholdFact("filed", date(2024, 9, 1), UC, "relative"),
    ]
    assert intervals(household_changes(facts)) == [
        Interval(date(2024, 1, 10), date(2024, 2, 1), HouseholdState(UA, "deep", False)),
        Interval(date(2024, 9, 1), None, HouseholdState(UC, "relative", False)),
    ]


def test_a_level_change_without_a_level_is_refused() -> None:
    with pytest.raises(ValueError, match="困难等级"):
        household_changes([HouseholdFact("filed", date(2024, 1, 1), UA)])
