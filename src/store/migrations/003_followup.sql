-- 003_followup: what an NMIRF does with recommendations once they are recorded. Clusters group
-- recommendations (by theme, SDG, affected persons, body, or by hand); assignments give a
-- recommendation or a whole cluster to a lead institution and supporting ones; actions and
-- indicators plan and measure; progress reports carry a status and a narrative through the
-- workflow draft -> submitted -> validated | returned, with evidence files stored once per
-- SHA-256 in the database itself (one file to back up, the same on PostgreSQL); notes are
-- comments and independent assessments; deadlines and the notification outbox remind people.
-- Times are UTC ISO-8601 text with milliseconds (as in 002); dates are YYYY-MM-DD text.

-- The branch of government an institution belongs to (NULL: not said).
ALTER TABLE institution ADD COLUMN branch TEXT
    CHECK (branch IN ('executive', 'legislative', 'judiciary', 'independent', 'local'));
-- Where reminders are sent (NULL: kept in the outbox only).
ALTER TABLE account ADD COLUMN email TEXT;

CREATE TABLE cluster (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('theme', 'sdg', 'affected', 'body', 'manual')),
    criterion TEXT,            -- a tag code or label, an SDG code, a body; NULL when manual
    country TEXT,              -- ISO3 of the State whose recommendations it groups; NULL = all
    created_at TEXT NOT NULL,
    CHECK ((kind = 'manual') = (criterion IS NULL))
);

CREATE TABLE cluster_member (
    cluster_id INTEGER NOT NULL REFERENCES cluster(id) ON DELETE CASCADE,
    rid INTEGER NOT NULL REFERENCES recommendation(rid) ON DELETE CASCADE,
    by_hand INTEGER NOT NULL DEFAULT 0 CHECK (by_hand IN (0, 1)), -- kept by a refresh
    PRIMARY KEY (cluster_id, rid)
) WITHOUT ROWID;
CREATE INDEX cluster_member_rid ON cluster_member(rid);

-- A recommendation (rid) or a whole cluster (cluster_id), never both, to an institution.
CREATE TABLE assignment (
    id INTEGER PRIMARY KEY,
    rid INTEGER REFERENCES recommendation(rid) ON DELETE CASCADE,
    cluster_id INTEGER REFERENCES cluster(id) ON DELETE CASCADE,
    institution_id INTEGER NOT NULL REFERENCES institution(id),
    lead INTEGER NOT NULL CHECK (lead IN (0, 1)),
    deadline TEXT,
    created_at TEXT NOT NULL,
    CHECK ((rid IS NULL) <> (cluster_id IS NULL))
);
CREATE UNIQUE INDEX assignment_rec ON assignment(rid, institution_id) WHERE rid IS NOT NULL;
CREATE UNIQUE INDEX assignment_cluster ON assignment(cluster_id, institution_id)
    WHERE cluster_id IS NOT NULL;
CREATE INDEX assignment_institution ON assignment(institution_id);

