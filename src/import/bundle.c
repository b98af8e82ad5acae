/*
 * bundle.c — the exchange bundle's reader (see bundle.h; the format: docs/bundle.md). The
 * document is parsed whole (util/json.h), then walked section by section inside one
 * transaction; each value is checked where it is read, so that a message names the JSON path
 * ("bundle.json: $.recommendations[12].texts.fr: expected a string, not an integer"). Records
 * are merged by their keys through the store's bundle functions; the first error rolls
 * everything back.
 */
#include "import/bundle_internal.h"

#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "util/file.h"

/* The format this reader knows; src/report/bundle.h writes it. */
#define BUNDLE_FORMAT "suivi-bundle"
enum { BUNDLE_VERSION = 1 };

static const char *const section_names[IMPORT_BUNDLE_SECTION_COUNT] = {
    [IMPORT_BUNDLE_RECOMMENDATIONS] = "recommendations",
    [IMPORT_BUNDLE_SUGGESTIONS] = "suggestions",
    [IMPORT_BUNDLE_INSTITUTIONS] = "institutions",
    [IMPORT_BUNDLE_CLUSTERS] = "clusters",
    [IMPORT_BUNDLE_CLUSTER_MEMBERS] = "cluster_members",
    [IMPORT_BUNDLE_ASSIGNMENTS] = "assignments",
    [IMPORT_BUNDLE_ACTIONS] = "actions",
    [IMPORT_BUNDLE_INDICATORS] = "indicators",
    [IMPORT_BUNDLE_FILES] = "files",
    [IMPORT_BUNDLE_PROGRESS] = "progress",
    [IMPORT_BUNDLE_NOTES] = "notes",
    [IMPORT_BUNDLE_NEEDS] = "needs",
};

const char *import_bundle_section_name(enum import_bundle_section s)
{
    return s < IMPORT_BUNDLE_SECTION_COUNT ? section_names[s] : NULL;
}

/* Walks the array under key of root, calling fn with each element (an object). */
static int each_record(struct bundle_reader *r, const struct jsonr *root,
                       enum import_bundle_section s,
                       int (*fn)(struct bundle_reader *, const struct jsonr *))
{
    const char *key = section_names[s];
    const struct jsonr *list;
    int rc = bundle_array_at(r, root, key, BUNDLE_OPT, &list);
    if (rc || !list)
        return rc;
    size_t mark = bundle_path_key(r, key);
    for (size_t i = 0; i < jsonr_size(list) && !rc; i++) {
        size_t item = bundle_path_index(r, i);
        const struct jsonr *v = jsonr_at(list, i);
        rc = jsonr_type(v) == JSONR_OBJECT ? fn(r, v) : bundle_wrong(r, NULL, v, "an object");
        r->res->records[s] += !rc;
        bundle_path_back(r, item);
    }
    bundle_path_back(r, mark);
    return rc;
}

/* ---- recommendations --------------------------------------------------------------------- */

static const char *const rec_kinds[] = {"recommendation", "pledge", NULL};
static const char *const mechanisms[] = {"upr", "treaty_body", "special_procedure", "regional",
                                         NULL};
static const char *const responses[] = {"supported", "noted", "partially_supported", NULL};
static const char *const origins[] = {"source", "human", "machine", NULL};
static const char *const langs[] = {"en", "fr", "es", NULL};

static int texts_at(struct bundle_reader *r, const struct jsonr *o, struct store_rec *rec)
{
    const struct jsonr *texts = jsonr_get(o, "texts");
    if (bundle_is_null(texts))
        return bundle_missing(r, "texts", texts, "an object of texts by language (en, fr, es)");
    if (jsonr_type(texts) != JSONR_OBJECT)
        return bundle_wrong(r, "texts", texts, "an object of texts by language (en, fr, es)");
    size_t mark = bundle_path_key(r, "texts"), n = 0;
    int rc = 0;
    for (int i = 0; i < STORE_LANG_COUNT && !rc; i++) {
        rc = bundle_str_at(r, texts, langs[i], BUNDLE_OPT, &rec->text[i]);
        if (!rc && rec->text[i] && !*rec->text[i])
            rc = bundle_bad(r, langs[i], "expected a non-empty string");
        n += rec->text[i] != NULL;
    }
    if (!rc && n != jsonr_size(texts))
        rc = bundle_bad(r, NULL, "a language other than en, fr, es");
    if (!rc && !n)
        rc = bundle_bad(r, NULL, "no text: expected at least one of en, fr, es");
    bundle_path_back(r, mark);
    return rc;
}

