-- 募捐 campaigns and receipts (the donor's name, if given, is a ciphertext) and 职工互助医疗保障
-- enrolments (one per member and scheme year) and claims.

CREATE TABLE donation_campaigns (
    id          uuid PRIMARY KEY,
    org_id      uuid NOT NULL,
    name        text NOT NULL,
    opens_on    date NOT NULL,
    closes_on   date,
    target_fen  bigint CHECK (target_fen >= 0),
    created_by  text NOT NULL,
    version     bigint NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    CHECK (closes_on IS NULL OR closes_on >= opens_on)
);
CREATE INDEX donation_campaigns_org ON donation_campaigns (org_id, opens_on);

CREATE TABLE donation_receipts (
    id                uuid PRIMARY KEY,
    campaign_id       uuid NOT NULL REFERENCES donation_campaigns (id),
    org_id            uuid NOT NULL,
    amount_fen        bigint NOT NULL CHECK (amount_fen > 0),
    donor_kind        text NOT NULL CHECK (donor_kind IN ('individual', 'employer', 'union', 'other')),
    donor_name_cipher bytea,
    received_on       date NOT NULL,
    recorded_by       text NOT NULL,
    version           bigint NOT NULL,
    created_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX donation_receipts_campaign ON donation_receipts (campaign_id);

CREATE TABLE insurance_enrolments (
    id           uuid PRIMARY KEY,
    member_id    uuid NOT NULL,
    org_id       uuid NOT NULL,
    scheme_year  int NOT NULL CHECK (scheme_year BETWEEN 2000 AND 2100),
    premium_fen  bigint NOT NULL CHECK (premium_fen >= 0),
    enrolled_on  date NOT NULL,
    recorded_by  text NOT NULL,
    version      bigint NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT one_enrolment_per_member_year UNIQUE (member_id, scheme_year)
);
CREATE INDEX insurance_enrolments_org ON insurance_enrolments (org_id, scheme_year);

CREATE TABLE insurance_claims (
    id            uuid PRIMARY KEY,
    enrolment_id  uuid NOT NULL REFERENCES insurance_enrolments (id),
    member_id     uuid NOT NULL,
    org_id        uuid NOT NULL,
    claim_kind    text NOT NULL CHECK (claim_kind IN
                      ('inpatient', 'outpatient_chronic', 'critical_illness', 'accident')),
    amount_fen    bigint NOT NULL CHECK (amount_fen > 0),
    paid_on       date NOT NULL,
    recorded_by   text NOT NULL,
    version       bigint NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX insurance_claims_enrolment ON insurance_claims (enrolment_id);
