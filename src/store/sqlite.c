/*
 * sqlite.c — the SQLite backend of store.h: opening (WAL, foreign keys), forward-only migrations
 * from the SQL compiled into the binary, transactions, the statement cache, and taxonomies
 * (terms, aliases, countries). Recommendations are in sqlite_rec.c, search and counts in
 * sqlite_search.c, the FTS5 tokenizer in sqlite_fts.c.
 */
#include "store/sqlite_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/migrations.h"
#include "text/key.h"

int sqlite_fail(struct sqlite_store *st, struct err *err, const char *doing)
{
    return err_set(err, ERR_STORE, "%s: %s", doing,
                   st && st->db ? sqlite3_errmsg(st->db) : "no database");
}

int sqlite_bind_text(sqlite3_stmt *s, int i, const char *v)
{
    return v ? sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC) : sqlite3_bind_null(s, i);
}

sqlite3_stmt *sqlite_stmt(struct sqlite_store *st, enum stmt_id id, struct err *err)
{
    sqlite3_stmt *s = st->stmt[id];
    if (s) {
        sqlite3_reset(s);
        sqlite3_clear_bindings(s);
        return s;
    }
    struct buf sql = BUF_INIT;
    if (sqlite_sql_for(id, &sql) || sql.oom) {
        buf_free(&sql);
        err_set(err, ERR_NOMEM, "preparing statement %d: out of memory", (int)id);
        return NULL;
    }
    int rc = sqlite3_prepare_v3(st->db, buf_str(&sql), -1, SQLITE_PREPARE_PERSISTENT, &s, NULL);
    buf_free(&sql);
    if (rc != SQLITE_OK) {
        sqlite_fail(st, err, "preparing a statement");
        return NULL;
    }
    st->stmt[id] = s;
    return s;
}

int store_schema_latest(void)
{
    return store_migrations[store_migration_count - 1].version;
}

int sqlite_schema_version(struct sqlite_store *st)
{
    return st->schema_version;
}

static int exec(struct sqlite_store *st, const char *sql, struct err *err, const char *doing)
{
    char *msg = NULL;
    if (sqlite3_exec(st->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        err_set(err, ERR_STORE, "%s: %s", doing, msg ? msg : sqlite3_errmsg(st->db));
        sqlite3_free(msg);
        return ERR_STORE;
    }
    return 0;
}

static int read_user_version(struct sqlite_store *st, int *version, struct err *err)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &s, NULL) != SQLITE_OK)
        return sqlite_fail(st, err, "reading the schema version");
    *version = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int(s, 0) : 0;
    sqlite3_finalize(s);
    return 0;
}

/* Applies every migration newer than the database's version, all in one transaction. */
static int migrate(struct sqlite_store *st, struct err *err)
{
    int version = 0, rc;
    if ((rc = read_user_version(st, &version, err)))
        return rc;
    int latest = store_schema_latest();
    if (version > latest)
        return err_set(err, ERR_VERSION,
                       "database schema version %d is newer than this suivi knows (%d): "
                       "use a newer suivi",
                       version, latest);
    if (version == latest) {
        st->schema_version = version;
        return 0;
    }
    if (st->readonly)
        return err_set(err, ERR_VERSION,
                       "database schema version %d needs migrating to %d; open it read-write",
                       version, latest);
    if ((rc = exec(st, "BEGIN IMMEDIATE", err, "starting migration")))
        return rc;
    for (int i = 0; i < store_migration_count; i++) {
        const struct migration *m = &store_migrations[i];
        if (m->version <= version)
            continue;
        if ((rc = exec(st, m->sql, err, m->name)))
            goto fail;
        char pragma[48];
        snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", m->version);
        if ((rc = exec(st, pragma, err, m->name)))
            goto fail;
    }
    if ((rc = exec(st, "COMMIT", err, "committing migration")))
        goto fail;
    st->schema_version = latest;
    return 0;
fail:
    sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
    return rc;
}

