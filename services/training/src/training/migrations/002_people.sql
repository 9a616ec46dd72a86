-- Everyone training serves, member or not: found again by the keyed blind index of the ID
-- number; the name, ID number and phone are sealed (AES-GCM). Events carry only the id.
CREATE TABLE people (
    id            uuid PRIMARY KEY,
    id_index      text NOT NULL UNIQUE,
    id_cipher     bytea NOT NULL,
    name_cipher   bytea NOT NULL,
    phone_cipher  bytea,
    member_id     uuid,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX people_member ON people (member_id) WHERE member_id IS NOT NULL;
