/*
 * postgres_search.c — full-text search, facets and statistics in the PostgreSQL backend: the
 * twin of sqlite_search.c and of its statements in sqlite_sql.c. The parsed query becomes one
 * tsquery per language (postgres_fts.c) matched against rec_text.tsv (001_b_fts.sql); scores
 * are ts_rank's (larger is better, as the negated bm25 SQLite reports), ties in SQLite's order;
 * snippets are cut in C as FTS5 cuts them (postgres_fts_snippet.c).
 */
#include "store/postgres_fts.h"
#include "store/postgres_internal.h"

#include <stdlib.h>
#include <string.h>

#include "text/fold.h"

/* The filters every listing shares (NULL = no filter), as in sqlite_sql.c: COLLATE NOCASE is
 * lower() on both sides, SQLite's case-blind LIKE is ILIKE without an escape character. */
#define FILTERS_AT(C, B, R, K, T, S)                                                               \
    " (" C "::text IS NULL OR r.country = " C ") AND (" B "::text IS NULL"                         \
    "  OR lower(r.body) = lower(" B "))"                                                           \
    " AND (" R "::text IS NULL OR r.response = " R ") AND (" K "::text IS NULL OR r.kind = " K ")" \
    " AND (" T "::text IS NULL OR EXISTS (SELECT 1 FROM rec_tag g WHERE g.rid = r.rid"             \
    "      AND g.vocab IN ('uhri_theme', 'upr_issue')"                                             \
    "      AND (g.code = " T " OR lower(g.label) = lower(" T "))))"                                \
    " AND (" S "::text IS NULL OR EXISTS (SELECT 1 FROM rec_tag g WHERE g.rid = r.rid"             \
    "      AND g.vocab = 'sdg' AND (g.code = " S " OR g.code ILIKE " S " || '.%' ESCAPE '')))"

/* The recommendations matching a query in the chosen languages ($4 = 'en', 'fr', 'es' or '*';
 * $1..$3 the tsquery of each language) and the filters $5..$10, for counting. */
#define MATCHES                                                                                    \
    "WITH m(trow) AS ("                                                                            \
    " SELECT rowid FROM rec_text"                                                                  \
    "  WHERE $4::text IN ('en', '*') AND lang = 'en' AND tsv @@ $1::tsquery"                       \
    " UNION ALL SELECT rowid FROM rec_text"                                                        \
    "  WHERE $4::text IN ('fr', '*') AND lang = 'fr' AND tsv @@ $2::tsquery"                       \
    " UNION ALL SELECT rowid FROM rec_text"                                                        \
    "  WHERE $4::text IN ('es', '*') AND lang = 'es' AND tsv @@ $3::tsquery"                       \
    "), hits AS (SELECT DISTINCT r.id AS id FROM m JOIN rec_text t ON t.rowid = m.trow"            \
    " JOIN recommendation r ON r.rid = t.rid"                                                      \
    " WHERE" FILTERS_AT("$5", "$6", "$7", "$8", "$9", "$10") ") "

/* What bm25 needs of a language's index: its rows and words, and the rows a tsquery matches. */
static const char sql_lang_stats[] =
    "SELECT count(*), coalesce(sum(ntok), 0) FROM rec_text WHERE lang = $1";
static const char sql_match_count[] =
    "SELECT count(*) FROM rec_text WHERE lang = $1 AND tsv @@ $2::tsquery";
/* The matching texts of a language, in FTS5's order (rowid), without and with filters. */
static const char sql_matches[] =
    "SELECT rowid, text FROM rec_text WHERE lang = $1 AND tsv @@ $2::tsquery ORDER BY rowid";
static const char sql_matches_filtered[] =
    "SELECT t.rowid, t.text, r.id, r.country, r.body, r.response FROM rec_text t"
    " JOIN recommendation r ON r.rid = t.rid WHERE t.lang = $1 AND t.tsv @@ $2::tsquery"
    " AND" FILTERS_AT("$3", "$4", "$5", "$6", "$7", "$8") " ORDER BY t.rowid";
static const char sql_hit_by_text_row[] =
    "SELECT r.id, r.country, r.body, r.response, t.text FROM rec_text t"
    " JOIN recommendation r ON r.rid = t.rid WHERE t.rowid = $1";

