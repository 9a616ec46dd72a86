-- The annual report's breakdowns: committees in office, contracts by signing party, and
-- organisations by kind and grassroots mode on a date.

-- One row per committee election (membership.union.committee_elected), counts only.
CREATE TABLE committee_facts (
    org_id        uuid NOT NULL,
    version       bigint NOT NULL,
    committee_id  uuid NOT NULL,
    elected_on    date NOT NULL,
    term_start    date NOT NULL,
    term_end      date NOT NULL,
    size          integer NOT NULL,
    chairs        integer NOT NULL,
    vice_chairs   integer NOT NULL,
    members       integer NOT NULL,
    audit         integer NOT NULL,
    women_seats   integer NOT NULL,
    women         integer NOT NULL,
    sex_recorded  integer NOT NULL,
    full_time     integer NOT NULL,
    PRIMARY KEY (org_id, version)
);
CREATE INDEX committee_facts_term ON committee_facts (org_id, term_start);

-- Contracts projected before the party was published were all signed by the unit's own union.
ALTER TABLE contracts ADD COLUMN signing_party text NOT NULL DEFAULT 'own_union';

-- 独立建会 single or 联合基层工会 joint, from the founding; null for other kinds (and for
-- grassroots unions projected before this column existed, until a rebuild).
ALTER TABLE org_facts ADD COLUMN grassroots_mode text;
ALTER TABLE org_versions ADD COLUMN grassroots_mode text;
