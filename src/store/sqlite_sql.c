/*
 * sqlite_sql.c — the text of every SQL statement the SQLite backend runs, in one place.
 * Statements are fixed strings with bound parameters; the counting family is assembled here
 * from fixed fragments (never from input) per dimension, over all recommendations or over the
 * matches of a full-text query.
 */
#include "store/sqlite_internal.h"

#include <string.h>

static const char *const fixed_sql[] = {
    [SQL_TERM_PUT] = "INSERT INTO term(vocab, code, parent, label_en, label_fr, label_es) "
                     "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (vocab, code) DO UPDATE SET "
                     "parent = excluded.parent, label_en = excluded.label_en, "
                     "label_fr = excluded.label_fr, label_es = excluded.label_es",
    [SQL_ALIAS_PUT] = "INSERT OR IGNORE INTO alias(vocab, name_key, code) VALUES (?1, ?2, ?3)",
    [SQL_ALIAS_FIND] = "SELECT code FROM alias WHERE vocab = ?1 AND name_key = ?2",
    [SQL_TERM_FIND_CODE] = "SELECT code FROM term WHERE vocab = ?1 AND code = ?2",
    [SQL_COUNTRY_PUT] =
        "INSERT INTO country(iso3, iso2, m49, name_en, name_fr, name_es, official_en, "
        "official_fr, official_es, regional_group, status) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
        "?8, ?9, ?10, ?11) ON CONFLICT (iso3) DO UPDATE SET iso2 = excluded.iso2, "
        "m49 = excluded.m49, name_en = excluded.name_en, name_fr = excluded.name_fr, "
        "name_es = excluded.name_es, official_en = excluded.official_en, "
        "official_fr = excluded.official_fr, official_es = excluded.official_es, "
        "regional_group = excluded.regional_group, status = excluded.status",
    [SQL_COUNTRY_FIND_CODE] = "SELECT iso3 FROM country WHERE iso3 = upper(?1) OR iso2 = upper(?1)",
    [SQL_REC_HASH] = "SELECT content_hash, rid FROM recommendation WHERE id = ?1",
    [SQL_REC_INSERT] =
        "INSERT INTO recommendation(id, kind, mechanism, body, document, paragraph, country, "
        "country_label, session, cycle, response, action_category, cluster_theme, source_file, "
        "source_line, source_json, content_hash, created_at, updated_at) VALUES (?1, ?2, ?3, "
        "?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?18)",
    [SQL_REC_UPDATE] =
        "UPDATE recommendation SET kind = ?2, mechanism = ?3, body = ?4, document = ?5, "
        "paragraph = ?6, country = ?7, country_label = ?8, session = ?9, cycle = ?10, "
        "response = ?11, action_category = ?12, cluster_theme = ?13, source_file = ?14, "
        "source_line = ?15, source_json = ?16, content_hash = ?17, "
        "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1",
    [SQL_REC_TEXT_DELETE] = "DELETE FROM rec_text WHERE rid = ?1",
    [SQL_REC_TEXT_INSERT] = "INSERT INTO rec_text(rid, lang, text) VALUES (?1, ?2, ?3)",
    [SQL_REC_STATE_DELETE] = "DELETE FROM rec_state WHERE rid = ?1",
    [SQL_REC_STATE_INSERT] =
        "INSERT INTO rec_state(rid, position, iso3, label) VALUES (?1, ?2, ?3, ?4)",
    [SQL_REC_TAG_DELETE_SOURCE] = "DELETE FROM rec_tag WHERE rid = ?1 AND origin = 'source'",
    [SQL_REC_TAG_INSERT] = "INSERT OR IGNORE INTO rec_tag(rid, vocab, label, code, origin, "
                           "score) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    [SQL_REC_GET] =
        "SELECT id, kind, mechanism, body, document, paragraph, country, country_label, session, "
        "cycle, response, action_category, cluster_theme, source_file, source_line, source_json, "
        "rid FROM recommendation WHERE id = ?1",
    [SQL_REC_TEXTS] = "SELECT lang, text FROM rec_text WHERE rid = ?1",
    [SQL_REC_STATES] = "SELECT iso3, label FROM rec_state WHERE rid = ?1 ORDER BY position",
    [SQL_REC_TAGS] = "SELECT vocab, code, label, origin, score FROM rec_tag WHERE rid = ?1 "
                     "ORDER BY vocab, origin, label",
    [SQL_SNIPPET_EN] = "SELECT snippet(fts_en, 0, char(2), char(3), '…', 24) FROM fts_en "
                       "WHERE fts_en MATCH ?1 AND rowid = ?2",
    [SQL_SNIPPET_FR] = "SELECT snippet(fts_fr, 0, char(2), char(3), '…', 24) FROM fts_fr "
                       "WHERE fts_fr MATCH ?1 AND rowid = ?2",
    [SQL_SNIPPET_ES] = "SELECT snippet(fts_es, 0, char(2), char(3), '…', 24) FROM fts_es "
                       "WHERE fts_es MATCH ?1 AND rowid = ?2",
#define TOP(L)                                                                                     \
    "SELECT rowid, -bm25(fts_" L "), snippet(fts_" L ", 0, char(2), char(3), '…', 24) FROM fts_" L \
    " WHERE fts_" L " MATCH ?1 ORDER BY bm25(fts_" L ") LIMIT ?2"
    [SQL_TOP_EN] = TOP("en"),
    [SQL_TOP_FR] = TOP("fr"),
    [SQL_TOP_ES] = TOP("es"),
    [SQL_MATCH_COUNT_EN] = "SELECT count(*) FROM fts_en WHERE fts_en MATCH ?1",
    [SQL_MATCH_COUNT_FR] = "SELECT count(*) FROM fts_fr WHERE fts_fr MATCH ?1",
    [SQL_MATCH_COUNT_ES] = "SELECT count(*) FROM fts_es WHERE fts_es MATCH ?1",
    [SQL_LANG_PRESENT] = "SELECT EXISTS (SELECT 1 FROM rec_text WHERE lang = ?1)",
    [SQL_HIT_BY_TEXT_ROW] = "SELECT r.id, r.country, r.body, r.response, t.text FROM rec_text t"
                            " JOIN recommendation r ON r.rid = t.rid WHERE t.rowid = ?1",
    [SQL_PENDING_ADD] = "INSERT INTO temp.fts_pending(trow) VALUES (?1)",
    [SQL_TEXTS_OF_REC] = "SELECT t.rowid, t.lang, t.text, p.trow IS NOT NULL FROM rec_text t"
                         " LEFT JOIN temp.fts_pending p ON p.trow = t.rowid WHERE t.rid = ?1",
    [SQL_PENDING_DROP] = "DELETE FROM temp.fts_pending WHERE trow = ?1",
    [SQL_FTS_DELETE_EN] = "INSERT INTO fts_en(fts_en, rowid, text) VALUES ('delete', ?1, ?2)",
    [SQL_FTS_DELETE_FR] = "INSERT INTO fts_fr(fts_fr, rowid, text) VALUES ('delete', ?1, ?2)",
    [SQL_FTS_DELETE_ES] = "INSERT INTO fts_es(fts_es, rowid, text) VALUES ('delete', ?1, ?2)",
    [SQL_TERM_EACH] = "SELECT code, parent, label_en, label_fr, label_es FROM term WHERE vocab = ?1"
                      " ORDER BY CASE WHEN ?1 = 'sdg' THEN 0 ELSE 1 END,"
                      " CAST(code AS INTEGER), code",
    [SQL_COUNTRY_EACH] = "SELECT iso3, iso2, m49, name_en, name_fr, name_es, official_en,"
                         " official_fr, official_es, regional_group, status FROM country"
                         " ORDER BY name_en",
    [SQL_UNLINKED] =
        "SELECT 'country', country_label, count(*) FROM recommendation WHERE country IS NULL "
        "GROUP BY country_label UNION ALL "
        "SELECT 'recommending_state', label, count(*) FROM rec_state WHERE iso3 IS NULL "
        "GROUP BY label UNION ALL "
        "SELECT vocab, label, count(*) FROM rec_tag WHERE code IS NULL GROUP BY vocab, label "
        "ORDER BY 1, 3 DESC, 2",
#define USER_COLS                                                                                  \
    "u.id, u.login, u.name, u.role, u.institution_id, i.code, u.active, u.created_at, "            \
    "u.last_login_at"
#define USER_JOIN                                                                                  \
    " JOIN account u ON u.id = s.user_id LEFT JOIN institution i ON i.id = u.institution_id"
#define SESSION_COLS                                                                               \
    "s.token_hash, s.user_id, s.csrf_token, s.created_at, s.expires_at, "                          \
    "s.last_seen_at, s.ip, " USER_COLS " FROM session s" USER_JOIN
#define AUDIT_FILTER                                                                               \
    " (?1 IS NULL OR entity = ?1) AND (?2 IS NULL OR entity_id = ?2)"                              \
    " AND (?3 IS NULL OR actor_login = ?3 COLLATE NOCASE) AND (?4 IS NULL OR action = ?4)"         \
    " AND (?5 IS NULL OR at >= ?5) AND (?6 IS NULL OR at < ?6)"
    /* accounts (sqlite_accounts.c): times are bound as ISO-8601 text, see there */
    [SQL_INSTITUTION_INSERT] = "INSERT INTO institution(code, name, kind) VALUES (?1, ?2, ?3)",
    [SQL_INSTITUTION_UPDATE] =
        "UPDATE institution SET code = ?2, name = ?3, kind = ?4 WHERE id = ?1",
    [SQL_INSTITUTION_GET] =
        "SELECT id, code, name, kind FROM institution WHERE id = ?1 OR code = ?2",
    [SQL_INSTITUTION_EACH] = "SELECT id, code, name, kind FROM institution ORDER BY code",
    [SQL_USER_INSERT] =
        "INSERT INTO account(login, name, role, institution_id, active, created_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, "
        "coalesce(?6, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')))",
    [SQL_USER_UPDATE] = "UPDATE account SET login = ?2, name = ?3, role = ?4, institution_id = ?5, "
                        "active = ?6 WHERE id = ?1",
    [SQL_USER_GET] = "SELECT " USER_COLS " FROM account u LEFT JOIN institution i "
                     "ON i.id = u.institution_id WHERE u.id = ?1 OR u.login = ?2",
    [SQL_USER_EACH] = "SELECT " USER_COLS " FROM account u LEFT JOIN institution i "
                      "ON i.id = u.institution_id ORDER BY u.login",
    [SQL_USER_COUNT] = "SELECT count(*) FROM account",
    [SQL_USER_PASSWORD_GET] = "SELECT password_hash FROM account WHERE id = ?1",
    [SQL_USER_PASSWORD_SET] = "UPDATE account SET password_hash = ?2 WHERE id = ?1",
    [SQL_USER_LOGIN_SET] = "UPDATE account SET last_login_at = ?2 WHERE id = ?1",
    [SQL_SESSION_INSERT] = "INSERT INTO session(token_hash, user_id, csrf_token, created_at, "
                           "expires_at, last_seen_at, ip) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    [SQL_SESSION_GET] = "SELECT " SESSION_COLS " WHERE s.token_hash = ?1",
    [SQL_SESSION_EACH] = "SELECT " SESSION_COLS " WHERE ?1 IS NULL OR s.user_id = ?1 "
                         "ORDER BY s.created_at DESC, s.token_hash",
    [SQL_SESSION_TOUCH] =
        "UPDATE session SET last_seen_at = ?2, expires_at = ?3 WHERE token_hash = ?1",
    [SQL_SESSION_DELETE] = "DELETE FROM session WHERE token_hash = ?1",
    [SQL_SESSION_DELETE_USER] = "DELETE FROM session WHERE user_id = ?1",
    [SQL_SESSION_PURGE] = "DELETE FROM session WHERE expires_at <= ?1",
    [SQL_FAILURE_ADD] = "INSERT INTO login_failure(login, ip, at) VALUES (?1, ?2, ?3)",
    [SQL_FAILURE_COUNT_LOGIN] =
        "SELECT count(*), min(at) FROM login_failure WHERE login = ?1 AND at >= ?2",
    [SQL_FAILURE_COUNT_IP] =
        "SELECT count(*), min(at) FROM login_failure WHERE ip = ?1 AND at >= ?2",
    [SQL_FAILURE_CLEAR] = "DELETE FROM login_failure WHERE login = ?1",
    [SQL_FAILURE_PURGE] = "DELETE FROM login_failure WHERE at < ?1",
    [SQL_AUDIT_ADD] = "INSERT INTO audit(at, actor_id, actor_login, action, entity, entity_id, "
                      "before_json, after_json, ip, detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
                      "?8, ?9, ?10)",
    [SQL_AUDIT_EACH] = "SELECT id, at, actor_id, actor_login, action, entity, entity_id, "
                       "before_json, after_json, ip, detail FROM audit WHERE" AUDIT_FILTER
                       " ORDER BY at DESC, id DESC LIMIT ?7 OFFSET ?8",
    [SQL_AUDIT_COUNT] = "SELECT count(*) FROM audit WHERE" AUDIT_FILTER,
    /* step 4: tag suggestions (sqlite_tags.c). Times go in and out as ms since the epoch. */
    [SQL_SUGG_HAS_TAG] = "SELECT 1 FROM rec_tag WHERE rid = ?1 AND vocab = ?2 "
                         "AND (code = ?3 OR label = ?4)",
    [SQL_SUGG_PUT] =
        "INSERT INTO tag_suggestion(rid, vocab, code, label, score, reason, model, created_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, strftime('%Y-%m-%dT%H:%M:%fZ', ?8 / 1000.0, "
        "'unixepoch')) ON CONFLICT (rid, vocab, code) DO UPDATE SET label = excluded.label, "
        "score = excluded.score, reason = excluded.reason, model = excluded.model "
        "WHERE review = 'pending'",
    [SQL_SUGG_CLEAR] =
        /* "+review": search by the primary key, not by the review index (all pending ones) */
    "DELETE FROM tag_suggestion WHERE rid = ?1 AND vocab = ?2 AND +review = 'pending'",
#define SUGG_WHERE                                                                                 \
    " FROM tag_suggestion s JOIN recommendation r ON r.rid = s.rid WHERE (?1 IS NULL OR r.id = "   \
    "?1)"                                                                                          \
    " AND (?2 IS NULL OR s.vocab = ?2) AND (?3 IS NULL OR s.review = ?3) AND s.score >= ?4"
#define SUGG_MS(col) "CAST(round((julianday(" col ") - 2440587.5) * 86400000.0) AS INTEGER)"
    [SQL_SUGG_EACH] =
        "SELECT r.id, s.vocab, s.code, s.label, s.score, s.reason, s.model, "
        "s.review, s.reviewed_by, " SUGG_MS("s.created_at") ", " SUGG_MS("s.reviewed_at") SUGG_WHERE
    " ORDER BY r.id, s.vocab, s.score DESC, s.code LIMIT ?5 OFFSET ?6",
    [SQL_SUGG_COUNT] = "SELECT count(*)" SUGG_WHERE,
    [SQL_SUGG_REVIEW] =
        "UPDATE tag_suggestion SET review = ?4, reviewed_by = ?5, reviewed_at = "
        "strftime('%Y-%m-%dT%H:%M:%fZ', ?6 / 1000.0, 'unixepoch') WHERE rid = ?1 AND vocab = ?2 "
        "AND code = ?3 AND review = 'pending' RETURNING label, score",
    [SQL_SUGG_STATE] =
        "SELECT review FROM tag_suggestion WHERE rid = ?1 AND vocab = ?2 AND code = ?3",
#undef SUGG_WHERE
#undef SUGG_MS
};

