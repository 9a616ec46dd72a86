-- Cases: parties sealed (names, ID numbers, phones; facts, claims, minutes and terms too),
-- the parts of the lifecycle as jsonb (ciphertexts in base64), the head of the history chain.
CREATE TABLE cases (
    id                uuid PRIMARY KEY,
    org_id            uuid NOT NULL,
    mediation_org_id  uuid REFERENCES mediation_orgs (id),
    status            text NOT NULL,
    channel           text NOT NULL,
    category          text NOT NULL,
    employer_id       uuid,
    employer_name_cipher bytea,
    employer_uscc     text,
    applicants        jsonb NOT NULL,
    workers_involved  integer NOT NULL CHECK (workers_involved >= 1),
    migrant_workers   integer NOT NULL CHECK (migrant_workers >= 0),
    claimed_fen       bigint NOT NULL CHECK (claimed_fen >= 0),
    facts_cipher      bytea NOT NULL,
    claims_cipher     bytea NOT NULL,
    received_on       date NOT NULL,
    contact_id        uuid,
    accepted_on       date,
    due_on            date,
    overdue           boolean NOT NULL DEFAULT false,
    decline_reason    text,
    mediator_id       uuid REFERENCES network_people (id),
    sessions          jsonb NOT NULL DEFAULT '[]',
    agreement         jsonb,
    failure_reason    text,
    referral          jsonb,
    award             jsonb,
    recovered_fen     bigint NOT NULL DEFAULT 0 CHECK (recovered_fen >= 0),
    closing_outcome   text,
    closed_on         date,
    evidence          jsonb NOT NULL DEFAULT '[]',
    version           bigint NOT NULL,
    history_seq       integer NOT NULL DEFAULT 0,
    history_head      text NOT NULL DEFAULT repeat('0', 64),
    updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX cases_org ON cases (org_id, received_on);
CREATE INDEX cases_due ON cases (due_on) WHERE status IN ('accepted', 'mediating');
CREATE INDEX cases_mediator ON cases (mediator_id);

-- Every step of a case, each entry chained to the one before by SHA-256. Never updated.
CREATE TABLE case_history (
    case_id     uuid NOT NULL REFERENCES cases (id),
    seq         integer NOT NULL,
    recorded_at timestamptz NOT NULL,
    actor       text NOT NULL,
    action      text NOT NULL,
    payload     jsonb NOT NULL,
    prev_hash   text NOT NULL,
    hash        text NOT NULL,
    PRIMARY KEY (case_id, seq)
);

CREATE TABLE case_evidence (
    id              uuid PRIMARY KEY,
    case_id         uuid NOT NULL REFERENCES cases (id),
    kind            text NOT NULL,
    media_type      text NOT NULL,
    size_bytes      integer NOT NULL CHECK (size_bytes > 0),
    sha256          text NOT NULL,
    filename_cipher bytea NOT NULL,
    content_cipher  bytea NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT case_evidence_once UNIQUE (case_id, sha256)
);

CREATE TABLE legal_aid (
    id            uuid PRIMARY KEY,
    org_id        uuid NOT NULL,
    case_id       uuid REFERENCES cases (id),
    member_id     uuid,
    worker_cipher bytea,
    provider      text NOT NULL,
    stage         text NOT NULL,
    granted_on    date NOT NULL,
    outcome       text,
    amount_fen    bigint NOT NULL DEFAULT 0 CHECK (amount_fen >= 0),
    concluded_on  date,
    version       bigint NOT NULL
);
CREATE INDEX legal_aid_org ON legal_aid (org_id, granted_on);

-- Who read which case, when, how (revealed or masked) and under which trace.
CREATE TABLE access_log (
    id       bigserial PRIMARY KEY,
    at       timestamptz NOT NULL DEFAULT clock_timestamp(),
    subject  text NOT NULL,
    roles    text[] NOT NULL,
    case_id  uuid NOT NULL,
    action   text NOT NULL,
    revealed boolean NOT NULL,
    trace_id text
);
CREATE INDEX access_log_case ON access_log (case_id, at);
CREATE INDEX access_log_at ON access_log (at);
