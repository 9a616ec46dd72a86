"""Contracts published in more than one version: an old version's events decode as the newest."""

from __future__ import annotations

import uuid

import pytest
from pydantic import ValidationError
from shared.contracts import assistance
from shared.contracts.envelope import CloudEvent
from shared.contracts.registry import registry


def _flagged(version: int, flag: str) -> CloudEvent:
    data = {
        "org_id": str(uuid.uuid4()),
        "occurred_on": "2025-06-20",
        "household_id": str(uuid.uuid4()),
        "flag": flag,
    }
    return CloudEvent(
        source="/assistance", type="assistance.household.flagged", dataversion=version, data=data
    )


def test_a_v1_household_flag_decodes_as_the_newest_version() -> None:
    decoded = registry.decode(_flagged(1, "head_left_union"))
    assert type(decoded) is assistance.HouseholdFlagged
    assert (decoded.version, decoded.flag) == (2, "head_left_union")


@pytest.mark.parametrize("flag", ["dispute_concluded", "reemployed"])
def test_the_flags_added_in_v2_are_v2_only(flag: str) -> None:
    envelope = _flagged(2, flag)
    assert registry.decode(envelope).flag == flag  # type: ignore[attr-defined]
    with pytest.raises(ValidationError):  # what a consumer that knows only v1 does with it
        assistance.HouseholdFlaggedV1.model_validate(envelope.data)
    assert assistance.HouseholdFlagged.subject() == "assistance.household.flagged.v2"