static int states_at(struct bundle_reader *r, const struct jsonr *o, struct store_state_ref **out,
                     size_t *n)
{
    const struct jsonr *list;
    int rc = bundle_array_at(r, o, "recommending_states", BUNDLE_OPT, &list);
    *n = jsonr_size(list);
    if (rc || !*n)
        return rc;
    if (!(*out = calloc(*n, sizeof **out)))
        return err_set(r->err, ERR_NOMEM, "out of memory");
    size_t mark = bundle_path_key(r, "recommending_states");
    for (size_t i = 0; i < *n && !rc; i++) {
        size_t item = bundle_path_index(r, i);
        const struct jsonr *v = jsonr_at(list, i);
        if (jsonr_type(v) != JSONR_OBJECT)
            rc = bundle_wrong(r, NULL, v, "an object");
        if (!rc)
            rc = bundle_country_at(r, v, "iso3", &(*out)[i].iso3);
        if (!rc)
            rc = bundle_name_at(r, v, "label", BUNDLE_REQ, &(*out)[i].label);
        bundle_path_back(r, item);
    }
    bundle_path_back(r, mark);
    return rc;
}

static int tags_at(struct bundle_reader *r, const struct jsonr *o, struct store_tag **out,
                   size_t *n)
{
    const struct jsonr *list;
    int rc = bundle_array_at(r, o, "tags", BUNDLE_OPT, &list);
    *n = jsonr_size(list);
    if (rc || !*n)
        return rc;
    if (!(*out = calloc(*n, sizeof **out)))
        return err_set(r->err, ERR_NOMEM, "out of memory");
    size_t mark = bundle_path_key(r, "tags");
    for (size_t i = 0; i < *n && !rc; i++) {
        size_t item = bundle_path_index(r, i);
        const struct jsonr *v = jsonr_at(list, i);
        struct store_tag *t = &(*out)[i];
        const char *origin;
        rc = jsonr_type(v) == JSONR_OBJECT ? 0 : bundle_wrong(r, NULL, v, "an object");
        if (!rc)
            rc = bundle_name_at(r, v, "vocab", BUNDLE_REQ, &t->vocab);
        if (!rc)
            rc = bundle_name_at(r, v, "code", BUNDLE_OPT, &t->code);
        if (!rc)
            rc = bundle_name_at(r, v, "label", BUNDLE_REQ, &t->label);
        if (!rc)
            rc = bundle_enum_at(r, v, "origin", BUNDLE_REQ, origins, &origin);
        if (!rc) {
            t->origin = !strcmp(origin, "source")  ? STORE_TAG_SOURCE
                        : !strcmp(origin, "human") ? STORE_TAG_HUMAN
                                                   : STORE_TAG_MACHINE;
            rc = bundle_num_at(r, v, "score", t->origin == STORE_TAG_MACHINE, &t->score);
        }
        for (size_t k = 0; !rc && k < i; k++)
            if (!strcmp(t->vocab, (*out)[k].vocab) && !strcmp(t->label, (*out)[k].label))
                rc = bundle_bad(r, NULL, "the same tag (vocab and label) as tags[%zu]", k);
        bundle_path_back(r, item);
    }
    bundle_path_back(r, mark);
    return rc;
}

