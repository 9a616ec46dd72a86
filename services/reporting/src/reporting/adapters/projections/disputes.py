"""Disputes events → cases' facts, contacts and legal aid (劳动争议调解).

Case events are stored as facts of their case, one per version (:mod:`dispute_facts`); a
contact and a grant of legal aid are rows keyed by the publisher's id of the thing, so the
same contact published again under a new event id is still one 接待来访. Versions are kept in
``dispute_versions``; every disputes event's version is claimed there, whether or not a
figure reads it (a contact's closing, a concluded legal aid, an early-warning report).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeAlias

import asyncpg
from shared.contracts import disputes as contracts
from shared.contracts.envelope import CloudEvent
from shared.contracts.registry import IntegrationEvent

from reporting.adapters.projections.dispute_facts import CASE_EVENTS, case_fact, case_facts
from reporting.adapters.projections.stream_projection import (
    Decoded,
    EventProjector,
    Project,
    StreamProjection,
    in_stream_order,
)
from reporting.adapters.projections.versions import DISPUTE_VERSIONS

Conn: TypeAlias = "asyncpg.Connection[Any]"


async def contact_logged(
    conn: Conn, envelope: CloudEvent, event: contracts.ContactLogged, version: int
) -> None:
    """One 接待来访 by ``channel``, counted toward ``org_id`` on the day it was logged."""
    await conn.execute(
        "INSERT INTO dispute_contacts (contact_id, org_id, logged_on, channel, workers_involved,"
        " category) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (contact_id) DO NOTHING",
        event.contact_id, event.org_id, event.occurred_on, event.channel,
        event.workers_involved, event.category,
    )  # fmt: skip


async def legal_aid_granted(
    conn: Conn, envelope: CloudEvent, event: contracts.LegalAidGranted, version: int
) -> None:
    """One 法律援助 granted, counted toward ``org_id`` on the day it was granted."""
    await conn.execute(
        "INSERT INTO dispute_legal_aid (aid_id, org_id, granted_on, stage, case_id, member_id)"
        " VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (aid_id) DO NOTHING",
        event.aid_id, event.org_id, event.occurred_on, event.stage, event.case_id,
        event.member_id,
    )  # fmt: skip


async def _version_only(conn: Conn, envelope: CloudEvent, event: Any, version: int) -> None:
    """A contact's closing, a concluded legal aid and a risk report change no figure."""


_PROJECTORS: dict[type[IntegrationEvent], Project] = {
    contracts.ContactLogged: contact_logged,
    contracts.ContactClosed: _version_only,
    contracts.LegalAidGranted: legal_aid_granted,
    contracts.LegalAidConcluded: _version_only,
    contracts.RiskReported: _version_only,
    **dict.fromkeys(CASE_EVENTS, case_fact),
}

# The version table keeps no aggregate type: every event is of the stream's one kind.
_EVENT_PROJECTORS = {
    event_type: EventProjector("disputes", project) for event_type, project in _PROJECTORS.items()
}
_OTHERS_IN_ORDER = in_stream_order(_EVENT_PROJECTORS)


async def _write_batch(conn: Conn, applied: Sequence[Decoded]) -> None:
    # Case facts, contacts and legal aid are rows of different tables, each keyed by its own
    # thing: the case facts written together leave what they leave in stream order.
    cases = [(d.item[0], e, d.version) for d in applied if isinstance(e := d.item[1], CASE_EVENTS)]
    await case_facts(conn, cases)
    await _OTHERS_IN_ORDER(conn, [d for d in applied if not isinstance(d.item[1], CASE_EVENTS)])


PROJECTION = StreamProjection(DISPUTE_VERSIONS, _EVENT_PROJECTORS, _write_batch)

apply_disputes_event = PROJECTION.apply_event
