"""Contracts published in more than one version: an old version's events decode as the newest."""

from __future__ import annotations

import uuid

import pytest
from pydantic import ValidationError
from shared.contracts import assistance, disputes, training
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


def _recovery(version: int, event_id: str, **extra: str) -> CloudEvent:
    data = {
        "org_id": str(uuid.uuid4()),
        "occurred_on": "2025-06-20",
        "case_id": str(uuid.uuid4()),
        "amount_fen": 50_000,
        **extra,
    }
    return CloudEvent(
        id=event_id,
        source="/disputes",
        type="disputes.case.recovery_recorded",
        dataversion=version,
        data=data,
    )


def test_a_v1_recovery_gets_an_id_derived_from_its_event_id() -> None:
    event_id = str(uuid.uuid4())
    first = registry.decode(_recovery(1, event_id))
    again = registry.decode(_recovery(1, event_id))
    other = registry.decode(_recovery(1, str(uuid.uuid4())))
    assert type(first) is disputes.RecoveryRecorded
    assert first.recovery_id == again.recovery_id  # every consumer derives the same id
    assert first.recovery_id != other.recovery_id  # equal amounts, two recoveries
    assert first.recovery_id == uuid.uuid5(disputes.RECOVERY_ID_NAMESPACE, event_id)


def test_a_v2_recovery_keeps_the_id_it_was_published_with() -> None:
    recovery_id = str(uuid.uuid4())
    decoded = registry.decode(_recovery(2, str(uuid.uuid4()), recovery_id=recovery_id))
    assert decoded.recovery_id == uuid.UUID(recovery_id)  # type: ignore[attr-defined]
    with pytest.raises(ValidationError):  # v2 requires the id
        disputes.RecoveryRecorded.model_validate(_recovery(1, str(uuid.uuid4())).data)


def _followed_up(version: int, **extra: object) -> CloudEvent:
    data = {
        "org_id": str(uuid.uuid4()),
        "occurred_on": "2025-06-20",
        "placement_id": str(uuid.uuid4()),
        "months": 3,
        "still_employed": True,
        **extra,
    }
    return CloudEvent(
        source="/training", type="training.placement.followed_up", dataversion=version, data=data
    )


def test_a_v1_follow_up_decodes_without_a_person_and_v2_names_one() -> None:
    old = registry.decode(_followed_up(1))
    assert type(old) is training.PlacementFollowedUp
    assert (old.person_id, old.member_id, old.months) == (None, None, 3)
    person = str(uuid.uuid4())
    new = registry.decode(_followed_up(2, person_id=person, member_id=None))
    assert new.person_id == uuid.UUID(person)  # type: ignore[attr-defined]
    with pytest.raises(ValidationError):  # what a consumer that knows only v1 does with it
        training.PlacementFollowedUpV1.model_validate(_followed_up(2, person_id=person).data)


def _extended(version: int, **extra: str) -> CloudEvent:
    data = {
        "org_id": str(uuid.uuid4()),
        "occurred_on": "2025-06-20",
        "case_id": str(uuid.uuid4()),
        "due_on": "2025-07-10",
        **extra,
    }
    return CloudEvent(
        source="/disputes", type="disputes.case.deadline_extended", dataversion=version, data=data
    )


def test_a_v1_extension_decodes_with_its_reason_unknown() -> None:
    decoded = registry.decode(_extended(1))
    assert type(decoded) is disputes.DeadlineExtended
    assert (decoded.version, decoded.reason) == (2, "unknown")


def test_a_v2_extension_requires_and_keeps_its_reason() -> None:
    decoded = registry.decode(_extended(2, reason="awaiting_evidence"))
    assert decoded.reason == "awaiting_evidence"  # type: ignore[attr-defined]
    with pytest.raises(ValidationError):  # v2 requires the reason
        disputes.DeadlineExtended.model_validate(_extended(1).data)
    assert disputes.DeadlineExtended.subject() == "disputes.case.deadline_extended.v2"


def test_a_v2_follow_up_must_say_whose_it_is_and_carries_no_personal_data() -> None:
    with pytest.raises(ValidationError):  # the person is required of a v2 publisher, null or not
        registry.decode(_followed_up(2, member_id=None))
    member = str(uuid.uuid4())
    new = registry.decode(_followed_up(2, person_id=str(uuid.uuid4()), member_id=member))
    assert new.member_id == uuid.UUID(member)  # type: ignore[attr-defined]
    fields = set(training.PlacementFollowedUp.model_fields)
    assert {"person_id", "member_id"} <= fields
    assert not fields & {"name", "id_number", "phone"}
    with pytest.raises(ValidationError):  # an unknown field, such as a name, is refused
        registry.decode(_followed_up(2, person_id=member, member_id=None, name="张三"))
