-- Inbox: one row per (consumer, event) applied, written in the handler's transaction.
CREATE TABLE inbox (
    consumer     text NOT NULL,
    event_id     uuid NOT NULL,
    subject      text NOT NULL,
    stream_seq   bigint,
    applied_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (consumer, event_id)
);
-- Per-stream tracking: the last stream sequence a consumer applied (lag and rebuild progress).
CREATE TABLE consumer_tracking (
    consumer     text PRIMARY KEY,
    stream       text NOT NULL,
    last_seq     bigint NOT NULL DEFAULT 0,
    updated_at   timestamptz NOT NULL DEFAULT clock_timestamp()
);
