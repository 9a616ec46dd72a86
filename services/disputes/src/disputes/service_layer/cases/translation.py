"""Case domain events → integration contracts (no names, texts or numbers of persons)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from shared.contracts import disputes as contracts
from shared.contracts.registry import IntegrationEvent
from shared.seedwork import DomainEvent

from disputes.domain.cases import events as ev
from disputes.domain.cases import legal_aid as aid


def _base(e: ev.CaseEvent) -> dict[str, Any]:
    return {"case_id": e.case_id, "org_id": e.org_id, "occurred_on": e.occurred_on}


def _outcome(e: ev.CaseSettled | ev.CaseFailed | ev.ArbitrationDecided) -> dict[str, Any]:
    o = e.outcome
    members = list(o.applicant_member_ids)
    return {
        **_base(e),
        "category": o.category,
        "employer_id": o.employer_id,
        "applicant_member_ids": members,
    }


def _received(e: ev.CaseReceived) -> IntegrationEvent:
    return contracts.CaseReceived(
        **_base(e),
        channel=e.channel,
        category=e.category,
        employer_id=e.employer_id,
        workers_involved=e.workers_involved,
        migrant_workers=e.migrant_workers,
        collective=e.collective,
        claimed_fen=e.claimed_fen,
        applicant_member_ids=list(e.applicant_member_ids),
    )


def _referred(e: ev.CaseReferred) -> IntegrationEvent:
    return contracts.CaseReferred(
        **_base(e),
        target=e.target,
        category=e.category,
        collective=e.collective,
        workers_involved=e.workers_involved,
        claimed_fen=e.claimed_fen,
        wages_claimed_fen=e.wages_claimed_fen,
        overtime_claimed_fen=e.overtime_claimed_fen,
        social_insurance_claimed=e.social_insurance_claimed,
        work_injury=e.work_injury,
        employment_ending=e.employment_ending,
        had_written_contract=e.had_written_contract,
        evidence_sha256=list(e.evidence_sha256),
    )


def _aid_granted(e: aid.LegalAidGranted) -> IntegrationEvent:
    return contracts.LegalAidGranted(
        org_id=e.org_id,
        occurred_on=e.granted_on,
        aid_id=e.aid_id,
        case_id=e.case_id,
        member_id=e.member_id,
        stage=e.stage,
    )


def _aid_concluded(e: aid.LegalAidConcluded) -> IntegrationEvent:
    return contracts.LegalAidConcluded(
        org_id=e.org_id,
        occurred_on=e.concluded_on,
        aid_id=e.aid_id,
        outcome=e.outcome,
        amount_fen=e.amount_fen,
    )


TRANSLATORS: dict[type[DomainEvent], Callable[[Any], IntegrationEvent]] = {
    ev.CaseReceived: _received,
    ev.CaseAccepted: lambda e: contracts.CaseAccepted(
        **_base(e), category=e.category, due_on=e.due_on
    ),
    ev.CaseDeclined: lambda e: contracts.CaseDeclined(**_base(e), reason=e.reason),
    ev.MediatorAssigned: lambda e: contracts.MediatorAssigned(
        **_base(e), mediator_id=e.mediator_id
    ),
    ev.SessionHeld: lambda e: contracts.SessionHeld(
        **_base(e), session_no=e.session_no, attendees=e.attendees
    ),
    ev.DeadlineExtended: lambda e: contracts.DeadlineExtended(
        **_base(e), due_on=e.due_on, reason=e.reason
    ),
    ev.CaseOverdue: lambda e: contracts.CaseOverdue(**_base(e), due_on=e.due_on),
    ev.CaseSettled: lambda e: contracts.CaseSettled(**_outcome(e), agreed_fen=e.agreed_fen),
    ev.CaseFailed: lambda e: contracts.CaseFailed(**_outcome(e), reason=e.reason),
    ev.CaseReferred: _referred,
    ev.ArbitrationDecided: lambda e: contracts.ArbitrationDecided(
        **_outcome(e), outcome=e.result, awarded_fen=e.awarded_fen
    ),
    ev.CaseTransferred: lambda e: contracts.CaseTransferred(
        **_base(e),
        from_org_id=e.from_org_id,
        from_mediation_org_id=e.from_mediation_org_id,
        mediation_org_id=e.mediation_org_id,
        reason=e.reason,
    ),
    ev.RecoveryRecorded: lambda e: contracts.RecoveryRecorded(
        **_base(e), recovery_id=e.recovery_id, amount_fen=e.amount_fen
    ),
    ev.CaseWithdrawn: lambda e: contracts.CaseWithdrawn(**_base(e)),
    ev.CaseClosed: lambda e: contracts.CaseClosed(
        **_base(e), outcome=e.outcome, category=e.category
    ),
    aid.LegalAidGranted: _aid_granted,
    aid.LegalAidConcluded: _aid_concluded,
}
"""Every published case event and the contract it becomes (sessions scheduled and evidence
attached stay in the case's history)."""
