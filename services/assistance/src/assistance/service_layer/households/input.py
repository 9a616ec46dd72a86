"""Turning what an officer entered into a file's sealed parts, with the checks that need the
replica (the head's membership, the territory) and the files already open."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING
from uuid import UUID

from shared.seedwork import InvalidValue, NotInScope, clean_text

from assistance.domain.errors import AlreadyOnFile
from assistance.domain.households.people import (
    EnteredPerson,
    SealedHead,
    SealedRelative,
    parse_phone,
    parse_relation,
)
from assistance.service_layer.households.commands import HeadIn, RelativeIn
from assistance.service_layer.scope import organisation_in_scope

if TYPE_CHECKING:
    # Annotations only: the unit of work is built from the areas, which import this module.
    from shared.service_layer import PersonLinkingProtector

    from assistance.service_layer.ports import AbstractUnitOfWork

MAX_FAMILY = 20


@dataclass(frozen=True)
class Territory:
    """Where a file belongs: the head's grassroots union (or the filing org) and employer."""

    org_id: UUID
    employer_id: UUID | None


def seal_head(head: HeadIn, protector: PersonLinkingProtector, today: date) -> SealedHead:
    """Validate and encrypt the head's data, and link the head; the ID number is required and
    check-digit valid.

    Raises:
        InvalidValue: naming the ``head.*`` field at fault.
    """
    person = EnteredPerson.parse(
        name=head.name, id_number=head.id_number, today=today, field_prefix="head"
    )
    if person.id_number is None:
        raise InvalidValue("户主身份证号不能为空", field="head.id_number")
    phone = parse_phone(head.phone)
    address = None
    if head.address is not None and head.address.strip():
        address = clean_text(head.address, field="head.address", label="住址", max_length=200)
    return SealedHead(
        member_id=head.member_id,
        name_cipher=protector.encrypt(person.name),
        id_number_index=protector.blind_index(person.id_number),
        id_number_cipher=protector.encrypt(person.id_number),
        phone_cipher=protector.encrypt(phone) if phone else None,
        address_cipher=protector.encrypt(address) if address else None,
        person_link=protector.person_link(person.id_number),
    )


def seal_family(
    family: Sequence[RelativeIn], protector: PersonLinkingProtector, today: date
) -> tuple[SealedRelative, ...]:
    """Validate and encrypt the family members, and link those with an ID number.

    Raises:
        InvalidValue: naming ``family.<i>.<field>``.
    """
    if len(family) > MAX_FAMILY:
        raise InvalidValue(f"家庭成员不能超过{MAX_FAMILY}人", field="family")
    sealed = []
    for i, relative in enumerate(family):
        prefix = f"family[{i}]"
        relation = parse_relation(relative.relation, field_name=f"{prefix}.relation")
        person = EnteredPerson.parse(
            name=relative.name, id_number=relative.id_number, today=today, field_prefix=prefix
        )
        number = person.id_number
        sealed.append(
            SealedRelative(
                relation=relation,
                name_cipher=protector.encrypt(person.name),
                id_number_index=protector.blind_index(number) if number else None,
                id_number_cipher=protector.encrypt(number) if number else None,
                person_link=protector.person_link(number) if number else None,
            )
        )
    return tuple(sealed)


async def territory(
    uow: AbstractUnitOfWork, head: SealedHead, org_id: UUID | None, scope_root: UUID | None
) -> Territory:
    """The file's organisation: the head's union when a member, else the ``org_id`` given.

    Raises:
        InvalidValue: unknown or inactive member, no org for a non-member, or a mismatch.
        NotInScope: the territory lies outside the caller's subtree.
    """
    if head.member_id is None:
        if org_id is None:
            raise InvalidValue("户主不是会员时须指定建档组织", field="org_id")
        await organisation_in_scope(uow, org_id, scope_root, field="org_id")
        return Territory(org_id, None)
    member = await uow.replica.member(head.member_id)
    if member is None:
        raise InvalidValue("会员不存在", field="head.member_id")
    if not member.is_active:
        raise InvalidValue("该会员会籍不在正常状态", field="head.member_id")
    if org_id is not None and org_id != member.org_id:
        raise InvalidValue("户主为会员时，档案归属其所在基层工会", field="org_id")
    if not await uow.replica.is_within(member.org_id, scope_root):
        raise NotInScope("该会员不在您的管辖范围内", field="head.member_id")
    return Territory(member.org_id, member.employer_id)


async def ensure_not_on_another_file(
    uow: AbstractUnitOfWork, household_id: UUID, head: SealedHead, family: Sequence[SealedRelative]
) -> None:
    """No one of the household is already on another active file.

    Raises:
        AlreadyOnFile: naming the field of the first person found on another file.
    """
    people = [("head.id_number", head.id_number_index)] + [
        (f"family[{i}].id_number", r.id_number_index)
        for i, r in enumerate(family)
        if r.id_number_index is not None
    ]
    for field_name, index in people:
        found = await uow.households.open_file_of(index)
        if found is not None and found != household_id:
            raise AlreadyOnFile("该人员已在另一份有效的困难档案中", field=field_name)
