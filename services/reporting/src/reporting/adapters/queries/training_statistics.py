"""Reading the training and employment indicators: facts joined to the tree as it stood on their date.

The subtree is resolved once per report by the membership statistics (the same tree, the same
rules). Every fact counts toward the organisation its event named, under the tree of its own
day; a seat's withdrawal, a certificate's revocation and a class's cancellation count against
the seat, certificate or class of the period when they happened by the stock date.
"""

from __future__ import annotations

from datetime import date, timedelta
from uuid import UUID

from shared.outbox.writer import Connection as Conn

from reporting.adapters.queries.statistics import subtree_or_own
from reporting.domain.training_figures import (
    CLASS_KINDS,
    SEEKER_STATUSES,
    CourseFigures,
    EmploymentFigures,
    FollowUp,
    TrainingFigures,
)

# $1, $2, $3: the subtree as arrays of org id, first day, day after the last.
_SUB = "unnest($1::uuid[], $2::date[], $3::date[]) AS s(org_id, lo, hi)"


def _in(table: str, alias: str, on: str, join: str = "") -> str:
    """``alias`` rows of ``table`` dated ``on`` in [$4, $5), in the subtree on that day, with
    ``join`` (a LEFT JOIN) after them."""
    return (
        f"FROM {_SUB} JOIN {table} {alias} ON s.org_id = {alias}.org_id"
        f" AND {on} >= s.lo AND {on} < s.hi {join} WHERE {on} >= $4 AND {on} < $5"
    )


# $4 first day, $5 the day after the stock date.
_CANCELLED = (
    "LEFT JOIN training_class_cancellations x ON x.class_id = c.class_id AND x.cancelled_on < $5"
)
_WITHDRAWN = (
    "LEFT JOIN training_withdrawals w ON w.enrolment_id = e.enrolment_id AND w.withdrawn_on < $5"
)
_REVOKED = (
    "LEFT JOIN training_revocations r ON r.certificate_id = t.certificate_id AND r.revoked_on < $5"
)
_CLASSES_SQL = f"""
SELECT c.kind, count(*) - count(x.class_id) AS open, count(x.class_id) AS cancelled
{_in("training_classes", "c", "c.opened_on", _CANCELLED)}
GROUP BY c.kind
"""


def _listed(id_column: str, on: str, table: str, alias: str, join: str = "", kept: str = "") -> str:
    return (
        f"SELECT {alias}.{id_column} AS id, {on} AS on_day, {alias}.org_id, NULL::numeric AS value"
        f" {_in(table, alias, on, join)}{f' AND {kept}' if kept else ''}"
    )


TRAINING_ROWS = {
    "classes": _listed("class_id", "c.opened_on", "training_classes", "c", _CANCELLED,
                       "x.class_id IS NULL"),
    "trainees": _listed("enrolment_id", "e.enrolled_on", "training_enrolments", "e", _WITHDRAWN,
                        "w.enrolment_id IS NULL"),
    "completed": _listed("enrolment_id", "k.completed_on", "training_completions", "k"),
    "certified": _listed("certificate_id", "t.issued_on", "training_certificates", "t", _REVOKED,
                         "r.certificate_id IS NULL"),
    "placements": _listed("placement_id", "j.placed_on", "job_placements", "j"),
    "reemployed": _listed("placement_id", "j.placed_on", "job_placements", "j", "",
                          "j.reemployment"),
}  # fmt: skip
"""One row per thing the figure of the same name counts (classes open, seats kept, …), with the
same joins as the aggregates above; the annual report's drill-down lists them."""

_COURSES_SQL = f"""
SELECT seats.*, done.*, certs.*, entries.*, sessions.* FROM (
    SELECT count(*) AS seats_taken, count(w.enrolment_id) AS withdrawn
    {_in("training_enrolments", "e", "e.enrolled_on", _WITHDRAWN)}
) seats, (
    SELECT count(*) AS completed {_in("training_completions", "k", "k.completed_on")}
) done, (
    SELECT count(*) AS issued, count(r.certificate_id) AS revoked
    {_in("training_certificates", "t", "t.issued_on", _REVOKED)}
) certs, (
    SELECT count(*) AS competition_entries {_in("competition_entries", "q", "q.entered_on")}
) entries, (
    SELECT count(*) AS sessions, COALESCE(sum(a.present + a.late), 0)::int AS attended,
        COALESCE(sum(a.present + a.late + a.excused + a.absent), 0)::int AS expected
    {_in("training_attendance", "a", "a.taken_on")}
) sessions
"""

