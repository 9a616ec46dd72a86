"""Sealing the parties of a case: validated, encrypted, indexed; nothing in clear remains."""

from __future__ import annotations

from typing import TYPE_CHECKING

from shared.identifiers import InvalidIdentifier, validate_id_number, validate_mobile, validate_uscc
from shared.seedwork import InvalidValue, clean_text

from disputes.domain.cases.parts import SealedApplicant, SealedEmployer
from disputes.service_layer.cases.commands import ApplicantInput, ReceiveCase

if TYPE_CHECKING:
    from disputes.service_layer.ports import AbstractUnitOfWork


async def seal_applicants(
    uow: AbstractUnitOfWork, applicants: tuple[ApplicantInput, ...]
) -> tuple[SealedApplicant, ...]:
    """Each applicant checked (ID number, mobile, membership) and sealed."""
    return tuple([await _seal(uow, a, f"applicants[{i}]") for i, a in enumerate(applicants)])


async def _seal(uow: AbstractUnitOfWork, a: ApplicantInput, at: str) -> SealedApplicant:
    protect = uow.protector
    name = clean_text(a.name, field=f"{at}.name", label="申请人姓名", max_length=50)
    id_number = None
    if a.id_number:
        try:
            id_number = validate_id_number(a.id_number, today=uow.today()).value
        except InvalidIdentifier as error:
            raise InvalidValue(str(error), field=f"{at}.id_number") from None
    phone = None
    if a.phone:
        try:
            phone = validate_mobile(a.phone)
        except InvalidIdentifier as error:
            raise InvalidValue(str(error), field=f"{at}.phone") from None
    if a.member_id is not None and await uow.replica.member(a.member_id) is None:
        raise InvalidValue("会员不存在", field=f"{at}.member_id")
    return SealedApplicant(
        name_cipher=protect.encrypt(name),
        id_number_cipher=protect.encrypt(id_number) if id_number else None,
        id_number_index=protect.blind_index(id_number) if id_number else None,
        phone_cipher=protect.encrypt(phone) if phone else None,
        member_id=a.member_id,
        migrant_worker=a.migrant_worker,
    )


async def seal_employer(uow: AbstractUnitOfWork, cmd: ReceiveCase) -> SealedEmployer:
    """Membership's employer when named, else a name and a valid USCC."""
    if cmd.employer_id is not None:
        employer = await uow.replica.employer(cmd.employer_id)
        if employer is None:
            raise InvalidValue("用人单位不存在", field="employer_id")
        return SealedEmployer(cmd.employer_id, None, employer.uscc)
    if not cmd.employer_name:
        raise InvalidValue(
            "须指明用人单位（单位或其名称与统一社会信用代码）", field="employer_name"
        )
    name = clean_text(
        cmd.employer_name, field="employer_name", label="用人单位名称", max_length=200
    )
    try:
        uscc = validate_uscc(cmd.employer_uscc or "")
    except InvalidIdentifier as error:
        raise InvalidValue(str(error), field="employer_uscc") from None
    return SealedEmployer(None, uow.protector.encrypt(name), uscc)
