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

#include "text/key.h"

int core_response_parse(const char *printed, const char **out)
{
    static const struct {
        const char *word, *response;
    } words[] = {
        {"supported", "supported"}, {"accepted", "supported"}, {"noted", "noted"},
        {"rejected", "noted"}, {"partially supported", "partially_supported"},
        {"partially_supported", "partially_supported"}, {"partially accepted", "partially_supported"},
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

int core_rec_make_id(const struct core_rec_in *in, const char *iso3, int dup, struct buf *out)
{
    struct buf key = BUF_INIT;
    int rc = text_name_key(in->text ? in->text : "", &key);
    if (rc) {
        buf_free(&key);
        return rc;
    }
    uint64_t h = fnv(0xcbf29ce484222325ULL, iso3 ? iso3 : in->country);
    h = fnv(h, in->kind);
    for (size_t i = 0; i < in->nstates; i++)
        h = fnv(h, in->states[i]);
    h = fnv(h, buf_str(&key));
    buf_free(&key);
    rc = buf_printf(out, "%s-%s%02d-%010llx", iso3 ? iso3 : "XXX",
                    in->kind && !strcmp(in->kind, "pledge") ? "PLEDGE" : "UPR", in->session,
                    (unsigned long long)(h & 0xffffffffffULL));
    if (!rc && dup > 0)
        rc = buf_printf(out, "-%d", dup + 1);
    return rc;
}

int core_import_begin(struct core_import *run, struct store *st, struct err *err)
{
    memset(run, 0, sizeof *run);
    run->store = st;
    if (!(run->seen = strset_new()))
        return err_set(err, ERR_NOMEM, "out of memory");
    int rc = store_begin(st, err);
    if (rc) {
        strset_free(run->seen);
        run->seen = NULL;
    }
    return rc;
}

/* Resolves a country name; *iso3 is "" when unknown. */
static int link_country(struct core_import *run, const char *name, char iso3[4], struct err *err)
{
    iso3[0] = '\0';
    if (!name || !*name)
        return 0;
    int found = store_country_find(run->store, name, iso3, err);
    if (found < 0)
        return found;
    if (!found)
        iso3[0] = '\0';
    return 0;
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
};

static int link_all(struct core_import *run, const struct core_rec_in *in, struct linked *l,
                    struct err *err)
{
    int rc;
    if (in->nstates > MAX_STATES)
        return err_set(err, ERR_INPUT, "more than %d recommending States", MAX_STATES);
    if (in->ntags > MAX_TAGS)
        return err_set(err, ERR_INPUT, "more than %d tags", MAX_TAGS);
    if ((rc = link_country(run, in->country, l->iso3, err)))
        return rc;
    if (!l->iso3[0] && in->country && *in->country)
        run->unlinked_countries++;
    for (size_t i = 0; i < in->nstates; i++) {
        if ((rc = link_country(run, in->states[i], l->state_iso3[i], err)))
            return rc;
        l->states[i] = (struct store_state_ref){l->state_iso3[i][0] ? l->state_iso3[i] : NULL,
                                                in->states[i]};
        run->unlinked_countries += !l->state_iso3[i][0];
    }
    for (size_t i = 0; i < in->ntags; i++) {
        int found = store_term_find(run->store, in->tags[i].vocab, in->tags[i].label,
                                    l->codes[i], CODE_SIZE, err);
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
    if (!in->text || !*in->text)
        return err_set(err, ERR_INPUT, "field text: empty, expected the recommendation's text");
    if (!in->country || !*in->country)
        return err_set(err, ERR_INPUT, "field country: empty, expected the State concerned");
    if (core_response_parse(in->response, response))
        return err_set(err, ERR_INPUT,
                       "field response: \"%s\", expected Supported, Accepted, Noted, "
                       "Partially supported or nothing",
                       in->response);
    if (in->action_category < 0 || in->action_category > 5)
        return err_set(err, ERR_INPUT, "field action category: %d, expected 1 to 5",
                       in->action_category);
    if (in->lang && strcmp(in->lang, "en") && strcmp(in->lang, "fr") && strcmp(in->lang, "es"))
        return err_set(err, ERR_INPUT, "field lang: \"%s\", expected en, fr or es", in->lang);
    return 0;
}

int core_import_rec(struct core_import *run, const struct core_rec_in *in, struct err *err)
{
    const char *response;
    int rc = check_required(in, &response, err);
    if (rc)
        return rc;
    struct linked *l = calloc(1, sizeof *l);
    if (!l)
        return err_set(err, ERR_NOMEM, "out of memory");
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
    int lang = !in->lang || !strcmp(in->lang, "en") ? 0 : !strcmp(in->lang, "fr") ? 1 : 2;
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
    r.text[lang] = in->text;
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
    buf_free(&l->id);
    free(l);
    return rc;
}

int core_import_commit(struct core_import *run, struct err *err)
{
    int rc = store_commit(run->store, err);
    if (rc)
        store_rollback(run->store);
    strset_free(run->seen);
    run->seen = NULL;
    return rc;
}

void core_import_abort(struct core_import *run)
{
    store_rollback(run->store);
    strset_free(run->seen);
    run->seen = NULL;
}
