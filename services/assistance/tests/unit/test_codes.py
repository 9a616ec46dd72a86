"""The domain's codes are exactly the integration contracts' codes."""

from __future__ import annotations

from typing import get_args

from assistance.domain.households import codes
from assistance.domain.visits import codes as visit_codes
from shared.contracts import assistance as contracts


def test_codes_match_the_contracts() -> None:
    pairs = [
        (codes.HardshipLevel, contracts.HardshipLevel),
        (codes.HardshipCause, contracts.HardshipCause),
        (codes.ExitReason, contracts.ExitReason),
        (codes.CancellationReason, contracts.CancellationReason),
        (codes.ReviewFlag, contracts.ReviewFlag),
        (codes.RelocationReason, contracts.RelocationReason),
        (visit_codes.VisitOccasion, contracts.VisitOccasion),
    ]
    for ours, theirs in pairs:
        assert tuple(ours) == get_args(theirs)