int sqlite_open(const char *url, int flags, struct store **out, struct err *err)
{
    *out = NULL;
    if (!strncmp(url, "sqlite:", 7))
        url += 7;
    struct sqlite_store *st = calloc(1, sizeof *st);
    if (!st)
        return err_set(err, ERR_NOMEM, "out of memory");
    st->base.ops = &sqlite_ops;
    st->readonly = !!(flags & STORE_READONLY);
    int oflags = st->readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
    if (flags & STORE_CREATE)
        oflags |= SQLITE_OPEN_CREATE;
    int rc;
    if (sqlite3_open_v2(url, &st->db, oflags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
        rc = err_set(err, ERR_IO, "%s: cannot open database: %s", url,
                     st->db ? sqlite3_errmsg(st->db) : "out of memory");
        goto fail;
    }
    sqlite3_extended_result_codes(st->db, 1);
    sqlite3_busy_timeout(st->db, 5000);
    if ((rc = sqlite_fts_register(st->db, err)))
        goto fail;
    /* A file that is not a database fails on the first read, here. */
    if ((rc = exec(st, "PRAGMA foreign_keys = ON", err, url)))
        goto fail;
    if (!st->readonly &&
        (rc = exec(
             st,
             "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -65536",
             err, url)))
        goto fail;
    if ((rc = migrate(st, err))) {
        err_prefix(err, "%s", url);
        goto fail;
    }
    /* Texts stored but not yet in the full-text index (see sqlite_rec.c). */
    if (!st->readonly &&
        (rc = exec(st, "CREATE TEMP TABLE fts_pending(trow INTEGER PRIMARY KEY)", err, url)))
        goto fail;
    *out = &st->base;
    return 0;
fail:
    sqlite_close(st);
    return rc;
}

void sqlite_close(struct sqlite_store *st)
{
    if (!st)
        return;
    for (int i = 0; i < SQL_STMT_COUNT; i++)
        sqlite3_finalize(st->stmt[i]);
    sqlite3_finalize(st->version_stmt);
    sqlite3_finalize(st->rec_version_stmt);
    sqlite3_close(st->db);
    buf_free(&st->scratch);
    buf_free(&st->bulk_indexes);
    free(st);
}

uint64_t sqlite_data_version(struct sqlite_store *st)
{
    /* PRAGMA data_version moves with other connections' commits, total_changes with ours. */
    sqlite3_stmt *s = st->version_stmt;
    if (!s && sqlite3_prepare_v3(st->db, "PRAGMA data_version", -1, SQLITE_PREPARE_PERSISTENT,
                                 &st->version_stmt, NULL) != SQLITE_OK)
        return 0;
    s = st->version_stmt;
    uint64_t v = sqlite3_step(s) == SQLITE_ROW ? (uint64_t)sqlite3_column_int64(s, 0) : 0;
    sqlite3_reset(s);
    return v << 32 ^ (uint64_t)sqlite3_total_changes64(st->db);
}

int sqlite_check(struct sqlite_store *st, struct err *err)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(st->db, "PRAGMA integrity_check", -1, &s, NULL) != SQLITE_OK)
        return sqlite_fail(st, err, "checking integrity");
    int rc = sqlite3_step(s);
    const char *verdict = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(s, 0) : NULL;
    if (!verdict || strcmp(verdict, "ok")) {
        err_set(err, ERR_STORE, "integrity check: %s", verdict ? verdict : sqlite3_errmsg(st->db));
        sqlite3_finalize(s);
        return ERR_STORE;
    }
    sqlite3_finalize(s);
    /* rank 0: the structure of each index. rank 1 (compare with rec_text too) reports our
     * indexes as corrupt on SQLite 3.40 even right after a fresh import whose searches all
     * agree with rec_text; not understood yet, so not used (see the closing note of step 1). */
    static const char *const fts[] = {
        "INSERT INTO fts_en(fts_en, rank) VALUES ('integrity-check', 0)",
        "INSERT INTO fts_fr(fts_fr, rank) VALUES ('integrity-check', 0)",
        "INSERT INTO fts_es(fts_es, rank) VALUES ('integrity-check', 0)",
    };
    for (size_t i = 0; i < sizeof fts / sizeof fts[0]; i++)
        if ((rc = exec(st, fts[i], err, "full-text index check")))
            return rc;
    return 0;
}

int sqlite_read_begin(struct sqlite_store *st, int *began, struct err *err)
{
    *began = 0;
    if (!sqlite3_get_autocommit(st->db))
        return 0;
    int rc = exec(st, "BEGIN", err, "starting a read");
    *began = rc == 0;
    return rc;
}

void sqlite_read_end(struct sqlite_store *st, int began)
{
    if (began)
        sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL);
}

int sqlite_begin(struct sqlite_store *st, struct err *err)
{
    return exec(st, "BEGIN IMMEDIATE", err, "starting a transaction");
}

int sqlite_commit(struct sqlite_store *st, struct err *err)
{
    int rc = sqlite_bulk_end(st, 1, err);
    if (!rc)
        rc = sqlite_fts_flush(st, err);
    if (!rc && st->recs_changed)
        rc = exec(st, "UPDATE rec_version SET n = n + 1", err, "noting changed recommendations");
    if (!rc && !(rc = exec(st, "COMMIT", err, "committing")))
        st->recs_changed = 0;
    return rc;
}