/* The filters every listing shares; parameters ?4..?9 (NULL = no filter). */
#define FILTERS                                                                                    \
    " (?4 IS NULL OR r.country = ?4) AND (?5 IS NULL OR r.body = ?5 COLLATE NOCASE)"               \
    " AND (?6 IS NULL OR r.response = ?6) AND (?7 IS NULL OR r.kind = ?7)"                         \
    " AND (?8 IS NULL OR EXISTS (SELECT 1 FROM rec_tag g WHERE g.rid = r.rid"                      \
    "      AND g.vocab IN ('uhri_theme', 'upr_issue')"                                             \
    "      AND (g.code = ?8 OR g.label = ?8 COLLATE NOCASE)))"                                     \
    " AND (?9 IS NULL OR EXISTS (SELECT 1 FROM rec_tag g WHERE g.rid = r.rid"                      \
    "      AND g.vocab = 'sdg' AND (g.code = ?9 OR g.code LIKE ?9 || '.%')))"

/* Full-text matches in the chosen languages (?10 = 'en', 'fr', 'es' or '*'), ?1 = FTS5 query. */
#define MATCHES                                                                                    \
    "WITH m(trow, score, lang) AS ("                                                               \
    " SELECT rowid, bm25(fts_en), 'en' FROM fts_en WHERE ?10 IN ('en', '*') AND fts_en MATCH ?1"   \
    " UNION ALL"                                                                                   \
    " SELECT rowid, bm25(fts_fr), 'fr' FROM fts_fr WHERE ?10 IN ('fr', '*') AND fts_fr MATCH ?1"   \
    " UNION ALL"                                                                                   \
    " SELECT rowid, bm25(fts_es), 'es' FROM fts_es WHERE ?10 IN ('es', '*') AND fts_es MATCH ?1"   \
    "), hits AS (SELECT r.id AS id, min(m.score) AS score, m.lang AS lang, m.trow AS trow"         \
    " FROM m JOIN rec_text t ON t.rowid = m.trow JOIN recommendation r ON r.rid = t.rid"           \
    " WHERE" FILTERS " GROUP BY r.id) "

