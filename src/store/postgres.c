/*
 * postgres.c — the PostgreSQL backend of store.h (libpq): the connection and its tenant schema,
 * forward-only migrations from the SQL compiled into the binary (src/store/migrations/pg/),
 * transactions, running statements (prepared once per connection), parameters and results,
 * error mapping, and the version counters caches rely on. The other postgres_*.c files hold
 * the queries of each part of the interface, as the sqlite_*.c files do for SQLite.
 *
 * A URL is libpq's ("postgresql://user@host:port/db?sslmode=...") plus our own parameter
 * "schema=NAME": the schema holding one State's data (a tenant), "suivi" when absent. Every
 * statement runs with search_path set to it (then public, where extensions are), so tenants
 * share nothing but the server.
 */
#include "store/postgres_internal.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/migrations.h"

/* ---- statement cache: SQL text address -> prepared statement name ------------------------- */

enum { PG_CACHE_SIZE = 1024 }; /* power of two; more statements than this run unprepared */

struct pg_stmt_cache {
    const char *sql[PG_CACHE_SIZE];
    int count;
};

static int cache_slot(struct pg_stmt_cache *c, const char *sql, int *found)
{
    size_t h = (size_t)(uintptr_t)sql;
    h ^= h >> 17;
    h *= 0x9E3779B97F4A7C15u;
    for (size_t i = 0; i < PG_CACHE_SIZE; i++) {
        size_t k = (h + i) & (PG_CACHE_SIZE - 1);
        if (c->sql[k] == sql || !c->sql[k]) {
            *found = c->sql[k] == sql;
            return (int)k;
        }
    }
    return -1;
}

/* ---- parameters and results ---------------------------------------------------------------- */

void pg_params_init(struct pg_params *p)
{
    p->n = 0;
}

static int param_slot(struct pg_params *p)
{
    if (p->n >= PG_MAX_PARAMS)
        abort(); /* a statement with more parameters than PG_MAX_PARAMS: a programming error */
    int i = p->n++;
    p->len[i] = 0;
    p->format[i] = 0;
    return i;
}

void pg_param_text(struct pg_params *p, const char *v)
{
    int i = param_slot(p);
    p->v[i] = v;
}

void pg_param_int(struct pg_params *p, long long v)
{
    int i = param_slot(p);
    snprintf(p->num[i], sizeof p->num[i], "%lld", v);
    p->v[i] = p->num[i];
}

void pg_param_int_or_null(struct pg_params *p, long long v, int is_null)
{
    if (is_null)
        pg_param_text(p, NULL);
    else
        pg_param_int(p, v);
}

void pg_param_double(struct pg_params *p, double v)
{
    int i = param_slot(p);
    snprintf(p->num[i], sizeof p->num[i], "%.17g", v);
    p->v[i] = p->num[i];
}

void pg_param_blob(struct pg_params *p, const void *data, size_t size)
{
    int i = param_slot(p);
    p->v[i] = data ? data : "";
    p->len[i] = (int)size;
    p->format[i] = 1;
}

void pg_param_filter(struct pg_params *p, const struct store_filter *f)
{
    pg_param_text(p, f->country);
    pg_param_text(p, f->body);
    pg_param_text(p, f->response);
    pg_param_text(p, f->kind);
    pg_param_text(p, f->theme);
    pg_param_text(p, f->sdg);
}

const char *pg_text(const PGresult *r, int row, int col)
{
    return PQgetisnull(r, row, col) ? NULL : PQgetvalue(r, row, col);
}

int pg_is_null(const PGresult *r, int row, int col)
{
    return PQgetisnull(r, row, col);
}

long long pg_int(const PGresult *r, int row, int col)
{
    const char *v = pg_text(r, row, col);
    if (!v)
        return 0;
    if (v[0] == 't' && !v[1])
        return 1;
    if (v[0] == 'f' && !v[1])
        return 0;
    return strtoll(v, NULL, 10);
}

double pg_double(const PGresult *r, int row, int col)
{
    const char *v = pg_text(r, row, col);
    return v ? strtod(v, NULL) : 0.0;
}

