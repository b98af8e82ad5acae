/*
 * recommendation.c — import runs (see recommendation.h): one transaction per run, stable ids,
 * response vocabulary, and linking of printed names to countries and taxonomy terms. What
 * cannot be linked is stored with its printed label and no code, so nothing is dropped and
 * `suivi stats` can report it.
 */
#include "core/recommendation.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/audit.h"

int core_response_parse(const char *printed, const char **out)
{
    static const struct {
        const char *word, *response;
    } words[] = {
        {"supported", "supported"},
        {"accepted", "supported"},
        {"noted", "noted"},
        {"rejected", "noted"},
        {"partially supported", "partially_supported"},
        {"partially_supported", "partially_supported"},
        {"partially accepted", "partially_supported"},
    };
    *out = NULL;
    if (!printed)
        return 0;
    while (*printed == ' ')
        printed++;
    size_t n = strlen(printed);
    while (n && printed[n - 1] == ' ')
        n--;
    if (!n)
        return 0;
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        if (strlen(words[i].word) == n && !strncasecmp(words[i].word, printed, n)) {
            *out = words[i].response;
            return 0;
        }
    }
    return ERR_INPUT;
}

static uint64_t fnv(uint64_t h, const char *s)
{
    for (; s && *s; s++)
        h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
    return (h ^ 0x1f) * 0x100000001b3ULL;
}

/* FNV-1a over s with leading/trailing white space dropped and inner runs made one space. */
static uint64_t fnv_text(uint64_t h, const char *s)
{
    int space = 0, started = 0;
    for (; *s; s++) {
        if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
            space = started;
            continue;
        }
        if (space)
            h = (h ^ ' ') * 0x100000001b3ULL;
        h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
        space = 0;
        started = 1;
    }
    return (h ^ 0x1f) * 0x100000001b3ULL;
}

int core_rec_make_id(const struct core_rec_in *in, const char *iso3, int dup, struct buf *out)
{
    const char *text = "";
    for (int i = STORE_LANG_COUNT - 1; i >= 0; i--)
        if (in->text[i])
            text = in->text[i]; /* the English text when there is one */
    uint64_t h = fnv(0xcbf29ce484222325ULL, iso3 ? iso3 : in->country);
    h = fnv(h, in->kind ? in->kind : "recommendation");
    for (size_t i = 0; i < in->nstates; i++)
        h = fnv(h, in->states[i]);
    h = fnv_text(h, text);
    const char *prefix = in->kind && !strcmp(in->kind, "pledge") ? "PLEDGE" : "UPR";
    int rc;
    if (in->session >= 0 && in->session <= 99) {
        /* What the printf below writes, without printf: this runs for every imported row. */
        static const char hex[] = "0123456789abcdef";
        char tail[16] = {(char)('0' + in->session / 10), (char)('0' + in->session % 10), '-'};
        for (int i = 0; i < 10; i++)
            tail[3 + i] = hex[(h >> (4 * (9 - i))) & 15];
        rc = buf_puts(out, iso3 ? iso3 : "XXX");
        if (!rc && !(rc = buf_putc(out, '-')) && !(rc = buf_puts(out, prefix)))
            rc = buf_append(out, tail, 13);
    } else {
        rc = buf_printf(out, "%s-%s%02d-%010llx", iso3 ? iso3 : "XXX", prefix, in->session,
                        (unsigned long long)(h & 0xffffffffffULL));
    }
    if (!rc && dup > 0)
        rc = buf_printf(out, "-%d", dup + 1);
    return rc;
}

enum { MAX_STATES = 64, MAX_TAGS = 128, CODE_SIZE = 128 };

/* Everything a store_rec borrows while one recommendation is being stored. */
struct linked {
    char iso3[4];
    char state_iso3[MAX_STATES][4];
    struct store_state_ref states[MAX_STATES];
    char codes[MAX_TAGS][CODE_SIZE];
    struct store_tag tags[MAX_TAGS];
    struct buf id;
    struct buf key; /* link_name's cache key */
};