static const char search_sql[] =
    MATCHES "SELECT h.id, r.country, r.body, r.response, h.lang, t.text, -h.score, h.trow,"
            " count(*) OVER () FROM hits h JOIN recommendation r ON r.id = h.id"
            " JOIN rec_text t ON t.rowid = h.trow ORDER BY h.score, h.id LIMIT ?2 OFFSET ?3";

static const char page_sql[] =
    "SELECT r.id FROM recommendation r WHERE" FILTERS " ORDER BY r.id LIMIT ?2 OFFSET ?3";
static const char page_count_sql[] = "SELECT count(*) FROM recommendation r WHERE" FILTERS;

static const char each_sql[] = "SELECT r.id FROM recommendation r WHERE" FILTERS " ORDER BY r.id";

/* Per dimension: the value, its English label, and the join that yields it. */
static const struct {
    const char *value, *label, *join;
} dims[STORE_DIM_COUNT] = {
    [STORE_DIM_BODY] = {"r.body", "r.body", ""},
    [STORE_DIM_COUNTRY] =
        {"coalesce(r.country, r.country_label)",
         "(SELECT coalesce(name_%s, name_en) FROM country c WHERE c.iso3 = r.country)", ""},
    [STORE_DIM_RESPONSE] = {"coalesce(r.response, 'none')", "NULL", ""},
    [STORE_DIM_KIND] = {"r.kind", "NULL", ""},
    [STORE_DIM_SESSION] = {"r.session", "NULL", ""},
    [STORE_DIM_THEME] =
        {"coalesce(g.code, g.label)",
         "(SELECT coalesce(label_%s, label_en) FROM term WHERE vocab = g.vocab AND code = g.code)",
         " JOIN rec_tag g ON g.rid = r.rid AND g.vocab = 'uhri_theme'"},
    [STORE_DIM_ISSUE] =
        {"coalesce(g.code, g.label)",
         "(SELECT coalesce(label_%s, label_en) FROM term WHERE vocab = g.vocab AND code = g.code)",
         " JOIN rec_tag g ON g.rid = r.rid AND g.vocab = 'upr_issue'"},
    [STORE_DIM_AFFECTED] =
        {"coalesce(g.code, g.label)",
         "(SELECT coalesce(label_%s, label_en) FROM term WHERE vocab = g.vocab AND code = g.code)",
         " JOIN rec_tag g ON g.rid = r.rid AND g.vocab = 'affected_person'"},
    [STORE_DIM_SDG] =
        {"coalesce(substr(g.code, 1, instr(g.code || '.', '.') - 1), g.label)",
         "(SELECT coalesce(label_%s, label_en) FROM term WHERE vocab = 'sdg' AND code = "
         "substr(g.code, 1, instr(g.code || '.', '.') - 1))",
         " JOIN rec_tag g ON g.rid = r.rid AND g.vocab = 'sdg'"},
};

