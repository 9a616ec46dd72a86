-- Skills competitions (技能竞赛): trades with their items, entrants, scores and ranks.
CREATE TABLE competitions (
    id        uuid PRIMARY KEY,
    org_id    uuid NOT NULL,
    title     text NOT NULL,
    held_on   date NOT NULL,
    -- [{name, items: [..]}]
    trades    jsonb NOT NULL,
    version   bigint NOT NULL
);
CREATE INDEX competitions_org ON competitions (org_id, held_on);

CREATE TABLE competition_entries (
    id              uuid PRIMARY KEY,
    competition_id  uuid NOT NULL REFERENCES competitions (id),
    org_id          uuid NOT NULL,
    trade           text NOT NULL,
    person_id       uuid NOT NULL REFERENCES people (id),
    member_id       uuid,
    entered_on      date NOT NULL,
    score           double precision,
    rank            integer CHECK (rank >= 1),
    version         bigint NOT NULL,
    UNIQUE (competition_id, trade, person_id)
);
