-- Employment services: job seekers, postings, job fairs, placements and follow-ups.
CREATE TABLE seekers (
    id                 uuid PRIMARY KEY,
    org_id             uuid NOT NULL,
    person_id          uuid NOT NULL REFERENCES people (id),
    member_id          uuid,
    status             text NOT NULL,
    wanted_occupation  text NOT NULL,
    registered_on      date NOT NULL,
    placed             boolean NOT NULL DEFAULT false,
    version            bigint NOT NULL
);
CREATE INDEX seekers_org ON seekers (org_id, registered_on);
CREATE INDEX seekers_person ON seekers (person_id);

CREATE TABLE postings (
    id             uuid PRIMARY KEY,
    org_id         uuid NOT NULL,
    employer_id    uuid,
    employer_name  text NOT NULL,
    title          text NOT NULL,
    occupation     text NOT NULL,
    positions      integer NOT NULL CHECK (positions >= 1),
    published_on   date NOT NULL,
    version        bigint NOT NULL
);
CREATE INDEX postings_org ON postings (org_id, published_on);

CREATE TABLE fairs (
    id                  uuid PRIMARY KEY,
    org_id              uuid NOT NULL,
    title               text NOT NULL,
    venue               text NOT NULL,
    held_on             date NOT NULL,
    -- [{employer_id, employer_name, positions}]: employers' public names, no person.
    employers           jsonb NOT NULL DEFAULT '[]',
    registered_seekers  integer NOT NULL CHECK (registered_seekers >= 0),
    seekers_counted     integer NOT NULL CHECK (seekers_counted >= 0),
    version             bigint NOT NULL
);
CREATE INDEX fairs_org ON fairs (org_id, held_on);

-- Each registered seeker counts once per fair; walk-ins are only the head count beyond them.
CREATE TABLE fair_seekers (
    fair_id    uuid NOT NULL REFERENCES fairs (id),
    seeker_id  uuid NOT NULL REFERENCES seekers (id),
    added_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (fair_id, seeker_id)
);

CREATE TABLE placements (
    id             uuid PRIMARY KEY,
    seeker_id      uuid NOT NULL UNIQUE REFERENCES seekers (id),
    org_id         uuid NOT NULL,
    person_id      uuid NOT NULL REFERENCES people (id),
    member_id      uuid,
    employer_id    uuid,
    employer_name  text NOT NULL,
    channel        text NOT NULL CHECK (channel IN ('fair', 'posting', 'other')),
    fair_id        uuid REFERENCES fairs (id),
    posting_id     uuid REFERENCES postings (id),
    reemployment   boolean NOT NULL,
    placed_on      date NOT NULL,
    follow_up_3    boolean,
    follow_up_6    boolean,
    version        bigint NOT NULL
);
CREATE INDEX placements_org ON placements (org_id, placed_on);
