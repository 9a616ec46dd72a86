-- Idempotency keys: the key and the stored response are written in the command's transaction.
-- The response is kept as the exact bytes sent, so a replay is byte-for-byte the original.
CREATE TABLE idempotency_keys (
    principal     text NOT NULL,
    key           text NOT NULL,
    method        text NOT NULL,
    path          text NOT NULL,
    request_hash  text NOT NULL,
    status_code   integer NOT NULL,
    response_body bytea NOT NULL DEFAULT '\x'::bytea,
    response_media_type text,
    response_headers jsonb NOT NULL DEFAULT '{}'::jsonb,
    created_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (principal, key)
);
CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at);