static const char sql_unlinked[] =
    "SELECT 'country', country_label, count(*) FROM recommendation WHERE country IS NULL "
    "GROUP BY country_label UNION ALL "
    "SELECT 'recommending_state', label, count(*) FROM rec_state WHERE iso3 IS NULL "
    "GROUP BY label UNION ALL "
    "SELECT vocab, label, count(*) FROM rec_tag WHERE code IS NULL GROUP BY vocab, label "
    "ORDER BY 1, 3 DESC, 2 NULLS FIRST";

/* Counting statements, per dimension: of the matches of a query (MATCHES, $1..$12 as in
 * sql_search less the page) or of the recommendations a filter selects ($1..$6), each with
 * labels in English, French or Spanish. The label follows from the value, so grouping by both
 * gives SQLite's groups. */
#define COUNT_HEAD(V, L, J)                                                                        \
    "SELECT " V " AS v, " L " AS l, count(DISTINCT r.rid) FROM recommendation r" J
#define COUNT_TAIL " GROUP BY v, l ORDER BY 3 DESC, v"
#define COUNT_MATCHES(V, L, J) MATCHES COUNT_HEAD(V, L, J) " JOIN hits h ON h.id = r.id" COUNT_TAIL
#define COUNT_FILTER(V, L, J)                                                                      \
    COUNT_HEAD(V, L, J) " WHERE" FILTERS_AT("$1", "$2", "$3", "$4", "$5", "$6") COUNT_TAIL
#define COUNT_LANGS(V, L_EN, L_FR, L_ES, J)                                                        \
    {                                                                                              \
        {COUNT_FILTER(V, L_EN, J), COUNT_FILTER(V, L_FR, J), COUNT_FILTER(V, L_ES, J)},            \
        {                                                                                          \
            COUNT_MATCHES(V, L_EN, J), COUNT_MATCHES(V, L_FR, J), COUNT_MATCHES(V, L_ES, J)        \
        }                                                                                          \
    }
#define COUNT_PLAIN(V, J) COUNT_LANGS(V, "NULL::text", "NULL::text", "NULL::text", J)
#define TERM_LABEL(L, CODE)                                                                        \
    "(SELECT coalesce(label_" L ", label_en) FROM term WHERE vocab = g.vocab AND code = " CODE ")"
#define COUNT_TAGS(VOCAB)                                                                          \
    COUNT_LANGS("coalesce(g.code, g.label)", TERM_LABEL("en", "g.code"),                           \
                TERM_LABEL("fr", "g.code"), TERM_LABEL("es", "g.code"),                            \
                " JOIN rec_tag g ON g.rid = r.rid AND g.vocab = '" VOCAB "'")
#define COUNTRY_LABEL(L)                                                                           \
    "(SELECT coalesce(name_" L ", name_en) FROM country c WHERE c.iso3 = r.country)"
#define SDG_GOAL "split_part(g.code, '.', 1)"
#define SDG_LABEL(L)                                                                               \
    "(SELECT coalesce(label_" L ", label_en) FROM term WHERE vocab = 'sdg' AND code = " SDG_GOAL ")"

static const char *const count_sql[STORE_DIM_COUNT][2][STORE_LANG_COUNT] = {
    [STORE_DIM_BODY] = COUNT_LANGS("r.body", "r.body", "r.body", "r.body", ""),
    [STORE_DIM_COUNTRY] = COUNT_LANGS("coalesce(r.country, r.country_label)", COUNTRY_LABEL("en"),
                                      COUNTRY_LABEL("fr"), COUNTRY_LABEL("es"), ""),
    [STORE_DIM_RESPONSE] = COUNT_PLAIN("coalesce(r.response, 'none')", ""),
    [STORE_DIM_KIND] = COUNT_PLAIN("r.kind", ""),
    [STORE_DIM_SESSION] = COUNT_PLAIN("r.session", ""),
    [STORE_DIM_THEME] = COUNT_TAGS("uhri_theme"),
    [STORE_DIM_ISSUE] = COUNT_TAGS("upr_issue"),
    [STORE_DIM_AFFECTED] = COUNT_TAGS("affected_person"),
    [STORE_DIM_SDG] =
        COUNT_LANGS("coalesce(" SDG_GOAL ", g.label)", SDG_LABEL("en"), SDG_LABEL("fr"),
                    SDG_LABEL("es"), " JOIN rec_tag g ON g.rid = r.rid AND g.vocab = 'sdg'"),
};

