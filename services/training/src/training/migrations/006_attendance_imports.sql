-- Attendance imports from sign-in sheets: progress and per-row errors (no personal data: an
-- error names the row and the column, never the value).
CREATE TABLE attendance_imports (
    id              uuid PRIMARY KEY,
    class_id        uuid NOT NULL REFERENCES classes (id),
    org_id          uuid NOT NULL,
    session_no      integer NOT NULL CHECK (session_no >= 1),
    filename        text NOT NULL,
    status          text NOT NULL CHECK (status IN ('queued', 'running', 'completed', 'failed')),
    total_rows      integer NOT NULL,
    processed_rows  integer NOT NULL DEFAULT 0,
    imported_rows   integer NOT NULL DEFAULT 0,
    failed_rows     integer NOT NULL DEFAULT 0,
    errors          jsonb NOT NULL DEFAULT '[]',
    failure_reason  text,
    requested_by    text NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    finished_at     timestamptz
);
CREATE INDEX attendance_imports_class ON attendance_imports (class_id, created_at);
