"""Dispute case events → ``dispute_case_facts``, one row per case version, and the applicants.

A recovery (追回金额) is keyed by its own id too, so one payment published again under a new
case version is still one recovery; an extension keeps its reason's code (延期理由). Nothing is derived when a fact arrives: every indicator (accepted, closed, overdue …) is read
from all of a case's facts when a report asks, so a case's versions may come in any order and
give the same figures. Each row keeps the figures its event gives (workers, amounts, the due
date), the event's data as published (no PII) and where in the stream it came from, for the
member timeline.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import astuple, dataclass
from typing import Any, TypeAlias
from uuid import UUID

import asyncpg
import orjson
from shared.contracts import disputes as contracts
from shared.contracts.envelope import CloudEvent

from reporting.config import DISPUTES_CONSUMER

Conn: TypeAlias = "asyncpg.Connection[Any]"

_SEQUENCE_SQL = "SELECT stream_seq FROM inbox WHERE consumer = $1 AND event_id = $2"
_INSERT_FACT_SQL = (
    "INSERT INTO dispute_case_facts (case_id, version, event_id, event_type, fact, effective_on,"
    " org_id, category, channel, workers, migrant, collective, claimed_fen, amount_fen, due_on,"
    " detail, recorded_at, seq, data, recovery_id, extension_reason)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18,"
    " $19, $20, $21) ON CONFLICT DO NOTHING"  # a case version, an event id or a recovery id seen
)
_SEQUENCES_SQL = (
    "SELECT event_id, stream_seq FROM inbox WHERE consumer = $1 AND event_id = ANY($2::uuid[])"
)
# The same row as _INSERT_FACT_SQL for each element, in the given order: of two rows with one
# recovery id, the first stays, as it does one by one.
_INSERT_FACTS_SQL = (
    "INSERT INTO dispute_case_facts (case_id, version, event_id, event_type, fact, effective_on,"
    " org_id, category, channel, workers, migrant, collective, claimed_fen, amount_fen, due_on,"
    " detail, recorded_at, seq, data, recovery_id, extension_reason)"
    " SELECT c, v, e, t, f, d, o, cat, ch, w, m, col, cl, am, due, det, rec, s, dat::jsonb, r,"
    " why FROM unnest($1::uuid[], $2::bigint[], $3::uuid[], $4::text[], $5::text[], $6::date[],"
    " $7::uuid[], $8::text[], $9::text[], $10::int[], $11::int[], $12::bool[], $13::bigint[],"
    " $14::bigint[], $15::date[], $16::text[], $17::timestamptz[], $18::bigint[], $19::text[],"
    " $20::uuid[], $21::text[]) WITH ORDINALITY AS x(c, v, e, t, f, d, o, cat, ch, w, m, col,"
    " cl, am, due, det, rec, s, dat, r, why, n) ORDER BY n ON CONFLICT DO NOTHING"
)
_INSERT_APPLICANTS_SQL = (
    "INSERT INTO dispute_case_applicants (member_id, case_id)"
    " SELECT unnest($1::uuid[]), $2 ON CONFLICT DO NOTHING"
)


@dataclass(frozen=True)
class CaseFigures:
    """What one case event says beyond its case, date and organisation (None: not said)."""

    category: str | None = None
    channel: str | None = None
    workers: int | None = None
    migrant: int | None = None
    collective: bool | None = None
    claimed_fen: int | None = None
    amount_fen: int | None = None
    due_on: Any = None
    detail: str | None = None


_FACTS: dict[type[contracts.CaseEvent], str] = {
    contracts.CaseReceived: "received",
    contracts.CaseAccepted: "accepted",
    contracts.CaseDeclined: "declined",
    contracts.MediatorAssigned: "mediator_assigned",
    contracts.SessionHeld: "session_held",
    contracts.DeadlineExtended: "deadline_extended",
    contracts.CaseOverdue: "overdue",
    contracts.CaseSettled: "settled",
    contracts.CaseFailed: "failed",
    contracts.CaseReferred: "referred",
    contracts.ArbitrationDecided: "arbitration_decided",
    contracts.RecoveryRecorded: "recovery",
    contracts.CaseTransferred: "transferred",
    contracts.CaseWithdrawn: "withdrawn",
    contracts.CaseClosed: "closed",
}
CASE_EVENTS = tuple(_FACTS)
"""Every case event type, each stored as a fact of its case."""


def case_figures(event: contracts.CaseEvent) -> CaseFigures:
    """The figures of ``event`` the indicators read, by its type."""
    category = getattr(event, "category", None)
    if isinstance(event, contracts.CaseReceived):
        return CaseFigures(category, event.channel, event.workers_involved, event.migrant_workers,
                           event.collective, event.claimed_fen)  # fmt: skip
    if isinstance(
        event, contracts.CaseAccepted | contracts.DeadlineExtended | contracts.CaseOverdue
    ):
        return CaseFigures(category, due_on=event.due_on)
    if isinstance(event, contracts.CaseReferred):
        return CaseFigures(category, workers=event.workers_involved, collective=event.collective,
                           claimed_fen=event.claimed_fen, detail=event.target)  # fmt: skip
    return CaseFigures(category, amount_fen=_amount(event), detail=_detail(event))


def _amount(event: contracts.CaseEvent) -> int | None:
    if isinstance(event, contracts.CaseSettled):
        return event.agreed_fen
    if isinstance(event, contracts.ArbitrationDecided):
        return event.awarded_fen
    if isinstance(event, contracts.RecoveryRecorded):
        return event.amount_fen
    return None


def _detail(event: contracts.CaseEvent) -> str | None:
    if isinstance(event, contracts.CaseDeclined | contracts.CaseFailed):
        return event.reason
    if isinstance(event, contracts.ArbitrationDecided | contracts.CaseClosed):
        return event.outcome
    if isinstance(event, contracts.CaseTransferred):
        return event.reason
    return None


def extension_reason(event: contracts.CaseEvent) -> str | None:
    """延期理由 of an extension (``unknown`` for a v1 one, as upcast); None for other facts."""
    return event.reason if isinstance(event, contracts.DeadlineExtended) else None


async def case_fact(
    conn: Conn, envelope: CloudEvent, event: contracts.CaseEvent, version: int
) -> None:
    """Store the case's version ``version``; its applicants who are members, where named."""
    event_id = UUID(envelope.id)
    seq = await conn.fetchval(_SEQUENCE_SQL, DISPUTES_CONSUMER.durable, event_id)
    f = case_figures(event)
    await conn.execute(
        _INSERT_FACT_SQL, event.case_id, version, event_id, envelope.type, _FACTS[type(event)],
        event.occurred_on, event.org_id, f.category, f.channel, f.workers, f.migrant,
        f.collective, f.claimed_fen, f.amount_fen, f.due_on, f.detail, envelope.time, seq,
        envelope.data, getattr(event, "recovery_id", None), extension_reason(event),
    )  # fmt: skip
    applicants: list[UUID] = getattr(event, "applicant_member_ids", None) or []
    if applicants:
        await conn.execute(_INSERT_APPLICANTS_SQL, applicants, event.case_id)


