/*
 * sqlite_search.c — full-text search, facets and statistics in the SQLite backend. The parsed
 * query is rendered to FTS5 syntax with every user word quoted (text_query_to_fts5), so the
 * user's input is never read as FTS5 syntax; the "suivi" tokenizer stems the quoted words.
 */
#include "store/sqlite_internal.h"

#include <stdlib.h>
#include <string.h>

#include "text/fold.h"

static const char *const dim_names[STORE_DIM_COUNT] = {
    [STORE_DIM_BODY] = "body",         [STORE_DIM_COUNTRY] = "country",
    [STORE_DIM_RESPONSE] = "response", [STORE_DIM_THEME] = "theme",
    [STORE_DIM_ISSUE] = "issue",       [STORE_DIM_SDG] = "sdg",
    [STORE_DIM_AFFECTED] = "affected", [STORE_DIM_KIND] = "kind",
    [STORE_DIM_SESSION] = "session",
};

const char *store_dim_name(enum store_dim d)
{
    return (unsigned)d < STORE_DIM_COUNT ? dim_names[d] : "?";
}

/* Binds the query (?1) and language (?10) and filters of a search. */
static int bind_search(struct sqlite_store *st, sqlite3_stmt *s, const struct store_search *q,
                       struct err *err)
{
    buf_reset(&st->scratch);
    if (text_query_to_fts5(q->query, &st->scratch) || st->scratch.oom)
        return err_set(err, ERR_NOMEM, "out of memory rendering the query");
    sqlite3_bind_text(s, 1, buf_str(&st->scratch), (int)st->scratch.len, SQLITE_TRANSIENT);
    sqlite_bind_filter(s, &q->filter);
    const char *lang = q->lang < 0 ? "*" : text_lang_code((enum text_lang)q->lang);
    sqlite3_bind_text(s, 10, lang, -1, SQLITE_STATIC);
    return 0;
}

static int snippet_for(struct sqlite_store *st, const char *lang, sqlite3_int64 trow,
                       struct buf *out, struct err *err)
{
    enum stmt_id id = !strcmp(lang, "fr")   ? SQL_SNIPPET_FR
                      : !strcmp(lang, "es") ? SQL_SNIPPET_ES
                                            : SQL_SNIPPET_EN;
    sqlite3_stmt *s = sqlite_stmt(st, id, err);
    if (!s)
        return ERR_STORE;
    sqlite3_bind_text(s, 1, buf_str(&st->scratch), (int)st->scratch.len, SQLITE_STATIC);
    sqlite3_bind_int64(s, 2, trow);
    buf_reset(out);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        buf_puts(out, (const char *)sqlite3_column_text(s, 0));
    sqlite3_reset(s);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : sqlite_fail(st, err, "making a snippet");
}

static int ignore_hit(void *ctx, const struct store_hit *hit)
{
    (void)ctx;
    (void)hit;
    return 0;
}

/* FTS5 reports a malformed MATCH as a generic error; say it in the user's terms. */
static int search_fail(struct sqlite_store *st, struct err *err)
{
    return sqlite_fail(st, err, "search");
}

static int filtered(const struct store_filter *f)
{
    return f->country || f->body || f->theme || f->sdg || f->response || f->kind;
}

struct top_hit {
    double score;
    sqlite3_int64 trow;
    int lang;
    char *snippet;
};

static int by_score(const void *a, const void *b)
{
    const struct top_hit *x = a, *y = b;
    if (x->score != y->score)
        return x->score > y->score ? -1 : 1;
    return x->trow < y->trow ? -1 : x->trow > y->trow;
}

struct top {
    struct top_hit *hits;
    size_t n, cap;
};

static void top_free(struct top *t)
{
    for (size_t i = 0; i < t->n; i++)
        free(t->hits[i].snippet);
    free(t->hits);
}

static int lang_present(struct sqlite_store *st, int lang, struct err *err)
{
    sqlite3_stmt *s = sqlite_stmt(st, SQL_LANG_PRESENT, err);
    if (!s)
        return ERR_STORE;
    sqlite3_bind_text(s, 1, text_lang_code((enum text_lang)lang), -1, SQLITE_STATIC);
    int present = sqlite3_step(s) == SQLITE_ROW && sqlite3_column_int(s, 0);
    sqlite3_reset(s);
    return present;
}

