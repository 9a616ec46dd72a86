"""Every command is limited to the caller's subtree of the organisation tree."""

from __future__ import annotations

from datetime import date
from uuid import UUID, uuid4

import pytest
from membership.domain import (
    ContractKind,
    LeavingReason,
    OrganisationKind,
    RetentionReason,
    TransferReason,
)
from membership.service_layer import HANDLERS, handle
from membership.service_layer.commands import (
    CensusFigures,
    Command,
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
from shared.seedwork import NotFound, NotInScope

from .builders import FOUNDED, World, admission, register, three_members, uscc
from .fakes import TODAY, FakeUnitOfWork


def _out_of_scope_commands(w: World, scope: UUID, member: UUID, contract: UUID) -> list[Command]:
    """Commands by a cadre of ``other_street`` aimed at the community's side of the tree."""
    figures = CensusFigures(workers=1, women=0, migrant_workers=0, effective_on=TODAY)
    return [
        FoundUnion(
            scope_root=scope, kind=OrganisationKind.UNION_GROUP, name="小组",
            parent_id=w.union_a, founded_on=FOUNDED,
        ),
        RenameUnion(scope_root=scope, org_id=w.union_a, name="改名", renamed_on=TODAY),
        ReelectUnion(
            scope_root=scope, org_id=w.union_a, term_start=TODAY, term_end=date(2028, 6, 29),
            chair_name="王主席",
        ),
        ElectCommittee(
            scope_root=scope, org_id=w.union_a, elected_on=TODAY, term_start=TODAY,
            term_end=date(2028, 6, 29), members=three_members(),
        ),
        MoveUnion(scope_root=scope, org_id=w.union_a, new_parent_id=w.other_street, moved_on=TODAY),
        MoveUnion(scope_root=scope, org_id=w.union_c, new_parent_id=w.community, moved_on=TODAY),
        DissolveUnion(scope_root=scope, org_id=w.union_b, dissolved_on=TODAY),
        RegisterEmployer(
            scope_root=scope, uscc=uscc(90), name="某公司", registration_type="110",
            entered_by="cadre-2",
            industry="制造业", territory_org_id=w.community,
        ),
        UpdateCensus(scope_root=scope, employer_id=w.employer_a, census=figures),
        ReclassifyEmployer(scope_root=scope, employer_id=w.employer_a, registration_type="330"),
        SetCoverage(
            scope_root=scope, employer_id=w.employer_b, union_id=w.union_b, effective_on=TODAY
        ),
        admission(w, 9, scope_root=scope),
        TransferMember(
            scope_root=scope, member_id=member, to_union_id=w.union_c, effective_on=TODAY,
            reason=TransferReason.JOB_CHANGE, handled_by="cadre",
        ),
        RetainMember(
            scope_root=scope, member_id=member, reason=RetentionReason.RETIRED, effective_on=TODAY
        ),
        ReinstateMember(scope_root=scope, member_id=member, effective_on=TODAY),
        MemberLeaves(
            scope_root=scope, member_id=member, reason=LeavingReason.EXPELLED, effective_on=TODAY
        ),
        SignContract(
            scope_root=scope, kind=ContractKind.COMPREHENSIVE, union_id=w.union_a,
            employer_ids=(w.employer_a,), workers_covered=10, signed_on=TODAY,
            starts_on=TODAY, ends_on=date(2026, 6, 30),
        ),
        TerminateContract(scope_root=scope, contract_id=contract, terminated_on=TODAY),
    ]  # fmt: skip


async def test_every_command_outside_the_callers_subtree_is_refused(
    uow: FakeUnitOfWork, world: World
) -> None:
    member = (await handle(admission(world, 1), uow)).aggregate_id
    sign = SignContract(
        scope_root=world.city, kind=ContractKind.WAGE, union_id=world.union_a,
        employer_ids=(world.employer_a,), workers_covered=10, signed_on=date(2025, 1, 1),
        starts_on=date(2025, 1, 1), ends_on=date(2026, 1, 1),
    )  # fmt: skip
    contract = (await handle(sign, uow)).aggregate_id
    outbox_before = len(uow.store.outbox)
    commands = _out_of_scope_commands(world, world.other_street, member, contract)
    assert {type(cmd) for cmd in commands} == set(HANDLERS)
    for cmd in commands:  # answered exactly as an unknown target: nothing disclosed
        with pytest.raises(NotFound):
            await handle(cmd, uow)
    assert len(uow.store.outbox) == outbox_before


async def test_a_cadre_acts_inside_their_subtree(uow: FakeUnitOfWork, world: World) -> None:
    scoped = admission(world, 1, scope_root=world.community)
    member = (await handle(scoped, uow)).aggregate_id
    assert uow.store.members[member].union_id == world.union_a
    rename = RenameUnion(
        scope_root=world.community, org_id=world.community, name="新社区工联会", renamed_on=TODAY
    )
    await handle(rename, uow)
    # The member's current union must be in scope; the target union may lie elsewhere.
    transfer = TransferMember(
        scope_root=world.community, member_id=member, to_union_id=world.union_c,
        effective_on=TODAY, reason=TransferReason.RELOCATION, handled_by="cadre",
    )  # fmt: skip
    await handle(transfer, uow)
    assert uow.store.members[member].union_id == world.union_c
    # Now the membership has left the community cadre's subtree: to the cadre it is unknown.
    with pytest.raises(NotFound):
        await handle(
            MemberLeaves(
                scope_root=world.community, member_id=member,
                reason=LeavingReason.VOLUNTARY, effective_on=TODAY,
            ),
            uow,
        )  # fmt: skip


async def test_a_sibling_subtree_is_out_of_scope(uow: FakeUnitOfWork, world: World) -> None:
    assert await uow.organisations.is_within(world.union_a, world.city)
    assert await uow.organisations.is_within(world.union_a, world.union_a)
    assert not await uow.organisations.is_within(world.union_c, world.street)
    assert not await uow.organisations.is_within(world.street, world.union_a)
    assert set(await uow.organisations.subtree_ids(world.street)) == {
        world.street,
        world.community,
        world.union_a,
        world.union_b,
    }


async def test_the_root_is_founded_with_itself_as_scope() -> None:
    uow = FakeUnitOfWork()
    root = uuid4()
    cmd = FoundUnion(
        scope_root=uuid4(), org_id=root, kind=OrganisationKind.CITY_FEDERATION,
        name="市总工会", parent_id=None, founded_on=FOUNDED,
    )  # fmt: skip
    with pytest.raises(NotInScope):
        await handle(cmd, uow)
    assert not uow.store.organisations


async def test_objects_a_command_refers_to_must_lie_in_scope_too(
    uow: FakeUnitOfWork, world: World
) -> None:
    """An admission into one's own union with another street's employer, or a contract of one's
    own union covering another street's employer, is refused as if the employer were unknown."""
    foreign_employer = await register(uow, world.other_street, seq=7, scope=world.city)
    outbox_before = len(uow.store.outbox)
    admit = admission(world, 5, scope_root=world.community, employer_id=foreign_employer)
    sign = SignContract(
        scope_root=world.community, kind=ContractKind.WAGE, union_id=world.union_a,
        employer_ids=(world.employer_a, foreign_employer), workers_covered=10,
        signed_on=TODAY, starts_on=TODAY, ends_on=date(2026, 6, 30),
    )  # fmt: skip

    with pytest.raises(NotFound) as admitted:
        await handle(admit, uow)
    with pytest.raises(NotFound) as signed:
        await handle(sign, uow)

    assert admitted.value.field == "employer_id"
    assert signed.value.field == "employer_ids"
    assert len(uow.store.outbox) == outbox_before
