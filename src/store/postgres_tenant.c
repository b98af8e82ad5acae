/*
 * postgres_tenant.c — States (tenants) of a multi-State PostgreSQL deployment: each State's data
 * lives in a schema of its own, owned by a login role of its own that has no right on any other
 * State's schema, so that the database server itself keeps States apart whatever the
 * application does. store_tenant_create makes the schema and the role and creates the tables;
 * store_tenant_list lists the schemas that hold a suivi database.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/postgres_internal.h"

static int run(PGconn *c, const char *sql, int n, const char *const *params, const char *doing,
               struct err *err)
{
    PGresult *r = PQexecParams(c, sql, n, NULL, params, NULL, NULL, 0);
    ExecStatusType s = PQresultStatus(r);
    int rc = s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK
                 ? 0
                 : err_set(err, ERR_STORE, "%s: %s", doing,
                           PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY)
                               ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY)
                               : PQerrorMessage(c));
    PQclear(r);
    return rc;
}

static int valid_name(const char *s)
{
    size_t n = strlen(s);
    if (!n || n > 40 || !(s[0] >= 'a' && s[0] <= 'z'))
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
            return 0;
    return strcmp(s, "public") && strncmp(s, "pg_", 3);
}

int store_tenant_create(const char *admin_url, const char *tenant, const char *password,
                        struct store_tenant_info *info, struct err *err)
{
    if (!valid_name(tenant))
        return err_set(err, ERR_USAGE,
                       "tenant \"%s\": a lower-case letter, then letters, digits or _ (at most "
                       "40), not public or pg_*",
                       tenant);
    char conninfo[4096], schema[64], role[64], sql[512];
    PGconn *c = pg_connect_url(admin_url, conninfo, sizeof conninfo, schema, sizeof schema, err);
    if (!c)
        return err->code;
    snprintf(role, sizeof role, "suivi_%s", tenant);
    if (info) {
        memset(info, 0, sizeof *info);
        snprintf(info->schema, sizeof info->schema, "%s", tenant);
        snprintf(info->role, sizeof info->role, "%s", role);
    }
    const char *params[] = {tenant};
    PGresult *r = PQexecParams(c, "SELECT 1 FROM pg_namespace WHERE nspname = $1", 1, NULL, params,
                               NULL, NULL, 0);
    int exists = PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1;
    PQclear(r);
    int rc = 0;
    if (exists) {
        rc = err_set(err, ERR_USAGE, "tenant \"%s\" exists already", tenant);
        goto done;
    }
    /* The role's password is a parameter of no statement PostgreSQL accepts with $1: quote it
     * as a literal with libpq's own escaping. */
    char *pw = password ? PQescapeLiteral(c, password, strlen(password)) : NULL;
    if (password && !pw) {
        rc = err_set(err, ERR_NOMEM, "escaping the password: %s", PQerrorMessage(c));
        goto done;
    }
    char *create_role = NULL;
    struct buf b = BUF_INIT;
    buf_printf(&b, "CREATE ROLE \"%s\" LOGIN%s%s", role, pw ? " PASSWORD " : "", pw ? pw : "");
    PQfreemem(pw);
    create_role = buf_detach(&b);
    if (!create_role) {
        rc = err_set(err, ERR_NOMEM, "out of memory");
        goto done;
    }
    if ((rc = run(c, "BEGIN", 0, NULL, "starting", err)))
        goto free_role;
    r = PQexecParams(c, "SELECT 1 FROM pg_roles WHERE rolname = $1", 1, NULL,
                     (const char *const[]){role}, NULL, NULL, 0);
    int role_exists = PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1;
    PQclear(r);
    if (!role_exists && (rc = run(c, create_role, 0, NULL, "creating the role", err)))
        goto rollback;
    snprintf(sql, sizeof sql, "CREATE SCHEMA \"%s\" AUTHORIZATION \"%s\"", tenant, role);
    if ((rc = run(c, sql, 0, NULL, "creating the schema", err)))
        goto rollback;
    snprintf(sql, sizeof sql, "REVOKE ALL ON SCHEMA \"%s\" FROM PUBLIC", tenant);
    if ((rc = run(c, sql, 0, NULL, "closing the schema", err)))
        goto rollback;
    snprintf(sql, sizeof sql, "GRANT CONNECT ON DATABASE \"%s\" TO \"%s\"", PQdb(c), role);
    if ((rc = run(c, sql, 0, NULL, "letting the role connect", err)) ||
        (rc = run(c, "CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public", 0, NULL,
                  "full-text search needs the unaccent extension", err)) ||
        (rc = run(c, "COMMIT", 0, NULL, "committing", err)))
        goto rollback;
    PQfinish(c);
    c = NULL;
    {
        char url[4096];
        const char *q = strchr(admin_url, '?');
        /* Same server and database, the tenant's schema; created as the admin role, then
         * handed to the tenant's role. */
        snprintf(url, sizeof url, "%s%cschema=%s", admin_url, q ? '&' : '?', tenant);
        struct store *st = NULL;
        rc = postgres_open(url, STORE_CREATE, &st, err);
        if (!rc) {
            struct pg_store *pg = (struct pg_store *)st;
            struct buf own = BUF_INIT;
            buf_printf(&own,
                       "DO $$ DECLARE t record; BEGIN "
                       "FOR t IN SELECT c.oid::regclass AS n FROM pg_class c JOIN pg_namespace s "
                       "ON s.oid = c.relnamespace WHERE s.nspname = '%s' AND (c.relkind IN "
                       "('r', 'v', 'p') OR c.relname LIKE 'suivi\\_%%version') LOOP "
                       "EXECUTE format('ALTER TABLE %%s OWNER TO \"%s\"', t.n); END LOOP; "
                       "FOR t IN SELECT p.oid::regprocedure AS n FROM pg_proc p JOIN "
                       "pg_namespace s ON s.oid = p.pronamespace WHERE s.nspname = '%s' LOOP "
                       "EXECUTE format('ALTER FUNCTION %%s OWNER TO \"%s\"', t.n); END LOOP; "
                       "FOR t IN SELECT c.oid AS n, c.cfgname FROM pg_ts_config c JOIN "
                       "pg_namespace s ON s.oid = c.cfgnamespace WHERE s.nspname = '%s' LOOP "
                       "EXECUTE format('ALTER TEXT SEARCH CONFIGURATION %%I.%%I OWNER TO \"%s\"',"
                       " '%s', t.cfgname); END LOOP; END $$",
                       tenant, role, tenant, role, tenant, role, tenant);
            rc = own.oom
                     ? err_set(err, ERR_NOMEM, "out of memory")
                     : pg_script(pg, buf_str(&own), err, "handing the tables to the tenant's role");
            buf_free(&own);
            if (info)
                info->schema_version = store_schema_version(st);
        }
        store_close(st);
    }