/* Adds the best `want` matches of one language to t and their number to *total. */
static int top_of_lang(struct sqlite_store *st, int lang, int want, struct top *t, long *total,
                       struct err *err)
{
    int present = lang_present(st, lang, err);
    if (present <= 0)
        return present;
    const char *fts = buf_str(&st->scratch);
    int n = (int)st->scratch.len;
    sqlite3_stmt *s = sqlite_stmt(st, (enum stmt_id)(SQL_MATCH_COUNT_EN + lang), err);
    if (!s)
        return ERR_STORE;
    sqlite3_bind_text(s, 1, fts, n, SQLITE_STATIC);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        *total += (long)sqlite3_column_int64(s, 0);
    sqlite3_reset(s);
    if (rc != SQLITE_ROW)
        return search_fail(st, err);
    if (!(s = sqlite_stmt(st, (enum stmt_id)(SQL_TOP_EN + lang), err)))
        return ERR_STORE;
    sqlite3_bind_text(s, 1, fts, n, SQLITE_STATIC);
    sqlite3_bind_int(s, 2, want);
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (t->n == t->cap) {
            size_t cap = t->cap ? t->cap * 2 : 32;
            void *p = realloc(t->hits, cap * sizeof *t->hits);
            if (!p)
                break;
            t->hits = p;
            t->cap = cap;
        }
        const char *snip = (const char *)sqlite3_column_text(s, 2);
        struct top_hit h = {sqlite3_column_double(s, 1), sqlite3_column_int64(s, 0), lang,
                            strdup(snip ? snip : "")};
        if (!h.snippet)
            break;
        t->hits[t->n++] = h;
    }
    sqlite3_reset(s);
    if (rc == SQLITE_ROW)
        return err_set(err, ERR_NOMEM, "out of memory");
    return rc == SQLITE_DONE ? 0 : search_fail(st, err);
}

/* Without filters the index alone ranks and counts; only the page is joined to its records.
 * A recommendation with texts in two languages that both match is counted (and listed) once
 * per language here. */
static int search_unfiltered(struct sqlite_store *st, const struct store_search *q, store_hit_cb cb,
                             void *ctx, long *total, struct err *err)
{
    int want = q->limit > 0 ? q->offset + q->limit : -1;
    struct top t = {0};
    int rc = 0;
    for (int lang = 0; lang < STORE_LANG_COUNT && !rc; lang++)
        if (q->lang < 0 || q->lang == lang)
            rc = top_of_lang(st, lang, want, &t, total, err);
    if (!rc && t.n)
        qsort(t.hits, t.n, sizeof *t.hits, by_score);
    sqlite3_stmt *s = rc ? NULL : sqlite_stmt(st, SQL_HIT_BY_TEXT_ROW, err);
    if (!rc && !s)
        rc = ERR_STORE;
    size_t end = q->limit > 0 ? (size_t)q->offset + (size_t)q->limit : t.n;
    for (size_t i = (size_t)q->offset; i < t.n && i < end && !rc; i++) {
        sqlite3_bind_int64(s, 1, t.hits[i].trow);
        if (sqlite3_step(s) == SQLITE_ROW) {
            struct store_hit hit = {
                .id = (const char *)sqlite3_column_text(s, 0),
                .country = (const char *)sqlite3_column_text(s, 1),
                .body = (const char *)sqlite3_column_text(s, 2),
                .response = (const char *)sqlite3_column_text(s, 3),
                .lang = text_lang_code((enum text_lang)t.hits[i].lang),
                .text = (const char *)sqlite3_column_text(s, 4),
                .snippet = t.hits[i].snippet,
                .score = t.hits[i].score,
            };
            rc = cb(ctx, &hit);
        }
        sqlite3_reset(s);
    }
    top_free(&t);
    return rc;
}

