"""The domain's codes are exactly the integration contracts' codes."""

from __future__ import annotations

from typing import get_args

from disputes.domain.cases import codes, legal_aid
from disputes.domain.network import codes as network
from disputes.entrypoints.api.cases import schemas
from shared.contracts import disputes as contracts


def test_codes_match_the_contracts() -> None:
    pairs = [
        (codes.Channel, contracts.Channel),
        (codes.Category, contracts.Category),
        (codes.DeclineReason, contracts.DeclineReason),
        (codes.FailureReason, contracts.FailureReason),
        (codes.ReferralTarget, contracts.ReferralTarget),
        (codes.TransferReason, contracts.TransferReason),
        (codes.ExtensionReason, contracts.ExtensionReason),
        (codes.EmploymentEnding, contracts.EmploymentEnding),
        (codes.ArbitrationOutcome, contracts.ArbitrationOutcome),
        (codes.ClosingOutcome, contracts.ClosingOutcome),
        (legal_aid.AidStage, contracts.AidStage),
        (legal_aid.AidOutcome, contracts.AidOutcome),
        (network.RiskKind, contracts.RiskKind),
    ]
    for ours, theirs in pairs:
        assert tuple(ours) == get_args(theirs)


def test_every_status_has_a_label() -> None:
    assert set(codes.STATUS_LABELS) == set(codes.CaseStatus)
    assert set(codes.CATEGORY_LABELS) == set(codes.Category)


def test_a_mediator_picks_every_reason_but_unknown() -> None:
    chosen = set(get_args(schemas.ChosenExtensionReason))
    assert chosen == set(codes.ExtensionReason) - {codes.ExtensionReason.UNKNOWN}
