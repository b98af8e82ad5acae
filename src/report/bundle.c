/*
 * bundle.c — the exchange bundle's writer (see bundle.h, docs/bundle.md). The document is
 * written section by section as the store hands records over, one record per line, and flushed
 * to the file every megabyte, so a deployment with tens of thousands of recommendations never
 * holds more than one record in memory (evidence files apart). Keys come in a fixed order and
 * numbers in their shortest exact form: exporting what a bundle imported gives the same bytes.
 * Recommendations are read through core (core/read.h), the follow-up through the store's
 * bundle section (store.h "step 5") and the cooperation store (store/store_coop.h), which name
 * rows by their keys instead of this database's ids.
 */
#include "report/bundle.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/read.h"
#include "store/store_coop.h"
#include "util/json.h"
#include "util/jsonw.h"
#include "util/strmap.h"

enum { FLUSH_AT = 1 << 20 };

struct need_key {
    long org_id;
    int64_t created_at;
};

struct writer {
    struct store *st;
    const struct report_bundle_options *o;
    FILE *f;
    struct buf b;
    struct jsonw w;
    long n;                  /* records written in the current section */
    struct strmap *recs;     /* ids written (with a State filter only) */
    struct strmap *clusters; /* names written */
    struct strmap *files;    /* sha256 of evidence written */
    char **file_list;        /* the same, in order */
    size_t nfiles, files_cap;
    struct need_key *needs; /* the needs seen so far, for their seq */
    size_t nneeds, needs_cap;
    struct buf last_key; /* of the previous progress report or note, for their seq */
    int last_seq;
    struct report_bundle_counts c;
    struct err *err;
};

static int flush(struct writer *wr, int force)
{
    if (wr->b.oom)
        return err_set(wr->err, ERR_NOMEM, "out of memory");
    if (!force && wr->b.len < FLUSH_AT)
        return 0;
    if (wr->b.len && fwrite(wr->b.data, 1, wr->b.len, wr->f) != wr->b.len)
        return err_set(wr->err, ERR_IO, "bundle: write failed");
    buf_reset(&wr->b);
    return 0;
}

int report_bundle_number(struct buf *out, double v)
{
    if (!isfinite(v))
        return buf_puts(out, "null");
    char text[40];
    for (int digits = 15; digits <= 17; digits++) {
        snprintf(text, sizeof text, "%.*g", digits, v);
        if (strtod(text, NULL) == v)
            break;
    }
    return buf_puts(out, text);
}

/* ---- small writers ----------------------------------------------------------------------- */

static void kv_time(struct jsonw *w, const char *key, int64_t ms)
{
    jsonw_key(w, key);
    if (!ms) {
        jsonw_null(w);
        return;
    }
    char t[CORE_TIME_SIZE];
    core_time_format(ms, t);
    jsonw_string(w, t);
}

static void kv_number(struct writer *wr, const char *key, double v)
{
    struct buf num = BUF_INIT;
    jsonw_key(&wr->w, key);
    if (report_bundle_number(&num, v))
        wr->b.oom = 1;
    jsonw_raw(&wr->w, num.len ? buf_str(&num) : "null");
    buf_free(&num);
}

static void kv_bool(struct jsonw *w, const char *key, int v)
{
    jsonw_key(w, key);
    jsonw_bool(w, v);
}

/* Starts a record of the current section: its separator, then a fresh writer on the buffer. */
static void record_begin(struct writer *wr)
{
    buf_puts(&wr->b, wr->n++ ? ",\n" : "\n");
    jsonw_init(&wr->w, &wr->b);
    jsonw_object(&wr->w);
}

static int record_end(struct writer *wr)
{
    jsonw_end(&wr->w);
    return flush(wr, 0);
}

/* Ends a record whose last member is a list the store filled (rc: how that went), counting it. */
static int record_end_list(struct writer *wr, int rc, long *count)
{
    if (rc)
        return rc;
    jsonw_end(&wr->w);
    (*count)++;
    return record_end(wr);
}