int sqlite_search(struct sqlite_store *st, const struct store_search *q, store_hit_cb cb, void *ctx,
                  long *total, struct err *err)
{
    *total = 0;
    if (!filtered(&q->filter)) {
        buf_reset(&st->scratch);
        if (text_query_to_fts5(q->query, &st->scratch) || st->scratch.oom)
            return err_set(err, ERR_NOMEM, "out of memory rendering the query");
        return search_unfiltered(st, q, cb, ctx, total, err);
    }
    sqlite3_stmt *s = sqlite_stmt(st, SQL_SEARCH, err);
    if (!s)
        return ERR_STORE;
    int rc = bind_search(st, s, q, err);
    if (rc)
        return rc;
    sqlite3_bind_int(s, 2, q->limit > 0 ? q->limit : -1);
    sqlite3_bind_int(s, 3, q->offset > 0 ? q->offset : 0);
    *total = 0;
    struct buf snippet = BUF_INIT;
    /* Collect the page first: snippets run their own statements. */
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        *total = (long)sqlite3_column_int64(s, 8);
        const char *lang = (const char *)sqlite3_column_text(s, 4);
        if ((rc = snippet_for(st, lang, sqlite3_column_int64(s, 7), &snippet, err)))
            break;
        struct store_hit hit = {
            .id = (const char *)sqlite3_column_text(s, 0),
            .country = (const char *)sqlite3_column_text(s, 1),
            .body = (const char *)sqlite3_column_text(s, 2),
            .response = (const char *)sqlite3_column_text(s, 3),
            .lang = lang,
            .text = (const char *)sqlite3_column_text(s, 5),
            .snippet = buf_str(&snippet),
            .score = sqlite3_column_double(s, 6),
        };
        if ((rc = cb(ctx, &hit)))
            break;
    }
    if (rc == SQLITE_DONE)
        rc = 0;
    else if (rc > 0)
        rc = search_fail(st, err);
    sqlite3_reset(s);
    buf_free(&snippet);
    if (!rc && *total == 0 && q->offset > 0) {
        /* An offset past the end returns no row to read the total from: count again. */
        struct store_search all = *q;
        all.offset = 0;
        all.limit = 1;
        return sqlite_search(st, &all, ignore_hit, NULL, total, err);
    }
    return rc;
}

int sqlite_search_explain(struct sqlite_store *st, const struct store_search *q, struct buf *out)
{
    (void)st;
    return text_query_to_fts5(q->query, out);
}

int sqlite_count_by(struct sqlite_store *st, const struct store_search *q, enum store_dim dim,
                    int label_lang, store_count_cb cb, void *ctx, struct err *err)
{
    if ((unsigned)dim >= STORE_DIM_COUNT)
        return err_set(err, ERR_USAGE, "unknown dimension %d", (int)dim);
    if (label_lang < 0 || label_lang >= STORE_LANG_COUNT)
        label_lang = 0;
    static const struct store_filter everything;
    int over_matches = q && q->query;
    int k = ((int)dim * 2 + over_matches) * STORE_LANG_COUNT + label_lang;
    sqlite3_stmt *s = sqlite_stmt(st, (enum stmt_id)(SQL_COUNT_FIRST + k), err);
    if (!s)
        return ERR_STORE;
    int rc = 0;
    if (over_matches)
        rc = bind_search(st, s, q, err);
    else /* a listing by filters only, or everything (bindings outlive a reset: set them all) */
        sqlite_bind_filter(s, q ? &q->filter : &everything);
    if (rc)
        return rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        rc = cb(ctx, dim, (const char *)sqlite3_column_text(s, 0),
                (const char *)sqlite3_column_text(s, 1), (long)sqlite3_column_int64(s, 2));
        if (rc)
            break;
    }
    if (rc == SQLITE_DONE)
        rc = 0;
    else if (rc > 0)
        rc = sqlite_fail(st, err, "counting");
    sqlite3_reset(s);
    return rc;
}

int sqlite_unlinked_each(struct sqlite_store *st, store_count_cb cb, void *ctx, struct err *err)
{
    sqlite3_stmt *s = sqlite_stmt(st, SQL_UNLINKED, err);
    if (!s)
        return ERR_STORE;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        const char *what = (const char *)sqlite3_column_text(s, 0);
        enum store_dim dim = STORE_DIM_COUNTRY;
        for (int d = 0; d < STORE_DIM_COUNT; d++)
            if (!strcmp(what, dim_names[d]))
                dim = (enum store_dim)d;
        /* value = what was not linked ("country", vocab name), label = the text as imported */
        rc = cb(ctx, dim, what, (const char *)sqlite3_column_text(s, 1),
                (long)sqlite3_column_int64(s, 2));
        if (rc)
            break;
    }
    if (rc == SQLITE_DONE)
        rc = 0;
    else if (rc > 0)
        rc = sqlite_fail(st, err, "listing unlinked labels");
    sqlite3_reset(s);
    return rc;
}
