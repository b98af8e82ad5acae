/*
 * sqlite_rec.c — recommendations in the SQLite backend: insert-or-replace keyed by stable id
 * with a content hash (an unchanged record is not touched), and reading a whole record back
 * (texts, recommending States, tags) for show and export. New texts are queued in
 * temp.fts_pending and indexed in one statement per language at commit; a text that is
 * replaced is taken out of its index here, while its old words are still known. Every change
 * to rec_text must go through these functions.
 */
#include "store/sqlite_internal.h"

#include <stdlib.h>
#include <string.h>

#include "store/rec_hash.h"

static const char *const lang_codes[STORE_LANG_COUNT] = {"en", "fr", "es"};
static const char *const origin_names[] = {"source", "human", "machine"};

static int step_done(struct store *st, sqlite3_stmt *s, struct err *err, const char *doing)
{
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc == SQLITE_DONE)
        return 0;
    return sqlite_fail(st, err, doing);
}

static int bind_rec(sqlite3_stmt *s, const struct store_rec *r, const char *hash)
{
    sqlite_bind_text(s, 1, r->id);
    sqlite_bind_text(s, 2, r->kind ? r->kind : "recommendation");
    sqlite_bind_text(s, 3, r->mechanism);
    sqlite_bind_text(s, 4, r->body);
    sqlite_bind_text(s, 5, r->document);
    sqlite_bind_text(s, 6, r->paragraph);
    sqlite_bind_text(s, 7, r->country);
    sqlite_bind_text(s, 8, r->country_label);
    sqlite3_bind_int(s, 9, r->session);
    sqlite3_bind_int(s, 10, r->cycle);
    sqlite_bind_text(s, 11, r->response);
    sqlite3_bind_int(s, 12, r->action_category);
    sqlite_bind_text(s, 13, r->cluster_theme);
    sqlite_bind_text(s, 14, r->source_file);
    sqlite3_bind_int64(s, 15, r->source_line);
    sqlite_bind_text(s, 16, r->source_json);
    return sqlite_bind_text(s, 17, hash);
}

/* Takes the texts of rec id out of the full-text index (or out of the queue, if they were
 * stored in this transaction and not indexed yet). */
static int fts_forget(struct store *st, sqlite3_int64 rid, struct err *err)
{
    sqlite3_stmt *s = sqlite_stmt(st, SQL_TEXTS_OF_REC, err);
    if (!s)
        return ERR_STORE;
    sqlite3_bind_int64(s, 1, rid);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        sqlite3_int64 trow = sqlite3_column_int64(s, 0);
        const char *lang = (const char *)sqlite3_column_text(s, 1);
        int pending = sqlite3_column_int(s, 3);
        enum stmt_id del = pending               ? SQL_PENDING_DROP
                           : !strcmp(lang, "fr") ? SQL_FTS_DELETE_FR
                           : !strcmp(lang, "es") ? SQL_FTS_DELETE_ES
                                                 : SQL_FTS_DELETE_EN;
        sqlite3_stmt *d = sqlite_stmt(st, del, err);
        if (!d) {
            sqlite3_reset(s);
            return ERR_STORE;
        }
        sqlite3_bind_int64(d, 1, trow);
        if (!pending)
            sqlite3_bind_value(d, 2, sqlite3_column_value(s, 2));
        if ((rc = step_done(st, d, err, "updating the full-text index"))) {
            sqlite3_reset(s);
            return rc;
        }
    }
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? 0 : sqlite_fail(st, err, "updating the full-text index");
}

/* Deletes the children that an import owns (texts, States, source tags) of rec id. */
static int delete_children(struct store *st, sqlite3_int64 rid, struct err *err)
{
    int rc = fts_forget(st, rid, err);
    if (rc)
        return rc;
    static const enum stmt_id ids[] = {SQL_REC_TEXT_DELETE, SQL_REC_STATE_DELETE,
                                       SQL_REC_TAG_DELETE_SOURCE};
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
        sqlite3_stmt *s = sqlite_stmt(st, ids[i], err);
        if (!s)
            return ERR_STORE;
        sqlite3_bind_int64(s, 1, rid);
        rc = step_done(st, s, err, "replacing a recommendation");
        if (rc)
            return rc;
    }
    return 0;
}

