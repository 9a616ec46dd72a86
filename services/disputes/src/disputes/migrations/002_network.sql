-- The mediation network: organisations on nodes of the tree, their mediators, enterprises'
-- early-warning reporters and the risks they report. Names and phones of people are sealed.

CREATE TABLE mediation_orgs (
    id          uuid PRIMARY KEY,
    org_id      uuid NOT NULL,
    kind        text NOT NULL,
    name        text NOT NULL,
    employer_id uuid,
    version     bigint NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX mediation_orgs_org ON mediation_orgs (org_id);

CREATE TABLE network_people (
    id               uuid PRIMARY KEY,
    role             text NOT NULL CHECK (role IN ('mediator', 'reporter')),
    org_id           uuid NOT NULL,
    mediation_org_id uuid REFERENCES mediation_orgs (id),
    employer_id      uuid,
    name_cipher      bytea NOT NULL,
    phone_cipher     bytea,
    active           boolean NOT NULL DEFAULT true,
    version          bigint NOT NULL
);
CREATE INDEX network_people_org ON network_people (org_id, role);

CREATE TABLE risk_warnings (
    id              uuid PRIMARY KEY,
    reporter_id     uuid NOT NULL REFERENCES network_people (id),
    org_id          uuid NOT NULL,
    employer_id     uuid,
    risk            text NOT NULL,
    workers_at_risk integer NOT NULL CHECK (workers_at_risk >= 0),
    reported_on     date NOT NULL,
    note_cipher     bytea,
    version         bigint NOT NULL
);
CREATE INDEX risk_warnings_org ON risk_warnings (org_id, reported_on);