const char *pg_sqlstate(const PGresult *res)
{
    const char *s = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    return s ? s : "";
}

int pg_error(struct pg_store *st, const PGresult *res, struct err *err, const char *doing)
{
    const char *state = pg_sqlstate(res);
    if (st) {
        const char *con = res ? PQresultErrorField(res, PG_DIAG_CONSTRAINT_NAME) : NULL;
        snprintf(st->sqlstate, sizeof st->sqlstate, "%s", state);
        snprintf(st->constraint, sizeof st->constraint, "%s", con ? con : "");
    }
    const char *msg = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
    if (!msg || !*msg)
        msg = st && st->conn ? PQerrorMessage(st->conn) : "no connection";
    int code = !strncmp(state, "23", 2) ? ERR_INPUT : ERR_STORE;
    char clean[512];
    snprintf(clean, sizeof clean, "%s", msg);
    size_t n = strlen(clean);
    while (n && (clean[n - 1] == '\n' || clean[n - 1] == ' '))
        clean[--n] = '\0';
    return err_set(err, code, "%s: %s", doing, clean);
}

/* ---- running statements -------------------------------------------------------------------- */

static int result_ok(const PGresult *res)
{
    ExecStatusType s = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
    return s == PGRES_TUPLES_OK || s == PGRES_COMMAND_OK;
}

/* After a write outside any transaction (autocommit), moves the data version once more now
 * that the write is visible (see postgres_data_version). */
static void bump_after_commit(struct pg_store *st, int recs)
{
    PGresult *r = PQexec(st->conn, recs ? "SELECT nextval('suivi_data_version'), "
                                          "nextval('suivi_rec_version')"
                                        : "SELECT nextval('suivi_data_version')");
    PQclear(r);
}

static int is_write(const PGresult *res)
{
    const char *tag = PQcmdStatus((PGresult *)res);
    return !strncmp(tag, "INSERT", 6) || !strncmp(tag, "UPDATE", 6) || !strncmp(tag, "DELETE", 6) ||
           !strncmp(tag, "MERGE", 5);
}

static void reconnect_if_lost(struct pg_store *st);

PGresult *pg_run(struct pg_store *st, const char *sql, const struct pg_params *params,
                 struct err *err, const char *doing)
{
    reconnect_if_lost(st);
    int n = params ? params->n : 0;
    const char *const *v = params ? params->v : NULL;
    const int *len = params ? params->len : NULL, *fmt = params ? params->format : NULL;
    int found = 0, slot = cache_slot(st->cache, sql, &found);
    PGresult *res;
    if (slot < 0) {
        res = PQexecParams(st->conn, sql, n, NULL, v, len, fmt, 0);
    } else {
        char name[16];
        snprintf(name, sizeof name, "s%d", slot);
        if (!found) {
            PGresult *p = PQprepare(st->conn, name, sql, n, NULL);
            if (!result_ok(p)) {
                pg_error(st, p, err, doing);
                PQclear(p);
                return NULL;
            }
            PQclear(p);
            st->cache->sql[slot] = sql;
            st->cache->count++;
        }
        res = PQexecPrepared(st->conn, name, n, v, len, fmt, 0);
    }
    if (!result_ok(res)) {
        pg_error(st, res, err, doing);
        PQclear(res);
        return NULL;
    }
    st->sqlstate[0] = st->constraint[0] = '\0';
    if (!st->in_tx && is_write(res) && strcmp(PQcmdTuples(res), "0"))
        bump_after_commit(st, 0);
    else if (st->in_tx && is_write(res))
        st->wrote = 1;
    return res;
}

int pg_exec(struct pg_store *st, const char *sql, const struct pg_params *params, long *changed,
            struct err *err, const char *doing)
{
    PGresult *res = pg_run(st, sql, params, err, doing);
    if (!res)
        return err ? err->code : ERR_STORE;
    if (changed)
        *changed = strtol(PQcmdTuples(res), NULL, 10);
    PQclear(res);
    return 0;
}