static int insert_children(struct store *st, sqlite3_int64 rid, const struct store_rec *r,
                           struct err *err)
{
    int rc = 0;
    for (int i = 0; i < STORE_LANG_COUNT && !rc; i++) {
        if (!r->text[i])
            continue;
        sqlite3_stmt *s = sqlite_stmt(st, SQL_REC_TEXT_INSERT, err);
        if (!s)
            return ERR_STORE;
        sqlite3_bind_int64(s, 1, rid);
        sqlite_bind_text(s, 2, lang_codes[i]);
        sqlite_bind_text(s, 3, r->text[i]);
        rc = step_done(st, s, err, "storing a recommendation's text");
        sqlite3_stmt *q = rc ? NULL : sqlite_stmt(st, SQL_PENDING_ADD, err);
        if (!rc && !q)
            return ERR_STORE;
        if (!rc) {
            sqlite3_bind_int64(q, 1, sqlite3_last_insert_rowid(st->db));
            rc = step_done(st, q, err, "queueing a text for indexing");
        }
    }
    for (size_t i = 0; i < r->nstates && !rc; i++) {
        sqlite3_stmt *s = sqlite_stmt(st, SQL_REC_STATE_INSERT, err);
        if (!s)
            return ERR_STORE;
        sqlite3_bind_int64(s, 1, rid);
        sqlite3_bind_int(s, 2, (int)i);
        sqlite_bind_text(s, 3, r->states[i].iso3);
        sqlite_bind_text(s, 4, r->states[i].label);
        rc = step_done(st, s, err, "storing a recommending State");
    }
    for (size_t i = 0; i < r->ntags && !rc; i++) {
        const struct store_tag *t = &r->tags[i];
        sqlite3_stmt *s = sqlite_stmt(st, SQL_REC_TAG_INSERT, err);
        if (!s)
            return ERR_STORE;
        sqlite3_bind_int64(s, 1, rid);
        sqlite_bind_text(s, 2, t->vocab);
        sqlite_bind_text(s, 3, t->label);
        sqlite_bind_text(s, 4, t->code);
        sqlite_bind_text(s, 5, origin_names[t->origin]);
        if (t->origin == STORE_TAG_MACHINE)
            sqlite3_bind_double(s, 6, t->score);
        rc = step_done(st, s, err, "storing a tag");
    }
    return rc;
}

static int rec_put(struct store *st, const struct store_rec *r, enum store_put_outcome *outcome,
                   struct err *err);

int store_rec_put(struct store *st, const struct store_rec *r, enum store_put_outcome *outcome,
                  struct err *err)
{
    if (!sqlite3_get_autocommit(st->db))
        return rec_put(st, r, outcome, err);
    /* Outside a transaction: make one, so the text is indexed when the put returns. */
    int rc = store_begin(st, err);
    if (!rc && (rc = rec_put(st, r, outcome, err)) == 0)
        rc = store_commit(st, err);
    if (rc)
        store_rollback(st);
    return rc;
}

static int rec_put(struct store *st, const struct store_rec *r, enum store_put_outcome *outcome,
                   struct err *err)
{
    char hash[17];
    store_rec_hash(r, hash);
    sqlite3_stmt *s = sqlite_stmt(st, SQL_REC_HASH, err);
    if (!s)
        return ERR_STORE;
    sqlite_bind_text(s, 1, r->id);
    int rc = sqlite3_step(s);
    int exists = rc == SQLITE_ROW;
    int same = exists && !strcmp((const char *)sqlite3_column_text(s, 0), hash);
    sqlite3_int64 rid = exists ? sqlite3_column_int64(s, 1) : 0;
    sqlite3_reset(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return sqlite_fail(st, err, "reading a recommendation");
    if (same) {
        *outcome = STORE_PUT_UNCHANGED;
        return 0;
    }
    s = sqlite_stmt(st, exists ? SQL_REC_UPDATE : SQL_REC_INSERT, err);
    if (!s)
        return ERR_STORE;
    bind_rec(s, r, hash);
    if ((rc = step_done(st, s, err, "storing a recommendation")))
        return rc;
    if (!exists)
        rid = sqlite3_last_insert_rowid(st->db);
    if (exists && (rc = delete_children(st, rid, err)))
        return rc;
    if ((rc = insert_children(st, rid, r, err)))
        return rc;
    *outcome = exists ? STORE_PUT_UPDATED : STORE_PUT_INSERTED;
    return 0;
}

static const char *col(sqlite3_stmt *s, int i)
{
    return (const char *)sqlite3_column_text(s, i);
}

static char *dup_or_null(const char *s)
{
    return s ? strdup(s) : NULL;
}

static int load_children(struct store *st, sqlite3_int64 rid, struct store_rec *r, struct err *err)
{
    int rc = 0;
    sqlite3_stmt *s = sqlite_stmt(st, SQL_REC_TEXTS, err);
    if (!s)
        return ERR_STORE;
    sqlite3_bind_int64(s, 1, rid);
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        for (int i = 0; i < STORE_LANG_COUNT; i++)
            if (!strcmp(col(s, 0), lang_codes[i]))
                r->text[i] = dup_or_null(col(s, 1));
    }
    sqlite3_reset(s);
    if (rc != SQLITE_DONE)
        return sqlite_fail(st, err, "reading texts");