static int source_at(struct bundle_reader *r, const struct jsonr *o, struct store_rec *rec)
{
    const struct jsonr *src = jsonr_get(o, "source");
    if (bundle_is_null(src))
        return 0;
    if (jsonr_type(src) != JSONR_OBJECT)
        return bundle_wrong(r, "source", src, "an object");
    size_t mark = bundle_path_key(r, "source");
    int rc = bundle_str_at(r, src, "file", BUNDLE_OPT, &rec->source_file);
    if (!rc)
        rc = bundle_long_at(r, src, "line", BUNDLE_OPT, 0, 1L << 40, &rec->source_line);
    if (!rc)
        rc = bundle_str_at(r, src, "row", BUNDLE_OPT, &rec->source_json);
    if (!rc && rec->source_json) {
        /* kept as text and written back as JSON by `suivi export`: it must be an object */
        struct jsonr_doc *row;
        struct err ignored = {0};
        if (jsonr_parse(rec->source_json, strlen(rec->source_json), "row", &row, &ignored) ||
            jsonr_type(jsonr_root(row)) != JSONR_OBJECT)
            rc = bundle_bad(r, "row", "expected a JSON object as text (%s)",
                            ignored.msg[0] ? ignored.msg : "not an object");
        jsonr_free(row);
    }
    bundle_path_back(r, mark);
    return rc;
}

static int same_text(const char *a, const char *b)
{
    return a == b || (a && b && !strcmp(a, b));
}

struct same_call {
    const struct store_rec *want; /* its tags: source tags only */
    int same;
};

/* Whether the stored recommendation holds what the bundle says, tags compared as a set: the
 * store's content hash depends on the order a source listed the tags in, which a bundle (tags
 * in the store's order) cannot give back. */
static int same_rec(void *ctx, const struct store_rec *have)
{
    struct same_call *c = ctx;
    const struct store_rec *w = c->want;
    const char *const fields[][2] = {{w->kind, have->kind},
                                     {w->mechanism, have->mechanism},
                                     {w->body, have->body},
                                     {w->document, have->document},
                                     {w->paragraph, have->paragraph},
                                     {w->country, have->country},
                                     {w->country_label, have->country_label},
                                     {w->response, have->response},
                                     {w->cluster_theme, have->cluster_theme},
                                     {w->source_file, have->source_file},
                                     {w->source_json, have->source_json},
                                     {w->text[0], have->text[0]},
                                     {w->text[1], have->text[1]},
                                     {w->text[2], have->text[2]}};
    c->same = 0;
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        if (!same_text(fields[i][0], fields[i][1]))
            return 0;
    if (w->session != have->session || w->cycle != have->cycle ||
        w->action_category != have->action_category || w->source_line != have->source_line ||
        w->nstates != have->nstates)
        return 0;
    for (size_t i = 0; i < w->nstates; i++)
        if (!same_text(w->states[i].iso3, have->states[i].iso3) ||
            !same_text(w->states[i].label, have->states[i].label))
            return 0;
    size_t sources = 0;
    for (size_t i = 0; i < have->ntags; i++) {
        const struct store_tag *t = &have->tags[i];
        if (t->origin != STORE_TAG_SOURCE)
            continue;
        sources++;
        size_t k = 0;
        while (k < w->ntags &&
               !(same_text(t->vocab, w->tags[k].vocab) && same_text(t->label, w->tags[k].label) &&
                 same_text(t->code, w->tags[k].code)))
            k++;
        if (k == w->ntags)
            return 0;
    }
    c->same = sources == w->ntags;
    return 0;
}

