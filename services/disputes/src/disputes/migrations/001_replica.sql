-- The organisation tree, employers and members as published by membership (disputes never
-- reads membership's schema). Each field remembers the version that last wrote it, so an
-- older event delivered late never undoes a newer one.

CREATE TABLE org_replica (
    id             uuid PRIMARY KEY,
    parent_id      uuid,
    kind           text NOT NULL,
    name           text NOT NULL,
    -- Materialised path '/<root>/…/<id>/': a subtree is every path starting with its own.
    path           text NOT NULL,
    dissolved      boolean NOT NULL DEFAULT false,
    version        bigint NOT NULL,
    name_version   bigint NOT NULL DEFAULT 0,
    parent_version bigint NOT NULL DEFAULT 0,
    updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX org_replica_path ON org_replica (path text_pattern_ops);
CREATE INDEX org_replica_parent ON org_replica (parent_id);

CREATE TABLE employer_replica (
    id         uuid PRIMARY KEY,
    org_id     uuid NOT NULL,
    uscc       text NOT NULL,
    version    bigint NOT NULL
);
CREATE INDEX employer_replica_org ON employer_replica (org_id);

CREATE TABLE member_replica (
    member_id        uuid PRIMARY KEY,
    org_id           uuid NOT NULL,
    employer_id      uuid,
    status           text NOT NULL CHECK (status IN ('active', 'retained', 'left')),
    updated_on       date NOT NULL,
    version          bigint NOT NULL,
    employer_version bigint NOT NULL DEFAULT 0
);
CREATE INDEX member_replica_org ON member_replica (org_id);
