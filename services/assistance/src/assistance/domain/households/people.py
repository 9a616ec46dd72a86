"""The people of a household: validated as entered, then sealed for storage.

An officer enters names and ID numbers in clear; they live only while a command runs. What
an aggregate keeps is sealed: ciphertexts, and the keyed blind index of each ID number
(equal numbers give equal indexes, which is what "one active file per person" is checked on),
and the platform-wide person link of each ID number (``shared.pii.person_link``), by which
another service's event about a person — a placement — finds the files the person is on.
A link is ``None`` only for a person sealed before links existed and not linked since.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from uuid import UUID

from shared.identifiers import InvalidIdentifier, validate_id_number, validate_mobile
from shared.seedwork import InvalidValue, clean_text

from assistance.domain.households.codes import Relation

RELATIONS: tuple[Relation, ...] = tuple(Relation)


@dataclass(frozen=True)
class SealedHead:
    """The head of household as stored: everything personal encrypted."""

    member_id: UUID | None
    name_cipher: bytes = field(repr=False)
    id_number_index: str = field(repr=False)
    id_number_cipher: bytes = field(repr=False)
    phone_cipher: bytes | None = field(repr=False, default=None)
    address_cipher: bytes | None = field(repr=False, default=None)
    person_link: str | None = field(repr=False, default=None)


@dataclass(frozen=True)
class SealedRelative:
    """A family member as stored; the ID number is optional (a young child may have none)."""

    relation: Relation
    name_cipher: bytes = field(repr=False)
    id_number_index: str | None = field(repr=False, default=None)
    id_number_cipher: bytes | None = field(repr=False, default=None)
    person_link: str | None = field(repr=False, default=None)


@dataclass(frozen=True)
class EnteredPerson:
    """A name and optional ID number as entered, validated; never stored as such."""

    name: str = field(repr=False)
    id_number: str | None = field(repr=False)

    @classmethod
    def parse(
        cls, *, name: str, id_number: str | None, today: date, field_prefix: str
    ) -> EnteredPerson:
        """Validate the name and the ID number (length, birth date, check character).

        Raises:
            InvalidValue: naming ``<field_prefix>.name`` or ``<field_prefix>.id_number``.
        """
        clean_name = clean_text(name, field=f"{field_prefix}.name", label="姓名", max_length=50)
        if id_number is None or not id_number.strip():
            return cls(name=clean_name, id_number=None)
        try:
            number = validate_id_number(id_number, today=today)
        except InvalidIdentifier as error:
            raise InvalidValue(error.message, field=f"{field_prefix}.id_number") from None
        return cls(name=clean_name, id_number=number.value)


def parse_phone(phone: str | None) -> str | None:
    """A mainland mobile number, or ``None`` when none was given.

    Raises:
        InvalidValue: naming ``head.phone``.
    """
    if phone is None or not phone.strip():
        return None
    try:
        return validate_mobile(phone)
    except InvalidIdentifier as error:
        raise InvalidValue(error.message, field="head.phone") from None


def parse_relation(relation: str, *, field_name: str) -> Relation:
    """A family relation code.

    Raises:
        InvalidValue: an unknown code.
    """
    if relation not in RELATIONS:
        raise InvalidValue("家庭成员关系代码无效", field=field_name)
    return Relation(relation)


def distinct_people(head: SealedHead, family: tuple[SealedRelative, ...]) -> None:
    """No person appears twice in one household.

    Raises:
        InvalidValue: naming the family member who repeats an earlier ID number.
    """
    seen = {head.id_number_index}
    for position, relative in enumerate(family):
        if relative.id_number_index is None:
            continue
        if relative.id_number_index in seen:
            raise InvalidValue(
                "同一身份证号在本户中重复出现", field=f"family[{position}].id_number"
            )
        seen.add(relative.id_number_index)
