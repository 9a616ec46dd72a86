-- 批量导入: bulk import jobs (visits, hardship files, insurance enrolments and claims,
-- festival aid lists).
-- A job is visible within the importer's subtree (scope_path, the materialised path of the
-- importer's organisation when uploading). Row errors name the row, the column header and a
-- message only, never a cell's content.

CREATE TABLE imports (
    id             uuid PRIMARY KEY,
    kind           text NOT NULL CHECK (kind IN
                   ('visits', 'households', 'insurance-enrolments', 'insurance-claims',
                    'festival-lists')),
    filename       text NOT NULL,
    scope_path     text NOT NULL,
    status         text NOT NULL CHECK (status IN
                   ('queued', 'running', 'completed', 'completed_with_errors', 'failed')),
    total_rows     integer NOT NULL DEFAULT 0,
    processed_rows integer NOT NULL DEFAULT 0,
    imported_rows  integer NOT NULL DEFAULT 0,
    failed_rows    integer NOT NULL DEFAULT 0,
    error_count    integer NOT NULL DEFAULT 0,
    errors         jsonb NOT NULL DEFAULT '[]'::jsonb,
    failure_reason text,
    requested_by   text NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    started_at     timestamptz,
    updated_at     timestamptz NOT NULL DEFAULT now(),
    finished_at    timestamptz,
    batch_id       uuid  -- festival lists: the payment batch the list starts
);
CREATE INDEX imports_scope ON imports (scope_path text_pattern_ops, created_at);