/* The rest of a follow-up record's key after its target (docs/bundle.md): who (an institution
 * or an author), when, and its rank among the records with the same three. */
static void kv_key(struct jsonw *w, const char *who_key, const char *who, int64_t created_at,
                   long seq)
{
    jsonw_kv_string(w, who_key, who);
    kv_time(w, "created_at", created_at);
    jsonw_kv_int(w, "seq", seq);
}

static void section_begin(struct writer *wr, const char *name)
{
    buf_puts(&wr->b, ",\n");
    buf_put_json_string(&wr->b, name);
    buf_puts(&wr->b, ": [");
    wr->n = 0;
    buf_reset(&wr->last_key);
}

static int section_end(struct writer *wr)
{
    buf_puts(&wr->b, wr->n ? "\n]" : "]");
    return flush(wr, 0);
}

static int remember(struct strmap *m, const char *key, struct err *err)
{
    return strmap_put(m, key, NULL) ? err_set(err, ERR_NOMEM, "out of memory") : 0;
}

static int known(const struct strmap *m, const char *key)
{
    const char *v;
    return key && strmap_get(m, key, &v);
}

/* ---- recommendations --------------------------------------------------------------------- */

static const char *const langs[STORE_LANG_COUNT] = {"en", "fr", "es"};
static const char *const origins[] = {"source", "human", "machine"};

static int on_rec(void *ctx, const struct store_rec *r)
{
    struct writer *wr = ctx;
    struct jsonw *w = &wr->w;
    if (wr->o->state && remember(wr->recs, r->id, wr->err))
        return ERR_NOMEM;
    record_begin(wr);
    jsonw_kv_string(w, "id", r->id);
    jsonw_kv_string(w, "kind", r->kind);
    jsonw_kv_string(w, "mechanism", r->mechanism);
    jsonw_kv_string(w, "body", r->body);
    jsonw_kv_string(w, "document", r->document);
    jsonw_kv_string(w, "paragraph", r->paragraph);
    jsonw_kv_string(w, "country", r->country);
    jsonw_kv_string(w, "country_label", r->country_label);
    jsonw_kv_int(w, "session", r->session);
    jsonw_kv_int(w, "cycle", r->cycle);
    jsonw_kv_string(w, "response", r->response);
    jsonw_kv_int(w, "action_category", r->action_category);
    jsonw_kv_string(w, "cluster_theme", r->cluster_theme);
    jsonw_key(w, "texts");
    jsonw_object(w);
    for (int i = 0; i < STORE_LANG_COUNT; i++)
        if (r->text[i])
            jsonw_kv_string(w, langs[i], r->text[i]);
    jsonw_end(w);
    jsonw_key(w, "recommending_states");
    jsonw_array(w);
    for (size_t i = 0; i < r->nstates; i++) {
        jsonw_object(w);
        jsonw_kv_string(w, "iso3", r->states[i].iso3);
        jsonw_kv_string(w, "label", r->states[i].label);
        jsonw_end(w);
    }
    jsonw_end(w);
    jsonw_key(w, "tags");
    jsonw_array(w);
    for (size_t i = 0; i < r->ntags; i++) {
        const struct store_tag *t = &r->tags[i];
        jsonw_object(w);
        jsonw_kv_string(w, "vocab", t->vocab);
        jsonw_kv_string(w, "code", t->code);
        jsonw_kv_string(w, "label", t->label);
        jsonw_kv_string(w, "origin", origins[t->origin]);
        if (t->origin == STORE_TAG_MACHINE)
            kv_number(wr, "score", t->score);
        jsonw_end(w);
    }
    jsonw_end(w);
    jsonw_key(w, "source");
    jsonw_object(w);
    jsonw_kv_string(w, "file", r->source_file);
    jsonw_kv_int(w, "line", r->source_line);
    jsonw_kv_string(w, "row", r->source_json);
    jsonw_end(w);
    wr->c.recommendations++;
    return record_end(wr);
}

