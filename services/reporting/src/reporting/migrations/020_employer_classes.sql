-- Employers by 登记注册类型 and ownership class (membership.employer.registered v2, corrected
-- by membership.employer.reclassified): the newest version that set them wins, whatever came
-- last. Employers projected from v1 events are classed by the upcaster's mapping.
ALTER TABLE employers ADD COLUMN registration_type text;
ALTER TABLE employers ADD COLUMN ownership_class text;
ALTER TABLE employers ADD COLUMN name text;
ALTER TABLE employers ADD COLUMN class_version bigint NOT NULL DEFAULT 0;

-- A census may leave women and migrant workers unknown (null): summed as the known counts,
-- with the number of employers whose count is unknown kept beside each sum.
ALTER TABLE employer_census ALTER COLUMN women DROP NOT NULL;
ALTER TABLE employer_census ALTER COLUMN migrant_workers DROP NOT NULL;
ALTER TABLE employer_totals ADD COLUMN women_unknown integer NOT NULL DEFAULT 0;
ALTER TABLE employer_totals ADD COLUMN migrant_unknown integer NOT NULL DEFAULT 0;