static void run_free(struct core_import *run)
{
    strset_free(run->seen);
    strmap_free(run->linked);
    if (run->scratch) {
        buf_free(&run->scratch->id);
        buf_free(&run->scratch->key);
    }
    free(run->scratch);
    free(run->source_file);
    run->source_file = NULL;
    run->seen = NULL;
    run->linked = NULL;
    run->scratch = NULL;
}

int core_import_begin(struct core_import *run, struct store *st, struct err *err)
{
    memset(run, 0, sizeof *run);
    run->store = st;
    run->seen = strset_new();
    run->linked = strmap_new();
    run->scratch = calloc(1, sizeof *run->scratch);
    int rc = run->seen && run->linked && run->scratch ? store_begin_import(st, err)
                                                      : err_set(err, ERR_NOMEM, "out of memory");
    if (rc)
        run_free(run);
    return rc;
}

/* Links name to a code of vocab ("country" for States), remembering the answer for the run.
 * Returns 1 and fills code when linked, 0 when not, negative on error. */
static int link_name(struct core_import *run, const char *vocab, const char *name, char *code,
                     size_t size, struct err *err)
{
    code[0] = '\0';
    if (!name || !*name)
        return 0;
    /* A buffer kept for the run, no printf: this runs for every name of every row. */
    struct buf *key = &run->scratch->key;
    const char *known;
    int rc;
    buf_reset(key);
    if (buf_puts(key, vocab) || buf_putc(key, '\x1f') || buf_puts(key, name))
        return err_set(err, ERR_NOMEM, "out of memory");
    if (strmap_get(run->linked, buf_str(key), &known)) {
        rc = known != NULL;
        if (known) {
            size_t n = strnlen(known, size - 1);
            memcpy(code, known, n);
            code[n] = '\0';
        }
    } else {
        rc = !strcmp(vocab, "country") ? store_country_find(run->store, name, code, err)
                                       : store_term_find(run->store, vocab, name, code, size, err);
        if (rc >= 0 && strmap_put(run->linked, buf_str(key), rc ? code : NULL))
            rc = err_set(err, ERR_NOMEM, "out of memory");
    }
    return rc;
}

static int link_all(struct core_import *run, const struct core_rec_in *in, struct linked *l,
                    struct err *err)
{
    int rc;
    if (in->nstates > MAX_STATES)
        return err_set(err, ERR_INPUT, "more than %d recommending States", MAX_STATES);
    if (in->ntags > MAX_TAGS)
        return err_set(err, ERR_INPUT, "more than %d tags", MAX_TAGS);
    if ((rc = link_name(run, "country", in->country, l->iso3, sizeof l->iso3, err)) < 0)
        return rc;
    if (!l->iso3[0] && in->country && *in->country)
        run->unlinked_countries++;
    for (size_t i = 0; i < in->nstates; i++) {
        rc = link_name(run, "country", in->states[i], l->state_iso3[i], 4, err);
        if (rc < 0)
            return rc;
        l->states[i] =
            (struct store_state_ref){l->state_iso3[i][0] ? l->state_iso3[i] : NULL, in->states[i]};
        run->unlinked_countries += !l->state_iso3[i][0];
    }
    for (size_t i = 0; i < in->ntags; i++) {
        int found =
            link_name(run, in->tags[i].vocab, in->tags[i].label, l->codes[i], CODE_SIZE, err);
        if (found < 0)
            return found;
        if (!found)
            run->unlinked_tags++;
        l->tags[i] = (struct store_tag){in->tags[i].vocab, found ? l->codes[i] : NULL,
                                        in->tags[i].label, STORE_TAG_SOURCE, 0};
    }
    return 0;
}