_JOBS_SQL = f"""
SELECT fairs.*, posts.*, placed.* FROM (
    SELECT count(*) AS fairs, COALESCE(sum(f.employers), 0)::int AS fair_employers,
        COALESCE(sum(f.positions), 0)::int AS fair_positions,
        COALESCE(sum(f.registered_seekers), 0)::int AS fair_registered,
        COALESCE(sum(f.walk_in_seekers), 0)::int AS fair_walk_ins
    {_in("job_fairs", "f", "f.held_on")}
) fairs, (
    SELECT count(*) AS postings, COALESCE(sum(p.positions), 0)::int AS posting_positions
    {_in("job_postings", "p", "p.published_on")}
) posts, (
    SELECT count(*) AS placements, count(*) FILTER (WHERE j.reemployment) AS reemployed
    {_in("job_placements", "j", "j.placed_on")}
) placed
"""

_SEEKERS_SQL = f"""
SELECT k.status, count(*) AS seekers {_in("job_seekers", "k", "k.registered_on")}
GROUP BY k.status
"""

_FOLLOW_UPS_SQL = f"""
SELECT u.months, count(*) AS followed, count(*) FILTER (WHERE u.still_employed) AS still
{_in("placement_follow_ups", "u", "u.followed_on")}
GROUP BY u.months
"""

_NAME_SQL = (
    "SELECT name FROM org_versions WHERE org_id = $1"
    " ORDER BY (valid_from <= $2 AND (valid_to IS NULL OR valid_to > $2)) DESC, valid_from DESC"
    " LIMIT 1"
)
_CHILDREN_SQL = (
    "SELECT org_id FROM org_versions WHERE parent_id = $1"
    " AND valid_from <= $2 AND (valid_to IS NULL OR valid_to > $2) ORDER BY name, org_id"
)
_COURSE_COLUMNS = ("classes_cancelled", "seats_taken", "withdrawn", "completed", "issued",
                   "revoked", "competition_entries", "sessions", "attended", "expected")  # fmt: skip
_JOB_COLUMNS = ("fairs", "fair_employers", "fair_positions", "fair_registered", "fair_walk_ins",
                "postings", "posting_positions", "placements", "reemployed")  # fmt: skip

Window = tuple[object, ...]
"""The subtree arrays, the first day and the day after the stock date, as bound."""


async def training_figures(
    conn: Conn, org_id: UUID, date_from: date, stock_date: date, *, own_only: bool = False
) -> TrainingFigures:
    """The training and employment indicators of ``org_id`` with its subtree (本级 alone with ``own_only``).

    Args:
        conn: a connection whose search path starts with the reporting schema.
        org_id: the organisation reported on.
        date_from: first day of the period.
        stock_date: its last day (the period's end, or an earlier as-of date).
        own_only: only what was recorded at ``org_id`` itself, none of its descendants.
    """
    day_after = stock_date + timedelta(days=1)
    first_day = min(date_from, stock_date)
    sub = await subtree_or_own(conn, org_id, first_day, day_after, own_only=own_only)
    window: Window = (*sub, date_from, day_after)
    return TrainingFigures(
        org_id=org_id,
        name=await conn.fetchval(_NAME_SQL, org_id, stock_date),
        date_from=date_from,
        stock_date=stock_date,
        courses=await _courses(conn, window),
        employment=await _employment(conn, window),
    )


async def children_training_figures(
    conn: Conn, org_id: UUID, date_from: date, stock_date: date
) -> list[TrainingFigures]:
    """One report per child of ``org_id`` as the tree stood on ``stock_date``, by name."""
    rows = await conn.fetch(_CHILDREN_SQL, org_id, stock_date)
    return [await training_figures(conn, row["org_id"], date_from, stock_date) for row in rows]


async def _courses(conn: Conn, window: Window) -> CourseFigures:
    by_kind = dict.fromkeys(CLASS_KINDS, 0)
    cancelled = 0
    for row in await conn.fetch(_CLASSES_SQL, *window):
        by_kind[row["kind"]] = row["open"]
        cancelled += row["cancelled"]
    found = await conn.fetchrow(_COURSES_SQL, *window)
    assert found is not None  # aggregates without GROUP BY always return one row
    counts = {key: found[key] for key in _COURSE_COLUMNS if key != "classes_cancelled"}
    return CourseFigures(by_kind, cancelled, **counts)


async def _employment(conn: Conn, window: Window) -> EmploymentFigures:
    found = await conn.fetchrow(_JOBS_SQL, *window)
    assert found is not None
    by_status = dict.fromkeys(SEEKER_STATUSES, 0)
    for row in await conn.fetch(_SEEKERS_SQL, *window):
        by_status[row["status"]] = row["seekers"]
    follow_ups = {months: FollowUp(months) for months in (3, 6)}
    for row in await conn.fetch(_FOLLOW_UPS_SQL, *window):
        follow_ups[row["months"]] = FollowUp(row["months"], row["followed"], row["still"])
    return EmploymentFigures(
        **{key: found[key] for key in _JOB_COLUMNS},
        seekers_by_status=by_status,
        follow_ups=(follow_ups[3], follow_ups[6]),
    )