/* $1..$10 of MATCHES: the tsquery of each language, the language, the filters. */
static void params_matches(struct pg_params *p, const struct pg_fts *fts,
                           const struct store_search *q)
{
    pg_params_init(p);
    for (int lang = 0; lang < STORE_LANG_COUNT; lang++)
        pg_param_text(p, pg_fts_param(fts, lang));
    pg_param_text(p, q->lang < 0 ? "*" : text_lang_code((enum text_lang)q->lang));
    pg_param_filter(p, &q->filter);
}

static int filtered(const struct store_filter *f)
{
    return f->country || f->body || f->theme || f->sdg || f->response || f->kind;
}

/* One matching text and its score (-bm25: larger is better). */
struct scored {
    double score;
    long long trow;
    int lang;
    int row; /* in the language's result (filtered search) */
    const PGresult *res;
};

static int by_score(const void *a, const void *b)
{
    const struct scored *x = a, *y = b;
    if (x->score != y->score)
        return x->score > y->score ? -1 : 1;
    return x->trow < y->trow ? -1 : x->trow > y->trow;
}

struct scores {
    struct scored *v;
    size_t n, cap;
};

static int scores_add(struct scores *s, struct scored one, struct err *err)
{
    if (s->n == s->cap) {
        void *p = pg_fts_grow(s->v, &s->cap, sizeof *s->v, 64);
        if (!p)
            return err_set(err, ERR_NOMEM, "out of memory");
        s->v = p;
    }
    s->v[s->n++] = one;
    return 0;
}

/* Scores the matching texts of lang (text in column text_col of r) into s. */
static int score_rows(struct pg_fts *fts, int lang, const struct pg_fts_bm25 *bm25,
                      const PGresult *r, int text_col, struct scores *s, struct err *err)
{
    int n = PQntuples(r), rc = 0;
    for (int i = 0; i < n && !rc; i++) {
        const char *text = pg_text(r, i, text_col);
        struct scored one = {0, pg_int(r, i, 0), lang, i, r};
        if (pg_fts_score(fts, lang, bm25, &text, NULL, 1, &one.score))
            rc = err_set(err, ERR_NOMEM, "out of memory ranking");
        else
            rc = scores_add(s, one, err);
    }
    return rc;
}

/* The matching texts of lang and their scores; the result (NULL when nothing can match) stays
 * referenced by s until the caller clears it. */
static int matches_of_lang(struct pg_store *st, struct pg_fts *fts, int lang,
                           const struct store_filter *filter, PGresult **res, struct scores *s,
                           struct err *err)
{
    *res = NULL;
    struct pg_fts_bm25 bm25;
    struct pg_params p;
    int rc = pg_fts_lang_begin(st, fts, lang, sql_lang_stats, sql_match_count, &bm25, &p, err);
    if (rc <= 0)
        return rc;
    if (filter)
        pg_param_filter(&p, filter);
    if (!(*res = pg_run(st, filter ? sql_matches_filtered : sql_matches, &p, err, "search")))
        return err->code;
    return score_rows(fts, lang, &bm25, *res, 1, s, err);
}

static int make_snippet(struct pg_fts *fts, int lang, const char *text, struct buf *out,
                        struct err *err)
{
    if (pg_fts_snippet(fts, lang, &text, 1, 0, out))
        return err_set(err, ERR_NOMEM, "out of memory making a snippet");
    return 0;
}

/* Without filters each language's matching texts are ranked and counted: a recommendation with
 * texts in two languages that both match is counted (and listed) once per language, as in
 * SQLite, where each language is its own FTS5 index. */
