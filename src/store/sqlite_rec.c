/*
 * sqlite_rec.c — recommendations in the SQLite backend: insert-or-replace keyed by stable id
 * with a content hash (an unchanged record is not touched), and reading a whole record back
 * (texts, recommending States, tags) for show and export. New texts are queued in
 * temp.fts_pending and indexed in one statement per language at commit; a text that is
 * replaced is taken out of its index here, while its old words are still known. Every change
 * to rec_text must go through these functions. An import run's transaction is in bulk mode
 * (see bulk_enter).
 */
#include "store/sqlite_internal.h"
#include "store/store_pool.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/rec_hash.h"

static const char *const lang_codes[STORE_LANG_COUNT] = {"en", "fr", "es"};
static const char *const origin_names[] = {"source", "human", "machine"};

static int step_done(struct sqlite_store *st, sqlite3_stmt *s, struct err *err, const char *doing)
{
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc == SQLITE_DONE)
        return 0;
    return sqlite_fail(st, err, doing);
}

static int exec_sql(struct sqlite_store *st, const char *sql, struct err *err, const char *doing)
{
    return sqlite3_exec(st->db, sql, NULL, NULL, NULL) == SQLITE_OK ? 0
                                                                    : sqlite_fail(st, err, doing);
}

/* Drops the secondary indexes of the tables a put writes, keeping their CREATE statements (read
 * from the schema, so they stay what the migrations made) for sqlite_bulk_end. Unique indexes
 * stay: the put looks records up by id. */
static int drop_indexes(struct sqlite_store *st, struct err *err)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(st->db,
                           "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS "
                           "NOT NULL AND tbl_name IN ('recommendation', 'rec_text', 'rec_state', "
                           "'rec_tag')",
                           -1, &s, NULL) != SQLITE_OK)
        return sqlite_fail(st, err, "reading the schema");
    struct buf drop = BUF_INIT;
    int rc;
    buf_reset(&st->bulk_indexes);
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        buf_printf(&st->bulk_indexes, "%s;\n", (const char *)sqlite3_column_text(s, 1));
        char *name = sqlite3_mprintf("DROP INDEX \"%w\";\n", sqlite3_column_text(s, 0));
        if (name)
            buf_puts(&drop, name);
        else
            drop.oom = 1;
        sqlite3_free(name);
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE)
        rc = sqlite_fail(st, err, "reading the schema");
    else if (drop.oom || st->bulk_indexes.oom)
        rc = err_set(err, ERR_NOMEM, "out of memory");
    else
        rc = drop.len ? exec_sql(st, buf_str(&drop), err, "preparing a bulk load") : 0;
    buf_free(&drop);
    if (rc)
        buf_reset(&st->bulk_indexes);
    return rc;
}

/* The time new records get as created_at, UTC ISO-8601. */
static int put_time_set(struct sqlite_store *st, struct err *err)
{
    time_t now = time(NULL);
    struct tm tm;
    if (!gmtime_r(&now, &tm) ||
        !strftime(st->put_time, sizeof st->put_time, "%Y-%m-%dT%H:%M:%SZ", &tm))
        return err_set(err, ERR_STORE, "cannot read the clock");
    return 0;
}

/* Bulk mode, from store_begin_import to the commit or rollback (sqlite_bulk_end):
 * - CHECK constraints are left out of the statements: SQLite (3.40) builds a temporary b-tree
 *   for every row checked against an IN list of 3 values (lang, origin, response), a fifth of
 *   the CPU of an import. rec_valid checks the same rules in C before anything is written; the
 *   only other write of an import's transaction is its audit event (no CHECK there).
 * - when no recommendation is stored yet (a first import), the secondary indexes of the tables
 *   a put writes are dropped and built again at commit, by sorting, cheaper than keeping them
 *   up to date row by row; the put reads none of them. A rollback brings them back unchanged.
 * The pragma expires the cached statements; they are prepared again on first use. */
static int bulk_enter(struct sqlite_store *st, struct err *err)
{
    int rc = exec_sql(st, "PRAGMA ignore_check_constraints = ON", err, "starting an import");
    if (rc)
        return rc;
    st->bulk = 1;
    /* One created_at for the whole run: formatting the time for every row is 3% of an import. */
    if ((rc = put_time_set(st, err)))
        return rc;
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(st->db, "SELECT EXISTS (SELECT 1 FROM recommendation)", -1, &s, NULL) !=
        SQLITE_OK)
        return sqlite_fail(st, err, "starting an import");
    rc = sqlite3_step(s);
    int empty = rc == SQLITE_ROW && sqlite3_column_int(s, 0) == 0;
    sqlite3_finalize(s);
    if (rc != SQLITE_ROW)
        return sqlite_fail(st, err, "starting an import");
    st->bulk_fresh = empty;
    return empty ? drop_indexes(st, err) : 0;
}

int sqlite_begin_import(struct sqlite_store *st, struct err *err)
{
    int rc = sqlite_begin(st, err);
    if (!rc && (rc = bulk_enter(st, err)))
        sqlite_rollback(st);
    return rc;
}

int sqlite_bulk_end(struct sqlite_store *st, int commit, struct err *err)
{
    if (!st->bulk)
        return 0;
    int rc = 0;
    if (commit && st->bulk_indexes.len)
        rc = exec_sql(st, buf_str(&st->bulk_indexes), err, "building the indexes again");
    if (rc)
        return rc; /* the caller rolls back, which ends the bulk mode */
    buf_reset(&st->bulk_indexes);
    st->bulk = st->bulk_fresh = 0;
    sqlite3_exec(st->db, "PRAGMA ignore_check_constraints = OFF", NULL, NULL, NULL);
    return 0;
}