CREATE TABLE plan_action (
    id INTEGER PRIMARY KEY,
    rid INTEGER REFERENCES recommendation(rid) ON DELETE CASCADE,
    cluster_id INTEGER REFERENCES cluster(id) ON DELETE CASCADE,
    institution_id INTEGER NOT NULL REFERENCES institution(id),
    description TEXT NOT NULL,
    unit TEXT,
    start_date TEXT, due_date TEXT,
    budget REAL, currency TEXT,
    status TEXT NOT NULL
        CHECK (status IN ('planned', 'ongoing', 'completed', 'delayed', 'cancelled')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK ((rid IS NULL) <> (cluster_id IS NULL))
);
CREATE INDEX plan_action_rid ON plan_action(rid);
CREATE INDEX plan_action_cluster ON plan_action(cluster_id);
CREATE INDEX plan_action_due ON plan_action(due_date);

CREATE TABLE indicator (
    id INTEGER PRIMARY KEY,
    rid INTEGER NOT NULL REFERENCES recommendation(rid) ON DELETE CASCADE,
    institution_id INTEGER NOT NULL REFERENCES institution(id),
    name TEXT NOT NULL,
    definition TEXT, unit TEXT, source TEXT,
    baseline REAL, target REAL,  -- NULL: not known
    baseline_date TEXT, target_date TEXT,
    sdg_indicator TEXT,          -- e.g. 5.2.1
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX indicator_rid ON indicator(rid);

CREATE TABLE indicator_value (
    indicator_id INTEGER NOT NULL REFERENCES indicator(id) ON DELETE CASCADE,
    date TEXT NOT NULL,
    value REAL NOT NULL,
    note TEXT,
    PRIMARY KEY (indicator_id, date)
) WITHOUT ROWID;

CREATE TABLE progress (
    id INTEGER PRIMARY KEY,
    rid INTEGER NOT NULL REFERENCES recommendation(rid) ON DELETE CASCADE,
    institution_id INTEGER NOT NULL REFERENCES institution(id),
    status TEXT NOT NULL CHECK (status IN ('not_started', 'in_progress', 'partially_implemented',
                                           'implemented', 'not_accepted')),
    narrative TEXT NOT NULL,
    workflow TEXT NOT NULL CHECK (workflow IN ('draft', 'submitted', 'validated', 'returned')),
    review_comment TEXT,
    author_login TEXT NOT NULL,
    submitter_login TEXT,        -- who submitted it last: may not validate it (unless admin)
    reviewer_login TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    submitted_at TEXT,
    reviewed_at TEXT
);
CREATE INDEX progress_rid ON progress(rid, workflow);
CREATE INDEX progress_institution ON progress(institution_id);
CREATE INDEX progress_workflow ON progress(workflow);

-- File contents, once per SHA-256 (lower-case hex) however many reports cite them.
CREATE TABLE blob (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE,
    size INTEGER NOT NULL,
    bytes BLOB NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE evidence (
    id INTEGER PRIMARY KEY,
    progress_id INTEGER NOT NULL REFERENCES progress(id) ON DELETE CASCADE,
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL REFERENCES blob(sha256),
    uploaded_by TEXT NOT NULL,
    uploaded_at TEXT NOT NULL
);
CREATE INDEX evidence_progress ON evidence(progress_id);
CREATE INDEX evidence_sha256 ON evidence(sha256);

-- Comments, and independent assessments by an NHRI or civil society (independent = 1), shown
-- beside the State's own progress reports.
CREATE TABLE note (
    id INTEGER PRIMARY KEY,
    rid INTEGER NOT NULL REFERENCES recommendation(rid) ON DELETE CASCADE,
    author_login TEXT NOT NULL,
    organisation TEXT,
    independent INTEGER NOT NULL CHECK (independent IN (0, 1)),
    status TEXT CHECK (status IN ('not_started', 'in_progress', 'partially_implemented',
                                  'implemented', 'not_accepted')),
    body TEXT NOT NULL,
    created_at TEXT NOT NULL,
    CHECK (independent = 1 OR status IS NULL)
);
CREATE INDEX note_rid ON note(rid);

-- Reporting deadlines: the next UPR mid-term report, a treaty-body periodic report...
CREATE TABLE deadline (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    body TEXT,
    due_date TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX deadline_due ON deadline(due_date);

-- The outbox. One row per item, person and day at most: reminding twice a day adds nothing.
CREATE TABLE notification (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,          -- action_due, action_overdue, deadline_due, ...
    item TEXT NOT NULL,          -- what it is about: "action:12", "deadline:3", "progress:7"
    day TEXT NOT NULL,           -- YYYY-MM-DD (UTC) it was queued
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL,
    sent_at TEXT,
    UNIQUE (kind, item, user_id, day)
);
CREATE INDEX notification_unsent ON notification(sent_at, user_id);
