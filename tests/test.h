/*
 * test.h — what every cmocka test of suivi includes: cmocka itself, and helpers for temporary
 * databases and the shared real data (../shared/data, or $SUIVI_SHARED_DATA).
 */
#ifndef SUIVI_TEST_H
#define SUIVI_TEST_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

/* Path of a file of the shared real data, or NULL when it is not there (tests then skip). */
static inline const char *test_shared(const char *rel, char *out, size_t size)
{
    const char *root = getenv("SUIVI_SHARED_DATA");
    snprintf(out, size, "%s/%s", root && *root ? root : "../shared/data", rel);
    return access(out, R_OK) == 0 ? out : NULL;
}

/* A fresh temporary database: a file name (removed with its -wal/-shm by test_rm_db), or, when
 * $SUIVI_TEST_PG names a PostgreSQL database (the PostgreSQL pass of tests/run), a URL of a new
 * schema in it ("postgresql:///suivi_test?schema=t_PID_N"), so that every test runs unchanged
 * against both backends. The test database itself is dropped by tests/run after the pass. */
static inline void test_tmp_db(char *out, size_t size)
{
    static int n;
    const char *pg = getenv("SUIVI_TEST_PG");
    if (pg && *pg) {
        snprintf(out, size, "%s%cschema=t_%d_%d", pg, strchr(pg, '?') ? '&' : '?', (int)getpid(),
                 n++);
        return;
    }
    snprintf(out, size, "/tmp/suivi-test-%d-%d.db", (int)getpid(), n++);
    unlink(out);
}

static inline void test_rm_db(const char *path)
{
    char p[512];
    if (!strncmp(path, "postgresql://", 13))
        return;
    unlink(path);
    snprintf(p, sizeof p, "%s-wal", path);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", path);
    unlink(p);
}

#endif