static int read_recommendation(struct bundle_reader *r, const struct jsonr *o)
{
    struct store_rec rec = {0};
    struct store_state_ref *states = NULL;
    struct store_tag *tags = NULL, *source_tags = NULL;
    size_t ntags = 0;
    int rc = bundle_name_at(r, o, "id", BUNDLE_REQ, &rec.id);
    if (!rc)
        rc = bundle_unique(r, "recommendation", "%s", rec.id);
    if (!rc)
        rc = bundle_enum_at(r, o, "kind", BUNDLE_REQ, rec_kinds, &rec.kind);
    if (!rc)
        rc = bundle_enum_at(r, o, "mechanism", BUNDLE_REQ, mechanisms, &rec.mechanism);
    if (!rc)
        rc = bundle_name_at(r, o, "body", BUNDLE_REQ, &rec.body);
    if (!rc)
        rc = bundle_str_at(r, o, "document", BUNDLE_OPT, &rec.document);
    if (!rc)
        rc = bundle_str_at(r, o, "paragraph", BUNDLE_OPT, &rec.paragraph);
    if (!rc)
        rc = bundle_country_at(r, o, "country", &rec.country);
    if (!rc && r->state && (!rec.country || strcmp(rec.country, r->state)))
        rc = bundle_bad(r, "country", "expected %s: the bundle is limited to that State", r->state);
    if (!rc)
        rc = bundle_str_at(r, o, "country_label", BUNDLE_OPT, &rec.country_label);
    if (!rc)
        rc = bundle_int_at(r, o, "session", BUNDLE_OPT, 0, 100000, &rec.session);
    if (!rc)
        rc = bundle_int_at(r, o, "cycle", BUNDLE_OPT, 0, 1000, &rec.cycle);
    if (!rc)
        rc = bundle_enum_at(r, o, "response", BUNDLE_OPT, responses, &rec.response);
    if (!rc)
        rc = bundle_int_at(r, o, "action_category", BUNDLE_OPT, 0, 5, &rec.action_category);
    if (!rc)
        rc = bundle_str_at(r, o, "cluster_theme", BUNDLE_OPT, &rec.cluster_theme);
    if (!rc)
        rc = texts_at(r, o, &rec);
    if (!rc)
        rc = states_at(r, o, &states, &rec.nstates);
    if (!rc)
        rc = tags_at(r, o, &tags, &ntags);
    if (!rc)
        rc = source_at(r, o, &rec);
    if (rc)
        goto out;
    /* source tags go with the record (replaced when it changes); others are merged one by one */
    if (ntags && !(source_tags = calloc(ntags, sizeof *source_tags))) {
        rc = err_set(r->err, ERR_NOMEM, "out of memory");
        goto out;
    }
    for (size_t i = 0; i < ntags; i++)
        if (tags[i].origin == STORE_TAG_SOURCE)
            source_tags[rec.ntags++] = tags[i];
    rec.states = states;
    rec.tags = source_tags;
    enum store_put_outcome outcome = STORE_PUT_UNCHANGED;
    struct same_call same = {&rec, 0};
    rc = store_rec_get(r->st, rec.id, same_rec, &same, r->err);
    if (rc == ERR_NOTFOUND)
        rc = 0;
    if (rc || (!same.same && (rc = store_rec_put(r->st, &rec, &outcome, r->err))))
        goto fault;
    bundle_count(r, outcome);
    for (size_t i = 0; i < ntags && !rc; i++) {
        if (tags[i].origin == STORE_TAG_SOURCE)
            continue;
        rc = bundle_at_fault(r, store_bundle_tag_put(r->st, rec.id, &tags[i], &outcome, r->err));
        if (!rc)
            bundle_count(r, outcome);
    }
    goto out;
fault:
    rc = bundle_at_fault(r, rc);
out:
    free(states);
    free(tags);
    free(source_tags);
    return rc;
}

