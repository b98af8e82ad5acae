/*
 * test_pg.h — for tests that reach under the store on PostgreSQL (the PostgreSQL pass of
 * tests/run): whether the pass is on, and running SQL in a test database's schema with libpq,
 * as the SQLite tests do with sqlite3 on a file.
 */
#ifndef SUIVI_TEST_PG_H
#define SUIVI_TEST_PG_H

#include <libpq-fe.h>

#include "test.h"

static inline int test_pg_mode(void)
{
    const char *pg = getenv("SUIVI_TEST_PG");
    return pg && *pg;
}

/* Runs sql in the schema of url (a URL from test_tmp_db); fails the test when it fails. */
static inline void test_pg_exec(const char *url, const char *sql)
{
    char conninfo[1024], schema[80] = "suivi", full[2048];
    const char *s = strstr(url, "schema=");
    snprintf(conninfo, sizeof conninfo, "%s", url);
    if (s) {
        snprintf(schema, sizeof schema, "%.*s", (int)strcspn(s + 7, "&"), s + 7);
        char *cut = strstr(conninfo, "schema=");
        char sep = cut[-1];
        size_t rest = strcspn(cut, "&");
        memmove(cut - 1, cut + rest, strlen(cut + rest) + 1);
        if (sep == '?' && cut[-1] == '&')
            cut[-1] = '?';
    }
    PGconn *c = PQconnectdb(conninfo);
    if (PQstatus(c) != CONNECTION_OK)
        fail_msg("connecting to %s: %s", conninfo, PQerrorMessage(c));
    snprintf(full, sizeof full, "SET search_path TO \"%s\", public; %s", schema, sql);
    PGresult *r = PQexec(c, full);
    if (PQresultStatus(r) != PGRES_COMMAND_OK && PQresultStatus(r) != PGRES_TUPLES_OK)
        fail_msg("%s: %s", sql, PQerrorMessage(c));
    PQclear(r);
    PQfinish(c);
}

#endif
