-- 002_accounts: institutions (minimal; step 3 extends them), users with roles, login sessions,
-- login failures for rate limiting, and the audit trail. Times are UTC ISO-8601 text with
-- milliseconds (2024-05-01T09:30:00.000Z), so they sort and compare as text. Sessions keep only
-- a hash of their token: a copy of the database does not let anyone in. Password hashes are
-- argon2id strings (libsodium) and never leave src/core/password.c's callers in clear.
CREATE TABLE institution (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    kind TEXT  -- ministry, parliament, court, statistics, nhri, cso, ...; free text for now
);

CREATE TABLE account ( -- "user" is reserved in PostgreSQL
    id INTEGER PRIMARY KEY,
    login TEXT NOT NULL UNIQUE COLLATE NOCASE,
    name TEXT,
    role TEXT NOT NULL
        CHECK (role IN ('admin', 'coordinator', 'focal_point', 'contributor', 'viewer')),
    institution_id INTEGER REFERENCES institution(id),  -- required for focal_point (core)
    password_hash TEXT,                                  -- NULL: cannot log in
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at TEXT NOT NULL,
    last_login_at TEXT
);
CREATE INDEX account_institution ON account(institution_id);

CREATE TABLE session (
    token_hash TEXT PRIMARY KEY,  -- hex BLAKE2b of the token the browser holds
    user_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    ip TEXT
) WITHOUT ROWID;
CREATE INDEX session_user ON session(user_id);
CREATE INDEX session_expires ON session(expires_at);

CREATE TABLE login_failure (
    login TEXT NOT NULL COLLATE NOCASE,  -- as typed
    ip TEXT,
    at TEXT NOT NULL
);
CREATE INDEX login_failure_login ON login_failure(login, at);
CREATE INDEX login_failure_ip ON login_failure(ip, at);

-- Append-only: nothing in suivi updates or deletes a row of audit.
CREATE TABLE audit (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor_id INTEGER,            -- NULL: not a user (command line, the system, anonymous)
    actor_login TEXT NOT NULL,   -- as it was then: "cli:alice", "public", "system", a login
    action TEXT NOT NULL,        -- create, update, password, deactivate, login, logout, import...
    entity TEXT NOT NULL,        -- user, session, institution, import, ...
    entity_id TEXT,
    before_json TEXT,
    after_json TEXT,
    ip TEXT,
    detail TEXT
);
CREATE INDEX audit_entity ON audit(entity, entity_id);
CREATE INDEX audit_at ON audit(at);
