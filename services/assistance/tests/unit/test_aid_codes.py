"""The aid codes of the domain are exactly those of the integration contracts."""

from __future__ import annotations

from enum import StrEnum
from typing import get_args

import pytest
from assistance.domain.aid import codes as aid_codes
from assistance.domain.giving import codes as giving_codes
from shared.contracts import assistance as contracts


@pytest.mark.parametrize(
    ("ours", "theirs"),
    [
        (aid_codes.Programme, contracts.Programme),
        (aid_codes.ApprovalStep, contracts.ApprovalStep),
        (aid_codes.RejectionReason, contracts.RejectionReason),
        (aid_codes.PaymentMethod, contracts.PaymentMethod),
        (giving_codes.DonorKind, contracts.DonorKind),
        (giving_codes.ClaimKind, contracts.ClaimKind),
    ],
)
def test_codes_match_the_contracts(ours: type[StrEnum], theirs: object) -> None:
    assert tuple(ours) == get_args(theirs)


def test_every_programme_and_step_has_a_chinese_label() -> None:
    assert set(aid_codes.PROGRAMME_LABELS) == set(aid_codes.PROGRAMMES)
    assert set(aid_codes.STEP_LABELS) == set(aid_codes.APPROVAL_STEPS)
