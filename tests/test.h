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

/* A fresh temporary file name for a database (removed with its -wal/-shm by test_rm_db). */
static inline void test_tmp_db(char *out, size_t size)
{
    static int n;
    snprintf(out, size, "/tmp/suivi-test-%d-%d.db", (int)getpid(), n++);
    unlink(out);
}

static inline void test_rm_db(const char *path)
{
    char p[512];
    unlink(path);
    snprintf(p, sizeof p, "%s-wal", path);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", path);
    unlink(p);
}

#endif