    s = sqlite_stmt(st, SQL_REC_STATES, err);
    if (!s)
        return ERR_STORE;
    sqlite3_bind_int64(s, 1, rid);
    size_t cap = 0;
    struct store_state_ref *states = NULL;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (r->nstates == cap) {
            cap = cap ? cap * 2 : 4;
            void *p = realloc(states, cap * sizeof *states);
            if (!p)
                break;
            states = p;
        }
        states[r->nstates++] =
            (struct store_state_ref){dup_or_null(col(s, 0)), dup_or_null(col(s, 1))};
    }
    r->states = states;
    sqlite3_reset(s);
    if (rc != SQLITE_DONE)
        return rc == SQLITE_ROW ? err_set(err, ERR_NOMEM, "out of memory")
                                : sqlite_fail(st, err, "reading recommending States");

    s = sqlite_stmt(st, SQL_REC_TAGS, err);
    if (!s)
        return ERR_STORE;
    sqlite3_bind_int64(s, 1, rid);
    cap = 0;
    struct store_tag *tags = NULL;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (r->ntags == cap) {
            cap = cap ? cap * 2 : 8;
            void *p = realloc(tags, cap * sizeof *tags);
            if (!p)
                break;
            tags = p;
        }
        enum store_tag_origin origin = STORE_TAG_SOURCE;
        for (int i = 0; i < 3; i++)
            if (!strcmp(col(s, 3), origin_names[i]))
                origin = (enum store_tag_origin)i;
        tags[r->ntags++] =
            (struct store_tag){dup_or_null(col(s, 0)), dup_or_null(col(s, 1)),
                               dup_or_null(col(s, 2)), origin, sqlite3_column_double(s, 4)};
    }
    r->tags = tags;
    sqlite3_reset(s);
    if (rc != SQLITE_DONE)
        return rc == SQLITE_ROW ? err_set(err, ERR_NOMEM, "out of memory")
                                : sqlite_fail(st, err, "reading tags");
    return 0;
}

static void free_rec(struct store_rec *r)
{
    const char *const strings[] = {r->id,       r->kind,          r->mechanism,   r->body,
                                   r->document, r->paragraph,     r->country,     r->country_label,
                                   r->response, r->cluster_theme, r->source_file, r->source_json};
    for (size_t i = 0; i < sizeof strings / sizeof strings[0]; i++)
        free((char *)strings[i]);
    for (int i = 0; i < STORE_LANG_COUNT; i++)
        free((char *)r->text[i]);
    for (size_t i = 0; i < r->nstates; i++) {
        free((char *)r->states[i].iso3);
        free((char *)r->states[i].label);
    }
    free((void *)r->states);
    for (size_t i = 0; i < r->ntags; i++) {
        free((char *)r->tags[i].vocab);
        free((char *)r->tags[i].code);
        free((char *)r->tags[i].label);
    }
    free((void *)r->tags);
}

int store_rec_get(struct store *st, const char *id, store_rec_cb cb, void *ctx, struct err *err)
{
    sqlite3_stmt *s = sqlite_stmt(st, SQL_REC_GET, err);
    if (!s)
        return ERR_STORE;
    sqlite_bind_text(s, 1, id);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_DONE) {
        sqlite3_reset(s);
        return err_set(err, ERR_NOTFOUND, "no recommendation with id \"%s\"", id);
    }
    if (rc != SQLITE_ROW) {
        sqlite3_reset(s);
        return sqlite_fail(st, err, "reading a recommendation");
    }
    struct store_rec r = {
        .id = dup_or_null(col(s, 0)),
        .kind = dup_or_null(col(s, 1)),
        .mechanism = dup_or_null(col(s, 2)),
        .body = dup_or_null(col(s, 3)),
        .document = dup_or_null(col(s, 4)),
        .paragraph = dup_or_null(col(s, 5)),
        .country = dup_or_null(col(s, 6)),
        .country_label = dup_or_null(col(s, 7)),
        .session = sqlite3_column_int(s, 8),
        .cycle = sqlite3_column_int(s, 9),
        .response = dup_or_null(col(s, 10)),
        .action_category = sqlite3_column_int(s, 11),
        .cluster_theme = dup_or_null(col(s, 12)),
        .source_file = dup_or_null(col(s, 13)),
        .source_line = (long)sqlite3_column_int64(s, 14),
        .source_json = dup_or_null(col(s, 15)),
    };
    sqlite3_int64 rid = sqlite3_column_int64(s, 16);
    sqlite3_reset(s);
    rc = load_children(st, rid, &r, err);
    if (!rc)
        rc = cb(ctx, &r);
    free_rec(&r);
    return rc;
}

