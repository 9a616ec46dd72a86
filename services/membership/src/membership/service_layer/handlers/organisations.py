"""Handlers for the organisation tree: found, rename, re-elect, elect a committee, move,
dissolve."""

from __future__ import annotations

from shared.seedwork import NotInScope
from shared.service_layer import CommandResult

from membership.domain import Committee, OrganisationKind, Term, TermDates, UnionOrganisation
from membership.domain.errors import RootAlreadyExists
from membership.service_layer.commands import (
    DissolveUnion,
    ElectCommittee,
    FoundUnion,
    MoveUnion,
    ReelectUnion,
    RenameUnion,
)
from membership.service_layer.lookups import organisation_in_scope
from membership.service_layer.ports import AbstractUnitOfWork


async def found_union(cmd: FoundUnion, uow: AbstractUnitOfWork) -> CommandResult:
    async with uow:
        parent = await _parent_of_new(cmd, uow)
        org = UnionOrganisation.found(
            org_id=cmd.org_id,
            kind=cmd.kind,
            name=cmd.name,
            parent=parent,
            founded_on=cmd.founded_on,
            today=uow.today(),
            grassroots_mode=cmd.grassroots_mode,
            has_legal_person=cmd.has_legal_person,
        )
        await uow.organisations.add(org)
        await uow.commit()
    return CommandResult(org.id, org.version)


async def _parent_of_new(cmd: FoundUnion, uow: AbstractUnitOfWork) -> UnionOrganisation | None:
    if cmd.parent_id is not None:
        return await organisation_in_scope(uow, cmd.parent_id, cmd.scope_root, field="parent_id")
    if cmd.kind is not OrganisationKind.CITY_FEDERATION:
        return None  # the domain refuses a parentless non-root with the proper message
    # Only the operator bootstrapping the platform founds the root: a city administrator (the
    # whole tree as scope) or a caller naming the new root itself as their scope.
    if await uow.organisations.root() is not None:
        raise RootAlreadyExists("市总工会已存在，新组织须指定上级组织", field="parent_id")
    if cmd.scope_root not in (None, cmd.org_id):
        raise NotInScope("创建市总工会须以其本身为管辖范围", field="scope_root")
    return None


async def rename_union(cmd: RenameUnion, uow: AbstractUnitOfWork) -> CommandResult:
    async with uow:
        org = await organisation_in_scope(uow, cmd.org_id, cmd.scope_root, field="org_id")
        org.rename(cmd.name, on=cmd.renamed_on, today=uow.today())
        await uow.commit()
    return CommandResult(org.id, org.version)


async def reelect_union(cmd: ReelectUnion, uow: AbstractUnitOfWork) -> CommandResult:
    async with uow:
        org = await organisation_in_scope(uow, cmd.org_id, cmd.scope_root, field="org_id")
        term = Term(starts_on=cmd.term_start, ends_on=cmd.term_end, chair_name=cmd.chair_name)
        org.reelect(term, today=uow.today())
        await uow.commit()
    return CommandResult(org.id, org.version)


async def elect_committee(cmd: ElectCommittee, uow: AbstractUnitOfWork) -> CommandResult:
    committee = Committee.of(
        committee_id=cmd.committee_id,
        elected_on=cmd.elected_on,
        term=TermDates(cmd.term_start, cmd.term_end),
        members=cmd.members,
    )
    async with uow:
        org = await organisation_in_scope(uow, cmd.org_id, cmd.scope_root, field="org_id")
        other_terms = await uow.organisations.committee_terms(org.id)
        org.elect_committee(committee, today=uow.today(), other_terms=other_terms)
        await uow.commit()
    return CommandResult(org.id, org.version)


async def move_union(cmd: MoveUnion, uow: AbstractUnitOfWork) -> CommandResult:
    async with uow:
        org = await organisation_in_scope(uow, cmd.org_id, cmd.scope_root, field="org_id")
        new_parent = await organisation_in_scope(
            uow, cmd.new_parent_id, cmd.scope_root, field="new_parent_id"
        )
        org.move_under(
            new_parent,
            new_parent_path=await uow.organisations.path(new_parent.id),
            on=cmd.moved_on,
            today=uow.today(),
        )
        await uow.commit()
    return CommandResult(org.id, org.version)


async def dissolve_union(cmd: DissolveUnion, uow: AbstractUnitOfWork) -> CommandResult:
    async with uow:
        org = await organisation_in_scope(uow, cmd.org_id, cmd.scope_root, field="org_id")
        today = uow.today()
        children = await uow.organisations.children(org.id)
        org.dissolve(
            on=cmd.dissolved_on,
            today=today,
            active_children=sum(child.is_active for child in children),
            current_members=await uow.members.count_current_in_union(org.id),
        )
        for employer in await uow.employers.covered_by(org.id):
            employer.uncover(on=cmd.dissolved_on, today=today)
        await uow.commit()
    return CommandResult(org.id, org.version)