static int search_unfiltered(struct pg_store *st, struct pg_fts *fts, const struct store_search *q,
                             store_hit_cb cb, void *ctx, long *total, struct err *err)
{
    struct scores s = {0};
    struct buf snippet = BUF_INIT;
    int began = 0;
    int rc = pg_read_begin(st, &began, err);
    for (int lang = 0; lang < STORE_LANG_COUNT && !rc; lang++) {
        if (q->lang >= 0 && q->lang != lang)
            continue;
        PGresult *r;
        size_t before = s.n;
        rc = matches_of_lang(st, fts, lang, NULL, &r, &s, err);
        *total += (long)(s.n - before);
        for (size_t i = before; i < s.n; i++)
            s.v[i].res = NULL; /* only the text row is kept */
        PQclear(r);
    }
    if (!rc && s.n)
        qsort(s.v, s.n, sizeof *s.v, by_score);
    size_t end = q->limit > 0 ? (size_t)q->offset + (size_t)q->limit : s.n;
    for (size_t i = (size_t)(q->offset > 0 ? q->offset : 0); i < s.n && i < end && !rc; i++) {
        struct pg_params p;
        pg_params_init(&p);
        pg_param_int(&p, s.v[i].trow);
        PGresult *r = pg_run(st, sql_hit_by_text_row, &p, err, "search");
        if (!r) {
            rc = err->code;
            break;
        }
        if (PQntuples(r) == 1 &&
            !(rc = make_snippet(fts, s.v[i].lang, pg_text(r, 0, 4), &snippet, err))) {
            struct store_hit hit = {
                .id = pg_text(r, 0, 0),
                .country = pg_text(r, 0, 1),
                .body = pg_text(r, 0, 2),
                .response = pg_text(r, 0, 3),
                .lang = text_lang_code((enum text_lang)s.v[i].lang),
                .text = pg_text(r, 0, 4),
                .snippet = buf_str(&snippet),
                .score = s.v[i].score,
            };
            rc = cb(ctx, &hit);
        }
        PQclear(r);
    }
    pg_read_end(st, began);
    free(s.v);
    buf_free(&snippet);
    return rc;
}

static const char *scored_id(const struct scored *x)
{
    return pg_text(x->res, x->row, 2);
}

/* A recommendation's texts together, its best first (SQLite's min(bm25): the first of equals
 * in language, then row order). */
static int by_rec(const void *a, const void *b)
{
    const struct scored *x = a, *y = b;
    int c = strcmp(scored_id(x), scored_id(y));
    if (c)
        return c;
    if (x->score != y->score)
        return x->score > y->score ? -1 : 1;
    if (x->lang != y->lang)
        return x->lang - y->lang;
    return x->trow < y->trow ? -1 : x->trow > y->trow;
}

/* SQLite's order of the filtered search: score, then id. */
static int by_score_id(const void *a, const void *b)
{
    const struct scored *x = a, *y = b;
    if (x->score != y->score)
        return x->score > y->score ? -1 : 1;
    return strcmp(scored_id(x), scored_id(y));
}

/* With filters, a recommendation is one hit (its best text), and the page is cut after
 * ordering all of them. */
static int search_filtered(struct pg_store *st, struct pg_fts *fts, const struct store_search *q,
                           store_hit_cb cb, void *ctx, long *total, struct err *err)
{
    PGresult *res[STORE_LANG_COUNT] = {NULL};
    struct scores s = {0};
    struct buf snippet = BUF_INIT;
    int began = 0;
    int rc = pg_read_begin(st, &began, err);
    for (int lang = 0; lang < STORE_LANG_COUNT && !rc; lang++)
        if (q->lang < 0 || q->lang == lang)
            rc = matches_of_lang(st, fts, lang, &q->filter, &res[lang], &s, err);
    size_t kept = 0;
    if (!rc && s.n) {
        qsort(s.v, s.n, sizeof *s.v, by_rec);
        for (size_t i = 0; i < s.n; i++)
            if (!kept || strcmp(scored_id(&s.v[kept - 1]), scored_id(&s.v[i])))
                s.v[kept++] = s.v[i];
        qsort(s.v, kept, sizeof *s.v, by_score_id);
    }
    *total = (long)kept;
    size_t end = q->limit > 0 ? (size_t)q->offset + (size_t)q->limit : kept;
    for (size_t i = (size_t)(q->offset > 0 ? q->offset : 0); i < kept && i < end && !rc; i++) {
        const PGresult *r = s.v[i].res;
        int row = s.v[i].row;
        if ((rc = make_snippet(fts, s.v[i].lang, pg_text(r, row, 1), &snippet, err)))
            break;
        struct store_hit hit = {
            .id = pg_text(r, row, 2),
            .country = pg_text(r, row, 3),
            .body = pg_text(r, row, 4),
            .response = pg_text(r, row, 5),
            .lang = text_lang_code((enum text_lang)s.v[i].lang),
            .text = pg_text(r, row, 1),
            .snippet = buf_str(&snippet),
            .score = s.v[i].score,
        };
        rc = cb(ctx, &hit);
    }
    pg_read_end(st, began);
    for (int lang = 0; lang < STORE_LANG_COUNT; lang++)
        PQclear(res[lang]);
    free(s.v);
    buf_free(&snippet);
    return rc;
}

