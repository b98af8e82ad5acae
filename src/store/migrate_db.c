/*
 * migrate_db.c — store_migrate: moves a SQLite database into a PostgreSQL schema, table by
 * table, column by column, in one PostgreSQL transaction (COPY), then checks that every table
 * holds as many rows as the source. Both backends keep the same tables and columns (the
 * PostgreSQL migrations mirror the SQLite ones); only SQLite's own structures (FTS5 indexes and
 * their shadow tables) stay behind: PostgreSQL indexes the texts itself.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/postgres_internal.h"
#include "store/sqlite_internal.h"

/* Tables never copied: bookkeeping that each backend keeps its own way. */
static int skipped_table(const char *name)
{
    return !strncmp(name, "sqlite_", 7) || !strcmp(name, "rec_version");
}

/* Appends one value in COPY's text format. */
static int put_value(struct buf *b, sqlite3_stmt *s, int i)
{
    switch (sqlite3_column_type(s, i)) {
    case SQLITE_NULL:
        return buf_puts(b, "\\N");
    case SQLITE_INTEGER:
        return buf_printf(b, "%lld", (long long)sqlite3_column_int64(s, i));
    case SQLITE_FLOAT:
        return buf_printf(b, "%.17g", sqlite3_column_double(s, i));
    case SQLITE_BLOB: {
        const unsigned char *p = sqlite3_column_blob(s, i);
        int n = sqlite3_column_bytes(s, i);
        static const char hex[] = "0123456789abcdef";
        buf_puts(b, "\\\\x");
        for (int k = 0; k < n; k++) {
            buf_putc(b, hex[p[k] >> 4]);
            buf_putc(b, hex[p[k] & 15]);
        }
        return 0;
    }
    default: {
        const char *t = (const char *)sqlite3_column_text(s, i);
        for (; t && *t; t++) {
            switch (*t) {
            case '\\':
                buf_puts(b, "\\\\");
                break;
            case '\t':
                buf_puts(b, "\\t");
                break;
            case '\n':
                buf_puts(b, "\\n");
                break;
            case '\r':
                buf_puts(b, "\\r");
                break;
            default:
                buf_putc(b, *t);
            }
        }
        return 0;
    }
    }
}

/* Copies the rows of one table; *rows receives how many. */
static int copy_table(sqlite3 *db, struct pg_store *pg, const char *table, long long *rows,
                      struct err *err)
{
    struct buf sql = BUF_INIT, copy = BUF_INIT, line = BUF_INIT;
    sqlite3_stmt *s = NULL;
    int rc = 0;
    buf_printf(&sql, "SELECT * FROM \"%s\"", table);
    if (sqlite3_prepare_v2(db, buf_str(&sql), -1, &s, NULL) != SQLITE_OK) {
        rc = err_set(err, ERR_STORE, "%s: %s", table, sqlite3_errmsg(db));
        goto done;
    }
    int ncol = sqlite3_column_count(s);
    buf_printf(&copy, "COPY \"%s\" (", table);
    for (int i = 0; i < ncol; i++)
        buf_printf(&copy, "%s\"%s\"", i ? ", " : "", sqlite3_column_name(s, i));
    buf_puts(&copy, ") FROM STDIN");
    PGresult *r = PQexec(pg->conn, buf_str(&copy));
    if (PQresultStatus(r) != PGRES_COPY_IN) {
        rc = pg_error(pg, r, err, table);
        PQclear(r);
        goto done;
    }
    PQclear(r);
    *rows = 0;
    int step;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        buf_reset(&line);
        for (int i = 0; i < ncol; i++) {
            if (i)
                buf_putc(&line, '\t');
            put_value(&line, s, i);
        }
        buf_putc(&line, '\n');
        if (line.oom) {
            PQputCopyEnd(pg->conn, "out of memory");
            rc = err_set(err, ERR_NOMEM, "%s: out of memory", table);
            break;
        }
        if (PQputCopyData(pg->conn, buf_str(&line), (int)line.len) != 1) {
            rc = pg_error(pg, NULL, err, table);
            break;
        }
        ++*rows;
    }
    if (!rc && step != SQLITE_DONE) {
        PQputCopyEnd(pg->conn, "source read failed");
        rc = err_set(err, ERR_STORE, "%s: %s", table, sqlite3_errmsg(db));
    }
    if (!rc && PQputCopyEnd(pg->conn, NULL) != 1)
        rc = pg_error(pg, NULL, err, table);
    while ((r = PQgetResult(pg->conn))) {
        if (!rc && PQresultStatus(r) != PGRES_COMMAND_OK)
            rc = pg_error(pg, r, err, table);
        PQclear(r);
    }
done:
    sqlite3_finalize(s);
    buf_free(&sql);
    buf_free(&copy);
    buf_free(&line);
    return rc;
}

/* Identity columns continue after the largest id copied. */
static const char reset_identities_sql[] =
    "DO $$ DECLARE c record; BEGIN "
    "FOR c IN SELECT table_name, column_name FROM information_schema.columns "
    "WHERE table_schema = current_schema() AND is_identity = 'YES' LOOP "
    "EXECUTE format('SELECT setval(pg_get_serial_sequence(%L, %L), "
    "coalesce((SELECT max(%I) FROM %I), 0) + 1, false)', "
    "c.table_name, c.column_name, c.column_name, c.table_name); "
    "END LOOP; END $$";

