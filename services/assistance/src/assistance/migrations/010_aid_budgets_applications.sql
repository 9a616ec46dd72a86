-- 帮扶项目年度预算 and 帮扶申请. A budget is never overspent: every change to reserved_fen and
-- paid_fen is one conditional UPDATE, and the CHECK below refuses any row that would break
-- reserved + paid <= amount whatever the statement.

CREATE TABLE aid_budgets (
    id           uuid PRIMARY KEY,
    org_id       uuid NOT NULL,
    programme    text NOT NULL CHECK (programme IN ('festival_consolation', 'student_aid',
                     'medical_aid', 'emergency_relief', 'summer_relief')),
    year         int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    amount_fen   bigint NOT NULL CHECK (amount_fen >= 0),
    reserved_fen bigint NOT NULL DEFAULT 0 CHECK (reserved_fen >= 0),
    paid_fen     bigint NOT NULL DEFAULT 0 CHECK (paid_fen >= 0),
    version      bigint NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT aid_budget_never_overspent CHECK (reserved_fen + paid_fen <= amount_fen),
    CONSTRAINT one_budget_per_org_programme_year UNIQUE (org_id, programme, year)
);

CREATE TABLE aid_applications (
    id                    uuid PRIMARY KEY,
    programme             text NOT NULL,
    org_id                uuid NOT NULL,
    household_id          uuid REFERENCES households (id),
    member_id             uuid,
    employer_id           uuid,
    requested_fen         bigint NOT NULL CHECK (requested_fen > 0),
    submitted_on          date NOT NULL,
    submitted_by          text NOT NULL,
    status                text NOT NULL CHECK (status IN
                              ('submitted', 'supported', 'reviewed', 'approved', 'rejected')),
    opinion_by            text,
    opinion_on            date,
    reviewed_by           text,
    reviewed_on           date,
    approved_by           text,
    approved_on           date,
    approved_fen          bigint CHECK (approved_fen > 0 AND approved_fen <= requested_fen),
    budget_id             uuid REFERENCES aid_budgets (id),
    budget_org_id         uuid,
    rejected_step         text CHECK (rejected_step IN ('grassroots_opinion', 'review', 'approval')),
    rejection_reason      text,
    rejected_by           text,
    rejected_on           date,
    rejection_note_cipher bytea,
    version               bigint NOT NULL,
    created_at            timestamptz NOT NULL DEFAULT now(),
    updated_at            timestamptz NOT NULL DEFAULT now(),
    CHECK (household_id IS NOT NULL OR member_id IS NOT NULL),
    CHECK (status <> 'approved' OR (approved_fen IS NOT NULL AND budget_id IS NOT NULL)),
    -- Segregation of duties, backed by the schema too: three different people.
    CHECK (reviewed_by IS DISTINCT FROM opinion_by OR reviewed_by IS NULL),
    CHECK (approved_by IS NULL OR (approved_by IS DISTINCT FROM reviewed_by
                                   AND approved_by IS DISTINCT FROM opinion_by))
);
CREATE INDEX aid_applications_org ON aid_applications (org_id, status);
CREATE INDEX aid_applications_household ON aid_applications (household_id)
    WHERE household_id IS NOT NULL;
CREATE INDEX aid_applications_member ON aid_applications (member_id) WHERE member_id IS NOT NULL;
