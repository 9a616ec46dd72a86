"""What leaves the service: registered contracts, no personal data, growing versions."""

from __future__ import annotations

import typing
from collections import defaultdict
from datetime import date
from enum import StrEnum

import pytest
from membership.domain import (
    CommitteeMember,
    CommitteeRole,
    ContractKind,
    GrassrootsMode,
    HouseholdType,
    LeavingReason,
    OrganisationKind,
    RetentionReason,
    SigningParty,
    TransferReason,
)
from membership.domain import events as domain_events
from membership.service_layer import handle
from membership.service_layer.commands import (
    CensusFigures,
    DissolveUnion,
    ElectCommittee,
    FoundUnion,
    MemberLeaves,
    MoveUnion,
    ReclassifyEmployer,
    ReelectUnion,
    RegisterEmployer,
    ReinstateMember,
    RenameUnion,
    RetainMember,
    SetCoverage,
    SignContract,
    TerminateContract,
    TransferMember,
    UpdateCensus,
)
from membership.service_layer.translation import TRANSLATORS
from shared.contracts import membership as contracts
from shared.contracts.registry import registry
from shared.outbox import PendingEvent

from .builders import FOUNDED, World, admission, build_world, id_number, uscc
from .fakes import TODAY, FakeUnitOfWork

NAME, CHAIR, EMPLOYER_NAME, MOBILE, NOTE = (
    "欧阳娜娜",
    "司马主席",
    "李四个体店",
    "13912345678",
    "私密备注",
)
COMMITTEE = (
    CommitteeMember("诸葛前任", CommitteeRole.CHAIR, sex="male", full_time=True),
    CommitteeMember("上官委员", CommitteeRole.WOMEN, sex="female"),
    CommitteeMember("东方审查", CommitteeRole.AUDIT),
)


async def _scenario(uow: FakeUnitOfWork) -> tuple[World, list[str]]:
    """Run every command once; return the world and the secrets that must not leak."""
    w = await build_world(uow)
    number = id_number(42, sex="female", born=date(1988, 12, 31))
    card = "GH-SECRET-042"
    admit = admission(w, 42, name=NAME, id_number=number, mobile=MOBILE, card_number=card)
    member = (await handle(admit, uow)).aggregate_id
    s = w.city
    group = FoundUnion(
        scope_root=s, kind=OrganisationKind.UNION_GROUP, name="一车间小组", parent_id=w.union_a,
        founded_on=FOUNDED,
    )  # fmt: skip
    employer = RegisterEmployer(
        scope_root=s, uscc=uscc(77), name=EMPLOYER_NAME, registration_type="individual_business",
        entered_by="cadre-1",
        industry="零售业", territory_org_id=w.community,
        census=CensusFigures(workers=3, women=2, migrant_workers=1, effective_on=date(2025, 1, 1)),
    )  # fmt: skip
    figures = CensusFigures(workers=4, women=2, migrant_workers=2, effective_on=TODAY)
    commands = [
        group,
        RenameUnion(scope_root=s, org_id=w.union_b, name="联合工会", renamed_on=TODAY),
        ReelectUnion(
            scope_root=s, org_id=w.union_a, term_start=date(2024, 1, 1),
            term_end=date(2028, 12, 31), chair_name=CHAIR,
        ),
        employer,
        UpdateCensus(scope_root=s, employer_id=employer.employer_id, census=figures),
        ReclassifyEmployer(
            scope_root=s, employer_id=employer.employer_id, registration_type="private_non_enterprise"
        ),
        SetCoverage(
            scope_root=s, employer_id=employer.employer_id, union_id=w.union_b,
            effective_on=date(2025, 2, 1),
        ),
        RetainMember(
            scope_root=s, member_id=member, reason=RetentionReason.LAID_OFF,
            effective_on=date(2024, 1, 1),
        ),
        ReinstateMember(scope_root=s, member_id=member, effective_on=date(2024, 6, 1)),
        TransferMember(
            scope_root=s, member_id=member, to_union_id=w.union_c, effective_on=date(2025, 1, 1),
            reason=TransferReason.JOB_CHANGE, handled_by="cadre-1", note=NOTE,
            new_employer_id=employer.employer_id,
        ),
        SignContract(
            scope_root=s, kind=ContractKind.COMPREHENSIVE, union_id=w.community,
            employer_ids=(w.employer_a, employer.employer_id), workers_covered=124,
            signed_on=date(2025, 1, 1), starts_on=date(2025, 1, 1), ends_on=date(2027, 12, 31),
        ),
        MemberLeaves(
            scope_root=s, member_id=member, reason=LeavingReason.VOLUNTARY,
            effective_on=date(2025, 5, 1),
        ),
        MoveUnion(scope_root=s, org_id=w.union_c, new_parent_id=w.street, moved_on=TODAY),
        ElectCommittee(
            scope_root=s, org_id=w.union_a, elected_on=date(2019, 1, 1),
            term_start=date(2019, 1, 1), term_end=date(2024, 1, 1), members=COMMITTEE,
        ),
    ]  # fmt: skip
    for cmd in commands:
        await handle(cmd, uow)
    contract_id = commands[10].contract_id  # type: ignore[attr-defined]
    await handle(TerminateContract(scope_root=s, contract_id=contract_id, terminated_on=TODAY), uow)
    await handle(DissolveUnion(scope_root=s, org_id=group.org_id, dissolved_on=TODAY), uow)
    names = [member.name for member in COMMITTEE]
    secrets = [NAME, number, number.lower(), MOBILE, card, CHAIR, EMPLOYER_NAME, NOTE, *names]
    return w, secrets


