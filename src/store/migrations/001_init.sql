-- 001_init: taxonomies, countries, recommendations with texts per language, recommending
-- States, tags with origin, and one FTS5 index per language fed by triggers.
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
    id TEXT PRIMARY KEY,
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
    rec_id TEXT NOT NULL REFERENCES recommendation(id) ON DELETE CASCADE,
    lang TEXT NOT NULL CHECK (lang IN ('en', 'fr', 'es')),
    text TEXT NOT NULL,
    UNIQUE (rec_id, lang)
);
CREATE INDEX rec_text_lang ON rec_text(lang);

CREATE TABLE rec_state (
    rec_id TEXT NOT NULL REFERENCES recommendation(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    iso3 TEXT REFERENCES country(iso3), label TEXT NOT NULL,
    PRIMARY KEY (rec_id, position)
) WITHOUT ROWID;
CREATE INDEX rec_state_iso3 ON rec_state(iso3);

CREATE TABLE rec_tag (
    rec_id TEXT NOT NULL REFERENCES recommendation(id) ON DELETE CASCADE,
    vocab TEXT NOT NULL, label TEXT NOT NULL, code TEXT,
    origin TEXT NOT NULL CHECK (origin IN ('source', 'human', 'machine')),
    score REAL,
    PRIMARY KEY (rec_id, vocab, label)
) WITHOUT ROWID;
CREATE INDEX rec_tag_code ON rec_tag(vocab, code);

CREATE VIRTUAL TABLE fts_en USING fts5(text, content='rec_text', content_rowid='rowid',
                                       tokenize='suivi en');
CREATE VIRTUAL TABLE fts_fr USING fts5(text, content='rec_text', content_rowid='rowid',
                                       tokenize='suivi fr');
CREATE VIRTUAL TABLE fts_es USING fts5(text, content='rec_text', content_rowid='rowid',
                                       tokenize='suivi es');

CREATE TRIGGER rec_text_ai AFTER INSERT ON rec_text BEGIN
    INSERT INTO fts_en(rowid, text) SELECT new.rowid, new.text WHERE new.lang = 'en';
    INSERT INTO fts_fr(rowid, text) SELECT new.rowid, new.text WHERE new.lang = 'fr';
    INSERT INTO fts_es(rowid, text) SELECT new.rowid, new.text WHERE new.lang = 'es';
END;
CREATE TRIGGER rec_text_ad AFTER DELETE ON rec_text BEGIN
    INSERT INTO fts_en(fts_en, rowid, text) SELECT 'delete', old.rowid, old.text WHERE old.lang = 'en';
    INSERT INTO fts_fr(fts_fr, rowid, text) SELECT 'delete', old.rowid, old.text WHERE old.lang = 'fr';
    INSERT INTO fts_es(fts_es, rowid, text) SELECT 'delete', old.rowid, old.text WHERE old.lang = 'es';
END;
CREATE TRIGGER rec_text_au AFTER UPDATE ON rec_text BEGIN
    INSERT INTO fts_en(fts_en, rowid, text) SELECT 'delete', old.rowid, old.text WHERE old.lang = 'en';
    INSERT INTO fts_fr(fts_fr, rowid, text) SELECT 'delete', old.rowid, old.text WHERE old.lang = 'fr';
    INSERT INTO fts_es(fts_es, rowid, text) SELECT 'delete', old.rowid, old.text WHERE old.lang = 'es';
    INSERT INTO fts_en(rowid, text) SELECT new.rowid, new.text WHERE new.lang = 'en';
    INSERT INTO fts_fr(rowid, text) SELECT new.rowid, new.text WHERE new.lang = 'fr';
    INSERT INTO fts_es(rowid, text) SELECT new.rowid, new.text WHERE new.lang = 'es';
END;