static int check_required(const struct core_rec_in *in, const char **response, struct err *err)
{
    int texts = 0;
    for (int i = 0; i < STORE_LANG_COUNT; i++)
        texts += in->text[i] && *in->text[i];
    if (!texts)
        return err_set(err, ERR_INPUT, "field text: empty, expected the recommendation's text");
    if (!in->country || !*in->country)
        return err_set(err, ERR_INPUT, "field country: empty, expected the State concerned");
    if (core_response_parse(in->response, response))
        return err_set(err, ERR_INPUT,
                       "field response: \"%s\", expected Supported, Accepted, Noted, "
                       "Partially supported or nothing",
                       in->response);
    /* Checked here, not left to the store's CHECK: the person must read which field is wrong. */
    if (in->kind && strcmp(in->kind, "recommendation") && strcmp(in->kind, "pledge"))
        return err_set(err, ERR_INPUT, "field kind: \"%s\", expected recommendation or pledge",
                       in->kind);
    if (in->action_category < 0 || in->action_category > 5)
        return err_set(err, ERR_INPUT, "field action category: %d, expected 1 to 5",
                       in->action_category);
    return 0;
}

int core_import_rec(struct core_import *run, const struct core_rec_in *in, struct err *err)
{
    const char *response;
    int rc = check_required(in, &response, err);
    if (rc)
        return rc;
    if (!run->source_file && in->source_file && !(run->source_file = strdup(in->source_file)))
        return err_set(err, ERR_NOMEM, "out of memory");
    struct linked *l = run->scratch;
    buf_reset(&l->id);
    if ((rc = link_all(run, in, l, err)))
        goto out;
    const char *id = in->id;
    if (!id) {
        if ((rc = core_rec_make_id(in, l->iso3[0] ? l->iso3 : NULL, 0, &l->id)))
            goto nomem;
        int dup = strset_add(run->seen, buf_str(&l->id));
        if (dup < 0)
            goto nomem;
        if (dup > 0) {
            buf_reset(&l->id);
            if (core_rec_make_id(in, l->iso3[0] ? l->iso3 : NULL, dup, &l->id))
                goto nomem;
        }
        id = buf_str(&l->id);
    }
    struct store_rec r = {
        .id = id,
        .kind = in->kind ? in->kind : "recommendation",
        .mechanism = in->mechanism ? in->mechanism : "upr",
        .body = in->body ? in->body : "UPR",
        .document = in->document,
        .paragraph = in->paragraph,
        .country = l->iso3[0] ? l->iso3 : NULL,
        .country_label = in->country,
        .session = in->session,
        .cycle = in->cycle,
        .response = response,
        .action_category = in->action_category,
        .cluster_theme = in->cluster_theme,
        .states = l->states,
        .nstates = in->nstates,
        .tags = l->tags,
        .ntags = in->ntags,
        .source_file = in->source_file,
        .source_line = in->source_line,
        .source_json = in->source_json,
    };
    for (int i = 0; i < STORE_LANG_COUNT; i++)
        r.text[i] = in->text[i] && *in->text[i] ? in->text[i] : NULL;
    enum store_put_outcome outcome;
    if ((rc = store_rec_put(run->store, &r, &outcome, err)))
        goto out;
    run->rows++;
    run->inserted += outcome == STORE_PUT_INSERTED;
    run->updated += outcome == STORE_PUT_UPDATED;
    run->unchanged += outcome == STORE_PUT_UNCHANGED;
    goto out;
nomem:
    rc = err_set(err, ERR_NOMEM, "out of memory");
out:
    return rc;
}

/* One audit event for the whole run: the file and what it changed. */
static int audit_run(struct core_import *run, struct err *err)
{
    char after[256];
    snprintf(after, sizeof after,
             "{\"rows\":%ld,\"inserted\":%ld,\"updated\":%ld,\"unchanged\":%ld,"
             "\"unlinked_countries\":%ld,\"unlinked_tags\":%ld}",
             run->rows, run->inserted, run->updated, run->unchanged, run->unlinked_countries,
             run->unlinked_tags);
    return core_audit_record(run->store, run->actor, "import", "import", run->source_file, NULL,
                             after, err);
}

int core_import_commit(struct core_import *run, struct err *err)
{
    int rc = audit_run(run, err);
    if (!rc)
        rc = store_commit(run->store, err);
    if (rc)
        store_rollback(run->store);
    run_free(run);
    return rc;
}

void core_import_abort(struct core_import *run)
{
    store_rollback(run->store);
    run_free(run);
}