static int on_suggestion(void *ctx, const struct store_suggestion *s)
{
    static const char *const reviews[] = {"pending", "accepted", "rejected"};
    struct writer *wr = ctx;
    struct jsonw *w = &wr->w;
    if (wr->o->state && !known(wr->recs, s->rec_id))
        return 0;
    record_begin(wr);
    jsonw_kv_string(w, "recommendation", s->rec_id);
    jsonw_kv_string(w, "vocab", s->vocab);
    jsonw_kv_string(w, "code", s->code);
    jsonw_kv_string(w, "label", s->label);
    kv_number(wr, "score", s->score);
    jsonw_kv_string(w, "reason", s->reason);
    jsonw_kv_string(w, "model", s->model);
    jsonw_kv_string(w, "review", reviews[s->review]);
    kv_time(w, "created_at", s->created_at);
    jsonw_kv_string(w, "reviewed_by", s->reviewed_by);
    kv_time(w, "reviewed_at", s->reviewed_at);
    return record_end(wr);
}

/* ---- institutions, clusters, assignments, actions, indicators ------------------------------ */

static int on_institution(void *ctx, const struct store_institution *in)
{
    struct writer *wr = ctx;
    struct jsonw *w = &wr->w;
    struct buf branch = BUF_INIT;
    int rc = store_institution_branch_get(wr->st, in->id, &branch, wr->err);
    if (!rc) {
        record_begin(wr);
        jsonw_kv_string(w, "code", in->code);
        jsonw_kv_string(w, "name", in->name);
        jsonw_kv_string(w, "kind", in->kind);
        jsonw_kv_string(w, "branch", branch.len ? buf_str(&branch) : NULL);
        wr->c.institutions++;
        rc = record_end(wr);
    }
    buf_free(&branch);
    return rc;
}

static int on_cluster(void *ctx, const struct store_cluster *c)
{
    struct writer *wr = ctx;
    struct jsonw *w = &wr->w;
    if (wr->o->state && c->country && strcmp(c->country, wr->o->state))
        return 0;
    if (remember(wr->clusters, c->name, wr->err))
        return ERR_NOMEM;
    record_begin(wr);
    jsonw_kv_string(w, "name", c->name);
    jsonw_kv_string(w, "kind", c->kind);
    jsonw_kv_string(w, "criterion", c->criterion);
    jsonw_kv_string(w, "country", c->country);
    kv_time(w, "created_at", c->created_at);
    wr->c.clusters++;
    return record_end(wr);
}

static int on_member(void *ctx, const struct store_bundle_member *m)
{
    struct writer *wr = ctx;
    if (!known(wr->clusters, m->cluster))
        return 0;
    record_begin(wr);
    jsonw_kv_string(&wr->w, "cluster", m->cluster);
    jsonw_kv_string(&wr->w, "recommendation", m->rec_id);
    kv_bool(&wr->w, "by_hand", m->by_hand);
    return record_end(wr);
}

/* Starts a record aimed at a recommendation or, without one, at a cluster; 0 (nothing written)
 * for a cluster the bundle left out. */
static int target_begin(struct writer *wr, const char *rec_id, const char *cluster)
{
    if (!rec_id && !known(wr->clusters, cluster))
        return 0;
    record_begin(wr);
    if (rec_id)
        jsonw_kv_string(&wr->w, "recommendation", rec_id);
    else
        jsonw_kv_string(&wr->w, "cluster", cluster);
    return 1;
}

static int on_assignment(void *ctx, const struct store_bundle_assignment *a)
{
    struct writer *wr = ctx;
    struct jsonw *w = &wr->w;
    if (!target_begin(wr, a->rec_id, a->cluster))
        return 0;
    jsonw_kv_string(w, "institution", a->institution);
    kv_bool(w, "lead", a->lead);
    jsonw_kv_string(w, "deadline", a->deadline);
    kv_time(w, "created_at", a->created_at);
    wr->c.assignments++;
    return record_end(wr);
}

