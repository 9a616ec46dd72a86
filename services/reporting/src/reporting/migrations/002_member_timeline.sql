-- Member timeline: every event about one member (pseudonymous id), from any service, in the
-- order it happened. summary is the event's data as published, which carries no PII.
-- event_id is unique, so a redelivered event adds nothing.
CREATE TABLE member_timeline (
    member_id    uuid NOT NULL,
    occurred_on  date NOT NULL,
    recorded_at  timestamptz NOT NULL,
    event_type   text NOT NULL,
    event_id     uuid NOT NULL UNIQUE,
    stream       text NOT NULL,
    seq          bigint,
    org_id       uuid NOT NULL,
    summary      jsonb NOT NULL
);
CREATE INDEX member_timeline_member ON member_timeline (member_id, occurred_on, recorded_at);
