"""A member's identity (实名制): validated as entered, then sealed for storage."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from shared.identifiers import IdNumber, InvalidIdentifier, Sex, validate_id_number, validate_mobile
from shared.seedwork import InvalidValue, clean_text


@dataclass(frozen=True)
class PersonalData:
    """A member's identity as stored: ID number and mobile sealed, never in plain text.

    ``id_number_index`` is the keyed blind index of the ID number: equal numbers give equal
    indexes, which is what "one current membership per person" is checked on.
    """

    name: str = field(repr=False)
    birth_date: date
    sex: Sex
    id_number_index: str = field(repr=False)
    id_number_ciphertext: bytes = field(repr=False)
    mobile_ciphertext: bytes | None = field(repr=False, default=None)


@dataclass(frozen=True)
class RealName:
    """Identity as entered (实名制), validated; lives only while a command runs."""

    name: str = field(repr=False)
    id_number: IdNumber
    mobile: str | None = field(repr=False)

    @classmethod
    def parse(cls, *, name: str, id_number: str, mobile: str | None, today: date) -> RealName:
        """Validate the name, the ID number (check character, birth date) and the mobile.

        Raises:
            InvalidValue: naming ``name``, ``id_number`` or ``mobile``.
        """
        clean_name = clean_text(name, field="name", label="姓名", max_length=50)
        try:
            number = validate_id_number(id_number, today=today)
        except InvalidIdentifier as error:
            raise InvalidValue(error.message, field="id_number") from None
        try:
            phone = validate_mobile(mobile) if mobile and mobile.strip() else None
        except InvalidIdentifier as error:
            raise InvalidValue(error.message, field="mobile") from None
        return cls(name=clean_name, id_number=number, mobile=phone)

    def seal(
        self, *, id_number_index: str, id_number_ciphertext: bytes, mobile_ciphertext: bytes | None
    ) -> PersonalData:
        """The storable identity, given the blind index and ciphertexts made by the caller."""
        return PersonalData(
            name=self.name,
            birth_date=self.id_number.birth_date,
            sex=self.id_number.sex,
            id_number_index=id_number_index,
            id_number_ciphertext=id_number_ciphertext,
            mobile_ciphertext=mobile_ciphertext,
        )