static int on_action(void *ctx, const struct store_bundle_action *a)
{
    struct writer *wr = ctx;
    struct jsonw *w = &wr->w;
    if (!target_begin(wr, a->rec_id, a->cluster))
        return 0;
    kv_key(w, "institution", a->institution, a->created_at, a->seq);
    jsonw_kv_string(w, "description", a->description);
    jsonw_kv_string(w, "unit", a->unit);
    jsonw_kv_string(w, "start_date", a->start_date);
    jsonw_kv_string(w, "due_date", a->due_date);
    kv_number(wr, "budget", a->budget);
    jsonw_kv_string(w, "currency", a->currency);
    jsonw_kv_string(w, "status", a->status);
    kv_time(w, "updated_at", a->updated_at);
    wr->c.actions++;
    return record_end(wr);
}

static int on_value(void *ctx, const struct store_indicator_value *v)
{
    struct writer *wr = ctx;
    jsonw_object(&wr->w);
    jsonw_kv_string(&wr->w, "date", v->date);
    kv_number(wr, "value", v->value);
    jsonw_kv_string(&wr->w, "note", v->note);
    jsonw_end(&wr->w);
    return 0;
}

static int on_indicator(void *ctx, const struct store_bundle_indicator *ind)
{
    struct writer *wr = ctx;
    struct jsonw *w = &wr->w;
    record_begin(wr);
    jsonw_kv_string(w, "recommendation", ind->rec_id);
    kv_key(w, "institution", ind->institution, ind->created_at, ind->seq);
    jsonw_kv_string(w, "name", ind->name);
    jsonw_kv_string(w, "definition", ind->definition);
    jsonw_kv_string(w, "unit", ind->unit);
    jsonw_kv_string(w, "source", ind->source);
    kv_number(wr, "baseline", ind->baseline);
    kv_number(wr, "target", ind->target);
    jsonw_kv_string(w, "baseline_date", ind->baseline_date);
    jsonw_kv_string(w, "target_date", ind->target_date);
    jsonw_kv_string(w, "sdg_indicator", ind->sdg_indicator);
    kv_time(w, "updated_at", ind->updated_at);
    jsonw_key(w, "values");
    jsonw_array(w);
    return record_end_list(wr, store_bundle_value_each(wr->st, ind->id, on_value, wr, wr->err),
                           &wr->c.indicators);
}

/* ---- progress, evidence, notes, files ----------------------------------------------------- */

static int on_evidence(void *ctx, const struct store_evidence *e)
{
    struct writer *wr = ctx;
    struct jsonw *w = &wr->w;
    jsonw_object(w);
    jsonw_kv_string(w, "file_name", e->file_name);
    jsonw_kv_string(w, "content_type", e->content_type);
    jsonw_kv_int(w, "size", (long)e->size);
    jsonw_kv_string(w, "sha256", e->sha256);
    jsonw_kv_string(w, "uploaded_by", e->uploaded_by);
    kv_time(w, "uploaded_at", e->uploaded_at);
    jsonw_end(w);
    wr->c.evidence++;
    if (!wr->o->with_files || known(wr->files, e->sha256))
        return 0;
    if (wr->nfiles == wr->files_cap) {
        size_t cap = wr->files_cap ? 2 * wr->files_cap : 16;
        char **list = realloc(wr->file_list, cap * sizeof *list);
        if (!list)
            return err_set(wr->err, ERR_NOMEM, "out of memory");
        wr->file_list = list;
        wr->files_cap = cap;
    }
    if (!(wr->file_list[wr->nfiles] = strdup(e->sha256)))
        return err_set(wr->err, ERR_NOMEM, "out of memory");
    wr->nfiles++;
    return remember(wr->files, e->sha256, wr->err);
}

/* The rank of a row among the rows written with the same key (they come one after the other):
 * counted here, not by the store, because a published-only bundle leaves some rows out. */
