"""Training events → classes, seats, certificates, competitions, fairs, jobs, and the timeline.

Every row written is keyed by the publisher's id of the thing, or is a snapshot kept at its
newest version (attendance, a fair's figures, a follow-up), so duplicates and late arrivals
change nothing; a writer answers False when it recorded nothing new, and the event then adds
no timeline entry either. Versions are kept in ``training_versions``.
"""

from __future__ import annotations

import itertools
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, TypeAlias
from uuid import UUID

import asyncpg
from shared.contracts import training as contracts
from shared.contracts.envelope import CloudEvent
from shared.contracts.registry import IntegrationEvent

from reporting.adapters.projections import training_courses as courses
from reporting.adapters.projections import training_jobs as jobs
from reporting.adapters.projections import training_timeline as timeline
from reporting.adapters.projections.stream_projection import (
    Decoded,
    EventProjector,
    Project,
    StreamProjection,
    in_stream_order,
)
from reporting.adapters.projections.versions import TRAINING_VERSIONS

Conn: TypeAlias = "asyncpg.Connection[Any]"
Writer: TypeAlias = "Callable[[Conn, Any, CloudEvent, int], Awaitable[bool]]"
"""Writes one event (envelope, version); False when it recorded nothing new."""
KeyedWriter: TypeAlias = "Callable[[Conn, Any, UUID], Awaitable[bool]]"
"""Writes one event keyed by the publisher's id of the thing: its version does not matter."""


def _keyed(write: KeyedWriter) -> Writer:
    async def keyed(conn: Conn, event: Any, envelope: CloudEvent, version: int) -> bool:
        return await write(conn, event, UUID(envelope.id))

    return keyed


_WRITERS: dict[type[IntegrationEvent], Writer] = {
    contracts.ClassOpened: _keyed(courses.class_opened),
    contracts.ClassCancelled: _keyed(courses.class_cancelled),
    contracts.Enrolled: _keyed(courses.enrolled),
    contracts.Waitlisted: _keyed(courses.waitlisted),
    contracts.EnrolmentWithdrawn: _keyed(courses.withdrawn),
    contracts.AttendanceTaken: jobs.attendance_taken,
    contracts.Completed: _keyed(courses.completed),
    contracts.CertificateIssued: _keyed(courses.certificate_issued),
    contracts.CertificateRevoked: _keyed(courses.certificate_revoked),
    contracts.CompetitionEntered: _keyed(courses.competition_entered),
    contracts.CompetitionPlaced: _keyed(courses.competition_placed),
    contracts.SeekerRegistered: _keyed(jobs.seeker_registered),
    contracts.PostingPublished: _keyed(jobs.posting_published),
    contracts.FairHeld: jobs.fair_held,
    contracts.Placed: _keyed(jobs.placed),
    contracts.PlacementFollowedUp: jobs.followed_up,
}


def _with_timeline(write: Writer) -> Project:
    async def project(conn: Conn, envelope: CloudEvent, event: Any, version: int) -> None:
        if await write(conn, event, envelope, version):
            await timeline.record(conn, envelope, event)

    return project


# The version table keeps no aggregate type: every event is of the stream's one kind.
_EVENT_PROJECTORS = {
    event_type: EventProjector("training", _with_timeline(write))
    for event_type, write in _WRITERS.items()
}
_IN_ORDER = in_stream_order(_EVENT_PROJECTORS)


async def _enrolments(conn: Conn, run: Sequence[Decoded]) -> None:
    """A run of seats taken, with two statements; timeline entries for the ones new."""
    items = [(d.item[0], e) for d in run if isinstance(e := d.item[1], contracts.Enrolled)]
    new = await courses.enrolled_all(conn, [event for _, event in items])
    firsts = []
    for envelope, event in items:
        if event.enrolment_id in new:
            new.discard(event.enrolment_id)  # a later copy of it recorded nothing
            firsts.append((envelope, event))
    await timeline.record_all(conn, firsts)


async def _write_batch(conn: Conn, applied: Sequence[Decoded]) -> None:
    # Stream order is kept: runs of seats taken (the bulk of the stream, each its own row)
    # are written together, everything between them one by one.
    for is_seat, run in itertools.groupby(applied, lambda d: type(d.item[1]) is contracts.Enrolled):
        await (_enrolments if is_seat else _IN_ORDER)(conn, list(run))


PROJECTION = StreamProjection(TRAINING_VERSIONS, _EVENT_PROJECTORS, _write_batch)

apply_training_event = PROJECTION.apply_event
