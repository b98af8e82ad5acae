/*
 * fuzz_csv_mapped.c — libFuzzer target for the mapped-CSV importer (src/import/csv_mapped.c):
 * its MAPPING file parser and the import of a CSV through the mapping. The input holds both:
 * the mapping, a line "===", then the CSV (no such line: all of it is the mapping and the CSV
 * is empty). Both go to scratch files and are imported into the process's in-memory database
 * (fuzz_db.h); the run is rolled back. Besides crashes and sanitizer reports it aborts when a
 * promise of import.h is broken: an error code an import may not give, an error that does not
 * name a file, counts that do not add up, or a recommendation left behind by an aborted run.
 * Seeds: tests/fuzz/corpus/fuzz_csv_mapped/.
 */
#include <stddef.h>
#include <stdint.h>

#include "fuzz_db.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Where the CSV starts: after the first line "===" (LF or CRLF), or size when there is none. */
static size_t split_at(const uint8_t *data, size_t size, size_t *mapping_len)
{
    for (size_t i = 0; i + 3 <= size; i++) {
        if ((i && data[i - 1] != '\n') || memcmp(data + i, "===", 3))
            continue;
        size_t e = i + 3;
        if (e < size && data[e] == '\r')
            e++;
        if (e == size || data[e] == '\n') {
            *mapping_len = i;
            return e < size ? e + 1 : e;
        }
    }
    *mapping_len = size;
    return size;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct store *st = fuzz_db();
    const char *map_path = fuzz_path("mapping.map"), *csv_path = fuzz_path("data.csv");
    size_t map_len, csv_start = split_at(data, size, &map_len);
    fuzz_write(map_path, data, map_len);
    fuzz_write(csv_path, data + csv_start, size - csv_start);

    struct core_import run;
    struct err err = {0};
    fuzz_check(core_import_begin(&run, st, &err) == 0);
    int rc = import_csv_mapped(&run, map_path, csv_path, NULL, &err);
    if (rc)
        fuzz_check_import_error(rc, &err);
    else
        fuzz_check(run.rows >= 0 && run.inserted + run.updated + run.unchanged == run.rows);
    core_import_abort(&run);
    fuzz_check(fuzz_rec_count(st) == 0);
    return 0;
}
