/*
 * postgres_hub_search.c — the knowledge hub's full-text search in the PostgreSQL backend, the
 * twin of sqlite_hub_search.c: the same query rendering as the recommendations' search
 * (postgres_fts.c, one tsquery per language) over hub_text.tsv (006_b_hub_fts.sql), so hub
 * results never mix with recommendation results. Ranked by FTS5's bm25 with titles weighing four
 * times bodies, as SQLite's bm25(…, 4.0, 1.0) (postgres_fts_text.c), ties in hub_text's row
 * order. Unpublished good practices are left out unless the caller asks for them.
 */
#include "store/postgres_fts.h"
#include "store/postgres_internal.h"

#include <stdlib.h>
#include <string.h>

#include "text/fold.h"

/* What bm25 needs of a language's index (hub_fts_xx in SQLite: every hub_text row of it). */
static const char sql_stats[] =
    "SELECT count(*), coalesce(sum(suivi_ntok(lang, title) + suivi_ntok(lang, body)), 0)"
    " FROM hub_text WHERE lang = $1";
static const char sql_match_count[] =
    "SELECT count(*) FROM hub_text WHERE lang = $1 AND tsv @@ $2::tsquery";
/* The visible matches of a language: $3 kind or NULL, $4 drafts, $5 author. */
static const char sql_matches[] =
    "SELECT t.kind, t.ref, t.lang, t.title, t.rowid, t.body FROM hub_text t"
    " LEFT JOIN hub_practice p ON t.kind = 'practice' AND p.id::text = t.ref"
    " WHERE t.lang = $1 AND t.tsv @@ $2::tsquery AND ($3::text IS NULL OR t.kind = $3)"
    " AND (t.kind <> 'practice' OR p.published = 1 OR $4::bigint = 1 OR p.author = $5)"
    " ORDER BY t.rowid";

struct scored {
    double score;
    long long rowid;
    int lang, row;
};

/* SQLite's order: bm25, then rowid. */
static int by_score(const void *a, const void *b)
{
    const struct scored *x = a, *y = b;
    if (x->score != y->score)
        return x->score > y->score ? -1 : 1;
    return x->rowid < y->rowid ? -1 : x->rowid > y->rowid;
}

/* Adds the visible matches of lang, scored, to *v; res[lang] keeps their rows. */
static int matches_of_lang(struct pg_store *st, struct pg_fts *fts, int lang,
                           const struct store_hub_search *q, PGresult **res, struct scored **v,
                           size_t *n, struct err *err)
{
    static const double weights[2] = {4.0, 1.0};
    struct pg_fts_bm25 bm25;
    struct pg_params p;
    int rc = pg_fts_lang_begin(st, fts, lang, sql_stats, sql_match_count, &bm25, &p, err);
    if (rc <= 0)
        return rc;
    pg_param_text(&p, q->kind);
    pg_param_int(&p, q->drafts ? 1 : 0);
    pg_param_text(&p, q->author);
    if (!(*res = pg_run(st, sql_matches, &p, err, "search")))
        return err->code;
    int nrows = PQntuples(*res);
    struct scored *grown = realloc(*v, (*n + (size_t)nrows + 1) * sizeof **v);
    if (!grown)
        return err_set(err, ERR_NOMEM, "out of memory");
    *v = grown;
    for (int i = 0; i < nrows; i++) {
        const char *cols[2] = {pg_text(*res, i, 3), pg_text(*res, i, 5)};
        struct scored one = {0, pg_int(*res, i, 4), lang, i};
        if (pg_fts_score(fts, lang, &bm25, cols, weights, 2, &one.score))
            return err_set(err, ERR_NOMEM, "out of memory ranking");
        (*v)[(*n)++] = one;
    }
    return 0;
}

int postgres_hub_search(struct pg_store *st, const struct store_hub_search *q, store_hub_hit_cb cb,
                        void *ctx, long *total, struct err *err)
{
    *total = 0;
    if (!q->query)
        return err_set(err, ERR_USAGE, "search: no query");
    struct pg_fts fts;
    struct buf snippet = BUF_INIT;
    PGresult *res[STORE_LANG_COUNT] = {NULL};
    struct scored *v = NULL;
    size_t n = 0;
    int began = 0;
    int rc = pg_fts_prepare(&fts, q->query, err);
    if (!rc)
        rc = pg_read_begin(st, &began, err);
    for (int lang = 0; lang < STORE_LANG_COUNT && !rc; lang++)
        if (q->lang < 0 || q->lang == lang)
            rc = matches_of_lang(st, &fts, lang, q, &res[lang], &v, &n, err);
    if (!rc && n)
        qsort(v, n, sizeof *v, by_score);
    *total = rc ? 0 : (long)n;
    size_t end = q->limit > 0 ? (size_t)q->offset + (size_t)q->limit : n;
    for (size_t i = (size_t)(q->offset > 0 ? q->offset : 0); i < n && i < end && !rc; i++) {
        const PGresult *r = res[v[i].lang];
        int row = v[i].row;
        const char *cols[2] = {pg_text(r, row, 3), pg_text(r, row, 5)};
        if (pg_fts_snippet(&fts, v[i].lang, cols, 2, -1, &snippet)) {
            rc = err_set(err, ERR_NOMEM, "out of memory making a snippet");
            break;
        }
        struct store_hub_hit hit = {
            .kind = pg_text(r, row, 0),
            .ref = pg_text(r, row, 1),
            .lang = pg_text(r, row, 2),
            .title = pg_text(r, row, 3),
            .snippet = buf_str(&snippet),
            .score = v[i].score,
        };
        rc = cb(ctx, &hit);
    }
    pg_read_end(st, began);
    for (int lang = 0; lang < STORE_LANG_COUNT; lang++)
        PQclear(res[lang]);
    free(v);
    pg_fts_free(&fts);
    buf_free(&snippet);
    return rc;
}