CaseItem: TypeAlias = "tuple[CloudEvent, contracts.CaseEvent, int]"
"""A claimed case event: its envelope, the event and its case version."""


async def case_facts(conn: Conn, items: Sequence[CaseItem]) -> None:
    """Store many case versions with three statements: the rows :func:`case_fact` leaves."""
    if not items:
        return
    ids = [UUID(envelope.id) for envelope, _, _ in items]
    rows = await conn.fetch(_SEQUENCES_SQL, DISPUTES_CONSUMER.durable, ids)
    seqs = {row["event_id"]: row["stream_seq"] for row in rows}
    records = [_fact_record(item, seqs.get(i)) for item, i in zip(items, ids, strict=True)]
    await conn.execute(_INSERT_FACTS_SQL, *(list(col) for col in zip(*records, strict=True)))
    pairs = [(member, event.case_id) for _, event, _ in items
             for member in getattr(event, "applicant_member_ids", None) or []]  # fmt: skip
    if pairs:
        await conn.execute(
            "INSERT INTO dispute_case_applicants (member_id, case_id)"
            " SELECT * FROM unnest($1::uuid[], $2::uuid[]) ON CONFLICT DO NOTHING",
            [member for member, _ in pairs], [case for _, case in pairs],
        )  # fmt: skip


def _fact_record(item: CaseItem, seq: int | None) -> tuple[Any, ...]:
    envelope, event, version = item
    f = case_figures(event)
    return (
        event.case_id, version, UUID(envelope.id), envelope.type, _FACTS[type(event)],
        event.occurred_on, event.org_id, *astuple(f), envelope.time, seq,
        orjson.dumps(envelope.data).decode(), getattr(event, "recovery_id", None),
        extension_reason(event),
    )  # fmt: skip
