-- 001_init: taxonomies, countries, recommendations with texts per language, recommending
-- States, tags with origin, and one FTS5 index per language. The store keeps the indexes in
-- step with rec_text itself, batching new texts at commit (per-row triggers made FTS5 flush
-- its in-memory index at every statement: 10x slower imports).
CREATE TABLE country (
    iso3 TEXT PRIMARY KEY,
    iso2 TEXT, m49 TEXT,
    name_en TEXT NOT NULL, name_fr TEXT, name_es TEXT,
    official_en TEXT, official_fr TEXT, official_es TEXT,
    regional_group TEXT, status TEXT NOT NULL DEFAULT 'member'
) WITHOUT ROWID;

CREATE TABLE term (
    vocab TEXT NOT NULL, code TEXT NOT NULL, parent TEXT,
    label_en TEXT NOT NULL, label_fr TEXT, label_es TEXT,
    PRIMARY KEY (vocab, code)
) WITHOUT ROWID;

-- Folded names (codes, labels in every language, spelling variants) that resolve to a term or,
-- with vocab 'country', to a country.
CREATE TABLE alias (
    vocab TEXT NOT NULL, name_key TEXT NOT NULL, code TEXT NOT NULL,
    PRIMARY KEY (vocab, name_key)
) WITHOUT ROWID;

CREATE TABLE recommendation (
    rid INTEGER PRIMARY KEY,  -- internal key: children refer to it (integer compares)
    id TEXT NOT NULL UNIQUE,  -- the stable id people and exports use
    kind TEXT NOT NULL DEFAULT 'recommendation' CHECK (kind IN ('recommendation', 'pledge')),
    mechanism TEXT NOT NULL,
    body TEXT NOT NULL,
    document TEXT, paragraph TEXT,
    country TEXT REFERENCES country(iso3), country_label TEXT,
    session INTEGER NOT NULL DEFAULT 0, cycle INTEGER NOT NULL DEFAULT 0,
    response TEXT CHECK (response IN ('supported', 'noted', 'partially_supported')),
    action_category INTEGER CHECK (action_category BETWEEN 0 AND 5),
    cluster_theme TEXT,
    source_file TEXT, source_line INTEGER, source_json TEXT,
    content_hash TEXT NOT NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX recommendation_country ON recommendation(country);
CREATE INDEX recommendation_body ON recommendation(body);

CREATE TABLE rec_text (
    rowid INTEGER PRIMARY KEY,
    rid INTEGER NOT NULL REFERENCES recommendation(rid) ON DELETE CASCADE,
    lang TEXT NOT NULL CHECK (lang IN ('en', 'fr', 'es')),
    text TEXT NOT NULL,
    UNIQUE (rid, lang)
);
CREATE INDEX rec_text_lang ON rec_text(lang);

CREATE TABLE rec_state (
    rid INTEGER NOT NULL REFERENCES recommendation(rid) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    iso3 TEXT REFERENCES country(iso3), label TEXT NOT NULL,
    PRIMARY KEY (rid, position)
) WITHOUT ROWID;
CREATE INDEX rec_state_iso3 ON rec_state(iso3);

CREATE TABLE rec_tag (
    rid INTEGER NOT NULL REFERENCES recommendation(rid) ON DELETE CASCADE,
    vocab TEXT NOT NULL, label TEXT NOT NULL, code TEXT,
    origin TEXT NOT NULL CHECK (origin IN ('source', 'human', 'machine')),
    score REAL,
    PRIMARY KEY (rid, vocab, label)
) WITHOUT ROWID;
CREATE INDEX rec_tag_code ON rec_tag(vocab, code);

CREATE VIRTUAL TABLE fts_en USING fts5(text, content='rec_text', content_rowid='rowid',
                                       tokenize='suivi en');
CREATE VIRTUAL TABLE fts_fr USING fts5(text, content='rec_text', content_rowid='rowid',
                                       tokenize='suivi fr');
CREATE VIRTUAL TABLE fts_es USING fts5(text, content='rec_text', content_rowid='rowid',
                                       tokenize='suivi es');
