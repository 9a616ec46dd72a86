-- Workbench accounts (one role and one organisation scope each) and their sessions.
CREATE TABLE accounts (
    id uuid PRIMARY KEY,
    username text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9._-]{3,40}$'),
    display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 50),
    role text NOT NULL,
    org_id uuid,
    org_name text NOT NULL DEFAULT '',
    password_hash text NOT NULL,
    failed_attempts integer NOT NULL DEFAULT 0,
    locked_until timestamptz,
    created_by uuid REFERENCES accounts (id),
    created_at timestamptz NOT NULL DEFAULT now(),
    password_changed_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT only_city_admin_is_citywide CHECK (org_id IS NOT NULL OR role = 'city_admin')
);

-- A session is found by the SHA-256 of its cookie: the table never holds a usable cookie.
CREATE TABLE sessions (
    token_hash bytea PRIMARY KEY,
    account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    csrf_token text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_by_account ON sessions (account_id);

-- The roster imports each user started, so their to-do list can show the ones with errors.
CREATE TABLE roster_uploads (
    import_id uuid PRIMARY KEY,
    account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    filename text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX roster_uploads_by_account ON roster_uploads (account_id, created_at DESC);
