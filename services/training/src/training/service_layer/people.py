"""People (学员, 求职者, 选手): known by a sealed ID number's blind index, linked to a member.

Anyone training serves — member or not — is one row of ``people``, found again by the blind
index of their ID number: its pseudonymous id is what events carry. The name, ID number and
phone are sealed before they reach a repository. Each person also gets the platform-wide
person link (``shared.pii.person_link``), which a placement carries so that assistance can
recognise the person on a hardship file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from uuid import UUID

from shared.identifiers import InvalidIdentifier, validate_id_number, validate_mobile
from shared.seedwork import InvalidValue, clean_text

from training.domain.classes.enrolment import PersonRef

if TYPE_CHECKING:
    from training.service_layer.ports import AbstractUnitOfWork


@dataclass(frozen=True)
class PersonDetails:
    """A person as a form gives them; never in ``repr``."""

    name: str = field(repr=False)
    id_number: str = field(repr=False)
    phone: str | None = field(default=None, repr=False)
    member_id: UUID | None = None


@dataclass(frozen=True)
class SealedPerson:
    """What the people repository stores: a blind index, the person link and ciphertexts."""

    id_index: str
    id_cipher: bytes = field(repr=False)
    name_cipher: bytes = field(repr=False)
    phone_cipher: bytes | None = field(repr=False)
    person_link: str | None = field(default=None, repr=False)


async def identify(uow: AbstractUnitOfWork, details: PersonDetails, *, prefix: str) -> PersonRef:
    """The person's reference, registering them at first sight.

    Raises:
        InvalidValue: a bad name, ID number or phone, or a member unknown to the replica.
    """
    name = clean_text(details.name, field=f"{prefix}.name", label="姓名", max_length=50)
    try:
        id_number = validate_id_number(details.id_number, today=uow.today()).value
        phone = validate_mobile(details.phone) if details.phone else None
    except InvalidIdentifier as error:
        which = "id_number" if "身份证" in error.message else "phone"
        raise InvalidValue(error.message, field=f"{prefix}.{which}") from None
    if details.member_id is not None:
        member = await uow.replica.member(details.member_id)
        if member is None or member.has_left:
            raise InvalidValue("会员不存在或已退会", field=f"{prefix}.member_id")
    protector = uow.protector
    sealed = SealedPerson(
        protector.blind_index(id_number),
        protector.encrypt(id_number),
        protector.encrypt(name),
        protector.encrypt(phone) if phone else None,
        protector.person_link(id_number),
    )
    person_id, member_id = await uow.people.identify(sealed, details.member_id)
    return PersonRef(person_id, member_id)