static int next_seq(struct writer *wr, const char *a, const char *b, int64_t at)
{
    struct buf key = BUF_INIT;
    buf_printf(&key, "%s\x1f%s\x1f%lld", a ? a : "", b ? b : "", (long long)at);
    if (wr->last_key.len == key.len && !memcmp(wr->last_key.data, key.data, key.len)) {
        buf_free(&key);
        return ++wr->last_seq;
    }
    buf_free(&wr->last_key);
    wr->last_key = key;
    return wr->last_seq = 1;
}

static int on_progress(void *ctx, const struct store_bundle_progress *bp)
{
    struct writer *wr = ctx;
    struct jsonw *w = &wr->w;
    const struct store_progress *p = &bp->p;
    if (!wr->o->all && strcmp(p->workflow, "validated"))
        return 0;
    record_begin(wr);
    jsonw_kv_string(w, "recommendation", p->rec_id);
    kv_key(w, "institution", bp->institution, p->created_at,
           next_seq(wr, p->rec_id, bp->institution, p->created_at));
    jsonw_kv_string(w, "status", p->status);
    jsonw_kv_string(w, "narrative", p->narrative);
    jsonw_kv_string(w, "workflow", p->workflow);
    jsonw_kv_string(w, "review_comment", p->review_comment);
    jsonw_kv_string(w, "author", p->author_login);
    jsonw_kv_string(w, "submitter", p->submitter_login);
    jsonw_kv_string(w, "reviewer", p->reviewer_login);
    kv_time(w, "updated_at", p->updated_at);
    kv_time(w, "submitted_at", p->submitted_at);
    kv_time(w, "reviewed_at", p->reviewed_at);
    jsonw_key(w, "evidence");
    jsonw_array(w);
    return record_end_list(wr, store_evidence_each(wr->st, p->id, on_evidence, wr, wr->err),
                           &wr->c.progress);
}

static int on_note(void *ctx, const struct store_bundle_note *bn)
{
    struct writer *wr = ctx;
    struct jsonw *w = &wr->w;
    const struct store_note *n = &bn->n;
    if (!wr->o->all && !n->independent)
        return 0;
    record_begin(wr);
    jsonw_kv_string(w, "recommendation", n->rec_id);
    kv_key(w, "author", n->author_login, n->created_at,
           next_seq(wr, n->rec_id, n->author_login, n->created_at));
    jsonw_kv_string(w, "organisation", n->organisation);
    kv_bool(w, "independent", n->independent);
    jsonw_kv_string(w, "status", n->status);
    jsonw_kv_string(w, "body", n->body);
    wr->c.notes++;
    return record_end(wr);
}

/* A "|"-separated list as a JSON array ("" is the empty list). */
static void kv_list(struct jsonw *w, const char *key, const char *list)
{
    jsonw_key(w, key);
    jsonw_array(w);
    for (const char *p = list; p && *p;) {
        const char *bar = strchr(p, '|');
        size_t n = bar ? (size_t)(bar - p) : strlen(p);
        char item[256];
        snprintf(item, sizeof item, "%.*s", (int)n, p);
        jsonw_string(w, item);
        p += n + (bar != NULL);
    }
    jsonw_end(w);
}

static int on_org(void *ctx, const struct store_org *o)
{
    struct jsonw *w = ctx;
    jsonw_key(w, "organisation");
    jsonw_object(w);
    jsonw_kv_string(w, "code", o->code);
    jsonw_kv_string(w, "name", o->name);
    jsonw_kv_string(w, "kind", o->kind);
    jsonw_kv_string(w, "country", o->country);
    kv_time(w, "created_at", o->created_at);
    jsonw_end(w);
    return 0;
}

