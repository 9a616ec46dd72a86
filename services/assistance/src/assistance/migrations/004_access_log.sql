-- Who read which hardship file, when, how (revealed or masked) and under which trace.
-- Written in the same transaction that produces the read's response; never updated.

CREATE TABLE access_log (
    id           bigserial PRIMARY KEY,
    at           timestamptz NOT NULL DEFAULT clock_timestamp(),
    subject      text NOT NULL,
    roles        text[] NOT NULL,
    household_id uuid NOT NULL,
    action       text NOT NULL,
    revealed     boolean NOT NULL,
    trace_id     text
);
CREATE INDEX access_log_household ON access_log (household_id, at);
CREATE INDEX access_log_subject ON access_log (subject, at);
CREATE INDEX access_log_at ON access_log (at);
