/*
 * fuzz_vocab.c — libFuzzer target for the vocabulary reader of the classifier
 * (src/import/vocab.c): label texts, aliases, SDG targets and the crosswalk from UPR Info
 * issues, read from seven files of data/. The first byte of the input picks the file (byte % 7)
 * and the vocabulary to load (byte / 7 % 4: upr_issue, uhri_theme, affected_person, sdg); the
 * rest replaces that file, the others are slices of the real ones in a scratch data directory.
 * Besides crashes and sanitizer reports it aborts when a promise of vocab.h is broken: an
 * error code it may not give or without the file's name, a label or alias or link with a NULL or
 * empty name (aliases: NULL), two labels of one name, or a link to a label the vocabulary lacks.
 * Seeds: tests/fuzz/corpus/fuzz_vocab/.
 */
#include <stddef.h>
#include <stdint.h>

#include "fuzz_db.h"
#include "import/vocab.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const files[] = {"upr-info/issues.csv",
                                    "uhri/uhri_themes.csv",
                                    "uhri/uhri_affected_persons.csv",
                                    "aliases.csv",
                                    "sdg/sdg_framework_en_fr_es.csv",
                                    "uhri/uhri_sdg_labels.csv",
                                    "crosswalk/upr_issue_crosswalk.csv",
                                    NULL};
enum { NFILES = sizeof files / sizeof files[0] - 1 };
/* Whole files but the SDG framework: its 17 goals and first 40 targets. */
static const int max_lines[NFILES] = {0, 0, 0, 0, 58, 0, 0};
static const char *const vocabs[] = {"upr_issue", "uhri_theme", "affected_person", "sdg"};

struct base {
    const char *dir;
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
    return &b;
}

static int has_label(const struct import_vocab *v, const char *name)
{
    for (size_t i = 0; i < v->nlabels; i++)
        if (!strcmp(v->labels[i].name, name))
            return 1;
    return 0;
}

static void check_vocab(const struct import_vocab *v, const char *name)
{
    fuzz_check(v->name && !strcmp(v->name, name));
    for (size_t i = 0; i < v->nlabels; i++) {
        fuzz_check(v->labels[i].name && v->labels[i].name[0]);
        for (size_t k = 0; k < i; k++)
            fuzz_check(strcmp(v->labels[i].name, v->labels[k].name) != 0);
    }
    for (size_t i = 0; i < v->naliases; i++)
        fuzz_check(v->aliases[i].name && v->aliases[i].label);
    for (size_t i = 0; i < v->nlinks; i++)
        fuzz_check(v->links[i].from && v->links[i].to && has_label(v, v->links[i].to));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    struct base *b = base_get();
    int which = data[0] % NFILES;
    const char *name = vocabs[data[0] / NFILES % 4];
    char path[512];
    snprintf(path, sizeof path, "%s/%s", b->dir, files[which]);
    fuzz_write(path, data + 1, size - 1);

    struct import_vocab v;
    struct err err = {0};
    int rc = import_vocab_load(b->dir, name, &v, &err);
    if (rc) {
        fuzz_check(rc == ERR_INPUT || rc == ERR_NOMEM);
        fuzz_check(strncmp(err.msg, b->dir, strlen(b->dir)) == 0);
    } else {
        check_vocab(&v, name);
    }
    import_vocab_free(&v);
    fuzz_write(path, b->bytes[which], b->len[which]);
    return 0;
}