uint64_t sqlite_rec_version(struct sqlite_store *st)
{
    if (!st->rec_version_stmt &&
        sqlite3_prepare_v3(st->db, "SELECT n FROM rec_version", -1, SQLITE_PREPARE_PERSISTENT,
                           &st->rec_version_stmt, NULL) != SQLITE_OK)
        return 0;
    sqlite3_stmt *s = st->rec_version_stmt;
    uint64_t n = sqlite3_step(s) == SQLITE_ROW ? (uint64_t)sqlite3_column_int64(s, 0) : 0;
    sqlite3_reset(s);
    return n;
}

int sqlite_fts_flush(struct sqlite_store *st, struct err *err)
{
    if (st->readonly)
        return 0;
    return exec(st,
                "INSERT INTO fts_en(rowid, text) SELECT t.rowid, t.text FROM temp.fts_pending p"
                " JOIN rec_text t ON t.rowid = p.trow WHERE t.lang = 'en';"
                "INSERT INTO fts_fr(rowid, text) SELECT t.rowid, t.text FROM temp.fts_pending p"
                " JOIN rec_text t ON t.rowid = p.trow WHERE t.lang = 'fr';"
                "INSERT INTO fts_es(rowid, text) SELECT t.rowid, t.text FROM temp.fts_pending p"
                " JOIN rec_text t ON t.rowid = p.trow WHERE t.lang = 'es';"
                "DELETE FROM temp.fts_pending",
                err, "indexing new texts");
}

void sqlite_rollback(struct sqlite_store *st)
{
    if (!sqlite3_get_autocommit(st->db))
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
    st->recs_changed = 0;
    sqlite_bulk_end(st, 0, NULL);
}

/* Runs a statement that returns no rows. */
static int step_done(struct sqlite_store *st, sqlite3_stmt *s, struct err *err, const char *doing)
{
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? 0 : sqlite_fail(st, err, doing);
}

int sqlite_alias_put(struct sqlite_store *st, const char *vocab, const char *name, const char *code,
                     struct err *err)
{
    buf_reset(&st->scratch);
    if (text_name_key(name, &st->scratch))
        return err_set(err, ERR_INPUT, "%s name \"%s\" is not valid UTF-8", vocab, name);
    if (!st->scratch.len)
        return 0;
    sqlite3_stmt *s = sqlite_stmt(st, SQL_ALIAS_PUT, err);
    if (!s)
        return ERR_STORE;
    sqlite_bind_text(s, 1, vocab);
    sqlite_bind_text(s, 2, buf_str(&st->scratch));
    sqlite_bind_text(s, 3, code);
    return step_done(st, s, err, "storing a name");
}

int sqlite_term_put(struct sqlite_store *st, const struct store_term *t, struct err *err)
{
    sqlite3_stmt *s = sqlite_stmt(st, SQL_TERM_PUT, err);
    if (!s)
        return ERR_STORE;
    sqlite_bind_text(s, 1, t->vocab);
    sqlite_bind_text(s, 2, t->code);
    sqlite_bind_text(s, 3, t->parent);
    for (int i = 0; i < STORE_LANG_COUNT; i++)
        sqlite_bind_text(s, 4 + i, t->label[i]);
    int rc = step_done(st, s, err, "storing a term");
    for (int i = 0; i < STORE_LANG_COUNT && !rc; i++)
        if (t->label[i])
            rc = sqlite_alias_put(st, t->vocab, t->label[i], t->code, err);
    if (!rc)
        rc = sqlite_alias_put(st, t->vocab, t->code, t->code, err);
    return rc;
}

/* Looks name up in the alias table of vocab; 1 found, 0 not, negative on error. */
static int alias_find(struct sqlite_store *st, const char *vocab, const char *name, char *out,
                      size_t size, struct err *err)
{
    buf_reset(&st->scratch);
    if (text_name_key(name, &st->scratch))
        return 0;
    sqlite3_stmt *s = sqlite_stmt(st, SQL_ALIAS_FIND, err);
    if (!s)
        return ERR_STORE;
    sqlite_bind_text(s, 1, vocab);
    sqlite_bind_text(s, 2, buf_str(&st->scratch));
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        snprintf(out, size, "%s", (const char *)sqlite3_column_text(s, 0));
        sqlite3_reset(s);
        return 1;
    }
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? 0 : sqlite_fail(st, err, "looking up a name");
}

int sqlite_term_find(struct sqlite_store *st, const char *vocab, const char *name, char *code_out,
                     size_t code_size, struct err *err)
{
    sqlite3_stmt *s = sqlite_stmt(st, SQL_TERM_FIND_CODE, err);
    if (!s)
        return ERR_STORE;
    sqlite_bind_text(s, 1, vocab);
    sqlite_bind_text(s, 2, name);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        snprintf(code_out, code_size, "%s", (const char *)sqlite3_column_text(s, 0));
        sqlite3_reset(s);
        return 1;
    }
    sqlite3_reset(s);
    if (rc != SQLITE_DONE)
        return sqlite_fail(st, err, "looking up a term");
    return alias_find(st, vocab, name, code_out, code_size, err);
}

