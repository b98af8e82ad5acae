/*
 * fuzz_bundle.c — libFuzzer target for the exchange bundle's reader (src/import/bundle.c) and,
 * through it, the JSON wrapper (src/util/json.c) and the store's bundle writes. The fuzzers'
 * in-memory database (fuzz_db.h) receives every input, and keeps what an accepted one brought:
 * the reader commits its own transaction, and merging into a database that holds data is what
 * it does in real use.
 * Besides crashes and sanitizer reports, it aborts when a promise of import/bundle.h breaks: a
 * result other than 0, ERR_INPUT or ERR_NOMEM; an error without a "fuzz: " message; a refused
 * input that changed the database; or an accepted one that, exported and imported again, does
 * not come back unchanged (0 new, 0 updated). Seeds: tests/fuzz/corpus/fuzz_bundle/.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_db.h"
#include "import/bundle.h"
#include "report/bundle.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static long total_rows(struct store *st)
{
    static const char *const entities[] = {"cluster",  "assignment", "plan_action", "indicator",
                                           "progress", "blob",       "evidence",    "note"};
    struct err err = {0};
    long n = 0, sum = 0;
    fuzz_check(store_count(st, "recommendation", &sum, &err) == 0);
    for (size_t i = 0; i < sizeof entities / sizeof entities[0]; i++) {
        fuzz_check(store_followup_count(st, entities[i], &n, &err) == 0);
        sum += n;
    }
    return sum;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct store *st = fuzz_db();
    struct err err = {0};
    struct import_bundle_result res;
    long before = total_rows(st);
    int rc = import_bundle_text(st, "fuzz", (const char *)data, size, NULL, &res, &err);
    fuzz_check(rc == 0 || rc == ERR_INPUT || rc == ERR_NOMEM);
    if (rc) {
        fuzz_check(err.code == rc && strncmp(err.msg, "fuzz", 4) == 0);
        fuzz_check(total_rows(st) == before);
        return 0;
    }
    /* accepted: what the database now holds reads back as it is */
    char *text = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&text, &n);
    fuzz_check(f != NULL);
    struct report_bundle_options o = {.all = 1, .with_files = 1, .created_at = 1};
    fuzz_check(report_bundle_write(st, &o, f, NULL, &err) == 0);
    fuzz_check(fclose(f) == 0);
    rc = import_bundle_text(st, "fuzz-again", text, n, NULL, &res, &err);
    if (rc)
        fprintf(stderr, "fuzz_bundle: re-import: %s\n", err.msg);
    fuzz_check(rc == 0 && res.inserted == 0 && res.updated == 0);
    free(text);
    return 0;
}
