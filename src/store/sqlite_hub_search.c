/*
 * sqlite_hub_search.c — the knowledge hub's full-text search in the SQLite backend: the same
 * query rendering (text_query_to_fts5: every user word quoted) and the same "suivi" tokenizer
 * as the recommendations' search (sqlite_search.c), over the hub's own indexes hub_fts_en/fr/es
 * (migration 006), so hub results never mix with recommendation results. Unpublished good
 * practices are left out unless the caller asks for them.
 */
#include "store/sqlite_followup.h"
#include "store/store_hub.h"

#include <stdlib.h>
#include <string.h>

#include "text/fold.h"

/* Matches of each language (?2: 'en', 'fr', 'es' or '*'), titles weighing more than bodies,
 * joined to what they index, visible ones only: ?3 kind or NULL, ?4 drafts, ?5 author. */
#define HUB_MATCHES                                                                                \
    "WITH m(trow, score) AS ("                                                                     \
    " SELECT rowid, bm25(hub_fts_en, 4.0, 1.0) FROM hub_fts_en"                                    \
    "  WHERE ?2 IN ('en', '*') AND hub_fts_en MATCH ?1"                                            \
    " UNION ALL SELECT rowid, bm25(hub_fts_fr, 4.0, 1.0) FROM hub_fts_fr"                          \
    "  WHERE ?2 IN ('fr', '*') AND hub_fts_fr MATCH ?1"                                            \
    " UNION ALL SELECT rowid, bm25(hub_fts_es, 4.0, 1.0) FROM hub_fts_es"                          \
    "  WHERE ?2 IN ('es', '*') AND hub_fts_es MATCH ?1)"                                           \
    " SELECT t.kind, t.ref, t.lang, t.title, -m.score, t.rowid FROM m"                             \
    " JOIN hub_text t ON t.rowid = m.trow"                                                         \
    " LEFT JOIN hub_practice p ON t.kind = 'practice' AND p.id = t.ref"                            \
    " WHERE (?3 IS NULL OR t.kind = ?3)"                                                           \
    "  AND (t.kind <> 'practice' OR p.published = 1 OR ?4 = 1 OR p.author = ?5)"

static const char *const snippet_sql[STORE_LANG_COUNT] = {
    "SELECT snippet(hub_fts_en, -1, char(2), char(3), '…', 24) FROM hub_fts_en"
    " WHERE hub_fts_en MATCH ?1 AND rowid = ?2",
    "SELECT snippet(hub_fts_fr, -1, char(2), char(3), '…', 24) FROM hub_fts_fr"
    " WHERE hub_fts_fr MATCH ?1 AND rowid = ?2",
    "SELECT snippet(hub_fts_es, -1, char(2), char(3), '…', 24) FROM hub_fts_es"
    " WHERE hub_fts_es MATCH ?1 AND rowid = ?2",
};

static void bind_query(sqlite3_stmt *s, const struct buf *fts, const struct store_hub_search *q)
{
    sqlite3_bind_text(s, 1, buf_str(fts), (int)fts->len, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, q->lang < 0 ? "*" : text_lang_code((enum text_lang)q->lang), -1,
                      SQLITE_STATIC);
    sqlite_bind_text(s, 3, q->kind);
    sqlite3_bind_int(s, 4, q->drafts ? 1 : 0);
    sqlite_bind_text(s, 5, q->author);
}

static int snippet(struct sqlite_store *st, const struct buf *fts, const char *lang,
                   sqlite3_int64 trow, struct buf *out, struct err *err)
{
    enum text_lang l = TEXT_LANG_EN;
    if (text_lang_parse(lang, &l))
        l = TEXT_LANG_EN;
    sqlite3_stmt *s;
    int rc = sqlite_fu_prepare(st, snippet_sql[l], &s, err);
    if (rc)
        return rc;
    sqlite3_bind_text(s, 1, buf_str(fts), (int)fts->len, SQLITE_STATIC);
    sqlite3_bind_int64(s, 2, trow);
    buf_reset(out);
    rc = sqlite_fu_one(st, s, "making a snippet", err);
    if (rc == 1)
        buf_puts(out, sqlite_fu_text(s, 0) ? sqlite_fu_text(s, 0) : "");
    sqlite3_finalize(s);
    return rc < 0 ? rc : 0;
}

static int count_matches(struct sqlite_store *st, const struct buf *fts,
                         const struct store_hub_search *q, long *total, struct err *err)
{
    sqlite3_stmt *s;
    int rc = sqlite_fu_prepare(st, "SELECT count(*) FROM (" HUB_MATCHES ")", &s, err);
    if (rc)
        return rc;
    bind_query(s, fts, q);
    rc = sqlite_fu_one(st, s, "search", err);
    *total = rc == 1 ? sqlite_fu_long(s, 0) : 0;
    sqlite3_finalize(s);
    return rc < 0 ? rc : 0;
}

int sqlite_hub_search(struct sqlite_store *st, const struct store_hub_search *q,
                      store_hub_hit_cb cb, void *ctx, long *total, struct err *err)
{
    *total = 0;
    struct buf fts = BUF_INIT, snip = BUF_INIT;
    sqlite3_stmt *s = NULL;
    int began = 0, rc;
    if (!q->query)
        return err_set(err, ERR_USAGE, "search: no query");
    if (text_query_to_fts5(q->query, &fts) || fts.oom) {
        buf_free(&fts);
        return err_set(err, ERR_NOMEM, "out of memory rendering the query");
    }
    if ((rc = sqlite_read_begin(st, &began, err)) || (rc = count_matches(st, &fts, q, total, err)))
        goto out;
    if ((rc = sqlite_fu_prepare(st, HUB_MATCHES " ORDER BY m.score, t.rowid LIMIT ?6 OFFSET ?7", &s,
                                err)))
        goto out;
    bind_query(s, &fts, q);
    sqlite3_bind_int(s, 6, q->limit > 0 ? q->limit : -1);
    sqlite3_bind_int(s, 7, q->offset > 0 ? q->offset : 0);
    int step = SQLITE_DONE;
    while (!rc && (step = sqlite3_step(s)) == SQLITE_ROW) {
        const char *lang = sqlite_fu_text(s, 2);
        if ((rc = snippet(st, &fts, lang, sqlite3_column_int64(s, 5), &snip, err)))
            break;
        struct store_hub_hit hit = {
            .kind = sqlite_fu_text(s, 0),
            .ref = sqlite_fu_text(s, 1),
            .lang = lang,
            .title = sqlite_fu_text(s, 3),
            .snippet = buf_str(&snip),
            .score = sqlite3_column_double(s, 4),
        };
        rc = cb(ctx, &hit);
    }
    if (!rc && step != SQLITE_DONE)
        rc = sqlite_fail(st, err, "search");
out:
    sqlite3_finalize(s);
    sqlite_read_end(st, began);
    buf_free(&fts);
    buf_free(&snip);
    return rc;
}