static int read_suggestion(struct bundle_reader *r, const struct jsonr *o)
{
    static const char *const reviews[] = {"pending", "accepted", "rejected", NULL};
    struct store_suggestion s = {0};
    const char *review;
    int rc = bundle_name_at(r, o, "recommendation", BUNDLE_REQ, &s.rec_id);
    if (!rc)
        rc = bundle_name_at(r, o, "vocab", BUNDLE_REQ, &s.vocab);
    if (!rc)
        rc = bundle_name_at(r, o, "code", BUNDLE_REQ, &s.code);
    if (!rc)
        rc = bundle_unique(r, "suggestion", "%s\x1f%s\x1f%s", s.rec_id, s.vocab, s.code);
    if (!rc)
        rc = bundle_name_at(r, o, "label", BUNDLE_REQ, &s.label);
    if (!rc)
        rc = bundle_num_at(r, o, "score", BUNDLE_REQ, &s.score);
    if (!rc)
        rc = bundle_str_at(r, o, "reason", BUNDLE_OPT, &s.reason);
    if (!rc)
        rc = bundle_str_at(r, o, "model", BUNDLE_OPT, &s.model);
    if (!rc)
        rc = bundle_enum_at(r, o, "review", BUNDLE_REQ, reviews, &review);
    if (!rc)
        rc = bundle_time_at(r, o, "created_at", BUNDLE_REQ, &s.created_at);
    if (!rc)
        rc = bundle_str_at(r, o, "reviewed_by", BUNDLE_OPT, &s.reviewed_by);
    if (!rc)
        rc = bundle_time_at(r, o, "reviewed_at", BUNDLE_OPT, &s.reviewed_at);
    if (rc)
        return rc;
    s.review = !strcmp(review, "pending")    ? STORE_REVIEW_PENDING
               : !strcmp(review, "accepted") ? STORE_REVIEW_ACCEPTED
                                             : STORE_REVIEW_REJECTED;
    enum store_put_outcome outcome;
    rc = bundle_at_fault(r, store_bundle_suggestion_put(r->st, &s, &outcome, r->err));
    if (!rc)
        bundle_count(r, outcome);
    return rc;
}

/* ---- the document ------------------------------------------------------------------------ */

static int read_head(struct bundle_reader *r, const struct jsonr *root)
{
    if (jsonr_type(root) != JSONR_OBJECT)
        return bundle_wrong(r, NULL, root, "an object (a suivi bundle)");
    const char *format;
    long version;
    int rc = bundle_str_at(r, root, "format", BUNDLE_REQ, &format);
    if (!rc && strcmp(format, BUNDLE_FORMAT))
        rc = bundle_bad(r, "format", "\"%.60s\": expected \"" BUNDLE_FORMAT "\"", format);
    if (!rc)
        rc = bundle_long_at(r, root, "version", BUNDLE_REQ, 1, 1L << 30, &version);
    if (!rc && version != BUNDLE_VERSION)
        rc = bundle_bad(r, "version",
                        "this bundle is in format version %ld; this suivi reads version %d only "
                        "(a newer suivi may read it)",
                        version, BUNDLE_VERSION);
    int64_t created_at;
    if (!rc)
        rc = bundle_time_at(r, root, "created_at", BUNDLE_REQ, &created_at);
    if (!rc)
        rc = bundle_country_at(r, root, "state", &r->state);
    static const char *const scopes[] = {"published", "all", NULL};
    const char *scope;
    if (!rc)
        rc = bundle_enum_at(r, root, "scope", BUNDLE_REQ, scopes, &scope);
    const struct jsonr *producer = jsonr_get(root, "producer");
    if (!rc && !bundle_is_null(producer) && jsonr_type(producer) != JSONR_OBJECT)
        rc = bundle_wrong(r, "producer", producer, "an object");
    return rc;
}

static int (*const readers[IMPORT_BUNDLE_SECTION_COUNT])(struct bundle_reader *,
                                                         const struct jsonr *) = {
    [IMPORT_BUNDLE_RECOMMENDATIONS] = read_recommendation,
    [IMPORT_BUNDLE_SUGGESTIONS] = read_suggestion,
    [IMPORT_BUNDLE_INSTITUTIONS] = bundle_read_institution,
    [IMPORT_BUNDLE_CLUSTERS] = bundle_read_cluster,
    [IMPORT_BUNDLE_CLUSTER_MEMBERS] = bundle_read_member,
    [IMPORT_BUNDLE_ASSIGNMENTS] = bundle_read_assignment,
    [IMPORT_BUNDLE_ACTIONS] = bundle_read_action,
    [IMPORT_BUNDLE_INDICATORS] = bundle_read_indicator,
    [IMPORT_BUNDLE_FILES] = bundle_read_file,
    [IMPORT_BUNDLE_PROGRESS] = bundle_read_progress,
    [IMPORT_BUNDLE_NOTES] = bundle_read_note,
    [IMPORT_BUNDLE_NEEDS] = bundle_read_need,
};

