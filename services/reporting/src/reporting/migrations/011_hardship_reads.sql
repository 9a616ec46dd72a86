-- Every time a member timeline shows hardship assistance entries to someone, one row: who read,
-- with which roles, whose timeline (a pseudonymous member id), how many hardship entries, and
-- the request's trace. Assistance logs the reads of its files the same way (its access_log).
CREATE TABLE hardship_reads (
    id         bigserial PRIMARY KEY,
    at         timestamptz NOT NULL DEFAULT clock_timestamp(),
    subject    text NOT NULL,
    roles      text[] NOT NULL,
    member_id  uuid NOT NULL,
    action     text NOT NULL,
    entries    integer NOT NULL,
    trace_id   text
);
CREATE INDEX hardship_reads_member ON hardship_reads (member_id, at);
CREATE INDEX hardship_reads_at ON hardship_reads (at);
