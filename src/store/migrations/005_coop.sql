-- 005_coop: the technical-cooperation repository (HRC resolution 54/28 §14-16). Organisations
-- act in it (a State, a UN entity, an NHRI, an NGO, a regional body) and accounts act for one;
-- a State records needs tied to its recommendations, with the visibility it consents to;
-- providers record offers; a match pairs a need and an offer, proposed by one side, answered by
-- the other, and its every move is kept in coop_match_event (and the audit trail). Lists of
-- codes (kinds, languages, regions, themes, SDGs) are '|'-separated text: they are read whole
-- and matched in core, never searched by SQL. Times are UTC ISO-8601 text with milliseconds.
CREATE TABLE organisation (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL
        CHECK (kind IN ('state', 'un_entity', 'nhri', 'ngo', 'regional_body')),
    country TEXT,              -- ISO3; required for a State (core checks it)
    created_at TEXT NOT NULL
);

ALTER TABLE account ADD COLUMN organisation_id INTEGER REFERENCES organisation(id);

CREATE TABLE coop_need (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisation(id),
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    kinds TEXT NOT NULL,       -- kinds of help sought
    providers TEXT NOT NULL DEFAULT '',  -- provider kinds preferred; '' = any
    languages TEXT NOT NULL DEFAULT '',
    lang TEXT NOT NULL DEFAULT 'en',
    time_from TEXT, time_to TEXT,
    visibility TEXT NOT NULL CHECK (visibility IN ('private', 'registered', 'public')),
    status TEXT NOT NULL CHECK (status IN ('open', 'met', 'withdrawn')),
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX coop_need_org ON coop_need(organisation_id);

CREATE TABLE coop_need_rec (
    need_id INTEGER NOT NULL REFERENCES coop_need(id) ON DELETE CASCADE,
    rid INTEGER NOT NULL REFERENCES recommendation(rid) ON DELETE CASCADE,
    PRIMARY KEY (need_id, rid)
) WITHOUT ROWID;
CREATE INDEX coop_need_rec_rid ON coop_need_rec(rid);

CREATE TABLE coop_offer (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisation(id),
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    themes TEXT NOT NULL DEFAULT '',
    sdgs TEXT NOT NULL DEFAULT '',
    kinds TEXT NOT NULL,
    modality TEXT NOT NULL CHECK (modality IN ('remote', 'in_person', 'mixed')),
    languages TEXT NOT NULL DEFAULT '',
    lang TEXT NOT NULL DEFAULT 'en',
    regions TEXT NOT NULL DEFAULT '',   -- '' = anywhere
    capacity INTEGER NOT NULL DEFAULT 0,
    past_activities TEXT,
    status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX coop_offer_org ON coop_offer(organisation_id);

CREATE TABLE coop_match (
    id INTEGER PRIMARY KEY,
    need_id INTEGER NOT NULL REFERENCES coop_need(id),
    offer_id INTEGER NOT NULL REFERENCES coop_offer(id),
    state TEXT NOT NULL CHECK (state IN ('proposed', 'accepted', 'in_progress', 'completed',
                                         'declined', 'withdrawn')),
    proposed_by TEXT NOT NULL CHECK (proposed_by IN ('need', 'offer')),
    score REAL NOT NULL,
    explanation TEXT NOT NULL,
    comment TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
-- One live exchange per pair; a declined or withdrawn one may be proposed again.
CREATE UNIQUE INDEX coop_match_live ON coop_match(need_id, offer_id)
    WHERE state IN ('proposed', 'accepted', 'in_progress');
CREATE INDEX coop_match_offer ON coop_match(offer_id);

CREATE TABLE coop_match_event (
    id INTEGER PRIMARY KEY,
    match_id INTEGER NOT NULL REFERENCES coop_match(id),
    at TEXT NOT NULL,
    actor_login TEXT NOT NULL,
    from_state TEXT,            -- NULL for the proposal
    to_state TEXT NOT NULL,
    comment TEXT
);
CREATE INDEX coop_match_event_match ON coop_match_event(match_id);