static void bind_filter(sqlite3_stmt *s, const struct store_filter *f)
{
    sqlite_bind_text(s, 4, f->country);
    sqlite_bind_text(s, 5, f->body);
    sqlite_bind_text(s, 6, f->response);
    sqlite_bind_text(s, 7, f->kind);
    sqlite_bind_text(s, 8, f->theme);
    sqlite_bind_text(s, 9, f->sdg);
}

int store_rec_each(struct store *st, const struct store_filter *f, store_rec_cb cb, void *ctx,
                   struct err *err)
{
    /* Ids first, then one record at a time: the cached statements are reused inside. */
    sqlite3_stmt *s = sqlite_stmt(st, SQL_REC_EACH, err);
    if (!s)
        return ERR_STORE;
    static const struct store_filter none;
    int began;
    if (sqlite_read_begin(st, &began, err))
        return ERR_STORE;
    bind_filter(s, f ? f : &none);
    char **ids = NULL;
    size_t n = 0, cap = 0;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (n == cap) {
            cap = cap ? cap * 2 : 1024;
            void *p = realloc(ids, cap * sizeof *ids);
            if (!p)
                break;
            ids = p;
        }
        if (!(ids[n] = strdup(col(s, 0))))
            break;
        n++;
    }
    sqlite3_reset(s);
    if (rc == SQLITE_ROW)
        rc = err_set(err, ERR_NOMEM, "out of memory listing recommendations");
    else if (rc != SQLITE_DONE)
        rc = sqlite_fail(st, err, "listing recommendations");
    else
        rc = 0;
    for (size_t i = 0; i < n && !rc; i++)
        rc = store_rec_get(st, ids[i], cb, ctx, err);
    for (size_t i = 0; i < n; i++)
        free(ids[i]);
    free(ids);
    sqlite_read_end(st, began);
    return rc;
}

void sqlite_bind_filter(sqlite3_stmt *s, const struct store_filter *f)
{
    bind_filter(s, f);
}

int store_rec_page(struct store *st, const struct store_filter *f, int limit, int offset,
                   store_rec_cb cb, void *ctx, long *total, struct err *err)
{
    static const struct store_filter none;
    if (!f)
        f = &none;
    sqlite3_stmt *s = sqlite_stmt(st, SQL_REC_PAGE_COUNT, err);
    if (!s)
        return ERR_STORE;
    bind_filter(s, f);
    int rc = sqlite3_step(s);
    *total = rc == SQLITE_ROW ? (long)sqlite3_column_int64(s, 0) : 0;
    sqlite3_reset(s);
    if (rc != SQLITE_ROW)
        return sqlite_fail(st, err, "counting recommendations");
    if (!(s = sqlite_stmt(st, SQL_REC_PAGE, err)))
        return ERR_STORE;
    bind_filter(s, f);
    sqlite3_bind_int(s, 2, limit > 0 ? limit : -1);
    sqlite3_bind_int(s, 3, offset > 0 ? offset : 0);
    /* Ids first (a page is small), then each record: the statements are reused inside. */
    char *ids[1000];
    int n = 0;
    while (n < 1000 && (rc = sqlite3_step(s)) == SQLITE_ROW)
        if (!(ids[n++] = strdup(col(s, 0))))
            break;
    sqlite3_reset(s);
    rc =
        rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : sqlite_fail(st, err, "listing recommendations");
    for (int i = 0; i < n; i++) {
        if (!ids[i] && !rc)
            rc = err_set(err, ERR_NOMEM, "out of memory");
        if (!rc)
            rc = store_rec_get(st, ids[i], cb, ctx, err);
        free(ids[i]);
    }
    return rc;
}
