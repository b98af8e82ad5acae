/*
 * fuzz_thematic.c — libFuzzer target for the thematic-list importer (src/import/thematic.c):
 * the parser of thematic_list.c (fuzzed alone by fuzz_thematic_list) together with what the
 * importer adds: the State of the header looked up in the store, ids made from session and
 * paragraph, the source row as JSON, and core_import_rec linking States, themes, affected
 * persons and SDGs. The input is the file; it is imported into the process's in-memory
 * database (fuzz_db.h) and the run is rolled back. Besides crashes and sanitizer reports it
 * aborts when a promise of import.h is broken: an error code an import may not give, an error
 * that does not name the file, counts that do not add up, or a recommendation left behind by
 * an aborted run. Seeds: tests/fuzz/corpus/fuzz_thematic/.
 */
#include <stddef.h>
#include <stdint.h>

#include "fuzz_db.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void on_warning(void *ctx, const char *message)
{
    fuzz_check(ctx == NULL && message && strncmp(message, "/tmp/suivi-fuzz-", 16) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct store *st = fuzz_db();
    const char *path = fuzz_path("thematic.md");
    fuzz_write(path, data, size);

    struct core_import run;
    struct err err = {0};
    struct import_options o = {.warn = on_warning};
    fuzz_check(core_import_begin(&run, st, &err) == 0);
    int rc = import_thematic_list(&run, path, &o, &err);
    if (rc)
        fuzz_check_import_error(rc, &err);
    else
        fuzz_check(run.rows > 0 && run.inserted + run.updated + run.unchanged == run.rows);
    core_import_abort(&run);
    fuzz_check(fuzz_rec_count(st) == 0);
    return 0;
}
