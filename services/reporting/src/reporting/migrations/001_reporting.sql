-- Reporting read models: effective-dated facts projected from membership events.
-- Every interval is half-open, [valid_from, valid_to); valid_to NULL means "still so".
-- Roll-ups join facts to the organisation tree as it stood on the fact's date, so nothing
-- here is ever rewritten when an organisation later moves, is renamed or dissolved.

-- The newest version applied per aggregate: an older version arriving later is ignored.
CREATE TABLE aggregate_versions (
    aggregate_id   uuid PRIMARY KEY,
    aggregate_type text NOT NULL,
    version        bigint NOT NULL
);

-- Organisations: what each event said, and the tree intervals rebuilt from it.
CREATE TABLE org_facts (
    org_id        uuid NOT NULL,
    version       bigint NOT NULL,
    fact          text NOT NULL CHECK (fact IN ('founded', 'renamed', 'moved', 'dissolved')),
    effective_on  date NOT NULL,
    parent_id     uuid,
    kind          text,
    name          text,
    PRIMARY KEY (org_id, version)
);

CREATE TABLE org_versions (
    org_id      uuid NOT NULL,
    valid_from  date NOT NULL,
    valid_to    date,
    parent_id   uuid,
    kind        text NOT NULL,
    name        text NOT NULL,
    founded_on  date NOT NULL,
    PRIMARY KEY (org_id, valid_from),
    CHECK (valid_to IS NULL OR valid_to > valid_from)
);
CREATE INDEX org_versions_parent ON org_versions (parent_id, valid_from);

-- Employers: territory, headcount census and union coverage, each effective-dated.
CREATE TABLE employers (
    employer_id       uuid PRIMARY KEY,
    territory_org_id  uuid NOT NULL,
    registered_on     date NOT NULL
);

CREATE TABLE employer_census (
    employer_id     uuid NOT NULL,
    version         bigint NOT NULL,
    effective_on    date NOT NULL,
    territory_org_id uuid NOT NULL,
    workers         integer NOT NULL,
    women           integer NOT NULL,
    migrant_workers integer NOT NULL,
    PRIMARY KEY (employer_id, version)
);
CREATE INDEX employer_census_date ON employer_census (employer_id, effective_on);

CREATE TABLE employer_coverage (
    employer_id   uuid NOT NULL,
    version       bigint NOT NULL,
    effective_on  date NOT NULL,
    territory_org_id uuid NOT NULL,
    covered       boolean NOT NULL,
    PRIMARY KEY (employer_id, version)
);

-- Members: each event as it came, and the periods rebuilt from them (one row per union
-- and status between two changes).
CREATE TABLE member_facts (
    member_id     uuid NOT NULL,
    version       bigint NOT NULL,
    fact          text NOT NULL
        CHECK (fact IN ('admitted', 'transferred', 'retained', 'reinstated', 'left')),
    effective_on  date NOT NULL,
    union_id      uuid NOT NULL,
    from_union_id uuid,
    sex           text,
    is_migrant    boolean,
    PRIMARY KEY (member_id, version)
);
CREATE INDEX member_facts_flows ON member_facts (fact, effective_on);

CREATE TABLE membership_periods (
    member_id   uuid NOT NULL,
    valid_from  date NOT NULL,
    valid_to    date,
    union_id    uuid NOT NULL,
    status      text NOT NULL CHECK (status IN ('active', 'retained')),
    sex         text,
    is_migrant  boolean,
    PRIMARY KEY (member_id, valid_from),
    CHECK (valid_to IS NULL OR valid_to > valid_from)
);
CREATE INDEX membership_periods_union ON membership_periods (union_id, valid_from);

-- Collective contracts: the signing union, the term and what they cover.
CREATE TABLE contracts (
    contract_id       uuid PRIMARY KEY,
    union_id          uuid NOT NULL,
    kind              text NOT NULL,
    signed_on         date NOT NULL,
    starts_on         date NOT NULL,
    ends_on           date NOT NULL,
    terminated_on     date,
    employers_covered integer NOT NULL,
    workers_covered   integer NOT NULL
);