int postgres_search(struct pg_store *st, const struct store_search *q, store_hit_cb cb, void *ctx,
                    long *total, struct err *err)
{
    *total = 0;
    struct pg_fts fts;
    int rc = pg_fts_prepare(&fts, q->query, err);
    if (!rc && !filtered(&q->filter))
        rc = search_unfiltered(st, &fts, q, cb, ctx, total, err);
    else if (!rc)
        rc = search_filtered(st, &fts, q, cb, ctx, total, err);
    pg_fts_free(&fts);
    return rc;
}

/* The tsquery of each language searched, "en: …" per line. */
int postgres_search_explain(struct pg_store *st, const struct store_search *q, struct buf *out)
{
    (void)st;
    struct pg_fts fts;
    struct err err;
    int rc = pg_fts_prepare(&fts, q->query, &err);
    for (int lang = 0; lang < STORE_LANG_COUNT && !rc; lang++) {
        if (q->lang >= 0 && q->lang != lang)
            continue;
        const char *tsq = pg_fts_param(&fts, lang);
        (void)buf_printf(out, "%s%s: %s", out->len ? "\n" : "",
                         text_lang_code((enum text_lang)lang), tsq ? tsq : "(nothing)");
    }
    pg_fts_free(&fts);
    return rc ? rc : out->oom ? ERR_NOMEM : 0;
}

int postgres_count_by(struct pg_store *st, const struct store_search *q, enum store_dim dim,
                      int label_lang, store_count_cb cb, void *ctx, struct err *err)
{
    if ((unsigned)dim >= STORE_DIM_COUNT)
        return err_set(err, ERR_USAGE, "unknown dimension %d", (int)dim);
    if (label_lang < 0 || label_lang >= STORE_LANG_COUNT)
        label_lang = 0;
    static const struct store_filter everything;
    int over_matches = q && q->query;
    struct pg_fts fts;
    struct pg_params p;
    int rc = 0;
    memset(&fts, 0, sizeof fts);
    if (over_matches) {
        rc = pg_fts_prepare(&fts, q->query, err);
        params_matches(&p, &fts, q);
    } else {
        pg_params_init(&p);
        pg_param_filter(&p, q ? &q->filter : &everything);
    }
    PGresult *r =
        rc ? NULL : pg_run(st, count_sql[dim][over_matches][label_lang], &p, err, "counting");
    if (!rc && !r)
        rc = err->code;
    int n = r ? PQntuples(r) : 0;
    for (int i = 0; i < n && !rc; i++)
        rc = cb(ctx, dim, pg_text(r, i, 0), pg_text(r, i, 1), (long)pg_int(r, i, 2));
    PQclear(r);
    pg_fts_free(&fts);
    return rc;
}

int postgres_unlinked_each(struct pg_store *st, store_count_cb cb, void *ctx, struct err *err)
{
    PGresult *r = pg_run(st, sql_unlinked, NULL, err, "listing unlinked labels");
    if (!r)
        return err->code;
    int n = PQntuples(r), rc = 0;
    for (int i = 0; i < n && !rc; i++) {
        const char *what = pg_text(r, i, 0);
        enum store_dim dim = STORE_DIM_COUNTRY;
        for (int d = 0; d < STORE_DIM_COUNT; d++)
            if (!strcmp(what, store_dim_name((enum store_dim)d)))
                dim = (enum store_dim)d;
        /* value = what was not linked ("country", vocab name), label = the text as imported */
        rc = cb(ctx, dim, what, pg_text(r, i, 1), (long)pg_int(r, i, 2));
    }
    PQclear(r);
    return rc;
}
