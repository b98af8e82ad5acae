-- 006_hub: the knowledge hub of NMIRF good practices (HRC resolution 60/27, §5-6 and 8 b):
-- profiles of national mechanisms for implementation, reporting and follow-up (one per State),
-- good-practice entries in English, French and Spanish with tags and attached files, and a
-- library of reference documents (the Council's resolutions first). Everything the hub holds is
-- searchable through hub_text, its own full-text index with suivi's tokenizer, kept apart from
-- the recommendations' (fts_en/fr/es) so that hub results never mix with recommendation results.
-- Times are UTC ISO-8601 text with milliseconds, as in 002.

CREATE TABLE hub_profile (
    country TEXT PRIMARY KEY REFERENCES country(iso3), -- ISO3 of the State
    name TEXT NOT NULL,             -- the mechanism's own name
    lang TEXT NOT NULL CHECK (lang IN ('en', 'fr', 'es')), -- language of the free texts below
    legal_basis TEXT,               -- decree, law, cabinet decision...
    standing TEXT NOT NULL CHECK (standing IN ('standing', 'ad_hoc')),
    secretariat TEXT,
    members_executive TEXT,         -- members by branch of government, free text
    members_legislative TEXT,
    members_judiciary TEXT,
    members_other TEXT,
    -- participation: 1 yes, 0 no, NULL not said; *_how says how
    nhri INTEGER CHECK (nhri IN (0, 1)), nhri_how TEXT,
    civil_society INTEGER CHECK (civil_society IN (0, 1)), civil_society_how TEXT,
    statistics INTEGER CHECK (statistics IN (0, 1)), statistics_how TEXT,
    parliament INTEGER CHECK (parliament IN (0, 1)), parliament_how TEXT,
    tracking_tool TEXT,             -- e.g. "suivi", "NRTD", "IMPACT OSS", a spreadsheet
    reporting_record TEXT,          -- Markdown: reports submitted, with their dates
    demo INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1)), -- illustrative, not a real profile
    updated_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE hub_practice (
    id INTEGER PRIMARY KEY,
    slug TEXT UNIQUE,               -- stable key of imported entries; NULL for those made by hand
    country TEXT REFERENCES country(iso3), -- NULL: not about one State
    author TEXT NOT NULL,           -- login of who proposed it
    published INTEGER NOT NULL DEFAULT 0 CHECK (published IN (0, 1)),
    demo INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX hub_practice_published ON hub_practice(published, updated_at);

-- Title and body (Markdown) per language; any of the three may be missing.
CREATE TABLE hub_practice_text (
    practice_id INTEGER NOT NULL REFERENCES hub_practice(id) ON DELETE CASCADE,
    lang TEXT NOT NULL CHECK (lang IN ('en', 'fr', 'es')),
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (practice_id, lang)
) WITHOUT ROWID;

-- vocab: uhri_theme and sdg (codes of table term), free (the tag as typed).
CREATE TABLE hub_practice_tag (
    practice_id INTEGER NOT NULL REFERENCES hub_practice(id) ON DELETE CASCADE,
    vocab TEXT NOT NULL CHECK (vocab IN ('uhri_theme', 'sdg', 'free')),
    code TEXT NOT NULL,
    PRIMARY KEY (practice_id, vocab, code)
) WITHOUT ROWID;
CREATE INDEX hub_practice_tag_code ON hub_practice_tag(vocab, code);

-- Attached files: the bytes are blobs of 003, stored once per SHA-256 like evidence.
CREATE TABLE hub_file (
    id INTEGER PRIMARY KEY,
    practice_id INTEGER NOT NULL REFERENCES hub_practice(id) ON DELETE CASCADE,
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL REFERENCES blob(sha256),
    uploaded_by TEXT NOT NULL,
    uploaded_at TEXT NOT NULL
);
CREATE INDEX hub_file_practice ON hub_file(practice_id);

-- The library: reference documents, each in one language.
CREATE TABLE hub_doc (
    id INTEGER PRIMARY KEY,
    symbol TEXT NOT NULL UNIQUE,    -- e.g. A/HRC/RES/60/27
    title TEXT NOT NULL,
    date TEXT,                      -- YYYY-MM-DD of adoption or issue
    lang TEXT NOT NULL CHECK (lang IN ('en', 'fr', 'es')),
    text TEXT NOT NULL,             -- Markdown (plain text reads as paragraphs)
    source TEXT,                    -- where the text comes from
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- What the hub's search reads: one row per entity and language (kind practice: ref is the
-- practice id in decimal; doc: the document id; profile: the ISO3). The store rewrites an
-- entity's rows whenever it writes the entity; the triggers keep the three indexes in step.
CREATE TABLE hub_text (
    kind TEXT NOT NULL CHECK (kind IN ('practice', 'doc', 'profile')),
    ref TEXT NOT NULL,
    lang TEXT NOT NULL CHECK (lang IN ('en', 'fr', 'es')),
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    UNIQUE (kind, ref, lang)
);

CREATE VIRTUAL TABLE hub_fts_en USING fts5(title, body, content='hub_text', content_rowid='rowid',
                                           tokenize='suivi en');
CREATE VIRTUAL TABLE hub_fts_fr USING fts5(title, body, content='hub_text', content_rowid='rowid',
                                           tokenize='suivi fr');
CREATE VIRTUAL TABLE hub_fts_es USING fts5(title, body, content='hub_text', content_rowid='rowid',
                                           tokenize='suivi es');

CREATE TRIGGER hub_text_insert AFTER INSERT ON hub_text BEGIN
    INSERT INTO hub_fts_en(rowid, title, body)
        SELECT new.rowid, new.title, new.body WHERE new.lang = 'en';
    INSERT INTO hub_fts_fr(rowid, title, body)
        SELECT new.rowid, new.title, new.body WHERE new.lang = 'fr';
    INSERT INTO hub_fts_es(rowid, title, body)
        SELECT new.rowid, new.title, new.body WHERE new.lang = 'es';
END;

CREATE TRIGGER hub_text_delete AFTER DELETE ON hub_text BEGIN
    INSERT INTO hub_fts_en(hub_fts_en, rowid, title, body)
        SELECT 'delete', old.rowid, old.title, old.body WHERE old.lang = 'en';
    INSERT INTO hub_fts_fr(hub_fts_fr, rowid, title, body)
        SELECT 'delete', old.rowid, old.title, old.body WHERE old.lang = 'fr';
    INSERT INTO hub_fts_es(hub_fts_es, rowid, title, body)
        SELECT 'delete', old.rowid, old.title, old.body WHERE old.lang = 'es';
END;

CREATE TRIGGER hub_text_update AFTER UPDATE ON hub_text BEGIN
    INSERT INTO hub_fts_en(hub_fts_en, rowid, title, body)
        SELECT 'delete', old.rowid, old.title, old.body WHERE old.lang = 'en';
    INSERT INTO hub_fts_fr(hub_fts_fr, rowid, title, body)
        SELECT 'delete', old.rowid, old.title, old.body WHERE old.lang = 'fr';
    INSERT INTO hub_fts_es(hub_fts_es, rowid, title, body)
        SELECT 'delete', old.rowid, old.title, old.body WHERE old.lang = 'es';
    INSERT INTO hub_fts_en(rowid, title, body)
        SELECT new.rowid, new.title, new.body WHERE new.lang = 'en';
    INSERT INTO hub_fts_fr(rowid, title, body)
        SELECT new.rowid, new.title, new.body WHERE new.lang = 'fr';
    INSERT INTO hub_fts_es(rowid, title, body)
        SELECT new.rowid, new.title, new.body WHERE new.lang = 'es';
END;
