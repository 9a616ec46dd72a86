"""A person as the API shows them: masked unless revealed."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import asyncpg
from pydantic import ConfigDict, Field
from shared.http.fields import ApiModel
from shared.pii import PiiCipher, mask_id_number, mask_mobile, mask_name

from training.service_layer.people import PersonDetails

PERSON_COLUMNS = "p.name_cipher, p.id_cipher, p.phone_cipher"
"""The columns :func:`person_out` reads (``people p`` joined)."""


class PersonIn(ApiModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=50, description="姓名（加密保存）")
    id_number: str = Field(min_length=1, max_length=18, description="身份证号（加密保存）")
    phone: str | None = Field(default=None, max_length=11, description="手机号码（加密保存）")
    member_id: UUID | None = Field(default=None, description="会员 id（是会员时）")

    def details(self) -> PersonDetails:
        return PersonDetails(self.name, self.id_number, self.phone, self.member_id)


class PersonOut(ApiModel):
    person_id: UUID
    member_id: UUID | None
    name: str = Field(description="姓名（遮蔽，除非 reveal）")
    id_number: str = Field(description="身份证号（遮蔽，除非 reveal）")
    phone: str | None


def person_out(
    row: asyncpg.Record | dict[str, Any], cipher: PiiCipher, *, reveal: bool
) -> PersonOut:
    """Decrypt and mask (unless ``reveal``) the person's columns of ``row``."""
    name = cipher.decrypt(row["name_cipher"])
    id_number = cipher.decrypt(row["id_cipher"])
    phone = cipher.decrypt(row["phone_cipher"]) if row["phone_cipher"] else None
    if not reveal:
        name, id_number = mask_name(name), mask_id_number(id_number)
        phone = mask_mobile(phone) if phone else None
    return PersonOut(
        person_id=row["person_id"], member_id=row["member_id"], name=name,
        id_number=id_number, phone=phone,
    )  # fmt: skip
