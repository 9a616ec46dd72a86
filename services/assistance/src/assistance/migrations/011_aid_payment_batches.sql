-- 节日慰问批量发放: a batch and one item per household (a household once per batch). Items
-- are listed before the batch row is written in the same transaction, hence the deferred key.

CREATE TABLE aid_payment_batches (
    id               uuid PRIMARY KEY,
    programme        text NOT NULL,
    year             int NOT NULL,
    budget_id        uuid NOT NULL REFERENCES aid_budgets (id),
    budget_org_id    uuid NOT NULL,
    amount_fen       bigint NOT NULL CHECK (amount_fen > 0),
    method           text NOT NULL CHECK (method IN ('cash', 'bank_transfer', 'in_kind')),
    paid_on          date NOT NULL,
    selection_org_id uuid,
    selection_levels text[] NOT NULL DEFAULT '{}',
    listed           boolean NOT NULL,
    created_by       text NOT NULL,
    created_on       date NOT NULL,
    status           text NOT NULL CHECK (status IN ('running', 'completed')),
    total            int NOT NULL CHECK (total > 0),
    paid             int NOT NULL DEFAULT 0,
    skipped          int NOT NULL DEFAULT 0,
    paid_fen         bigint NOT NULL DEFAULT 0,
    completed_at     timestamptz,
    version          bigint NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    CHECK (paid + skipped <= total)
);
CREATE INDEX aid_payment_batches_running ON aid_payment_batches (created_at)
    WHERE status = 'running';

CREATE TABLE aid_batch_items (
    batch_id     uuid NOT NULL REFERENCES aid_payment_batches (id) DEFERRABLE INITIALLY DEFERRED,
    household_id uuid NOT NULL,
    position     int NOT NULL,
    status       text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'paid', 'skipped')),
    skip_reason  text CHECK (skip_reason IN
                     ('not_on_file', 'outside_budget_org', 'budget_exhausted')),
    payment_id   uuid,
    decided_at   timestamptz,
    PRIMARY KEY (batch_id, household_id),
    CHECK ((status = 'paid') = (payment_id IS NOT NULL)),
    CHECK ((status = 'skipped') = (skip_reason IS NOT NULL))
);
CREATE INDEX aid_batch_items_pending ON aid_batch_items (batch_id, position)
    WHERE status = 'pending';
