"""Showing hardship files: decrypt, mask unless revealed, and log every read in the same
transaction that produces the response."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from uuid import UUID

from shared.adapters import Connection
from shared.auth import Principal
from shared.identifiers import today_in_china
from shared.pii import PiiCipher, mask_id_number, mask_mobile, mask_name
from shared.seedwork import add_years
from shared.telemetry import current_trace_id

from assistance.adapters.access_log import Reader, record_reads
from assistance.domain.households.household import Household
from assistance.domain.households.people import SealedRelative
from assistance.entrypoints.api.deps import REVEAL_ROLES
from assistance.entrypoints.api.households import schemas

ADDRESS_KEPT = 6
"""Characters of an address shown when masked (city and district, not the street)."""


def may_reveal(principal: Principal, asked: bool) -> bool:
    """Full personal data only when asked for and by an assistance officer or city admin."""
    return asked and principal.has_any(*REVEAL_ROLES)


async def present(
    conn: Connection,
    cipher: PiiCipher,
    principal: Principal,
    households: Sequence[Household],
    action: str,
    *,
    reveal: bool = False,
) -> list[schemas.HouseholdOut]:
    """The files as the caller may see them; one access-log row per file, on ``conn``."""
    reader = Reader(principal.subject, tuple(sorted(principal.roles)), current_trace_id())
    action_logged = f"{action}:reveal" if reveal else action
    await record_reads(conn, reader, [h.id for h in households], action_logged, revealed=reveal)
    today = today_in_china()
    return [household_out(h, cipher, reveal=reveal, today=today) for h in households]


async def log_related_reads(
    conn: Connection, principal: Principal, household_ids: Iterable[UUID | None], action: str
) -> None:
    """Visits, applications and payments shown about households are reads of their files:
    one access-log row per household listed, on ``conn``."""
    listed = list(dict.fromkeys(h for h in household_ids if h is not None))
    reader = Reader(principal.subject, tuple(sorted(principal.roles)), current_trace_id())
    await record_reads(conn, reader, listed, action, revealed=False)


def household_out(
    h: Household, cipher: PiiCipher, *, reveal: bool, today: date
) -> schemas.HouseholdOut:
    """One file, with personal data decrypted and masked unless ``reveal``."""
    c, head = h.circumstances, h.head
    id_number = cipher.decrypt(head.id_number_cipher)
    phone = cipher.decrypt(head.phone_cipher) if head.phone_cipher else None
    address = cipher.decrypt(head.address_cipher) if head.address_cipher else None
    name = cipher.decrypt(head.name_cipher)
    return schemas.HouseholdOut(
        id=h.id,
        org_id=h.org_id,
        employer_id=h.employer_id,
        status=h.status,
        level=c.level,
        causes=list(c.causes),
        monthly_income_per_capita_fen=c.monthly_income_per_capita_fen,
        temporary=c.temporary,
        head=schemas.HeadOut(
            member_id=head.member_id,
            name=name if reveal else mask_name(name),
            id_number=id_number if reveal else mask_id_number(id_number),
            phone=(phone if reveal else mask_mobile(phone)) if phone else None,
            address=(address if reveal else _mask_address(address)) if address else None,
        ),
        family=[_relative_out(r, cipher, reveal=reveal) for r in h.family],
        family_size=h.family_size,
        created_on=h.created_on,
        filed_on=h.filed_on,
        last_verified_on=h.last_verified_on,
        review_due_on=add_years(h.last_verified_on, 1) if h.last_verified_on else None,
        overdue_review=h.is_overdue(today),
        needs_review=h.is_open and bool(h.flags),
        flags=sorted(h.flags),
        closed_on=h.closed_on,
        close_reason=h.close_reason,
        return_note=h.return_note,
        revealed=reveal,
        version=h.version,
    )


def _relative_out(r: SealedRelative, cipher: PiiCipher, *, reveal: bool) -> schemas.RelativeOut:
    name = cipher.decrypt(r.name_cipher)
    number = cipher.decrypt(r.id_number_cipher) if r.id_number_cipher else None
    return schemas.RelativeOut(
        relation=r.relation,
        name=name if reveal else mask_name(name),
        id_number=(number if reveal else mask_id_number(number)) if number else None,
    )


def _mask_address(address: str) -> str:
    return address[:ADDRESS_KEPT] + "*" * max(len(address) - ADDRESS_KEPT, 0)
