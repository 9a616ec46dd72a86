-- Hardship assistance read models, projected from the ASSISTANCE stream.
-- Like the membership facts, every row keeps the organisation the event counted toward and
-- its business date; roll-ups join them to the tree as it stood on that date.

-- The newest version applied per assistance aggregate (the event's subject). Kept apart from
-- membership's aggregate_versions so one service's ids can never shadow the other's.
CREATE TABLE assistance_versions (
    subject  text PRIMARY KEY,
    version  bigint NOT NULL
);

-- Hardship files: each event as it came (in stream order), and the periods rebuilt from them.
CREATE TABLE household_facts (
    event_id      uuid PRIMARY KEY,
    position      bigint GENERATED ALWAYS AS IDENTITY,
    household_id  uuid NOT NULL,
    fact          text NOT NULL CHECK (fact IN ('filed', 'formalised', 'reverified', 'relocated',
                                                'flagged', 'exited', 'cancelled')),
    effective_on  date NOT NULL,
    org_id        uuid NOT NULL,
    level         text CHECK (level IN ('deep', 'relative', 'accident')),
    temporary     boolean,
    reason        text
);
CREATE INDEX household_facts_household ON household_facts (household_id, position);
CREATE INDEX household_facts_flows ON household_facts (org_id, effective_on) INCLUDE (fact);

-- Who heads a household (pseudonymous member id) and where they work, from its filing.
CREATE TABLE households (
    household_id    uuid PRIMARY KEY,
    head_member_id  uuid,
    employer_id     uuid
);

-- On file (在档) on every day of [valid_from, valid_to), in one union, at one level.
CREATE TABLE household_periods (
    household_id  uuid NOT NULL,
    valid_from    date NOT NULL,
    valid_to      date,
    org_id        uuid NOT NULL,
    level         text NOT NULL,
    temporary     boolean NOT NULL,
    PRIMARY KEY (household_id, valid_from),
    CHECK (valid_to IS NULL OR valid_to > valid_from)
);
CREATE INDEX household_periods_org ON household_periods (org_id, valid_from)
    INCLUDE (valid_to, level, temporary);

-- Aid paid: one row per payment (帮扶人次), however often its event is delivered.
CREATE TABLE aid_payments (
    payment_id      uuid PRIMARY KEY,
    org_id          uuid NOT NULL,
    paid_on         date NOT NULL,
    programme       text NOT NULL,
    amount_fen      bigint NOT NULL CHECK (amount_fen > 0),
    household_id    uuid,
    member_id       uuid,
    employer_id     uuid,
    application_id  uuid,
    batch_id        uuid,
    budget_org_id   uuid NOT NULL,
    method          text NOT NULL
);
CREATE INDEX aid_payments_org ON aid_payments (org_id, paid_on) INCLUDE (programme, amount_fen);

-- Applications, so that a rejection (which names no member) still reaches the timeline.
CREATE TABLE aid_applications (
    application_id  uuid PRIMARY KEY,
    org_id          uuid NOT NULL,
    submitted_on    date NOT NULL,
    programme       text NOT NULL,
    household_id    uuid,
    member_id       uuid,
    requested_fen   bigint NOT NULL
);

-- Visits (走访慰问): one row per visit (走访人次).
CREATE TABLE visits (
    visit_id      uuid PRIMARY KEY,
    org_id        uuid NOT NULL,
    visited_on    date NOT NULL,
    occasion      text NOT NULL,
    household_id  uuid,
    member_id     uuid,
    employer_id   uuid
);
CREATE INDEX visits_org ON visits (org_id, visited_on);

-- Donation campaigns and the receipts (募捐) credited to an organisation.
CREATE TABLE donation_campaigns (
    campaign_id  uuid PRIMARY KEY,
    org_id       uuid NOT NULL,
    opened_on    date NOT NULL,
    name         text NOT NULL,
    closes_on    date,
    target_fen   bigint
);

CREATE TABLE donations (
    receipt_id   uuid PRIMARY KEY,
    campaign_id  uuid NOT NULL,
    org_id       uuid NOT NULL,
    received_on  date NOT NULL,
    amount_fen   bigint NOT NULL CHECK (amount_fen > 0),
    donor_kind   text NOT NULL
);
CREATE INDEX donations_org ON donations (org_id, received_on) INCLUDE (amount_fen);

-- Mutual medical insurance (职工互助医疗保障): enrolments and paid claims.
CREATE TABLE insurance_enrolments (
    enrolment_id  uuid PRIMARY KEY,
    member_id     uuid NOT NULL,
    org_id        uuid NOT NULL,
    enrolled_on   date NOT NULL,
    scheme_year   integer NOT NULL,
    premium_fen   bigint NOT NULL
);
CREATE INDEX insurance_enrolments_org ON insurance_enrolments (org_id, enrolled_on);

CREATE TABLE insurance_claims (
    claim_id      uuid PRIMARY KEY,
    enrolment_id  uuid NOT NULL,
    member_id     uuid NOT NULL,
    org_id        uuid NOT NULL,
    paid_on       date NOT NULL,
    claim_kind    text NOT NULL,
    amount_fen    bigint NOT NULL CHECK (amount_fen > 0)
);
CREATE INDEX insurance_claims_org ON insurance_claims (org_id, paid_on) INCLUDE (amount_fen);
