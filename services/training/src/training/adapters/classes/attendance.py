"""Attendance marks in SQL: upserted per session and enrolment, counted set-based."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from shared.adapters import Connection

from training.domain.classes.training_class import SessionCounts
from training.domain.codes import Mark
from training.service_layer.classes.ports import AttendanceSheet

_UPSERT = (
    "INSERT INTO attendance (class_id, session_no, enrolment_id, mark)"
    " SELECT $1, $2, m.enrolment_id, m.mark"
    " FROM unnest($3::uuid[], $4::text[]) AS m (enrolment_id, mark)"
    " ON CONFLICT (class_id, session_no, enrolment_id)"
    " DO UPDATE SET mark = EXCLUDED.mark, marked_at = now()"
)


class SqlAttendanceSheet(AttendanceSheet):
    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    async def record(
        self, class_id: UUID, session_no: int, marks: Sequence[tuple[UUID, Mark]]
    ) -> None:
        ids = [enrolment_id for enrolment_id, _ in marks]
        values = [str(mark) for _, mark in marks]
        await self._conn.execute(_UPSERT, class_id, session_no, ids, values)

    async def counts(self, class_id: UUID, session_no: int) -> SessionCounts:
        rows = await self._conn.fetch(
            "SELECT mark, count(*) AS n FROM attendance WHERE class_id = $1 AND session_no = $2"
            " GROUP BY mark",
            class_id,
            session_no,
        )
        by_mark = {row["mark"]: int(row["n"]) for row in rows}
        return SessionCounts(
            by_mark.get("present", 0),
            by_mark.get("late", 0),
            by_mark.get("excused", 0),
            by_mark.get("absent", 0),
        )

    async def attended(self, class_id: UUID) -> dict[UUID, int]:
        rows = await self._conn.fetch(
            "SELECT enrolment_id, count(*) AS n FROM attendance WHERE class_id = $1"
            " AND mark IN ('present', 'late') GROUP BY enrolment_id",
            class_id,
        )
        return {row["enrolment_id"]: int(row["n"]) for row in rows}