/* Institutions first: assignments, actions, indicators and progress refer to them. */
static const enum import_bundle_section order[IMPORT_BUNDLE_SECTION_COUNT] = {
    IMPORT_BUNDLE_INSTITUTIONS, IMPORT_BUNDLE_RECOMMENDATIONS, IMPORT_BUNDLE_SUGGESTIONS,
    IMPORT_BUNDLE_CLUSTERS,     IMPORT_BUNDLE_CLUSTER_MEMBERS, IMPORT_BUNDLE_ASSIGNMENTS,
    IMPORT_BUNDLE_ACTIONS,      IMPORT_BUNDLE_INDICATORS,      IMPORT_BUNDLE_FILES,
    IMPORT_BUNDLE_PROGRESS,     IMPORT_BUNDLE_NOTES,           IMPORT_BUNDLE_NEEDS,
};

static int audit_import(struct bundle_reader *r, const struct core_actor *actor)
{
    struct buf after = BUF_INIT;
    buf_printf(&after, "{\"inserted\":%ld,\"updated\":%ld,\"unchanged\":%ld", r->res->inserted,
               r->res->updated, r->res->unchanged);
    for (int s = 0; s < IMPORT_BUNDLE_SECTION_COUNT; s++)
        buf_printf(&after, ",\"%s\":%ld", section_names[s], r->res->records[s]);
    buf_printf(&after, ",\"evidence_without_file\":%ld}", r->res->evidence_without_file);
    int rc = after.oom ? err_set(r->err, ERR_NOMEM, "out of memory")
                       : core_audit_record(r->st, actor, "import", "bundle", r->name, NULL,
                                           buf_str(&after), r->err);
    buf_free(&after);
    return rc;
}

int import_bundle_text(struct store *st, const char *name, const char *text, size_t n,
                       const struct core_actor *actor, struct import_bundle_result *res,
                       struct err *err)
{
    struct bundle_reader r = {.st = st, .name = name, .err = err, .res = res};
    struct jsonr_doc *doc = NULL;
    memset(res, 0, sizeof *res);
    int rc = jsonr_parse(text, n, name, &doc, err);
    if (rc)
        return rc;
    r.seen = strmap_new();
    r.countries = strmap_new();
    if (!r.seen || !r.countries || buf_puts(&r.path, "$")) {
        rc = err_set(err, ERR_NOMEM, "out of memory");
        goto out;
    }
    if ((rc = store_begin(st, err)))
        goto out;
    rc = read_head(&r, jsonr_root(doc));
    for (int i = 0; i < IMPORT_BUNDLE_SECTION_COUNT && !rc; i++)
        rc = each_record(&r, jsonr_root(doc), order[i], readers[order[i]]);
    if (!rc && (res->inserted || res->updated))
        rc = audit_import(&r, actor);
    if (!rc)
        rc = store_commit(st, err);
    if (rc)
        store_rollback(st);
out:
    strmap_free(r.seen);
    strmap_free(r.countries);
    buf_free(&r.path);
    jsonr_free(doc);
    return rc;
}

int import_bundle(struct store *st, const char *path, const struct core_actor *actor,
                  struct import_bundle_result *res, struct err *err)
{
    struct buf text = BUF_INIT;
    int rc = file_read_all(path, BUNDLE_MAX_BYTES, &text, err);
    if (!rc)
        rc = import_bundle_text(st, path, text.data ? text.data : "", text.len, actor, res, err);
    buf_free(&text);
    return rc;
}
