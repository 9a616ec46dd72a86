-- Union committees (工会委员会): one row per election, its members with their roles.
-- Members' names are personal data: they stay here and never travel in events.
CREATE TABLE committees (
    id          uuid PRIMARY KEY,
    org_id      uuid NOT NULL REFERENCES organisations (id),
    elected_on  date NOT NULL,
    term_start  date NOT NULL,
    term_end    date NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    CHECK (term_end > term_start AND term_start >= elected_on)
);
CREATE INDEX committees_org_term ON committees (org_id, term_start);

CREATE TABLE committee_members (
    committee_id  uuid NOT NULL REFERENCES committees (id),
    seat          integer NOT NULL,
    role          text NOT NULL
        CHECK (role IN ('chair', 'vice_chair', 'member', 'audit', 'women')),
    name          text NOT NULL,
    sex           text CHECK (sex IN ('male', 'female')),
    full_time     boolean,
    PRIMARY KEY (committee_id, seat)
);