int pg_script(struct pg_store *st, const char *sql, struct err *err, const char *doing)
{
    reconnect_if_lost(st);
    PGresult *res = PQexec(st->conn, sql);
    int rc = result_ok(res) ? 0 : pg_error(st, res, err, doing);
    PQclear(res);
    return rc;
}

PGresult *pg_run_guarded(struct pg_store *st, const char *sql, const struct pg_params *params,
                         struct err *err, const char *doing)
{
    if (!st->in_tx)
        return pg_run(st, sql, params, err, doing);
    if (pg_script(st, "SAVEPOINT suivi_guard", err, doing))
        return NULL;
    PGresult *res = pg_run(st, sql, params, err, doing);
    PQclear(PQexec(st->conn, res ? "RELEASE SAVEPOINT suivi_guard"
                                 : "ROLLBACK TO SAVEPOINT suivi_guard; "
                                   "RELEASE SAVEPOINT suivi_guard"));
    return res;
}

/* ---- URL, connection, schema --------------------------------------------------------------- */

static int valid_schema(const char *s)
{
    size_t n = strlen(s);
    if (!n || n > 63 || (s[0] >= '0' && s[0] <= '9'))
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
            return 0;
    return 1;
}

int pg_split_url(const char *url, char *conninfo, size_t size, char *schema_out, size_t schema_size,
                 struct err *err)
{
    snprintf(schema_out, schema_size, "suivi");
    char shown[512];
    store_url_shown(url, shown, sizeof shown);
    const char *q = strchr(url, '?');
    size_t base = q ? (size_t)(q - url) : strlen(url);
    struct buf out = BUF_INIT;
    buf_append(&out, url, base);
    char sep = '?';
    const char *p = q ? q + 1 : NULL;
    int named_app = 0;
    while (p && *p) {
        const char *amp = strchr(p, '&');
        size_t len = amp ? (size_t)(amp - p) : strlen(p);
        if (len >= 7 && !strncmp(p, "schema=", 7)) { /* "schema=" alone: refused below */
            if (len - 7 >= schema_size) {
                buf_free(&out);
                return err_set(err, ERR_USAGE, "%s: schema name too long", shown);
            }
            memcpy(schema_out, p + 7, len - 7);
            schema_out[len - 7] = '\0';
        } else if (len) {
            if (!strncmp(p, "application_name=", 17))
                named_app = 1;
            buf_append(&out, &sep, 1);
            buf_append(&out, p, len);
            sep = '&';
        }
        p = amp ? amp + 1 : NULL;
    }
    if (!named_app) {
        buf_append(&out, &sep, 1);
        buf_printf(&out, "application_name=suivi:%s", schema_out);
    }
    int rc = 0;
    if (!valid_schema(schema_out))
        rc = err_set(err, ERR_USAGE,
                     "%s: schema \"%s\": use lower-case letters, digits and _ (at most 63)", shown,
                     schema_out);
    else if (out.oom || out.len >= size)
        rc = err_set(err, ERR_USAGE, "%s: URL too long", shown);
    else
        memcpy(conninfo, buf_str(&out), out.len + 1);
    buf_free(&out);
    return rc;
}

PGconn *pg_connect_url(const char *url, char *conninfo, size_t size, char *schema,
                       size_t schema_size, struct err *err)
{
    if (pg_split_url(url, conninfo, size, schema, schema_size, err))
        return NULL;
    PGconn *c = PQconnectdb(conninfo);
    if (!c || PQstatus(c) != CONNECTION_OK) {
        char shown[512];
        store_url_shown(url, shown, sizeof shown);
        err_set(err, ERR_IO, "%s: cannot connect: %s", shown,
                c ? PQerrorMessage(c) : "out of memory");
        PQfinish(c);
        return NULL;
    }
    return c;
}

static void quiet_notices(void *arg, const char *message)
{
    (void)arg;
    (void)message;
}

