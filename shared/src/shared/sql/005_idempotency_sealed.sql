-- Stored responses may carry personal data (a revealed ID number, a member's name, a visit's
-- note): the body is kept sealed with the service's personal-data key. Rows written before
-- this migration stay readable as they were (response_sealed = false) until purged.
ALTER TABLE idempotency_keys ADD COLUMN response_sealed boolean NOT NULL DEFAULT false;