/* The CHECK constraints of the schema on what a put writes, in C (see bulk_enter). */
static int rec_valid(const struct store_rec *r, struct err *err)
{
    static const char *const responses[] = {"supported", "noted", "partially_supported"};
    if (r->kind && strcmp(r->kind, "recommendation") && strcmp(r->kind, "pledge"))
        return err_set(err, ERR_INPUT, "%s: kind \"%s\", expected recommendation or pledge", r->id,
                       r->kind);
    int known = !r->response;
    for (size_t i = 0; i < sizeof responses / sizeof responses[0] && !known; i++)
        known = !strcmp(r->response, responses[i]);
    if (!known)
        return err_set(err, ERR_INPUT,
                       "%s: response \"%s\", expected supported, noted or partially_supported",
                       r->id, r->response);
    if (r->action_category < 0 || r->action_category > 5)
        return err_set(err, ERR_INPUT, "%s: action category %d, expected 0 to 5", r->id,
                       r->action_category);
    for (size_t i = 0; i < r->ntags; i++)
        if ((unsigned)r->tags[i].origin >= sizeof origin_names / sizeof origin_names[0])
            return err_set(err, ERR_INPUT, "%s: tag origin %d, expected source, human or machine",
                           r->id, (int)r->tags[i].origin);
    return 0;
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
static int fts_forget(struct sqlite_store *st, sqlite3_int64 rid, struct err *err)
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
static int delete_children(struct sqlite_store *st, sqlite3_int64 rid, struct err *err)
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

static int insert_children(struct sqlite_store *st, sqlite3_int64 rid, const struct store_rec *r,
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

static int rec_put(struct sqlite_store *st, const struct store_rec *r,
                   enum store_put_outcome *outcome, struct err *err);

/* Into a table that was empty when the transaction began a record is almost always new: the
 * insert comes first and the unique id catches a repeat. 0 inserted, 1 a repeat (the caller
 * looks it up), negative on error. */
static int insert_first(struct sqlite_store *st, const struct store_rec *r, const char *hash,
                        enum store_put_outcome *outcome, struct err *err)
{
    sqlite3_stmt *s = sqlite_stmt(st, SQL_REC_INSERT, err);
    if (!s)
        return ERR_STORE;
    bind_rec(s, r, hash);
    sqlite_bind_text(s, 18, st->put_time);
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc == SQLITE_CONSTRAINT_UNIQUE)
        return 1;
    if (rc != SQLITE_DONE)
        return sqlite_fail(st, err, "storing a recommendation");
    if ((rc = insert_children(st, sqlite3_last_insert_rowid(st->db), r, err)))
        return rc;
    *outcome = STORE_PUT_INSERTED;
    return 0;
}

int sqlite_rec_put(struct sqlite_store *st, const struct store_rec *r,
                   enum store_put_outcome *outcome, struct err *err)
{
    if (!sqlite3_get_autocommit(st->db))
        return rec_put(st, r, outcome, err);
    /* Outside a transaction: make one, so the text is indexed when the put returns. */
    int rc = sqlite_begin(st, err);
    if (!rc && (rc = rec_put(st, r, outcome, err)) == 0)
        rc = sqlite_commit(st, err);
    if (rc)
        sqlite_rollback(st);
    return rc;
}

static int rec_put(struct sqlite_store *st, const struct store_rec *r,
                   enum store_put_outcome *outcome, struct err *err)
{
    int rc = rec_valid(r, err);
    if (rc || (!st->bulk && (rc = put_time_set(st, err))))
        return rc;
    char hash[17];
    store_rec_hash(r, hash);
    if (st->bulk_fresh && (rc = insert_first(st, r, hash, outcome, err)) <= 0) {
        st->recs_changed |= rc == 0;
        return rc;
    }
    sqlite3_stmt *s = sqlite_stmt(st, SQL_REC_HASH, err);
    if (!s)
        return ERR_STORE;
    sqlite_bind_text(s, 1, r->id);
    rc = sqlite3_step(s);
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
    if (!exists)
        sqlite_bind_text(s, 18, st->put_time);
    if ((rc = step_done(st, s, err, "storing a recommendation")))
        return rc;
    if (!exists)
        rid = sqlite3_last_insert_rowid(st->db);
    if (exists && (rc = delete_children(st, rid, err)))
        return rc;
    if ((rc = insert_children(st, rid, r, err)))
        return rc;
    *outcome = exists ? STORE_PUT_UPDATED : STORE_PUT_INSERTED;
    st->recs_changed = 1;
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

static int load_children(struct sqlite_store *st, sqlite3_int64 rid, struct store_rec *r,
                         struct err *err)
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

int sqlite_rec_get(struct sqlite_store *st, const char *id, store_rec_cb cb, void *ctx,
                   struct err *err)
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
    store_rec_free_copy(&r);
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

int sqlite_rec_each(struct sqlite_store *st, const struct store_filter *f, store_rec_cb cb,
                    void *ctx, struct err *err)
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
        rc = sqlite_rec_get(st, ids[i], cb, ctx, err);
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

int sqlite_rec_page(struct sqlite_store *st, const struct store_filter *f, int limit, int offset,
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
            rc = sqlite_rec_get(st, ids[i], cb, ctx, err);
        free(ids[i]);
    }
    return rc;
}