/* ORDER BY, lower() and ILIKE must behave as SQLite's byte order and ASCII-only case rules. */
static int check_locale(struct pg_store *st, const char *url, struct err *err)
{
    PGresult *r = PQexec(st->conn, "SELECT datcollate, datctype FROM pg_database "
                                   "WHERE datname = current_database()");
    int rc = 0;
    if (!result_ok(r) || PQntuples(r) != 1) {
        rc = pg_error(st, r, err, url);
    } else {
        const char *coll = PQgetvalue(r, 0, 0), *ctype = PQgetvalue(r, 0, 1);
        if ((strcmp(coll, "C") && strcmp(coll, "POSIX")) ||
            (strcmp(ctype, "C") && strcmp(ctype, "POSIX")))
            rc = err_set(err, ERR_USAGE,
                         "%s: the database has locale %s/%s; suivi needs C (the same ordering "
                         "and case rules as SQLite). Create it with: createdb -E UTF8 "
                         "--locale=C -T template0 NAME",
                         url, coll, ctype);
    }
    PQclear(r);
    return rc;
}

/* ---- migrations ---------------------------------------------------------------------------- */

static const char bootstrap_sql[] =
    "CREATE TABLE IF NOT EXISTS suivi_schema (version integer NOT NULL);"
    "INSERT INTO suivi_schema SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM suivi_schema);"
    "CREATE SEQUENCE IF NOT EXISTS suivi_data_version;"
    "CREATE SEQUENCE IF NOT EXISTS suivi_rec_version;"
    "CREATE OR REPLACE FUNCTION suivi_touch() RETURNS trigger LANGUAGE plpgsql AS "
    "$$ BEGIN PERFORM nextval('suivi_data_version'); RETURN NULL; END $$;";

/* Every table gets a statement trigger moving the data version. (The recommendations' version
 * moves only once a transaction that changed recommendations has committed: see
 * pg_recs_changed; a sequence moved by a trigger would move for rolled-back changes too.) */
static const char triggers_sql[] =
    "DO $$ DECLARE t record; BEGIN "
    "FOR t IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
    "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') "
    "AND c.relname <> 'suivi_schema' AND NOT EXISTS (SELECT 1 FROM pg_trigger g "
    "WHERE g.tgrelid = c.oid AND g.tgname = 'suivi_touch') LOOP "
    "EXECUTE format('CREATE TRIGGER suivi_touch AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
    "ON %I FOR EACH STATEMENT EXECUTE FUNCTION suivi_touch()', t.relname); "
    "END LOOP; END $$";

static int read_version(struct pg_store *st, int *version, int *exists, struct err *err)
{
    *version = 0;
    *exists = 0;
    PGresult *r = PQexec(st->conn, "SELECT to_regclass('suivi_schema') IS NOT NULL");
    if (!result_ok(r)) {
        int rc = pg_error(st, r, err, "reading the schema version");
        PQclear(r);
        return rc;
    }
    *exists = PQgetvalue(r, 0, 0)[0] == 't';
    PQclear(r);
    if (!*exists)
        return 0;
    r = PQexec(st->conn, "SELECT max(version) FROM suivi_schema");
    if (!result_ok(r)) {
        int rc = pg_error(st, r, err, "reading the schema version");
        PQclear(r);
        return rc;
    }
    *version = atoi(PQgetvalue(r, 0, 0));
    PQclear(r);
    return 0;
}

