-- 困难职工档案: one row per household file. Names, ID numbers, phones and addresses are
-- AES-GCM ciphertexts; ID numbers also have a keyed blind index for exact matching.

CREATE TABLE households (
    id                            uuid PRIMARY KEY,
    org_id                        uuid NOT NULL,
    employer_id                   uuid,
    head_member_id                uuid,
    head_name_cipher              bytea NOT NULL,
    head_id_number_index          text NOT NULL,
    head_id_number_cipher         bytea NOT NULL,
    head_phone_cipher             bytea,
    head_address_cipher           bytea,
    level                         text NOT NULL CHECK (level IN ('deep', 'relative', 'accident')),
    causes                        text[] NOT NULL CHECK (cardinality(causes) >= 1),
    monthly_income_per_capita_fen bigint NOT NULL CHECK (monthly_income_per_capita_fen >= 0),
    temporary                     boolean NOT NULL,
    status                        text NOT NULL CHECK (status IN
                                      ('draft', 'submitted', 'returned', 'filed', 'exited', 'cancelled')),
    created_on                    date NOT NULL,
    filed_on                      date,
    last_verified_on              date,
    closed_on                     date,
    close_reason                  text,
    return_note                   text,
    flags                         text[] NOT NULL DEFAULT '{}',
    version                       bigint NOT NULL,
    updated_at                    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX households_org ON households (org_id);
CREATE INDEX households_head_member ON households (head_member_id)
    WHERE status IN ('draft', 'submitted', 'returned', 'filed');
CREATE INDEX households_review ON households (last_verified_on) WHERE status = 'filed';

CREATE TABLE household_relatives (
    household_id     uuid NOT NULL REFERENCES households (id) ON DELETE CASCADE,
    position         int NOT NULL,
    relation         text NOT NULL,
    name_cipher      bytea NOT NULL,
    id_number_index  text,
    id_number_cipher bytea,
    PRIMARY KEY (household_id, position)
);

-- Everyone with an ID number on a file (head and family). A person is on at most one active
-- (draft, submitted, returned or filed) file: the partial unique index decides races.
CREATE TABLE household_people (
    household_id    uuid NOT NULL REFERENCES households (id) ON DELETE CASCADE,
    id_number_index text NOT NULL,
    open            boolean NOT NULL,
    PRIMARY KEY (household_id, id_number_index)
);
CREATE UNIQUE INDEX one_active_file_per_person ON household_people (id_number_index) WHERE open;
