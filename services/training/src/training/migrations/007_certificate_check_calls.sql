-- The public certificate check's allowance, shared by every API process: one row per call of
-- the last minutes, keyed by a digest of the caller's address (the address itself is not kept).
CREATE TABLE certificate_check_calls (
    address_digest  bytea NOT NULL,
    called_at       timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX certificate_check_calls_address ON certificate_check_calls (address_digest, called_at);
CREATE INDEX certificate_check_calls_age ON certificate_check_calls (called_at);
