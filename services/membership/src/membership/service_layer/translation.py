"""Domain events → integration contracts (``shared.contracts.membership``).

The one place deciding what leaves the service. Contracts carry ids, codes, dates, counts and
business names: nothing here reads a person's name, ID number, mobile or card number, because
domain events hold none. An individual business (个体工商户) is often named after its owner, so
its name stays in the service.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from shared.contracts import membership as contracts
from shared.contracts.registry import IntegrationEvent
from shared.outbox import PendingEvent
from shared.seedwork import DomainEvent, RecordedEvent

from membership.domain import events

Translator = Callable[[Any], IntegrationEvent]
_NAMED_AFTER_OWNER = frozenset({"individual_business"})


def _union_founded(e: events.UnionFounded) -> IntegrationEvent:
    return contracts.UnionFounded(
        org_id=e.org_id,
        occurred_on=e.founded_on,
        parent_id=e.parent_id,
        kind=cast(contracts.OrganisationKind, e.kind),
        grassroots_mode=cast(contracts.GrassrootsMode | None, e.grassroots_mode),
        name=e.name,
    )


def _union_renamed(e: events.UnionRenamed) -> IntegrationEvent:
    return contracts.UnionRenamed(org_id=e.org_id, occurred_on=e.renamed_on, name=e.name)


def _union_reelected(e: events.UnionReelected) -> IntegrationEvent:
    return contracts.UnionReelected(
        org_id=e.org_id, occurred_on=e.term_start, term_start=e.term_start, term_end=e.term_end
    )


def _committee_elected(e: events.CommitteeElected) -> IntegrationEvent:
    return contracts.CommitteeElected(
        org_id=e.org_id,
        occurred_on=e.elected_on,
        committee_id=e.committee_id,
        elected_on=e.elected_on,
        term_start=e.term_start,
        term_end=e.term_end,
        size=e.size,
        by_role={cast(contracts.CommitteeRole, role): n for role, n in e.by_role},
        women=e.women,
        sex_recorded=e.sex_recorded,
        full_time=e.full_time,
    )


def _union_moved(e: events.UnionMoved) -> IntegrationEvent:
    return contracts.UnionMoved(
        org_id=e.org_id,
        occurred_on=e.moved_on,
        old_parent_id=e.old_parent_id,
        new_parent_id=e.new_parent_id,
    )


def _union_dissolved(e: events.UnionDissolved) -> IntegrationEvent:
    return contracts.UnionDissolved(org_id=e.org_id, occurred_on=e.dissolved_on)


def _employer_registered(e: events.EmployerRegistered) -> IntegrationEvent:
    return contracts.EmployerRegistered(
        org_id=e.territory_org_id,
        occurred_on=e.registered_on,
        employer_id=e.employer_id,
        uscc=e.uscc,
        name=None if e.registration_type in _NAMED_AFTER_OWNER else e.name,
        registration_type=e.registration_type,
        ownership_class=e.ownership_class,
        industry=e.industry,
    )


def _employer_reclassified(e: events.EmployerReclassified) -> IntegrationEvent:
    return contracts.EmployerReclassified(
        org_id=e.territory_org_id,
        occurred_on=e.corrected_on,
        employer_id=e.employer_id,
        registration_type=e.registration_type,
        ownership_class=e.ownership_class,
        previous_registration_type=e.previous_registration_type,
    )


def _census_updated(e: events.EmployerCensusUpdated) -> IntegrationEvent:
    return contracts.EmployerCensusUpdated(
        org_id=e.territory_org_id,
        occurred_on=e.effective_on,
        employer_id=e.employer_id,
        workers=e.workers,
        women=e.women,
        migrant_workers=e.migrant_workers,
    )


def _coverage_changed(e: events.EmployerCoverageChanged) -> IntegrationEvent:
    return contracts.EmployerCoverageChanged(
        org_id=e.territory_org_id,
        occurred_on=e.effective_on,
        employer_id=e.employer_id,
        covered_by_union_id=e.covered_by_union_id,
        coverage_mode=cast(contracts.GrassrootsMode | None, e.coverage_mode),
    )


def _member_admitted(e: events.MemberAdmitted) -> IntegrationEvent:
    return contracts.MemberAdmitted(
        org_id=e.union_id,
        occurred_on=e.joined_on,
        member_id=e.member_id,
        employer_id=e.employer_id,
        sex=cast(contracts.Sex, e.sex),
        birth_year=e.birth_year,
        is_migrant_worker=e.is_migrant_worker,
    )


def _member_transferred(e: events.MemberTransferred) -> IntegrationEvent:
    return contracts.MemberTransferred(
        org_id=e.to_union_id,
        occurred_on=e.effective_on,
        member_id=e.member_id,
        transfer_id=e.transfer_id,
        from_union_id=e.from_union_id,
        to_union_id=e.to_union_id,
        employer_id=e.employer_id,
        reason=cast(contracts.TransferReason, e.reason),
    )


def _member_retained(e: events.MemberRetained) -> IntegrationEvent:
    return contracts.MemberRetained(
        org_id=e.union_id,
        occurred_on=e.effective_on,
        member_id=e.member_id,
        reason=cast(contracts.RetentionReason, e.reason),
    )


def _member_reinstated(e: events.MemberReinstated) -> IntegrationEvent:
    return contracts.MemberReinstated(
        org_id=e.union_id, occurred_on=e.effective_on, member_id=e.member_id
    )


def _member_left(e: events.MemberLeft) -> IntegrationEvent:
    return contracts.MemberLeft(
        org_id=e.union_id,
        occurred_on=e.effective_on,
        member_id=e.member_id,
        reason=cast(contracts.LeavingReason, e.reason),
    )


def _contract_signed(e: events.ContractSigned) -> IntegrationEvent:
    return contracts.ContractSigned(
        org_id=e.union_id,
        occurred_on=e.signed_on,
        contract_id=e.contract_id,
        kind=cast(contracts.ContractKind, e.kind),
        signing_party=cast(contracts.SigningParty, e.signing_party),
        employer_ids=list(e.employer_ids),
        employers_covered=len(e.employer_ids),
        workers_covered=e.workers_covered,
        starts_on=e.starts_on,
        ends_on=e.ends_on,
    )


def _contract_terminated(e: events.ContractTerminated) -> IntegrationEvent:
    return contracts.ContractTerminated(
        org_id=e.union_id, occurred_on=e.terminated_on, contract_id=e.contract_id
    )


TRANSLATORS: dict[type[DomainEvent], Translator] = {
    events.UnionFounded: _union_founded,
    events.UnionRenamed: _union_renamed,
    events.UnionReelected: _union_reelected,
    events.CommitteeElected: _committee_elected,
    events.UnionMoved: _union_moved,
    events.UnionDissolved: _union_dissolved,
    events.EmployerRegistered: _employer_registered,
    events.EmployerReclassified: _employer_reclassified,
    events.EmployerCensusUpdated: _census_updated,
    events.EmployerCoverageChanged: _coverage_changed,
    events.MemberAdmitted: _member_admitted,
    events.MemberTransferred: _member_transferred,
    events.MemberRetained: _member_retained,
    events.MemberReinstated: _member_reinstated,
    events.MemberLeft: _member_left,
    events.ContractSigned: _contract_signed,
    events.ContractTerminated: _contract_terminated,
}
"""Every domain event type and the contract it becomes."""


def to_integration_event(event: DomainEvent) -> IntegrationEvent:
    """The integration contract for one domain event.

    Raises:
        KeyError: a domain event type without a translator (a programming error).
    """
    return TRANSLATORS[type(event)](event)


def translate(recorded: RecordedEvent, *, correlation_id: str | None = None) -> PendingEvent:
    """A recorded domain event as an outbox entry, keyed by its aggregate and version."""
    return PendingEvent(
        event=to_integration_event(recorded.event),
        aggregate_id=str(recorded.aggregate_id),
        aggregate_version=recorded.aggregate_version,
        correlation_id=correlation_id,
    )
