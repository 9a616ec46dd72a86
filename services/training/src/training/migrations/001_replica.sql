-- The organisation tree and member statuses as published by membership (training never
-- reads membership's schema). Each row keeps the aggregate version it was last written at,
-- so an older event delivered late changes nothing.

CREATE TABLE org_replica (
    id          uuid PRIMARY KEY,
    parent_id   uuid,
    kind        text NOT NULL,
    name        text NOT NULL,
    -- Materialised path '/<root>/…/<id>/': a subtree is every path starting with its own.
    path        text NOT NULL,
    dissolved   boolean NOT NULL DEFAULT false,
    version     bigint NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX org_replica_path ON org_replica (path text_pattern_ops);
CREATE INDEX org_replica_parent ON org_replica (parent_id);

CREATE TABLE member_replica (
    member_id   uuid PRIMARY KEY,
    org_id      uuid NOT NULL,
    employer_id uuid,
    status      text NOT NULL CHECK (status IN ('active', 'retained', 'left')),
    updated_on  date NOT NULL,
    version     bigint NOT NULL
);
CREATE INDEX member_replica_org ON member_replica (org_id);

-- Fields written by events of any delivery order keep the version that wrote them
-- (see assistance's replica: the same rule, the same columns).
ALTER TABLE org_replica
    ADD COLUMN name_version bigint NOT NULL DEFAULT 0,
    ADD COLUMN parent_version bigint NOT NULL DEFAULT 0;
ALTER TABLE member_replica ADD COLUMN employer_version bigint NOT NULL DEFAULT 0;

-- Employers of the census, by registration: their union and public registration code.
CREATE TABLE employer_replica (
    employer_id uuid PRIMARY KEY,
    org_id      uuid NOT NULL,
    uscc        text NOT NULL,
    industry    text NOT NULL,
    version     bigint NOT NULL
);
