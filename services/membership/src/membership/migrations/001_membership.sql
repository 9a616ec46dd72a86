-- Membership: organisation tree, employers and census, members, transfers, collective contracts.

CREATE TABLE organisations (
    id            uuid PRIMARY KEY,
    kind          text NOT NULL,
    name          text NOT NULL,
    parent_id     uuid REFERENCES organisations (id),
    -- materialised path '/<root>/…/<id>/': subtree = prefix match, kept current on moves
    path          text NOT NULL,
    grassroots_mode text,
    founded_on    date NOT NULL,
    status        text NOT NULL DEFAULT 'active',
    dissolved_on  date,
    term_start    date,
    term_end      date,
    chair_name    text,
    has_legal_person boolean NOT NULL DEFAULT false,
    version       bigint NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX organisations_path ON organisations (path text_pattern_ops);
CREATE INDEX organisations_parent ON organisations (parent_id);

CREATE TABLE employers (
    id               uuid PRIMARY KEY,
    uscc             text NOT NULL UNIQUE,
    name             text NOT NULL,
    ownership        text NOT NULL,
    industry         text NOT NULL,
    territory_org_id uuid NOT NULL REFERENCES organisations (id),
    workers          integer NOT NULL DEFAULT 0 CHECK (workers >= 0),
    women            integer NOT NULL DEFAULT 0 CHECK (women >= 0 AND women <= workers),
    migrant_workers  integer NOT NULL DEFAULT 0 CHECK (migrant_workers >= 0 AND migrant_workers <= workers),
    registered_on    date NOT NULL,
    census_on        date,  -- null: no census taken yet
    covered_by_union_id uuid REFERENCES organisations (id),
    coverage_mode    text,
    coverage_changed_on date,
    version          bigint NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX employers_territory ON employers (territory_org_id);
CREATE INDEX employers_covered_by ON employers (covered_by_union_id);

CREATE TABLE members (
    id                uuid PRIMARY KEY,
    name              text NOT NULL,
    id_number_cipher  bytea NOT NULL,
    id_number_index   text NOT NULL,
    mobile_cipher     bytea,
    sex               text NOT NULL,
    birth_date        date NOT NULL,
    household_type    text NOT NULL,
    is_migrant_worker boolean NOT NULL,
    employer_id       uuid NOT NULL REFERENCES employers (id),
    union_id          uuid NOT NULL REFERENCES organisations (id),
    joined_on         date NOT NULL,
    card_number       text,
    status            text NOT NULL,
    status_since      date NOT NULL,
    union_since       date NOT NULL,
    retention_reason  text,
    leaving_reason    text,
    version           bigint NOT NULL,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now()
);
-- One active or retained grassroots membership per person, enforced where races cannot slip by.
CREATE UNIQUE INDEX members_one_current_per_person
    ON members (id_number_index) WHERE status IN ('active', 'retained');
CREATE INDEX members_id_number_index ON members (id_number_index);
CREATE INDEX members_union ON members (union_id, status);
CREATE INDEX members_employer ON members (employer_id);

CREATE TABLE transfers (
    id              uuid PRIMARY KEY,
    member_id       uuid NOT NULL REFERENCES members (id),
    from_union_id   uuid NOT NULL REFERENCES organisations (id),
    to_union_id     uuid NOT NULL REFERENCES organisations (id),
    effective_on    date NOT NULL,
    reason          text NOT NULL,
    new_employer_id uuid REFERENCES employers (id),
    handled_by      text NOT NULL,
    note            text,
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX transfers_member ON transfers (member_id);

CREATE TABLE collective_contracts (
    id               uuid PRIMARY KEY,
    kind             text NOT NULL,
    union_id         uuid NOT NULL REFERENCES organisations (id),
    signed_on        date NOT NULL,
    starts_on        date NOT NULL,
    ends_on          date NOT NULL,
    workers_covered  integer NOT NULL CHECK (workers_covered > 0),
    status           text NOT NULL DEFAULT 'in_force',
    terminated_on    date,
    version          bigint NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    CHECK (starts_on < ends_on)
);
CREATE TABLE collective_contract_employers (
    contract_id  uuid NOT NULL REFERENCES collective_contracts (id),
    employer_id  uuid NOT NULL REFERENCES employers (id),
    PRIMARY KEY (contract_id, employer_id)
);

-- Roster (花名册) import jobs: progress is updated in each chunk's transaction. ``errors``
-- keeps the first 1,000 row errors ({row, column, message}); ``error_count`` counts them all.
CREATE TABLE roster_imports (
    id            uuid PRIMARY KEY,
    filename      text NOT NULL,
    union_id      uuid NOT NULL REFERENCES organisations (id),
    employer_id   uuid NOT NULL REFERENCES employers (id),
    status        text NOT NULL
                  CHECK (status IN ('queued', 'running', 'completed', 'failed')),
    total_rows    integer NOT NULL DEFAULT 0,
    processed_rows integer NOT NULL DEFAULT 0,
    imported_rows integer NOT NULL DEFAULT 0,
    failed_rows   integer NOT NULL DEFAULT 0,
    error_count   integer NOT NULL DEFAULT 0,
    errors        jsonb NOT NULL DEFAULT '[]'::jsonb,
    failure_reason text,
    requested_by  text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    started_at    timestamptz,
    updated_at    timestamptz NOT NULL DEFAULT now(),
    finished_at   timestamptz
);
