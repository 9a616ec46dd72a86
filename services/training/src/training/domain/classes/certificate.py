"""证书: issued on completion, verifiable by its number, revocable."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from uuid import UUID

from shared.seedwork import Aggregate, DomainEvent, InvalidTransition, RecordedEvent

from training.domain.classes.enrolment import Enrolment, PersonRef
from training.domain.codes import RevocationReason


class CertificateStatus(StrEnum):
    VALID = "valid"  # 有效
    REVOKED = "revoked"  # 已撤销


@dataclass(frozen=True)
class CertificateIssued(DomainEvent):
    certificate_id: UUID
    org_id: UUID
    class_id: UUID
    enrolment_id: UUID
    person: PersonRef
    on: date


@dataclass(frozen=True)
class CertificateRevoked(DomainEvent):
    certificate_id: UUID
    org_id: UUID
    person: PersonRef
    reason: RevocationReason
    on: date


@dataclass(eq=False)
class Certificate(Aggregate):
    """A certificate of completion of one class by one person."""

    id: UUID
    number: str
    org_id: UUID
    class_id: UUID
    enrolment_id: UUID
    person_id: UUID
    member_id: UUID | None
    issued_on: date
    status: CertificateStatus = CertificateStatus.VALID
    revoked_on: date | None = None
    revocation_reason: RevocationReason | None = None
    version: int = 0
    events: list[RecordedEvent] = field(default_factory=list)

    @classmethod
    def issue(
        cls, certificate_id: UUID, number: str, enrolment: Enrolment, on: date
    ) -> Certificate:
        """取证: a certificate for a completed enrolment."""
        made = cls(
            certificate_id, number, enrolment.org_id, enrolment.class_id, enrolment.id,
            enrolment.person_id, enrolment.member_id, on,
        )  # fmt: skip
        made._record(
            CertificateIssued(
                certificate_id, made.org_id, made.class_id, enrolment.id, enrolment.person, on
            )
        )
        return made

    def revoke(self, reason: RevocationReason, on: date) -> None:
        """撤销: verification answers that the certificate was revoked."""
        if self.status == CertificateStatus.REVOKED:
            raise InvalidTransition("证书已撤销", field="certificate_id")
        self.status = CertificateStatus.REVOKED
        self.revoked_on = on
        self.revocation_reason = reason
        person = PersonRef(self.person_id, self.member_id)
        self._record(CertificateRevoked(self.id, self.org_id, person, reason, on))
