"""Showing cases: decrypt, mask unless revealed, and log every read in the same transaction
that produces the response."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

from shared.adapters import Connection
from shared.auth import Principal
from shared.pii import PiiCipher, mask_id_number, mask_mobile, mask_name
from shared.telemetry import current_trace_id

from disputes.adapters.access_log import Reader, record_reads
from disputes.domain.cases.case import Case
from disputes.domain.cases.codes import STATUS_LABELS
from disputes.domain.cases.parts import SealedApplicant
from disputes.entrypoints.api.cases import schemas


def reader_of(principal: Principal) -> Reader:
    return Reader(principal.subject, tuple(sorted(principal.roles)), current_trace_id())


async def present(
    conn: Connection,
    cipher: PiiCipher,
    principal: Principal,
    cases: Sequence[Case],
    action: str,
    *,
    reveal: bool = False,
) -> list[schemas.CaseOut]:
    """The cases as the caller may see them; one access-log row per case, on ``conn``."""
    logged = f"{action}:reveal" if reveal else action
    await record_reads(conn, reader_of(principal), [c.id for c in cases], logged, revealed=reveal)
    return [case_out(c, cipher, reveal=reveal) for c in cases]


def _open(cipher: PiiCipher, token: bytes | None) -> str | None:
    return cipher.decrypt(token) if token else None


def _applicant(a: SealedApplicant, cipher: PiiCipher, reveal: bool) -> schemas.ApplicantOut:
    name, id_number = cipher.decrypt(a.name_cipher), _open(cipher, a.id_number_cipher)
    phone = _open(cipher, a.phone_cipher)
    if not reveal:
        name = mask_name(name)
        id_number = mask_id_number(id_number) if id_number else None
        phone = mask_mobile(phone) if phone else None
    return schemas.ApplicantOut(
        name=name,
        id_number=id_number,
        phone=phone,
        member_id=a.member_id,
        migrant_worker=a.migrant_worker,
    )


def _plain(value: Any) -> Any:
    return {k: (list(v) if isinstance(v, tuple) else v) for k, v in asdict(value).items()}


def case_out(c: Case, cipher: PiiCipher, *, reveal: bool) -> schemas.CaseOut:
    """One case, with personal data decrypted and masked (texts left out) unless ``reveal``."""
    employer_name = _open(cipher, c.employer.name_cipher)
    if employer_name and not reveal:
        employer_name = mask_name(employer_name)
    sessions = [
        schemas.SessionOut(
            no=s.no,
            scheduled_on=s.scheduled_on,
            held_on=s.held_on,
            attendees=s.attendees,
            record=_open(cipher, s.record_cipher) if reveal else None,
        )
        for s in c.sessions
    ]
    agreement = None
    if c.agreement is not None:
        a = c.agreement
        terms = cipher.decrypt(a.terms_cipher) if reveal else None
        agreement = schemas.AgreementOut(
            agreed_fen=a.agreed_fen, signed_on=a.signed_on, pay_by=a.pay_by, terms=terms
        )
    return schemas.CaseOut(
        id=c.id,
        version=c.version,
        org_id=c.org_id,
        mediation_org_id=c.mediation_org_id,
        status=c.status,
        status_label=STATUS_LABELS[c.status],
        channel=c.channel,
        category=c.category,
        employer_id=c.employer.employer_id,
        employer_name=employer_name,
        employer_uscc=c.employer.uscc,
        applicants=[_applicant(a, cipher, reveal) for a in c.applicants],
        workers_involved=c.workers_involved,
        migrant_workers=c.migrant_workers,
        collective=c.collective,
        claimed_fen=c.claimed_fen,
        facts=cipher.decrypt(c.facts_cipher) if reveal else None,
        claims=cipher.decrypt(c.claims_cipher) if reveal else None,
        received_on=c.received_on,
        accepted_on=c.accepted_on,
        due_on=c.due_on,
        overdue=c.overdue,
        decline_reason=c.decline_reason,
        mediator_id=c.mediator_id,
        sessions=sessions,
        agreement=agreement,
        failure_reason=c.failure_reason,
        referral=_plain(c.referral) if c.referral else None,
        award=_plain(c.award) if c.award else None,
        recovered_fen=c.recovered_fen,
        closing_outcome=c.closing_outcome,
        closed_on=c.closed_on,
        extensions=[
            schemas.ExtensionOut(
                no=x.no,
                agreed_on=x.agreed_on,
                due_on=x.due_on,
                reason=x.reason,
                note=_open(cipher, x.note_cipher) if reveal else None,
            )
            for x in c.extensions
        ],
        evidence=[
            schemas.EvidenceOut(
                id=e.evidence_id,
                kind=e.kind,
                sha256=e.sha256,
                size_bytes=e.size_bytes,
                media_type=e.media_type,
            )
            for e in c.evidence
        ],
    )


async def render_case(
    conn: Connection, cipher: PiiCipher, principal: Principal, c: Case, action: str
) -> schemas.CaseOut:
    """A command's answer: the case as it now stands, masked, the read logged."""
    return (await present(conn, cipher, principal, [c], action))[0]
