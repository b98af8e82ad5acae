-- 001_b_fts (PostgreSQL): full-text search of rec_text, the counterpart of SQLite's FTS5 indexes
-- fts_en/fr/es with suivi's tokenizer (src/text/tokenize.h). For each word the tokenizer indexes
-- its stem, the stem of the word without accents and the folded surface form (for prefix
-- queries), all at the word's position; rec_text.tsv holds the same three lexemes per word:
--   suivi_XX        accents removed, then Snowball       (tokenizer's stem without accents)
--   suivi_XX_accent Snowball of the lower-cased word, then accents removed (its stem)
--   suivi_simple    accents removed, lower-cased          (its surface form)
-- The three tsvectors are merged through their text form, which keeps positions (tsvector ||
-- would shift them). The text is first cut like the tokenizer cuts it (suivi_fts_clean):
-- PostgreSQL's parser takes every non-ASCII character for a letter in a C-locale database.
-- Snowball dictionaries without stop words, as the tokenizer keeps every word. The domain's
-- irregular plurals (women/woman) are matched by the queries (postgres_fts.c), not indexed.
-- Ranking is FTS5's bm25, computed by the store from the matching texts (postgres_fts_text.c),
-- with rec_text.ntok for the average document length.
-- unaccent is a database-wide extension: installed once in public, referenced as public.unaccent.
SELECT pg_advisory_xact_lock(hashtext('suivi: CREATE EXTENSION unaccent'));
CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public;

-- Words are runs of letters, digits and combining marks; format characters inside a word
-- (soft hyphen, zero-width joiners) are dropped; everything else separates words.
CREATE FUNCTION suivi_fts_clean(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN regexp_replace(regexp_replace(t, '[\u00AD\u200B-\u200F\u2060\uFEFF]', '', 'g')
                          COLLATE "und-x-icu", '[^[:alnum:]\u0300-\u036F]+', ' ', 'g');

-- unaccent() is STABLE (its rules file could change); the rules are fixed for suivi's purpose.
CREATE FUNCTION suivi_unaccent(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN public.unaccent('public.unaccent'::regdictionary, t);

CREATE TEXT SEARCH DICTIONARY suivi_en_stem (TEMPLATE = pg_catalog.snowball, Language = english);
CREATE TEXT SEARCH DICTIONARY suivi_fr_stem (TEMPLATE = pg_catalog.snowball, Language = french);
CREATE TEXT SEARCH DICTIONARY suivi_es_stem (TEMPLATE = pg_catalog.snowball, Language = spanish);

CREATE TEXT SEARCH CONFIGURATION suivi_en (PARSER = pg_catalog."default");
CREATE TEXT SEARCH CONFIGURATION suivi_fr (PARSER = pg_catalog."default");
CREATE TEXT SEARCH CONFIGURATION suivi_es (PARSER = pg_catalog."default");
CREATE TEXT SEARCH CONFIGURATION suivi_en_accent (PARSER = pg_catalog."default");
CREATE TEXT SEARCH CONFIGURATION suivi_fr_accent (PARSER = pg_catalog."default");
CREATE TEXT SEARCH CONFIGURATION suivi_es_accent (PARSER = pg_catalog."default");
CREATE TEXT SEARCH CONFIGURATION suivi_simple (PARSER = pg_catalog."default");
ALTER TEXT SEARCH CONFIGURATION suivi_en ADD MAPPING FOR asciiword, word, numword, asciihword,
    hword, numhword, hword_asciipart, hword_part, hword_numpart, int, uint, float, sfloat,
    version WITH public.unaccent, suivi_en_stem;
ALTER TEXT SEARCH CONFIGURATION suivi_fr ADD MAPPING FOR asciiword, word, numword, asciihword,
    hword, numhword, hword_asciipart, hword_part, hword_numpart, int, uint, float, sfloat,
    version WITH public.unaccent, suivi_fr_stem;
ALTER TEXT SEARCH CONFIGURATION suivi_es ADD MAPPING FOR asciiword, word, numword, asciihword,
    hword, numhword, hword_asciipart, hword_part, hword_numpart, int, uint, float, sfloat,
    version WITH public.unaccent, suivi_es_stem;
ALTER TEXT SEARCH CONFIGURATION suivi_en_accent ADD MAPPING FOR asciiword, word, numword,
    asciihword, hword, numhword, hword_asciipart, hword_part, hword_numpart, int, uint, float,
    sfloat, version WITH suivi_en_stem;
ALTER TEXT SEARCH CONFIGURATION suivi_fr_accent ADD MAPPING FOR asciiword, word, numword,
    asciihword, hword, numhword, hword_asciipart, hword_part, hword_numpart, int, uint, float,
    sfloat, version WITH suivi_fr_stem;
ALTER TEXT SEARCH CONFIGURATION suivi_es_accent ADD MAPPING FOR asciiword, word, numword,
    asciihword, hword, numhword, hword_asciipart, hword_part, hword_numpart, int, uint, float,
    sfloat, version WITH suivi_es_stem;
ALTER TEXT SEARCH CONFIGURATION suivi_simple ADD MAPPING FOR asciiword, word, numword,
    asciihword, hword, numhword, hword_asciipart, hword_part, hword_numpart, int, uint, float,
    sfloat, version WITH public.unaccent, pg_catalog.simple;

-- The lexemes of text in language lang (en, fr, es), as described above. The configurations
-- are named by OID once the function is created (regconfig constants), so the search_path of
-- the session that evaluates it does not matter.
CREATE FUNCTION suivi_tsv(lang text, body text) RETURNS tsvector LANGUAGE sql IMMUTABLE
    PARALLEL SAFE
    BEGIN ATOMIC
        SELECT (to_tsvector(CASE lang WHEN 'fr' THEN 'suivi_fr'::regconfig
                                      WHEN 'es' THEN 'suivi_es'::regconfig
                                      ELSE 'suivi_en'::regconfig END, c.t)::text
                || ' ' ||
                suivi_unaccent(to_tsvector(CASE lang WHEN 'fr' THEN 'suivi_fr_accent'::regconfig
                                                     WHEN 'es' THEN 'suivi_es_accent'::regconfig
                                                     ELSE 'suivi_en_accent'::regconfig END,
                                           lower(c.t COLLATE "und-x-icu"))::text)
                || ' ' ||
                to_tsvector('suivi_simple'::regconfig, c.t)::text)::tsvector
        FROM (SELECT suivi_fts_clean(body) AS t) c;
    END;

-- The number of words suivi's tokenizer indexes in t (FTS5's document size, which bm25 weighs):
-- runs of letters and digits, less the one-letter pieces an apostrophe joins to a word (l', 's)
-- and, in French, qu', jusqu', lorsqu', puisqu', quoiqu'. (Equal to the tokenizer's count on
-- every text of the UPR Info export.)
CREATE FUNCTION suivi_ntok(lang text, t text) RETURNS integer LANGUAGE sql IMMUTABLE
    PARALLEL SAFE
    RETURN (SELECT regexp_count(c.t, '[[:alnum:]][[:alnum:]\u0300-\u036F]*')
        - regexp_count(c.t,
                       '(?:^|[^[:alnum:]\u0300-\u036F''])[[:alnum:]][\u0300-\u036F]*''(?=[[:alnum:]])')
        - regexp_count(c.t,
            '(?<=[[:alnum:]\u0300-\u036F]'')[[:alnum:]][\u0300-\u036F]*(?![[:alnum:]\u0300-\u036F])')
        - CASE WHEN lang = 'fr' THEN regexp_count(c.t,
            '(?:^|[^[:alnum:]\u0300-\u036F''])(?:qu|jusqu|lorsqu|puisqu|quoiqu)''(?=[[:alnum:]])',
            1, 'i') ELSE 0 END
    FROM (SELECT regexp_replace(regexp_replace(t, '[\u00AD\u200B-\u200F\u2060\uFEFF]', '', 'g')
                                COLLATE "und-x-icu", '[\u2018\u2019\u02BC\uFF07]', '''', 'g') AS t) c);

-- tsv: the lexemes; ntok: the number of words (bm25's average document length is their mean).
ALTER TABLE rec_text ADD COLUMN tsv tsvector GENERATED ALWAYS AS (suivi_tsv(lang, text)) STORED;
ALTER TABLE rec_text ADD COLUMN ntok integer GENERATED ALWAYS AS (suivi_ntok(lang, text)) STORED;
CREATE INDEX rec_text_tsv ON rec_text USING gin (tsv);