static int count_sql(int dim, int over_matches, int lang, struct buf *out)
{
    static const char *const langs[] = {"en", "fr", "es"};
    if (over_matches)
        buf_puts(out, MATCHES);
    buf_printf(out, "SELECT %s AS v, ", dims[dim].value);
    /* the label expression names its language column with one %s, or none */
    const char *l = dims[dim].label, *pct = strstr(l, "%s");
    if (pct) {
        buf_append(out, l, (size_t)(pct - l));
        buf_puts(out, langs[lang]);
        buf_puts(out, pct + 2);
    } else {
        buf_puts(out, l);
    }
    buf_printf(out, ", count(DISTINCT r.rid) FROM recommendation r%s", dims[dim].join);
    if (over_matches)
        buf_puts(out, " JOIN hits h ON h.id = r.id");
    else
        buf_puts(out, " WHERE" FILTERS);
    return buf_puts(out, " GROUP BY v ORDER BY 3 DESC, v");
}

int sqlite_sql_for(enum stmt_id id, struct buf *out)
{
    if (id == SQL_SEARCH)
        return buf_puts(out, search_sql);
    if (id == SQL_REC_EACH)
        return buf_puts(out, each_sql);
    if (id == SQL_REC_PAGE)
        return buf_puts(out, page_sql);
    if (id == SQL_REC_PAGE_COUNT)
        return buf_puts(out, page_count_sql);
    if (id >= SQL_COUNT_FIRST && id <= SQL_COUNT_LAST) {
        int k = id - SQL_COUNT_FIRST;
        return count_sql(k / (2 * STORE_LANG_COUNT), k / STORE_LANG_COUNT % 2, k % STORE_LANG_COUNT,
                         out);
    }
    if ((size_t)id < sizeof fixed_sql / sizeof fixed_sql[0] && fixed_sql[id])
        return buf_puts(out, fixed_sql[id]);
    return ERR_INPUT;
}
