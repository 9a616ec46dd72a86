"""Handlers for members: admit, transfer (会籍接转), retain, reinstate, leave."""

from __future__ import annotations

from shared.service_layer import CommandResult, PersonalDataProtector

from membership.domain import Member, PersonalData, RealName
from membership.service_layer import lookups
from membership.service_layer.commands import (
    AdmitMember,
    MemberLeaves,
    ReinstateMember,
    RetainMember,
    TransferMember,
)
from membership.service_layer.ports import AbstractUnitOfWork


def seal(real_name: RealName, protector: PersonalDataProtector) -> PersonalData:
    """Blind-index and encrypt the ID number (and mobile) before they reach a repository."""
    id_number = real_name.id_number.value
    return real_name.seal(
        id_number_index=protector.blind_index(id_number),
        id_number_ciphertext=protector.encrypt(id_number),
        mobile_ciphertext=protector.encrypt(real_name.mobile) if real_name.mobile else None,
    )


async def admit_member(cmd: AdmitMember, uow: AbstractUnitOfWork) -> CommandResult:
    async with uow:
        today = uow.today()
        real_name = RealName.parse(
            name=cmd.name, id_number=cmd.id_number, mobile=cmd.mobile, today=today
        )
        person = seal(real_name, uow.protector)
        await uow.read_for_admission(cmd.union_id, cmd.employer_id, person.id_number_index)
        union = await lookups.organisation_in_scope(
            uow, cmd.union_id, cmd.scope_root, field="union_id"
        )
        await lookups.employer_in_scope(uow, cmd.employer_id, cmd.scope_root)
        member = Member.admit(
            member_id=cmd.member_id,
            person=person,
            household_type=cmd.household_type,
            employer_id=cmd.employer_id,
            union=union,
            joined_on=cmd.joined_on,
            card_number=cmd.card_number,
            today=today,
            current_membership=await uow.members.find_current_by_id_index(person.id_number_index),
        )
        await uow.members.add(member)
        await uow.commit()
    return CommandResult(member.id, member.version, member)


async def transfer_member(cmd: TransferMember, uow: AbstractUnitOfWork) -> CommandResult:
    async with uow:
        member = await lookups.member_in_scope(uow, cmd.member_id, cmd.scope_root)
        from_union = await lookups.organisation(uow, member.union_id, field="member_id")
        to_union = await lookups.organisation(uow, cmd.to_union_id, field="to_union_id")
        if cmd.new_employer_id is not None:
            await lookups.employer(uow, cmd.new_employer_id, field="new_employer_id")
        record = member.transfer(
            transfer_id=cmd.transfer_id,
            from_union=from_union,
            to_union=to_union,
            on=cmd.effective_on,
            reason=cmd.reason,
            handled_by=cmd.handled_by,
            today=uow.today(),
            new_employer_id=cmd.new_employer_id,
            note=cmd.note,
        )
        await uow.transfers.add(record)
        await uow.commit()
    return CommandResult(member.id, member.version, member)


async def retain_member(cmd: RetainMember, uow: AbstractUnitOfWork) -> CommandResult:
    async with uow:
        member = await lookups.member_in_scope(uow, cmd.member_id, cmd.scope_root)
        member.retain(cmd.reason, on=cmd.effective_on, today=uow.today())
        await uow.commit()
    return CommandResult(member.id, member.version, member)


async def reinstate_member(cmd: ReinstateMember, uow: AbstractUnitOfWork) -> CommandResult:
    async with uow:
        member = await lookups.member_in_scope(uow, cmd.member_id, cmd.scope_root)
        member.reinstate(on=cmd.effective_on, today=uow.today())
        await uow.commit()
    return CommandResult(member.id, member.version, member)


async def member_leaves(cmd: MemberLeaves, uow: AbstractUnitOfWork) -> CommandResult:
    async with uow:
        member = await lookups.member_in_scope(uow, cmd.member_id, cmd.scope_root)
        member.leave(cmd.reason, on=cmd.effective_on, today=uow.today())
        await uow.commit()
    return CommandResult(member.id, member.version, member)