static int migrate(struct pg_store *st, int create, const char *url, struct err *err)
{
    int version, exists, rc;
    if ((rc = read_version(st, &version, &exists, err)))
        return rc;
    if (!exists && !create)
        return err_set(err, ERR_USAGE, "%s: no such database; create it with: suivi --db %s init",
                       url, url);
    int latest = store_schema_latest();
    int pg_latest =
        store_pg_migration_count ? store_pg_migrations[store_pg_migration_count - 1].version : 0;
    if (version > latest)
        return err_set(err, ERR_VERSION,
                       "database schema version %d is newer than this suivi knows (%d): "
                       "use a newer suivi",
                       version, latest);
    if (pg_latest != latest)
        return err_set(err, ERR_VERSION,
                       "this build has PostgreSQL migrations up to version %d only, not %d",
                       pg_latest, latest);
    if (exists && version == latest) {
        st->schema_version = version;
        return 0;
    }
    if (st->readonly)
        return err_set(err, ERR_VERSION,
                       "database schema version %d needs migrating to %d; open it read-write",
                       version, latest);
    if ((rc = pg_script(st, "BEGIN", err, "starting migration")))
        return rc;
    /* One migrator per schema at a time; the version is read again under the lock. */
    if ((rc = pg_script(st, "SELECT pg_advisory_xact_lock(hashtext(current_schema()))", err,
                        "locking the schema for migration")) ||
        (rc = pg_script(st, bootstrap_sql, err, "preparing the schema")) ||
        (rc = read_version(st, &version, &exists, err)))
        goto fail;
    for (int i = 0; i < store_pg_migration_count; i++) {
        const struct migration *m = &store_pg_migrations[i];
        if (m->version <= version)
            continue;
        if ((rc = pg_script(st, m->sql, err, m->name)))
            goto fail;
    }
    char sql[64];
    snprintf(sql, sizeof sql, "UPDATE suivi_schema SET version = %d", latest);
    if ((rc = pg_script(st, sql, err, "recording the schema version")) ||
        (rc = pg_script(st, triggers_sql, err, "adding version triggers")) ||
        (rc = pg_script(st, "COMMIT", err, "committing migration")))
        goto fail;
    st->schema_version = latest;
    return 0;
fail:
    PQclear(PQexec(st->conn, "ROLLBACK"));
    return rc;
}

static int schema_exists(struct pg_store *st, int *found, struct err *err)
{
    struct pg_params p;
    pg_params_init(&p);
    pg_param_text(&p, st->schema);
    PGresult *r = PQexecParams(st->conn, "SELECT 1 FROM pg_namespace WHERE nspname = $1", 1, NULL,
                               p.v, NULL, NULL, 0);
    int rc = result_ok(r) ? 0 : pg_error(st, r, err, "looking for the schema");
    *found = !rc && PQntuples(r) == 1;
    PQclear(r);
    return rc;
}

static int use_schema(struct pg_store *st, int create, const char *url, struct err *err)
{
    char sql[160];
    int found, rc;
    if ((rc = schema_exists(st, &found, err)))
        return rc;
    /* Only when missing: CREATE SCHEMA IF NOT EXISTS needs the right to create schemas even
     * when there is nothing to create, which a tenant's role does not have. */
    if (!found && create) {
        snprintf(sql, sizeof sql, "CREATE SCHEMA IF NOT EXISTS \"%s\"", st->schema);
        if ((rc = pg_script(st, sql, err, url)) || (rc = schema_exists(st, &found, err)))
            return rc;
    }
    if (!found)
        return err_set(err, ERR_USAGE, "%s: no such database; create it with: suivi --db %s init",
                       url, url);
    /* The tenant's schema first; public last for extensions (unaccent) installed there. */
    snprintf(sql, sizeof sql, "SET search_path TO \"%s\", public", st->schema);
    return pg_script(st, sql, err, url);
}

/* The settings every connection of the store runs with (search_path: the tenant's schema first,
 * then public, where extensions such as unaccent are). */
static int session_settings(struct pg_store *st, struct err *err, const char *shown)
{
    char sql[200];
    snprintf(sql, sizeof sql,
             "SET client_encoding = 'UTF8'; SET client_min_messages = warning; "
             "SET search_path TO \"%s\", public%s",
             st->schema, st->readonly ? "; SET default_transaction_read_only = on" : "");
    PGresult *res = PQexec(st->conn, sql);
    int rc = result_ok(res) ? 0 : pg_error(st, res, err, shown);
    PQclear(res);
    return rc;
}

/* When the server went away (restarted, failed over), the statement that found out failed
 * and its caller reported it: the work in flight is not replayed, since a write may or may not
 * have been committed. Here, before the next statement, outside any transaction, a new
 * connection with the same settings takes over; prepared statements died with the old one. */
