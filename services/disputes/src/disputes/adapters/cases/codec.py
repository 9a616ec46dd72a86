"""A case's parts as jsonb values and back (ciphertexts as base64, dates as ISO strings)."""

from __future__ import annotations

import base64
from datetime import date
from typing import Any
from uuid import UUID

from disputes.domain.cases.codes import (
    ArbitrationOutcome,
    EmploymentEnding,
    EvidenceKind,
    ExtensionReason,
    ReferralTarget,
)
from disputes.domain.cases.parts import (
    Agreement,
    Award,
    EvidenceItem,
    Extension,
    Referral,
    ReferralItems,
    SealedApplicant,
    Session,
)


def _b64(value: bytes | None) -> str | None:
    return base64.b64encode(value).decode() if value is not None else None


def _bytes(value: str | None) -> bytes | None:
    return base64.b64decode(value) if value is not None else None


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _uuid(value: str | None) -> UUID | None:
    return UUID(value) if value else None


def applicants_json(applicants: tuple[SealedApplicant, ...]) -> Any:
    return [
        {
            "name": _b64(a.name_cipher),
            "id_number": _b64(a.id_number_cipher),
            "id_index": a.id_number_index,
            "phone": _b64(a.phone_cipher),
            "member_id": str(a.member_id) if a.member_id else None,
            "migrant": a.migrant_worker,
        }
        for a in applicants
    ]


def applicants_from(raw: Any) -> tuple[SealedApplicant, ...]:
    return tuple(
        SealedApplicant(
            base64.b64decode(a["name"]),
            _bytes(a["id_number"]),
            a["id_index"],
            _bytes(a["phone"]),
            _uuid(a["member_id"]),
            a["migrant"],
        )
        for a in raw
    )


def sessions_json(sessions: tuple[Session, ...]) -> Any:
    return [
        {
            "no": s.no,
            "scheduled_on": s.scheduled_on.isoformat(),
            "held_on": s.held_on.isoformat() if s.held_on else None,
            "attendees": s.attendees,
            "record": _b64(s.record_cipher),
        }
        for s in sessions
    ]


def sessions_from(raw: Any) -> tuple[Session, ...]:
    return tuple(
        Session(
            s["no"],
            date.fromisoformat(s["scheduled_on"]),
            _day(s["held_on"]),
            s["attendees"],
            _bytes(s["record"]),
        )
        for s in raw
    )


def agreement_json(a: Agreement | None) -> Any:
    if a is None:
        return None
    return {
        "agreed_fen": a.agreed_fen,
        "terms": _b64(a.terms_cipher),
        "signed_on": a.signed_on.isoformat(),
        "pay_by": a.pay_by.isoformat() if a.pay_by else None,
    }


def agreement_from(raw: Any) -> Agreement | None:
    if raw is None:
        return None
    a = raw
    return Agreement(
        a["agreed_fen"],
        base64.b64decode(a["terms"]),
        date.fromisoformat(a["signed_on"]),
        _day(a["pay_by"]),
    )


def referral_json(r: Referral | None) -> Any:
    if r is None:
        return None
    items = r.items
    return {
        "target": r.target,
        "referred_on": r.referred_on.isoformat(),
        "had_written_contract": items.had_written_contract,
        "wages_claimed_fen": items.wages_claimed_fen,
        "overtime_claimed_fen": items.overtime_claimed_fen,
        "social_insurance_claimed": items.social_insurance_claimed,
        "work_injury": items.work_injury,
        "employment_ending": items.employment_ending,
        "evidence_sha256": list(r.evidence_sha256),
    }


def referral_from(raw: Any) -> Referral | None:
    if raw is None:
        return None
    r: dict[str, Any] = raw
    items = ReferralItems(
        r["had_written_contract"],
        r["wages_claimed_fen"],
        r["overtime_claimed_fen"],
        r["social_insurance_claimed"],
        r["work_injury"],
        EmploymentEnding(r["employment_ending"]),
    )
    return Referral(
        ReferralTarget(r["target"]),
        date.fromisoformat(r["referred_on"]),
        items,
        tuple(r["evidence_sha256"]),
    )


def award_json(a: Award | None) -> Any:
    if a is None:
        return None
    return {
        "outcome": a.outcome,
        "awarded_fen": a.awarded_fen,
        "decided_on": a.decided_on.isoformat(),
        "award_no": a.award_no,
    }


def award_from(raw: Any) -> Award | None:
    if raw is None:
        return None
    a = raw
    return Award(
        ArbitrationOutcome(a["outcome"]),
        a["awarded_fen"],
        date.fromisoformat(a["decided_on"]),
        a["award_no"],
    )


def evidence_json(items: tuple[EvidenceItem, ...]) -> Any:
    return [
        {
            "id": str(e.evidence_id),
            "kind": e.kind,
            "sha256": e.sha256,
            "size": e.size_bytes,
            "media_type": e.media_type,
        }
        for e in items
    ]


def evidence_from(raw: Any) -> tuple[EvidenceItem, ...]:
    return tuple(
        EvidenceItem(
            UUID(e["id"]), EvidenceKind(e["kind"]), e["sha256"], e["size"], e["media_type"]
        )
        for e in raw
    )


def extensions_json(items: tuple[Extension, ...]) -> Any:
    return [
        {
            "no": x.no,
            "agreed_on": x.agreed_on.isoformat(),
            "due_on": x.due_on.isoformat(),
            "reason": x.reason,
            "note": _b64(x.note_cipher),
        }
        for x in items
    ]


def extensions_from(raw: Any) -> tuple[Extension, ...]:
    """Extensions recorded before reasons were asked read back as 未记录 (``unknown``)."""
    return tuple(
        Extension(
            x["no"],
            date.fromisoformat(x["agreed_on"]),
            date.fromisoformat(x["due_on"]),
            ExtensionReason(x.get("reason") or ExtensionReason.UNKNOWN),
            _bytes(x.get("note")),
        )
        for x in raw
    )