@pytest.fixture
async def produced(uow: FakeUnitOfWork) -> tuple[list[PendingEvent], list[str]]:
    _, secrets = await _scenario(uow)
    return uow.store.outbox, secrets


async def test_the_scenario_produces_every_contract(
    produced: tuple[list[PendingEvent], list[str]],
) -> None:
    outbox, _ = produced
    newest = {
        model
        for model in contracts.MEMBERSHIP_CONTRACTS
        if model.version == registry.latest_version(model.event_type)
    }
    assert {type(p.event) for p in outbox} == newest
    for pending in outbox:
        model = registry.get(pending.event.event_type, pending.event.version)
        assert type(pending.event) is model
        assert model.model_validate_json(pending.event.model_dump_json()) == pending.event


async def test_no_event_carries_a_name_id_number_mobile_or_card(
    produced: tuple[list[PendingEvent], list[str]],
) -> None:
    outbox, secrets = produced
    for pending in outbox:
        serialized = pending.event.model_dump_json() + pending.aggregate_id
        for secret in secrets:
            assert secret not in serialized, (pending.event.event_type, secret)
        assert not any(len(w) == 18 and w[:17].isdigit() for w in serialized.split('"'))


async def test_aggregate_versions_increase_one_by_one(
    produced: tuple[list[PendingEvent], list[str]],
) -> None:
    outbox, _ = produced
    versions: dict[str, list[int]] = defaultdict(list)
    for pending in outbox:
        versions[pending.aggregate_id].append(pending.aggregate_version)
    for aggregate_versions in versions.values():
        assert aggregate_versions == list(range(1, len(aggregate_versions) + 1))
    assert max(len(v) for v in versions.values()) >= 5  # the member: admit … left


async def test_every_event_names_its_organisation_and_date(
    produced: tuple[list[PendingEvent], list[str]],
) -> None:
    outbox, _ = produced
    for pending in outbox:
        data = pending.event.model_dump(mode="json")
        assert data["org_id"]
        assert data["occurred_on"] <= TODAY.isoformat()


def test_every_domain_event_has_a_translator() -> None:
    domain_types = {
        value
        for value in vars(domain_events).values()
        if isinstance(value, type)
        and issubclass(value, domain_events.DomainEvent)
        and value is not domain_events.DomainEvent
    }
    assert set(TRANSLATORS) == domain_types


@pytest.mark.parametrize(
    ("literal", "enum"),
    [
        (contracts.OrganisationKind, OrganisationKind),
        (contracts.GrassrootsMode, GrassrootsMode),
        (contracts.TransferReason, TransferReason),
        (contracts.RetentionReason, RetentionReason),
        (contracts.LeavingReason, LeavingReason),
        (contracts.ContractKind, ContractKind),
        (contracts.SigningParty, SigningParty),
        (contracts.CommitteeRole, CommitteeRole),
    ],
)
def test_contract_codes_match_the_domain(literal: object, enum: type[StrEnum]) -> None:
    assert set(typing.get_args(literal)) == {member.value for member in enum}


def test_household_type_never_leaves_the_service_except_as_migrant_flag() -> None:
    assert "household_type" not in contracts.MemberAdmitted.model_fields
    assert {h.value for h in HouseholdType} == {"agricultural", "non_agricultural"}


async def test_the_correlation_id_is_carried_to_the_outbox(uow: FakeUnitOfWork) -> None:
    world = await build_world(uow)
    uow.correlation_id = "req-123"
    await handle(admission(world, 1), uow)
    assert uow.store.outbox[-1].correlation_id == "req-123"
    assert uow.store.outbox[0].correlation_id is None
