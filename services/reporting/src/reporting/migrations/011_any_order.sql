-- Events of one aggregate may arrive in any order (several relays, several consumer
-- instances, a nak'd batch overtaken by newer messages). Each version is applied once, whenever
-- it comes, and every derived row is recomputed from all the versions stored.

-- The versions applied per aggregate: a version seen again (a re-publication, whatever its
-- event id) is ignored; any other version is applied, older or newer than the newest.
CREATE TABLE applied_versions (
    aggregate_id  uuid NOT NULL,
    version       bigint NOT NULL,
    PRIMARY KEY (aggregate_id, version)
);
CREATE TABLE assistance_applied_versions (
    subject  text NOT NULL,
    version  bigint NOT NULL,
    PRIMARY KEY (subject, version)
);

-- An employer's territory is the one named by its newest version, whatever came last.
ALTER TABLE employers ADD COLUMN version bigint NOT NULL DEFAULT 0;

-- A contract keeps its first signing (lowest version); its end is the newest termination
-- recorded after that signing, so a termination may arrive before the contract is known.
ALTER TABLE contracts ADD COLUMN signed_version bigint NOT NULL DEFAULT 0;
CREATE TABLE contract_terminations (
    contract_id    uuid NOT NULL,
    version        bigint NOT NULL,
    terminated_on  date NOT NULL,
    PRIMARY KEY (contract_id, version)
);

-- A household's facts are read in version order (then arrival, for rows from before).
ALTER TABLE household_facts ADD COLUMN version bigint NOT NULL DEFAULT 0;
DROP INDEX household_facts_household;
CREATE INDEX household_facts_household ON household_facts (household_id, version, position);
