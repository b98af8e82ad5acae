/*
 * fuzz_taxonomy.c — libFuzzer target for the taxonomy loader (src/import/taxonomy.c), which
 * `suivi init` runs over the nine files of data/ (SDG framework, UHRI labels, bodies, UPR Info
 * issues, countries, name variants, aliases). The first byte of the input picks one of the nine
 * files, the rest replaces it; the other eight are small slices of the real files in a scratch
 * data directory. The load goes into an in-memory database of its own, opened once: a load
 * that succeeds leaves its terms there (the loader commits, and loading is an upsert), one
 * that fails must leave the database as it was. Besides crashes and sanitizer reports it aborts
 * on an error code the loader may not give, an error that does not name the file, or a failed
 * load that changed the counts of terms or countries. Seeds: tests/fuzz/corpus/fuzz_taxonomy/.
 */
#include <stddef.h>
#include <stdint.h>

#include "fuzz_db.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const files[] = {"sdg/sdg_framework_en_fr_es.csv",
                                    "uhri/uhri_sdg_labels.csv",
                                    "uhri/uhri_themes.csv",
                                    "uhri/uhri_affected_persons.csv",
                                    "uhri/uhri_bodies.csv",
                                    "upr-info/issues.csv",
                                    "countries/countries.csv",
                                    "countries/name_variants.csv",
                                    "aliases.csv",
                                    NULL};
enum { NFILES = sizeof files / sizeof files[0] - 1 };
static const int max_lines[NFILES] = {30, 10, 10, 10, 10, 10, 8, 20, 10};

struct base {
    const char *dir;
    struct store *st;
    char *bytes[NFILES];
    size_t len[NFILES];
};

static struct base *base_get(void)
{
    static struct base b;
    if (b.dir)
        return &b;
    b.dir = fuzz_data_slice(files, max_lines);
    for (int i = 0; i < NFILES; i++) {
        char p[512];
        snprintf(p, sizeof p, "%s/%s", b.dir, files[i]);
        b.bytes[i] = fuzz_slurp(p, &b.len[i]);
    }
    struct err err = {0};
    if (store_open(":memory:", STORE_CREATE, &b.st, &err)) {
        fprintf(stderr, "fuzz: %s\n", err.msg);
        exit(2);
    }
    return &b;
}

static void counts(struct store *st, long *terms, long *countries)
{
    struct err err = {0};
    fuzz_check(core_count(st, "term", terms, &err) == 0);
    fuzz_check(core_count(st, "country", countries, &err) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    struct base *b = base_get();
    int which = data[0] % NFILES;
    char path[512];
    snprintf(path, sizeof path, "%s/%s", b->dir, files[which]);
    fuzz_write(path, data + 1, size - 1);

    long terms, countries, terms_after, countries_after;
    counts(b->st, &terms, &countries);
    struct err err = {0};
    int rc = import_taxonomies(b->st, b->dir, &err);
    if (rc) {
        fuzz_check(rc == ERR_INPUT || rc == ERR_NOMEM || rc == ERR_STORE);
        fuzz_check(strncmp(err.msg, b->dir, strlen(b->dir)) == 0);
        counts(b->st, &terms_after, &countries_after);
        fuzz_check(terms_after == terms && countries_after == countries);
    }
    fuzz_write(path, b->bytes[which], b->len[which]);
    return 0;
}
