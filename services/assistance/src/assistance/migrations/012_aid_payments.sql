-- 帮扶资金发放: payment orders. Exactly once: one payment per approved application (unique),
-- one per household in a batch (unique), and the status moves to 'paid' once.

CREATE TABLE aid_payments (
    id             uuid PRIMARY KEY,
    application_id uuid REFERENCES aid_applications (id),
    batch_id       uuid REFERENCES aid_payment_batches (id),
    org_id         uuid NOT NULL,
    household_id   uuid REFERENCES households (id),
    member_id      uuid,
    employer_id    uuid,
    programme      text NOT NULL,
    budget_id      uuid NOT NULL REFERENCES aid_budgets (id),
    budget_org_id  uuid NOT NULL,
    amount_fen     bigint NOT NULL CHECK (amount_fen > 0),
    status         text NOT NULL CHECK (status IN ('pending', 'paid', 'cancelled')),
    method         text CHECK (method IN ('cash', 'bank_transfer', 'in_kind')),
    created_on     date NOT NULL,
    paid_on        date,
    paid_by        text,
    cancelled_on   date,
    version        bigint NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT one_payment_per_application UNIQUE (application_id),
    CHECK ((application_id IS NULL) <> (batch_id IS NULL)),
    CHECK (batch_id IS NULL OR household_id IS NOT NULL),
    CHECK (status <> 'paid' OR (method IS NOT NULL AND paid_on IS NOT NULL))
);
CREATE UNIQUE INDEX one_payment_per_batch_household ON aid_payments (batch_id, household_id)
    WHERE batch_id IS NOT NULL;
CREATE INDEX aid_payments_org ON aid_payments (org_id, status);
CREATE INDEX aid_payments_paid_on ON aid_payments (paid_on) WHERE status = 'paid';

ALTER TABLE aid_batch_items ADD CONSTRAINT aid_batch_items_payment
    FOREIGN KEY (payment_id) REFERENCES aid_payments (id) DEFERRABLE INITIALLY DEFERRED;