static void reconnect_if_lost(struct pg_store *st)
{
    if (PQstatus(st->conn) != CONNECTION_BAD || st->in_tx)
        return;
    PQreset(st->conn);
    if (PQstatus(st->conn) != CONNECTION_OK)
        return;
    memset(st->cache, 0, sizeof *st->cache);
    session_settings(st, NULL, "reconnecting");
}

int postgres_open(const char *url, int flags, struct store **out, struct err *err)
{
    *out = NULL;
    struct pg_store *st = calloc(1, sizeof *st);
    char *conninfo = malloc(4096);
    if (!st || !conninfo || !(st->cache = calloc(1, sizeof *st->cache))) {
        free(conninfo);
        if (st)
            free(st->cache);
        free(st);
        return err_set(err, ERR_NOMEM, "out of memory");
    }
    st->base.ops = &postgres_ops;
    st->readonly = !!(flags & STORE_READONLY);
    int rc = pg_split_url(url, conninfo, 4096, st->schema, sizeof st->schema, err);
    if (rc)
        goto fail;
    char shown[512]; /* the URL in messages: without its password */
    store_url_shown(url, shown, sizeof shown);
    st->conn = PQconnectdb(conninfo);
    if (!st->conn || PQstatus(st->conn) != CONNECTION_OK) {
        const char *m = st->conn ? PQerrorMessage(st->conn) : "out of memory";
        char clean[512];
        snprintf(clean, sizeof clean, "%s", m);
        size_t n = strlen(clean);
        while (n && (clean[n - 1] == '\n' || clean[n - 1] == ' '))
            clean[--n] = '\0';
        rc = err_set(err, ERR_IO, "%s: cannot connect: %s", shown, clean);
        goto fail;
    }
    PQsetNoticeProcessor(st->conn, quiet_notices, NULL);
    if ((rc = pg_script(st, "SET client_encoding = 'UTF8'; SET client_min_messages = warning", err,
                        shown)) ||
        (rc = check_locale(st, shown, err)) ||
        (rc = use_schema(st, !!(flags & STORE_CREATE), shown, err)))
        goto fail;
    if (st->readonly && (rc = pg_script(st, "SET default_transaction_read_only = on", err, shown)))
        goto fail;
    if ((rc = migrate(st, !!(flags & STORE_CREATE), shown, err))) {
        if (rc != ERR_USAGE)
            err_prefix(err, "%s", shown);
        goto fail;
    }
    free(conninfo);
    *out = &st->base;
    return 0;
fail:
    free(conninfo);
    postgres_close(st);
    return rc;
}

void postgres_close(struct pg_store *st)
{
    if (!st)
        return;
    if (st->conn)
        PQfinish(st->conn);
    free(st->cache);
    buf_free(&st->scratch);
    free(st);
}

int postgres_schema_version(struct pg_store *st)
{
    return st->schema_version;
}

/* Sequences, not tables: reading or moving them never waits for another transaction (a counter
 * row would make every writer wait for the others, and deadlock with their row locks). The
 * data version is moved by triggers as writes happen (also by writes from outside suivi), and
 * by this connection once its own commit is visible, so that a cache built between another's
 * write and its commit is not kept; a rolled-back write moves it too, which costs a cache miss.
 * The recommendations' version moves only after a commit that changed recommendations. */
static uint64_t read_sequence(struct pg_store *st, const char *sql)
{
    PGresult *r = pg_run(st, sql, NULL, NULL, "reading a version");
    uint64_t v = r && PQntuples(r) == 1 ? (uint64_t)pg_int(r, 0, 0) : 0;
    PQclear(r);
    return v;
}

uint64_t postgres_data_version(struct pg_store *st)
{
    static const char sql[] =
        "SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM suivi_data_version";
    return read_sequence(st, sql);
}

uint64_t postgres_rec_version(struct pg_store *st)
{
    static const char sql[] =
        "SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM suivi_rec_version";
    return read_sequence(st, sql);
}

void pg_recs_changed(struct pg_store *st)
{
    if (st->in_tx)
        st->recs_changed = 1;
    else
        bump_after_commit(st, 1);
}

/* ---- transactions -------------------------------------------------------------------------- */

