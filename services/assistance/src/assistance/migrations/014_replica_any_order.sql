-- The replica is right in any delivery order of one aggregate's events: each field remembers
-- the version that wrote it, so a late older event still sets what no newer one has set (an
-- admission's employer after the retention, a rename after a move), and never undoes a newer.
ALTER TABLE org_replica
    ADD COLUMN name_version bigint NOT NULL DEFAULT 0,
    ADD COLUMN parent_version bigint NOT NULL DEFAULT 0;
UPDATE org_replica SET name_version = version, parent_version = version;

ALTER TABLE member_replica ADD COLUMN employer_version bigint NOT NULL DEFAULT 0;
UPDATE member_replica SET employer_version = version WHERE employer_id IS NOT NULL;