static int on_need(void *ctx, const struct store_need *n)
{
    struct writer *wr = ctx;
    struct jsonw *w = &wr->w;
    if (wr->o->state && (!n->country || strcmp(n->country, wr->o->state)))
        return 0;
    if (!wr->o->all && (strcmp(n->visibility, "public") || !strcmp(n->status, "withdrawn")))
        return 0;
    /* the key: organisation, created_at and the rank among the needs that share them */
    int seq = 1;
    for (size_t i = 0; i < wr->nneeds; i++)
        seq += wr->needs[i].org_id == n->org_id && wr->needs[i].created_at == n->created_at;
    if (wr->nneeds == wr->needs_cap) {
        size_t cap = wr->needs_cap ? 2 * wr->needs_cap : 64;
        struct need_key *keys = realloc(wr->needs, cap * sizeof *keys);
        if (!keys)
            return err_set(wr->err, ERR_NOMEM, "out of memory");
        wr->needs = keys;
        wr->needs_cap = cap;
    }
    wr->needs[wr->nneeds++] = (struct need_key){n->org_id, n->created_at};
    record_begin(wr);
    int rc = store_org_get(wr->st, n->org_id, NULL, on_org, w, wr->err);
    if (rc)
        return rc;
    kv_time(w, "created_at", n->created_at);
    jsonw_kv_int(w, "seq", seq);
    jsonw_kv_string(w, "title", n->title);
    jsonw_kv_string(w, "description", n->description);
    kv_list(w, "recommendations", n->recs);
    kv_list(w, "kinds", n->kinds);
    kv_list(w, "providers", n->providers);
    kv_list(w, "languages", n->languages);
    jsonw_kv_string(w, "lang", n->lang);
    jsonw_kv_string(w, "time_from", n->time_from);
    jsonw_kv_string(w, "time_to", n->time_to);
    jsonw_kv_string(w, "visibility", n->visibility);
    jsonw_kv_string(w, "status", n->status);
    jsonw_kv_string(w, "created_by", n->created_by);
    kv_time(w, "updated_at", n->updated_at);
    wr->c.needs++;
    return record_end(wr);
}

static int write_files(struct writer *wr)
{
    struct buf bytes = BUF_INIT, b64 = BUF_INIT;
    int rc = 0;
    for (size_t i = 0; i < wr->nfiles && !rc; i++) {
        buf_reset(&bytes);
        buf_reset(&b64);
        if ((rc = store_blob_get(wr->st, wr->file_list[i], &bytes, wr->err)))
            break;
        if (json_base64_encode(bytes.data, bytes.len, &b64)) {
            rc = err_set(wr->err, ERR_NOMEM, "out of memory");
            break;
        }
        record_begin(wr);
        jsonw_kv_string(&wr->w, "sha256", wr->file_list[i]);
        jsonw_kv_int(&wr->w, "size", (long)bytes.len);
        jsonw_kv_string(&wr->w, "content_base64", b64.len ? buf_str(&b64) : "");
        wr->c.files++;
        rc = record_end(wr);
    }
    buf_free(&bytes);
    buf_free(&b64);
    return rc;
}

/* ---- the document ------------------------------------------------------------------------ */

static int write_head(struct writer *wr)
{
    /* the top level by hand (one member a line), each value through a fresh writer */
    struct jsonw *w = &wr->w;
    buf_puts(&wr->b, "{\n\"format\": ");
    jsonw_init(w, &wr->b);
    jsonw_string(w, REPORT_BUNDLE_FORMAT);
    buf_printf(&wr->b, ",\n\"version\": %d,\n\"producer\": ", REPORT_BUNDLE_VERSION);
    jsonw_init(w, &wr->b);
    jsonw_object(w);
    jsonw_kv_string(w, "software", "suivi");
    jsonw_kv_string(w, "version", "0.1");
    jsonw_kv_string(w, "deployment", wr->o->deployment);
    jsonw_end(w);
    buf_puts(&wr->b, ",\n\"created_at\": ");
    char t[CORE_TIME_SIZE];
    core_time_format(wr->o->created_at, t);
    jsonw_init(w, &wr->b);
    jsonw_string(w, t);
    buf_puts(&wr->b, ",\n\"state\": ");
    jsonw_init(w, &wr->b);
    jsonw_string(w, wr->o->state);
    buf_puts(&wr->b, ",\n\"scope\": ");
    jsonw_init(w, &wr->b);
    jsonw_string(w, wr->o->all ? "all" : "published");
    return flush(wr, 0);
}

