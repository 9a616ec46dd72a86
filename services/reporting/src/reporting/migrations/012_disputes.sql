-- Labour-dispute mediation read models, projected from the DISPUTES stream.
-- As for assistance, every row keeps the organisation the event counted toward and its
-- business date; roll-ups join them to the tree as it stood on that date. Nothing here is
-- derived from other rows: every indicator is read from the facts when a report is asked for,
-- so facts of one case may arrive in any order.

-- Versions applied per disputes aggregate (the event's subject), apart from the other streams'.
CREATE TABLE dispute_versions (
    subject  text PRIMARY KEY,
    version  bigint NOT NULL
);
CREATE TABLE dispute_applied_versions (
    subject  text NOT NULL,
    version  bigint NOT NULL,
    PRIMARY KEY (subject, version)
);

-- Every event of a case, one row per case version (a version is applied once), with the
-- figures the event gives. data is the event's data as published (no PII), for the timeline.
CREATE TABLE dispute_case_facts (
    case_id       uuid NOT NULL,
    version       bigint NOT NULL,
    event_id      uuid NOT NULL UNIQUE,
    event_type    text NOT NULL,
    fact          text NOT NULL CHECK (fact IN ('received', 'accepted', 'declined',
                      'mediator_assigned', 'session_held', 'deadline_extended', 'overdue',
                      'settled', 'failed', 'referred', 'arbitration_decided', 'recovery',
                      'withdrawn', 'closed')),
    effective_on  date NOT NULL,
    org_id        uuid NOT NULL,
    category      text,
    channel       text,
    workers       integer,
    migrant       integer,
    collective    boolean,
    claimed_fen   bigint,
    amount_fen    bigint,
    due_on        date,
    detail        text,
    recorded_at   timestamptz NOT NULL,
    seq           bigint,
    data          jsonb NOT NULL,
    PRIMARY KEY (case_id, version)
);
CREATE INDEX dispute_case_facts_org ON dispute_case_facts (org_id, effective_on) INCLUDE (fact);
ALTER TABLE dispute_case_facts ALTER COLUMN data SET STATISTICS 0;

-- The applicants who are members, as CaseReceived and the outcome events name them.
CREATE TABLE dispute_case_applicants (
    member_id  uuid NOT NULL,
    case_id    uuid NOT NULL,
    PRIMARY KEY (member_id, case_id)
);

-- Contacts (接待来访): one row per contact, however often its event is delivered.
CREATE TABLE dispute_contacts (
    contact_id        uuid PRIMARY KEY,
    org_id            uuid NOT NULL,
    logged_on         date NOT NULL,
    channel           text NOT NULL,
    workers_involved  integer NOT NULL,
    category          text
);
CREATE INDEX dispute_contacts_org ON dispute_contacts (org_id, logged_on) INCLUDE (channel);

-- Legal aid granted (法律援助): one row per grant.
CREATE TABLE dispute_legal_aid (
    aid_id      uuid PRIMARY KEY,
    org_id      uuid NOT NULL,
    granted_on  date NOT NULL,
    stage       text NOT NULL,
    case_id     uuid,
    member_id   uuid
);
CREATE INDEX dispute_legal_aid_org ON dispute_legal_aid (org_id, granted_on) INCLUDE (stage);
