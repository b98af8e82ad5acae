/*
 * fuzz_upr_info.c — libFuzzer target for the UPR Info importer (src/import/upr_info.c) with
 * everything under it: encoding detection and conversion (MacRoman originals with CR line
 * ends, Windows-1252, UTF-16, UTF-8), the CSV reader, HTML entities, and core_import_rec with
 * its linking of States and issues against the taxonomies. The input is the file; it is
 * imported into the process's in-memory database (fuzz_db.h) and the run is rolled back.
 * Besides crashes and sanitizer reports it aborts when a promise of import.h is broken: an error
 * code an import may not give, an error that does not name the file, counts that do not add
 * up, or a recommendation left behind by an aborted run. Seeds: tests/fuzz/corpus/fuzz_upr_info/.
 */
#include <stddef.h>
#include <stdint.h>

#include "fuzz_db.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct store *st = fuzz_db();
    const char *path = fuzz_path("upr.csv");
    fuzz_write(path, data, size);

    struct core_import run;
    struct err err = {0};
    fuzz_check(core_import_begin(&run, st, &err) == 0);
    int rc = import_upr_info(&run, path, NULL, &err);
    if (rc)
        fuzz_check_import_error(rc, &err);
    else
        fuzz_check(run.rows >= 0 && run.inserted + run.updated + run.unchanged == run.rows);
    core_import_abort(&run);
    fuzz_check(fuzz_rec_count(st) == 0);
    return 0;
}
