-- A roster import that refused some rows ends as completed_with_errors, not completed: a cadre
-- sees at a glance that rows are waiting to be corrected and uploaded again.
ALTER TABLE roster_imports DROP CONSTRAINT roster_imports_status_check;
ALTER TABLE roster_imports ADD CONSTRAINT roster_imports_status_check
    CHECK (status IN ('queued', 'running', 'completed', 'completed_with_errors', 'failed'));