static int write_sections(struct writer *wr)
{
    struct store *st = wr->st;
    const char *state = wr->o->state;
    struct store_filter filter = {.country = state};
    int rc;
    section_begin(wr, "recommendations");
    if ((rc = core_rec_each(st, &filter, on_rec, wr, wr->err)) || (rc = section_end(wr)))
        return rc;
    section_begin(wr, "suggestions");
    if (wr->o->all && (rc = store_suggestion_each(st, NULL, on_suggestion, wr, wr->err)))
        return rc;
    if ((rc = section_end(wr)))
        return rc;
    section_begin(wr, "institutions");
    if ((rc = store_institution_each(st, on_institution, wr, wr->err)) || (rc = section_end(wr)))
        return rc;
    section_begin(wr, "clusters");
    if ((rc = store_cluster_each(st, on_cluster, wr, wr->err)) || (rc = section_end(wr)))
        return rc;
    section_begin(wr, "cluster_members");
    if ((rc = store_bundle_member_each(st, state, on_member, wr, wr->err)) ||
        (rc = section_end(wr)))
        return rc;
    section_begin(wr, "assignments");
    if ((rc = store_bundle_assignment_each(st, state, on_assignment, wr, wr->err)) ||
        (rc = section_end(wr)))
        return rc;
    section_begin(wr, "actions");
    if ((rc = store_bundle_action_each(st, state, on_action, wr, wr->err)) ||
        (rc = section_end(wr)))
        return rc;
    section_begin(wr, "indicators");
    if ((rc = store_bundle_indicator_each(st, state, on_indicator, wr, wr->err)) ||
        (rc = section_end(wr)))
        return rc;
    section_begin(wr, "progress");
    if ((rc = store_bundle_progress_each(st, state, on_progress, wr, wr->err)) ||
        (rc = section_end(wr)))
        return rc;
    section_begin(wr, "notes");
    if ((rc = store_bundle_note_each(st, state, on_note, wr, wr->err)) || (rc = section_end(wr)))
        return rc;
    section_begin(wr, "needs");
    if ((rc = store_need_each(st, on_need, wr, wr->err)) || (rc = section_end(wr)))
        return rc;
    section_begin(wr, "files");
    if ((rc = write_files(wr)) || (rc = section_end(wr)))
        return rc;
    buf_puts(&wr->b, "\n}\n");
    return flush(wr, 1);
}

int report_bundle_write(struct store *st, const struct report_bundle_options *o, FILE *out,
                        struct report_bundle_counts *counts, struct err *err)
{
    struct writer wr = {.st = st, .o = o, .f = out, .err = err};
    int rc;
    wr.recs = strmap_new();
    wr.clusters = strmap_new();
    wr.files = strmap_new();
    if (!wr.recs || !wr.clusters || !wr.files) {
        rc = err_set(err, ERR_NOMEM, "out of memory");
        goto out;
    }
    if (o->with_files && !o->all) {
        rc = err_set(err, ERR_USAGE, "bundle: evidence files go only into a bundle of all records");
        goto out;
    }
    /* one snapshot for the whole document, however long it takes to write */
    if ((rc = store_bundle_read_begin(st, err)))
        goto out;
    rc = write_head(&wr);
    if (!rc)
        rc = write_sections(&wr);
    store_bundle_read_end(st);
    if (!rc && counts)
        *counts = wr.c;
out:
    for (size_t i = 0; i < wr.nfiles; i++)
        free(wr.file_list[i]);
    free(wr.file_list);
    free(wr.needs);
    buf_free(&wr.last_key);
    strmap_free(wr.recs);
    strmap_free(wr.clusters);
    strmap_free(wr.files);
    buf_free(&wr.b);
    return rc;
}
