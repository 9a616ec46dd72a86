-- 走访慰问: dated visits to a household or a member; the note is a ciphertext or absent.

CREATE TABLE visits (
    id           uuid PRIMARY KEY,
    org_id       uuid NOT NULL,
    household_id uuid REFERENCES households (id),
    member_id    uuid,
    employer_id  uuid,
    occasion     text NOT NULL CHECK (occasion IN
                     ('hospital', 'university_entry', 'festival', 'wedding', 'funeral', 'other')),
    visited_on   date NOT NULL,
    note_cipher  bytea,
    recorded_by  text NOT NULL,
    version      bigint NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    CHECK (household_id IS NOT NULL OR member_id IS NOT NULL)
);
CREATE INDEX visits_org_date ON visits (org_id, visited_on);
CREATE INDEX visits_household ON visits (household_id) WHERE household_id IS NOT NULL;
CREATE INDEX visits_member ON visits (member_id) WHERE member_id IS NOT NULL;