static long long pg_count(struct pg_store *pg, const char *table, struct err *err)
{
    char sql[160];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM \"%s\"", table);
    PGresult *r = PQexec(pg->conn, sql);
    long long n = PQresultStatus(r) == PGRES_TUPLES_OK ? pg_int(r, 0, 0) : -1;
    if (n < 0)
        pg_error(pg, r, err, table);
    PQclear(r);
    return n;
}

/* Whether the target already holds a State's data. */
static int target_has_data(struct pg_store *pg, struct err *err)
{
    static const char *const tables[] = {"recommendation", "account", "institution"};
    for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
        long long n = pg_count(pg, tables[i], err);
        if (n != 0)
            return n < 0 ? -1 : 1;
    }
    return 0;
}

static int copy_all(struct sqlite_store *lite, struct pg_store *pg, int flags,
                    store_migrate_progress_cb progress, void *ctx, struct store_migrate_info *info,
                    struct err *err)
{
    sqlite3_stmt *list;
    if (sqlite3_prepare_v2(lite->db,
                           "SELECT m.name FROM sqlite_master m JOIN pragma_table_list t "
                           "ON t.name = m.name AND t.schema = 'main' "
                           "WHERE m.type = 'table' AND t.type = 'table' ORDER BY m.rowid",
                           -1, &list, NULL) != SQLITE_OK)
        return err_set(err, ERR_STORE, "listing tables: %s", sqlite3_errmsg(lite->db));
    /* Tables arrive in the order they were created; a reference added later (account ->
     * organisation, step 5) is deferrable and checked at commit. */
    int rc = pg_script(pg, "BEGIN; SET CONSTRAINTS ALL DEFERRED", err, "starting the copy");
    if (!rc) {
        int has = target_has_data(pg, err);
        if (has < 0)
            rc = err->code;
        else if (has && !(flags & STORE_MIGRATE_REPLACE))
            rc = err_set(err, ERR_USAGE,
                         "the target already holds data (recommendations or accounts): "
                         "give --replace to replace it");
    }
    /* Empty the target (the migrations' own rows included): the copy brings the source's. */
    if (!rc)
        rc = pg_script(pg,
                       "DO $$ DECLARE t record; BEGIN FOR t IN SELECT tablename FROM pg_tables "
                       "WHERE schemaname = current_schema() AND tablename <> 'suivi_schema' "
                       "LOOP EXECUTE format('TRUNCATE %I CASCADE', t.tablename); END LOOP; "
                       "END $$",
                       err, "emptying the target");
    while (!rc && sqlite3_step(list) == SQLITE_ROW) {
        const char *table = (const char *)sqlite3_column_text(list, 0);
        if (skipped_table(table))
            continue;
        long long rows = 0;
        if ((rc = copy_table(lite->db, pg, table, &rows, err)))
            break;
        long long there = pg_count(pg, table, err);
        if (there < 0) {
            rc = err->code;
            break;
        }
        if (there != rows) {
            rc = err_set(err, ERR_STORE, "%s: %lld rows read, %lld in the target", table, rows,
                         there);
            break;
        }
        if (info) {
            info->tables++;
            info->rows += rows;
        }
        if (progress)
            progress(ctx, table, rows);
    }
    sqlite3_finalize(list);
    if (!rc)
        rc = pg_script(pg, reset_identities_sql, err, "continuing identities");
    if (!rc)
        rc = pg_script(pg, "COMMIT", err, "committing the copy");
    if (rc)
        PQclear(PQexec(pg->conn, "ROLLBACK"));
    else
        PQclear(PQexec(pg->conn, "SELECT nextval('suivi_data_version'), "
                                 "nextval('suivi_rec_version')"));
    return rc;
}

int store_migrate(const char *from, const char *to, int flags, store_migrate_progress_cb progress,
                  void *ctx, struct store_migrate_info *info, struct err *err)
{
    if (info)
        memset(info, 0, sizeof *info);
    if (!strncmp(from, "postgres", 8))
        return err_set(err, ERR_USAGE, "%s: the source must be a SQLite database file", from);
    if (strncmp(to, "postgresql://", 13) && strncmp(to, "postgres://", 11))
        return err_set(err, ERR_USAGE, "%s: the target must be a postgresql:// URL", to);
    struct store *src = NULL, *dst = NULL;
    int rc = store_open(from, 0, &src, err);
    if (rc)
        return rc;
    if (!(rc = store_open(to, STORE_CREATE, &dst, err))) {
        if (store_schema_version(src) != store_schema_version(dst))
            rc = err_set(err, ERR_VERSION, "schema versions differ: %d and %d",
                         store_schema_version(src), store_schema_version(dst));
        else
            rc = copy_all((struct sqlite_store *)src, (struct pg_store *)dst, flags, progress, ctx,
                          info, err);
        if (!rc)
            rc = store_check(dst, err);
    }
    store_close(dst);
    store_close(src);
    return rc;
}
