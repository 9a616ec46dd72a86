"""The service's codes and the integration contracts spell the same values."""

from __future__ import annotations

from typing import Any, get_args

import pytest
from shared.contracts import training as contracts
from training.domain import codes

PAIRS: list[tuple[type[Any], Any]] = [
    (codes.ClassKind, contracts.ClassKind),
    (codes.TargetGroup, contracts.TargetGroup),
    (codes.WithdrawalReason, contracts.WithdrawalReason),
    (codes.SeekerStatus, contracts.SeekerStatus),
    (codes.PlacementChannel, contracts.PlacementChannel),
    (codes.RevocationReason, contracts.RevocationReason),
]


@pytest.mark.parametrize(("enum", "literal"), PAIRS)
def test_codes_match_the_contracts(enum: type[Any], literal: Any) -> None:
    assert {member.value for member in enum} == set(get_args(literal))


def test_every_domain_event_has_a_translator() -> None:
    from shared.seedwork import DomainEvent
    from training.domain.classes import certificate, enrolment, training_class
    from training.domain.competitions import competition
    from training.domain.employment import fair, placement, seeker
    from training.service_layer.translation import TRANSLATORS

    modules = (certificate, enrolment, training_class, competition, fair, placement, seeker)
    found = {
        value
        for module in modules
        for value in vars(module).values()
        if isinstance(value, type) and issubclass(value, DomainEvent) and value is not DomainEvent
    }
    found.discard(enrolment.EnrolmentEvent)
    assert found == set(TRANSLATORS)