int sqlite_country_put(struct sqlite_store *st, const struct store_country *c, struct err *err)
{
    sqlite3_stmt *s = sqlite_stmt(st, SQL_COUNTRY_PUT, err);
    if (!s)
        return ERR_STORE;
    const char *v[] = {c->iso3,
                       c->iso2,
                       c->m49,
                       c->name[0],
                       c->name[1],
                       c->name[2],
                       c->official[0],
                       c->official[1],
                       c->official[2],
                       c->regional_group,
                       c->status ? c->status : "member"};
    for (int i = 0; i < (int)(sizeof v / sizeof v[0]); i++)
        sqlite_bind_text(s, i + 1, v[i]);
    int rc = step_done(st, s, err, "storing a country");
    for (int i = 0; i < STORE_LANG_COUNT && !rc; i++) {
        if (c->name[i])
            rc = sqlite_alias_put(st, "country", c->name[i], c->iso3, err);
        if (!rc && c->official[i])
            rc = sqlite_alias_put(st, "country", c->official[i], c->iso3, err);
    }
    return rc;
}

int sqlite_country_find(struct sqlite_store *st, const char *name, char iso3_out[4],
                        struct err *err)
{
    sqlite3_stmt *s = sqlite_stmt(st, SQL_COUNTRY_FIND_CODE, err);
    if (!s)
        return ERR_STORE;
    sqlite_bind_text(s, 1, name);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        snprintf(iso3_out, 4, "%s", (const char *)sqlite3_column_text(s, 0));
        sqlite3_reset(s);
        return 1;
    }
    sqlite3_reset(s);
    if (rc != SQLITE_DONE)
        return sqlite_fail(st, err, "looking up a country");
    return alias_find(st, "country", name, iso3_out, 4, err);
}

int sqlite_count(struct sqlite_store *st, const char *entity, long *out, struct err *err)
{
    static const char *const tables[][2] = {
        {"recommendation", "SELECT count(*) FROM recommendation"},
        {"term", "SELECT count(*) FROM term"},
        {"country", "SELECT count(*) FROM country"},
        {"text", "SELECT count(*) FROM rec_text"},
        {"tag", "SELECT count(*) FROM rec_tag"},
    };
    for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
        if (strcmp(entity, tables[i][0]))
            continue;
        sqlite3_stmt *s;
        if (sqlite3_prepare_v2(st->db, tables[i][1], -1, &s, NULL) != SQLITE_OK)
            return sqlite_fail(st, err, "counting");
        *out = sqlite3_step(s) == SQLITE_ROW ? (long)sqlite3_column_int64(s, 0) : 0;
        sqlite3_finalize(s);
        return 0;
    }
    return err_set(err, ERR_USAGE, "unknown entity \"%s\"", entity);
}

static const char *text_or_null(sqlite3_stmt *s, int i)
{
    return (const char *)sqlite3_column_text(s, i);
}

int sqlite_term_each(struct sqlite_store *st, const char *vocab, store_term_cb cb, void *ctx,
                     struct err *err)
{
    sqlite3_stmt *s = sqlite_stmt(st, SQL_TERM_EACH, err);
    if (!s)
        return ERR_STORE;
    sqlite_bind_text(s, 1, vocab);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct store_term t = {vocab,
                               text_or_null(s, 0),
                               text_or_null(s, 1),
                               {text_or_null(s, 2), text_or_null(s, 3), text_or_null(s, 4)}};
        if ((rc = cb(ctx, &t)))
            break;
    }
    sqlite3_reset(s);
    if (rc == SQLITE_DONE)
        return 0;
    return rc > 0 ? sqlite_fail(st, err, "listing terms") : rc;
}

int sqlite_country_each(struct sqlite_store *st, store_country_cb cb, void *ctx, struct err *err)
{
    sqlite3_stmt *s = sqlite_stmt(st, SQL_COUNTRY_EACH, err);
    if (!s)
        return ERR_STORE;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct store_country c = {text_or_null(s, 0),
                                  text_or_null(s, 1),
                                  text_or_null(s, 2),
                                  {text_or_null(s, 3), text_or_null(s, 4), text_or_null(s, 5)},
                                  {text_or_null(s, 6), text_or_null(s, 7), text_or_null(s, 8)},
                                  text_or_null(s, 9),
                                  text_or_null(s, 10)};
        if ((rc = cb(ctx, &c)))
            break;
    }
    sqlite3_reset(s);
    if (rc == SQLITE_DONE)
        return 0;
    return rc > 0 ? sqlite_fail(st, err, "listing countries") : rc;
}
