/*
 * fuzz_db.h — what the libFuzzer targets of the importers share: one database per process
 * (in memory, taxonomies of data/ loaded once) and scratch files under /tmp for importers that
 * read a path. Each run imports inside a transaction that is always rolled back, so every input
 * sees the same database and the target stays fast and deterministic. Header-only: every
 * fuzzer is one .c file linked with the library objects (see the Makefile).
 */
#ifndef SUIVI_FUZZ_DB_H
#define SUIVI_FUZZ_DB_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/read.h"
#include "core/recommendation.h"
#include "import/import.h"
#include "store/store.h"

/* Aborts (a finding for libFuzzer) when a promise is broken. */
static inline void fuzz_check(int ok)
{
    if (!ok)
        abort();
}

/* Where the taxonomies are: $SUIVI_DATA, else data/ of the checkout (fuzzers run from it). */
static inline const char *fuzz_data_dir(void)
{
    const char *d = getenv("SUIVI_DATA");
    return d && *d ? d : "data";
}

/* The process's database: in memory, schema migrated, taxonomies loaded. Exits on failure
 * (the fuzzer cannot run without it). */
static inline struct store *fuzz_db(void)
{
    static struct store *st;
    if (st)
        return st;
    struct err err = {0};
    if (store_open(":memory:", STORE_CREATE, &st, &err) ||
        import_taxonomies(st, fuzz_data_dir(), &err)) {
        fprintf(stderr, "fuzz: cannot make the database: %s\n", err.msg);
        exit(2);
    }
    return st;
}

/* The scratch paths made so far (removed at exit). */
static inline char (*fuzz_paths(int **n))[128]
{
    static char paths[4][128];
    static int npaths;
    *n = &npaths;
    return paths;
}

static inline void fuzz_remove_paths(void)
{
    int *n;
    char(*paths)[128] = fuzz_paths(&n);
    for (int i = 0; i < *n; i++)
        unlink(paths[i]);
}

/* A scratch path for this process: /tmp/suivi-fuzz-PID-NAME, removed at exit. */
static inline const char *fuzz_path(const char *name)
{
    int *n;
    char(*paths)[128] = fuzz_paths(&n);
    for (int i = 0; i < *n; i++)
        if (strstr(paths[i], name))
            return paths[i];
    fuzz_check(*n < 4);
    if (!*n)
        atexit(fuzz_remove_paths);
    char *p = paths[(*n)++];
    snprintf(p, sizeof paths[0], "/tmp/suivi-fuzz-%d-%s", (int)getpid(), name);
    return p;
}

/* Writes n bytes to path (truncating it). */
static inline void fuzz_write(const char *path, const void *data, size_t n)
{
    FILE *f = fopen(path, "wb");
    fuzz_check(f != NULL);
    fuzz_check(n == 0 || fwrite(data, 1, n, f) == n);
    fuzz_check(fclose(f) == 0);
}

static inline void fuzz_remove_dir(void);

/* A scratch directory /tmp/suivi-fuzz-PID-NAME, created on the first call and removed with
 * what it holds at exit (one per process). */
static inline const char *fuzz_dir(const char *name)
{
    static char dir[128];
    if (dir[0])
        return dir;
    char cmd[300];
    snprintf(dir, sizeof dir, "/tmp/suivi-fuzz-%d-%s", (int)getpid(), name);
    snprintf(cmd, sizeof cmd, "mkdir -p '%s'", dir);
    fuzz_check(system(cmd) == 0);
    atexit(fuzz_remove_dir);
    return dir;
}

static inline void fuzz_remove_dir(void)
{
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", fuzz_dir(""));
    if (system(cmd) != 0)
        fprintf(stderr, "fuzz: could not remove %s\n", fuzz_dir(""));
}

/* A scratch data directory (fuzz_dir "data") for the importers that read several files of
 * data/: the files named in files[] (NULL-terminated) are created in it from the first
 * max_lines[i] lines of the real ones (0: all of them), header included. Returns its path. */
static inline const char *fuzz_data_slice(const char *const *files, const int *max_lines)
{
    const char *dir = fuzz_dir("data");
    for (size_t i = 0; files[i]; i++) {
        char src[512], dst[512], cmd[1200];
        snprintf(src, sizeof src, "%s/%s", fuzz_data_dir(), files[i]);
        snprintf(dst, sizeof dst, "%s/%s", dir, files[i]);
        FILE *in = fopen(src, "rb");
        fuzz_check(in != NULL);
        snprintf(cmd, sizeof cmd, "mkdir -p \"$(dirname '%s')\"", dst);
        fuzz_check(system(cmd) == 0);
        FILE *out = fopen(dst, "wb");
        fuzz_check(out != NULL);
        int c, lines = 0;
        while ((c = getc(in)) != EOF && (!max_lines[i] || lines < max_lines[i])) {
            putc(c, out);
            lines += c == '\n';
        }
        fclose(in);
        fuzz_check(fclose(out) == 0);
    }
    return dir;
}

/* Reads the whole file at path into a malloc'd buffer (*n bytes); exits on failure. */
static inline char *fuzz_slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    fuzz_check(f != NULL);
    fuzz_check(fseek(f, 0, SEEK_END) == 0);
    long len = ftell(f);
    fuzz_check(len >= 0 && fseek(f, 0, SEEK_SET) == 0);
    char *b = malloc((size_t)len + 1);
    fuzz_check(b != NULL && fread(b, 1, (size_t)len, f) == (size_t)len);
    fclose(f);
    *n = (size_t)len;
    return b;
}

/* Number of recommendations stored: an aborted import must leave it where it was. */
static inline long fuzz_rec_count(struct store *st)
{
    long n = -1;
    struct err err = {0};
    fuzz_check(core_count(st, "recommendation", &n, &err) == 0);
    return n;
}

/* An importer's error: one of the codes an import may give, with a message naming the file
 * (prefix: the scratch path's directory part "/tmp/suivi-fuzz-"). */
static inline void fuzz_check_import_error(int rc, const struct err *err)
{
    if ((rc == ERR_INPUT || rc == ERR_NOMEM || rc == ERR_USAGE) &&
        strncmp(err->msg, "/tmp/suivi-fuzz-", 16) == 0)
        return;
    fprintf(stderr, "fuzz: unexpected import error %d: \"%s\"\n", rc, err->msg);
    abort();
}

#endif
