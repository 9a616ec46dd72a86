"""The parts of a case: its applicants (sealed), sessions, agreement, referral, award."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from uuid import UUID

from disputes.domain.cases.codes import (
    ArbitrationOutcome,
    EmploymentEnding,
    EvidenceKind,
    ExtensionReason,
    ReferralTarget,
)

COLLECTIVE_THRESHOLD = 10
"""劳动争议调解仲裁法 art. 7: ten or more workers with a common claim are a collective dispute."""


@dataclass(frozen=True)
class SealedApplicant:
    """An applicant worker: name, ID number and phone sealed; the membership id, if a member."""

    name_cipher: bytes = field(repr=False)
    id_number_cipher: bytes | None = field(repr=False)
    id_number_index: str | None = field(repr=False)
    phone_cipher: bytes | None = field(repr=False)
    member_id: UUID | None
    migrant_worker: bool


@dataclass(frozen=True)
class SealedEmployer:
    """The respondent: membership's employer when known, else its (sealed) name and USCC."""

    employer_id: UUID | None
    name_cipher: bytes | None = field(repr=False)
    uscc: str | None


@dataclass(frozen=True)
class Session:
    """A mediation session: scheduled, then held with its sealed minutes and attendees."""

    no: int
    scheduled_on: date
    held_on: date | None = None
    attendees: int = 0
    record_cipher: bytes | None = field(default=None, repr=False)


@dataclass(frozen=True)
class Extension:
    """延期: the new due date both parties agreed to, why, and the sealed note (说明)."""

    no: int
    agreed_on: date
    due_on: date
    reason: ExtensionReason
    note_cipher: bytes | None = field(default=None, repr=False)


@dataclass(frozen=True)
class Agreement:
    """调解协议: the agreed amount, the sealed terms, both parties' confirmation."""

    agreed_fen: int
    terms_cipher: bytes = field(repr=False)
    signed_on: date
    pay_by: date | None


@dataclass(frozen=True)
class ReferralItems:
    """The data items of an arbitration application (仲裁申请书要素)."""

    had_written_contract: bool | None
    wages_claimed_fen: int
    overtime_claimed_fen: int
    social_insurance_claimed: bool
    work_injury: bool
    employment_ending: EmploymentEnding


@dataclass(frozen=True)
class Referral:
    target: ReferralTarget
    referred_on: date
    items: ReferralItems
    evidence_sha256: tuple[str, ...]


@dataclass(frozen=True)
class Award:
    """The arbitration commission's outcome, recorded back on the case."""

    outcome: ArbitrationOutcome
    awarded_fen: int
    decided_on: date
    award_no: str


@dataclass(frozen=True)
class EvidenceItem:
    """An evidence document as the case knows it: its hash, kind, type and size."""

    evidence_id: UUID
    kind: EvidenceKind
    sha256: str
    size_bytes: int
    media_type: str