int postgres_begin(struct pg_store *st, struct err *err)
{
    if (st->in_tx)
        return err_set(err, ERR_STORE, "starting a transaction: one is already open");
    /* As SQLite's BEGIN IMMEDIATE: one writing transaction per tenant at a time, so that the
     * read-then-write checks the store makes (a login's failures, a unique number) hold. */
    int rc = pg_script(st, "BEGIN; SELECT pg_advisory_xact_lock(hashtext(current_schema()) # 7919)",
                       err, "starting a transaction");
    if (rc) {
        PQclear(PQexec(st->conn, "ROLLBACK"));
        return rc;
    }
    st->in_tx = 1;
    st->read_snapshot = 0;
    st->wrote = 0;
    st->recs_changed = 0;
    return 0;
}

int postgres_begin_import(struct pg_store *st, struct err *err)
{
    return postgres_begin(st, err);
}

int postgres_commit(struct pg_store *st, struct err *err)
{
    if (!st->in_tx)
        return err_set(err, ERR_STORE, "committing: no transaction is open");
    int rc = pg_script(st, "COMMIT", err, "committing");
    /* A failed COMMIT has rolled back; either way the transaction is over. */
    int wrote = st->wrote, recs = st->recs_changed;
    st->in_tx = st->read_snapshot = st->wrote = st->recs_changed = 0;
    if (!rc && (wrote || recs))
        bump_after_commit(st, recs);
    return rc;
}

void postgres_rollback(struct pg_store *st)
{
    if (st->in_tx)
        PQclear(PQexec(st->conn, "ROLLBACK"));
    st->in_tx = st->read_snapshot = st->wrote = st->recs_changed = 0;
}

int pg_read_begin(struct pg_store *st, int *began, struct err *err)
{
    *began = 0;
    if (st->in_tx)
        return 0;
    int rc = pg_script(st, "BEGIN ISOLATION LEVEL REPEATABLE READ", err, "starting a read");
    if (!rc) {
        st->in_tx = st->read_snapshot = 1;
        st->wrote = st->recs_changed = 0;
        *began = 1;
    }
    return rc;
}

void pg_read_end(struct pg_store *st, int began)
{
    if (!began || !st->in_tx)
        return;
    PQclear(PQexec(st->conn, "COMMIT"));
    int wrote = st->wrote, recs = st->recs_changed;
    st->in_tx = st->read_snapshot = st->wrote = st->recs_changed = 0;
    if (wrote || recs)
        bump_after_commit(st, recs);
}

/* ---- check --------------------------------------------------------------------------------- */

/* PostgreSQL checks its own pages and constraints; what can still be wrong for suivi is a
 * schema behind this build, an index left invalid by an interrupted build, or a table that
 * cannot be read. */
int postgres_check(struct pg_store *st, struct err *err)
{
    int version, exists, rc;
    if ((rc = read_version(st, &version, &exists, err)))
        return rc;
    if (!exists || version != store_schema_latest())
        return err_set(err, ERR_STORE, "schema version %d, expected %d", version,
                       store_schema_latest());
    static const char invalid_sql[] =
        "SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
        "JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = current_schema() AND NOT (i.indisvalid AND i.indisready)";
    PGresult *r = pg_run(st, invalid_sql, NULL, err, "checking indexes");
    if (!r)
        return err->code;
    if (PQntuples(r)) {
        rc = err_set(err, ERR_STORE, "index %s is not valid: rebuild it with REINDEX",
                     PQgetvalue(r, 0, 0));
        PQclear(r);
        return rc;
    }
    PQclear(r);
    static const char tables_sql[] =
        "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = current_schema() AND c.relkind = 'r' ORDER BY 1";
    if (!(r = pg_run(st, tables_sql, NULL, err, "listing tables")))
        return err->code;
    for (int i = 0; i < PQntuples(r) && !rc; i++) {
        char sql[160];
        snprintf(sql, sizeof sql, "SELECT count(*) FROM \"%s\"", PQgetvalue(r, i, 0));
        rc = pg_script(st, sql, err, "reading every table");
    }
    PQclear(r);
    return rc;
}
