-- 006_b_hub_fts (PostgreSQL): full-text search of the knowledge hub, the counterpart of SQLite's
-- hub_fts_en/fr/es (FTS5 over hub_text's title and body, kept in step by triggers). hub_text.tsv
-- holds the lexemes of title and body (001_b_fts.sql's suivi_tsv; the body's positions follow
-- the title's). Generated, so no trigger keeps it in step. Ranking (titles weigh four times
-- bodies, as SQLite's bm25(…, 4.0, 1.0)) is computed by the store (postgres_hub_search.c).
ALTER TABLE hub_text ADD COLUMN tsv tsvector GENERATED ALWAYS AS
    (suivi_tsv(lang, title) || suivi_tsv(lang, body)) STORED;
CREATE INDEX hub_text_tsv ON hub_text USING gin (tsv);