free_role:
    free(create_role);
done:
    PQfinish(c);
    return rc;
rollback:
    PQclear(PQexec(c, "ROLLBACK"));
    goto free_role;
}

int store_tenant_list(const char *admin_url, store_tenant_cb cb, void *ctx, struct err *err)
{
    char conninfo[4096], schema[64];
    PGconn *c = pg_connect_url(admin_url, conninfo, sizeof conninfo, schema, sizeof schema, err);
    if (!c)
        return err->code;
    PGresult *r = PQexec(c, "SELECT n.nspname, pg_get_userbyid(n.nspowner) FROM pg_namespace n "
                            "JOIN pg_class c ON c.relnamespace = n.oid AND c.relname = "
                            "'suivi_schema' ORDER BY 1");
    int rc = 0;
    if (PQresultStatus(r) != PGRES_TUPLES_OK) {
        rc = err_set(err, ERR_STORE, "listing tenants: %s", PQerrorMessage(c));
    } else {
        for (int i = 0; i < PQntuples(r) && !rc; i++) {
            struct store_tenant_info t = {0};
            snprintf(t.schema, sizeof t.schema, "%s", PQgetvalue(r, i, 0));
            snprintf(t.role, sizeof t.role, "%s", PQgetvalue(r, i, 1));
            char sql[256];
            snprintf(sql, sizeof sql,
                     "SELECT max(version), (SELECT count(*) FROM \"%.63s\".recommendation) FROM "
                     "\"%.63s\".suivi_schema",
                     t.schema, t.schema);
            PGresult *v = PQexec(c, sql);
            if (PQresultStatus(v) == PGRES_TUPLES_OK) {
                t.schema_version = atoi(PQgetvalue(v, 0, 0));
                t.recommendations = atol(PQgetvalue(v, 0, 1));
            }
            PQclear(v);
            rc = cb(ctx, &t);
        }
    }
    PQclear(r);
    PQfinish(c);
    return rc;
}
