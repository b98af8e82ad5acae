/*
 * hub.c — the rules of the knowledge hub (see hub.h): who may read and write profiles, good
 * practices and the library, what their fields must hold, tags resolved against the
 * taxonomies, files attached with the limits of follow-up evidence, and the hub's search.
 * Writes run in one transaction with their audit event; hub_import.c reuses the *_write
 * functions inside its own transaction.
 */
#include "core/hub_internal.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/audit.h"
#include "core/followup_internal.h"
#include "core/password.h"
#include "core/permissions.h"
#include "text/fold.h"
#include "util/jsonw.h"

static const char *const lang_codes[STORE_LANG_COUNT] = {"en", "fr", "es"};

/* ---- helpers ------------------------------------------------------------------------------ */

int hub_commit(struct store *st, int rc, struct err *err)
{
    if (!rc)
        rc = store_commit(st, err);
    if (rc)
        store_rollback(st);
    return rc;
}

int hub_audit(struct store *st, const struct core_actor *actor, const char *action,
              const char *entity, const char *id, struct buf *after, struct err *err)
{
    if (after->oom)
        return err_set(err, ERR_NOMEM, "out of memory");
    return core_audit_record(st, actor, action, entity, id, NULL,
                             after->len ? buf_str(after) : NULL, err);
}

int hub_country(struct store *st, const char *name, char iso3[4], struct err *err)
{
    iso3[0] = '\0';
    if (!name || !*name)
        return 0;
    int found = store_country_find(st, name, iso3, err);
    if (found < 0)
        return found;
    if (!found)
        return err_set(err, ERR_INPUT,
                       "country \"%.80s\": no such State (use an ISO code or a name in English, "
                       "French or Spanish)",
                       name);
    return 0;
}

/* ---- tags --------------------------------------------------------------------------------- */

static void trim(const char **s, size_t *n)
{
    while (*n && (**s == ' ' || **s == '\t')) {
        (*s)++;
        (*n)--;
    }
    while (*n && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t'))
        (*n)--;
}

/* One tag "vocab:code" (or a free tag) of n bytes into out->tag[out->n]. */
static int tag_parse(struct store *st, const char *s, size_t n, struct core_hub_tags *out,
                     struct err *err)
{
    char text[CORE_HUB_TAG_MAX + 32];
    trim(&s, &n);
    if (!n)
        return 0;
    if (n >= sizeof text)
        return err_set(err, ERR_INPUT, "tag \"%.40s...\": %zu bytes, expected at most %d", s, n,
                       CORE_HUB_TAG_MAX);
    memcpy(text, s, n);
    text[n] = '\0';
    if (out->n == CORE_HUB_TAGS_MAX)
        return err_set(err, ERR_INPUT, "tags: more than %d", CORE_HUB_TAGS_MAX);
    const char *vocab = "free", *value = text;
    char *colon = strchr(text, ':');
    if (colon) {
        *colon = '\0';
        vocab = text;
        value = colon + 1;
        size_t vn = strlen(value);
        trim(&value, &vn);
        ((char *)value)[vn] = '\0';
        if (strcmp(vocab, "sdg") && strcmp(vocab, "uhri_theme") && strcmp(vocab, "free"))
            return err_set(err, ERR_INPUT,
                           "tag \"%.80s\": unknown kind \"%s\", expected sdg:, uhri_theme: or "
                           "free:",
                           value, vocab);
    }
    size_t k = out->n;
    int rc = fu_check_text("tag", value, 1, CORE_HUB_TAG_MAX, 0, err);
    if (rc)
        return rc;
    /* both fit: vocab is one of three short words, value was checked against the maximum */
    memcpy(out->vocab[k], vocab, strlen(vocab) + 1);
    if (!strcmp(vocab, "free")) {
        memcpy(out->code[k], value, strlen(value) + 1);
    } else {
        int found = store_term_find(st, vocab, value, out->code[k], sizeof out->code[k], err);
        if (found < 0)
            return found;
        if (!found)
            return err_set(err, ERR_INPUT, "tag %s:%.80s: no such %s (give its code or label)",
                           vocab, value, !strcmp(vocab, "sdg") ? "SDG goal or target" : "theme");
    }
    out->tag[k] = (struct store_hub_tag){out->vocab[k], out->code[k]};
    out->n++;
    return 0;
}

int core_hub_tags_parse(struct store *st, const char *text, struct core_hub_tags *out,
                        struct err *err)
{
    memset(out, 0, sizeof *out);
    for (const char *p = text; p && *p;) {
        size_t n = strcspn(p, ",");
        int rc = tag_parse(st, p, n, out, err);
        if (rc)
            return rc;
        p += n + (p[n] == ',');
    }
    return 0;
}

/* ---- good practices ----------------------------------------------------------------------- */

int core_hub_practice_lang(const struct store_hub_practice *p, int want)
{
    if (want >= 0 && want < STORE_LANG_COUNT && p->title[want])
        return want;
    for (int l = 0; l < STORE_LANG_COUNT; l++)
        if (p->title[l])
            return l;
    return -1;
}

static const char *login_of(const struct core_actor *actor)
{
    return actor && actor->login ? actor->login : "";
}

int core_hub_may_edit(const struct core_actor *actor, const struct store_hub_practice *p)
{
    if (core_may(actor, CORE_HUB_EDIT, 0))
        return 1;
    return core_may(actor, CORE_HUB_PROPOSE, 0) && !p->published && p->author &&
           !strcmp(p->author, login_of(actor));
}

int hub_may_read(const struct core_actor *actor, const struct store_hub_practice *p)
{
    return p->published || core_may(actor, CORE_HUB_READ_DRAFTS, 0) ||
           (actor && actor->user_id && p->author && !strcmp(p->author, login_of(actor)));
}

/* Checks in and fills out (strings borrowed from in; country resolved into iso3). */
static int practice_checked(struct store *st, const struct core_hub_practice_in *in,
                            struct store_hub_practice *out, char iso3[4], struct err *err)
{
    int rc = 0, versions = 0;
    for (int l = 0; l < STORE_LANG_COUNT && !rc; l++) {
        const char *title = in->title[l] && *in->title[l] ? in->title[l] : NULL;
        const char *body = in->body[l] && *in->body[l] ? in->body[l] : NULL;
        if (!title && !body)
            continue;
        char field[16];
        snprintf(field, sizeof field, "title_%s", lang_codes[l]);
        rc = fu_check_text(field, title, 1, CORE_HUB_NAME_MAX, 0, err);
        snprintf(field, sizeof field, "body_%s", lang_codes[l]);
        rc = rc ? rc : fu_check_text(field, body, 1, CORE_HUB_BODY_MAX, 1, err);
        out->title[l] = title;
        out->body[l] = body;
        versions++;
    }
    if (!rc && !versions)
        rc = err_set(err, ERR_INPUT,
                     "title and body: none given, expected them in English, French or Spanish");
    if (!rc && in->slug)
        rc = fu_check_text("slug", in->slug, 1, CORE_HUB_SLUG_MAX, 0, err);
    rc = rc ? rc : hub_country(st, in->country, iso3, err);
    if (rc)
        return rc;
    out->slug = in->slug;
    out->country = *iso3 ? iso3 : NULL;
    out->demo = in->demo;
    if (in->tags) {
        out->tags = in->tags->tag;
        out->ntags = in->tags->n;
    }
    return 0;
}

static void practice_json(struct buf *out, const struct store_hub_practice *p, long id)
{
    struct jsonw w;
    jsonw_init(&w, out);
    jsonw_object(&w);
    jsonw_kv_int(&w, "id", id);
    jsonw_kv_string(&w, "slug", p->slug);
    jsonw_kv_string(&w, "country", p->country);
    jsonw_key(&w, "published");
    jsonw_bool(&w, p->published);
    for (int l = 0; l < STORE_LANG_COUNT; l++) {
        char key[16];
        snprintf(key, sizeof key, "title_%s", lang_codes[l]);
        jsonw_kv_string(&w, key, p->title[l]);
    }
    jsonw_key(&w, "tags");
    jsonw_array(&w);
    for (size_t i = 0; i < p->ntags; i++) {
        struct buf tag = BUF_INIT;
        buf_printf(&tag, "%s:%s", p->tags[i].vocab, p->tags[i].code);
        jsonw_string(&w, buf_str(&tag));
        buf_free(&tag);
    }
    jsonw_end(&w);
    jsonw_end(&w);
}

struct practice_state {
    int found, published, same;
    char author[CORE_LOGIN_MAX + 8];
    const struct store_hub_practice *want; /* compared with what is stored when not NULL */
};

static int same_text(const char *a, const char *b)
{
    return (!a && !b) || (a && b && !strcmp(a, b));
}

static int has_tag(const struct store_hub_practice *p, const struct store_hub_tag *t)
{
    for (size_t i = 0; i < p->ntags; i++)
        if (!strcmp(p->tags[i].vocab, t->vocab) && !strcmp(p->tags[i].code, t->code))
            return 1;
    return 0;
}

/* Whether want would store what was holds (want's NULL slug keeps the stored one). */
static int practice_same(const struct store_hub_practice *was,
                         const struct store_hub_practice *want)
{
    if ((want->slug && !same_text(was->slug, want->slug)) ||
        !same_text(was->country, want->country) || was->published != want->published ||
        was->demo != want->demo || was->ntags != want->ntags)
        return 0;
    for (int l = 0; l < STORE_LANG_COUNT; l++)
        if (!same_text(was->title[l], want->title[l]) || !same_text(was->body[l], want->body[l]))
            return 0;
    for (size_t i = 0; i < want->ntags; i++)
        if (!has_tag(was, &want->tags[i]))
            return 0;
    return 1;
}

static int copy_state(void *ctx, const struct store_hub_practice *p)
{
    struct practice_state *s = ctx;
    s->found = 1;
    s->published = p->published;
    snprintf(s->author, sizeof s->author, "%s", p->author ? p->author : "");
    if (s->want) {
        struct store_hub_practice want = *s->want;
        if (want.published < 0)
            want.published = p->published;
        s->same = practice_same(p, &want);
    }
    return 0;
}

int hub_entry_get(struct store *st, long id, int *published, char *author, size_t size,
                  struct err *err)
{
    struct practice_state was = {0};
    int rc = store_hub_practice_get(st, id, copy_state, &was, err);
    if (!rc) {
        *published = was.published;
        snprintf(author, size, "%s", was.author);
    }
    return rc;
}

int hub_practice_write(struct store *st, const struct core_actor *actor, long id,
                       const struct core_hub_practice_in *in, long *out_id, int *unchanged,
                       struct err *err)
{
    struct store_hub_practice p = {.id = id};
    char iso3[4], scratch[CORE_LOGIN_MAX + 8];
    int rc = practice_checked(st, in, &p, iso3, err), editor = core_may(actor, CORE_HUB_EDIT, 0);
    if (unchanged)
        *unchanged = 0;
    if (rc)
        return rc;
    p.author = fu_login(actor, scratch, sizeof scratch);
    p.published = editor ? in->published : 0;
    if (id) {
        struct practice_state was = {0};
        /* an author's edit keeps the published flag: compare with it (-1) */
        struct store_hub_practice want = p;
        want.published = editor ? in->published : -1;
        was.want = &want;
        if ((rc = store_hub_practice_get(st, id, copy_state, &was, err)))
            return rc;
        struct store_hub_practice old = {.published = was.published, .author = was.author};
        if (!core_hub_may_edit(actor, &old))
            return fu_denied(actor, "changing a good practice",
                             "a coordinator, an administrator or its author while unpublished",
                             err);
        if (!editor)
            p.published = was.published;
        *out_id = id;
        if (was.same) {
            if (unchanged)
                *unchanged = 1;
            return 0;
        }
    }
    if ((rc = store_hub_practice_put(st, &p, core_now(), out_id, err)))
        return rc;
    struct buf after = BUF_INIT;
    char ref[24];
    snprintf(ref, sizeof ref, "%ld", *out_id);
    practice_json(&after, &p, *out_id);
    rc = hub_audit(st, actor, id ? "update" : "create", "hub_practice", ref, &after, err);
    buf_free(&after);
    return rc;
}

int core_hub_practice_create(struct store *st, const struct core_actor *actor,
                             const struct core_hub_practice_in *in, long *id, struct err *err)
{
    if (!core_may(actor, CORE_HUB_PROPOSE, 0))
        return fu_denied(actor, "proposing a good practice",
                         "a contributor, a focal point, a coordinator or an administrator", err);
    int rc = store_begin(st, err);
    if (rc)
        return rc;
    return hub_commit(st, hub_practice_write(st, actor, 0, in, id, NULL, err), err);
}

int core_hub_practice_update(struct store *st, const struct core_actor *actor, long id,
                             const struct core_hub_practice_in *in, struct err *err)
{
    long out_id = 0;
    if (id <= 0)
        return err_set(err, ERR_NOTFOUND, "no good practice with id %ld", id);
    int rc = store_begin(st, err);
    if (rc)
        return rc;
    return hub_commit(st, hub_practice_write(st, actor, id, in, &out_id, NULL, err), err);
}

int core_hub_practice_publish(struct store *st, const struct core_actor *actor, long id,
                              int published, struct err *err)
{
    if (!core_may(actor, CORE_HUB_EDIT, 0))
        return fu_denied(actor,
                         published ? "publishing a good practice" : "withdrawing a good practice",
                         "a coordinator or an administrator", err);
    int rc = store_begin(st, err);
    if (rc)
        return rc;
    rc = store_hub_practice_publish(st, id, published, core_now(), err);
    struct buf after = BUF_INIT;
    char ref[24];
    snprintf(ref, sizeof ref, "%ld", id);
    buf_printf(&after, "{\"id\":%ld,\"published\":%s}", id, published ? "true" : "false");
    if (!rc)
        rc = hub_audit(st, actor, published ? "publish" : "withdraw", "hub_practice", ref, &after,
                       err);
    buf_free(&after);
    return hub_commit(st, rc, err);
}

struct read_call {
    const struct core_actor *actor;
    store_hub_practice_cb cb;
    void *ctx;
    int hidden;
};

static int practice_if_visible(void *ctx, const struct store_hub_practice *p)
{
    struct read_call *call = ctx;
    if (!hub_may_read(call->actor, p)) {
        call->hidden = 1;
        return 0;
    }
    return call->cb(call->ctx, p);
}

int core_hub_practice_get(struct store *st, const struct core_actor *actor, long id,
                          store_hub_practice_cb cb, void *ctx, struct err *err)
{
    struct read_call call = {actor, cb, ctx, 0};
    int rc = store_hub_practice_get(st, id, practice_if_visible, &call, err);
    /* An entry the reader may not see is as absent as one that does not exist. */
    if (!rc && call.hidden)
        rc = err_set(err, ERR_NOTFOUND, "no good practice with id %ld", id);
    return rc;
}

int core_hub_practice_each(struct store *st, const struct core_actor *actor,
                           const struct store_hub_filter *f, store_hub_practice_cb cb, void *ctx,
                           long *total, struct err *err)
{
    struct store_hub_filter mine = f ? *f : (struct store_hub_filter){0};
    mine.drafts = core_may(actor, CORE_HUB_READ_DRAFTS, 0);
    mine.author = actor && actor->user_id ? actor->login : NULL;
    return store_hub_practice_each(st, &mine, cb, ctx, total, err);
}

/* ---- profiles ----------------------------------------------------------------------------- */

static const char *const party_names[STORE_HUB_PARTY_COUNT] = {"nhri", "civil_society",
                                                               "statistics", "parliament"};
static const char *const branch_names[STORE_HUB_BRANCH_COUNT] = {"executive", "legislative",
                                                                 "judiciary", "other"};

const char *core_hub_party_name(enum store_hub_party k)
{
    return (unsigned)k < STORE_HUB_PARTY_COUNT ? party_names[k] : NULL;
}

const char *core_hub_branch_name(enum store_hub_branch b)
{
    return (unsigned)b < STORE_HUB_BRANCH_COUNT ? branch_names[b] : NULL;
}

static int profile_checked(const struct store_hub_profile *p, struct err *err)
{
    enum text_lang lang;
    if (!p->lang || text_lang_parse(p->lang, &lang))
        return err_set(err, ERR_INPUT, "lang \"%s\": expected en, fr or es",
                       p->lang ? p->lang : "");
    if (!p->standing || (strcmp(p->standing, "standing") && strcmp(p->standing, "ad_hoc")))
        return err_set(err, ERR_INPUT, "standing \"%s\": expected standing or ad_hoc",
                       p->standing ? p->standing : "");
    int rc = fu_check_text("name", p->name, 1, CORE_HUB_NAME_MAX, 0, err);
    const struct {
        const char *field, *value;
    } texts[] = {
        {"legal_basis", p->legal_basis},      {"secretariat", p->secretariat},
        {"members_executive", p->members[0]}, {"members_legislative", p->members[1]},
        {"members_judiciary", p->members[2]}, {"members_other", p->members[3]},
        {"nhri_how", p->party[0].how},        {"civil_society_how", p->party[1].how},
        {"statistics_how", p->party[2].how},  {"parliament_how", p->party[3].how},
        {"tracking_tool", p->tracking_tool},  {"reporting_record", p->reporting_record},
    };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0] && !rc; i++)
        rc = fu_check_text(texts[i].field, texts[i].value, 0, CORE_HUB_FIELD_MAX, 1, err);
    for (int k = 0; k < STORE_HUB_PARTY_COUNT && !rc; k++)
        if (p->party[k].takes_part < -1 || p->party[k].takes_part > 1)
            rc = err_set(err, ERR_INPUT, "%s: expected yes, no or not said", party_names[k]);
    return rc;
}

struct profile_cmp {
    const struct store_hub_profile *want;
    int same;
};

/* Whether the stored profile p holds what cmp->want would write (who and when aside). */
static int profile_compare(void *ctx, const struct store_hub_profile *p)
{
    struct profile_cmp *cmp = ctx;
    const struct store_hub_profile *w = cmp->want;
    int same = same_text(p->name, w->name) && same_text(p->lang, w->lang) &&
               same_text(p->standing, w->standing) && same_text(p->legal_basis, w->legal_basis) &&
               same_text(p->secretariat, w->secretariat) &&
               same_text(p->tracking_tool, w->tracking_tool) &&
               same_text(p->reporting_record, w->reporting_record) && p->demo == !!w->demo;
    for (int b = 0; b < STORE_HUB_BRANCH_COUNT; b++)
        same = same && same_text(p->members[b], w->members[b]);
    for (int k = 0; k < STORE_HUB_PARTY_COUNT; k++)
        same = same && p->party[k].takes_part == w->party[k].takes_part &&
               same_text(p->party[k].how, w->party[k].how);
    cmp->same = same;
    return 0;
}

int hub_profile_write(struct store *st, const struct core_actor *actor,
                      const struct store_hub_profile *in, int *created, int *unchanged,
                      struct err *err)
{
    char iso3[4], scratch[CORE_LOGIN_MAX + 8];
    int made = 0;
    int rc = profile_checked(in, err);
    if (unchanged)
        *unchanged = 0;
    if (!rc && (!in->country || !*in->country))
        rc = err_set(err, ERR_INPUT, "country: missing, expected the State's ISO code or name");
    rc = rc ? rc : hub_country(st, in->country, iso3, err);
    if (rc)
        return rc;
    struct store_hub_profile p = *in;
    p.country = iso3;
    p.updated_by = fu_login(actor, scratch, sizeof scratch);
    struct profile_cmp cmp = {&p, 0};
    rc = store_hub_profile_get(st, iso3, profile_compare, &cmp, err);
    if (rc && rc != ERR_NOTFOUND)
        return rc;
    if (!rc && cmp.same) {
        if (unchanged)
            *unchanged = 1;
        if (created)
            *created = 0;
        return 0;
    }
    if ((rc = store_hub_profile_put(st, &p, core_now(), &made, err)))
        return rc;
    if (created)
        *created = made;
    struct buf after = BUF_INIT;
    struct jsonw w;
    jsonw_init(&w, &after);
    jsonw_object(&w);
    jsonw_kv_string(&w, "country", iso3);
    jsonw_kv_string(&w, "name", p.name);
    jsonw_kv_string(&w, "standing", p.standing);
    jsonw_kv_string(&w, "lang", p.lang);
    jsonw_end(&w);
    rc = hub_audit(st, actor, made ? "create" : "update", "hub_profile", iso3, &after, err);
    buf_free(&after);
    return rc;
}

int core_hub_profile_put(struct store *st, const struct core_actor *actor,
                         const struct store_hub_profile *p, int *created, struct err *err)
{
    if (!core_may(actor, CORE_HUB_EDIT, 0))
        return fu_denied(actor, "writing an NMIRF profile", "a coordinator or an administrator",
                         err);
    int rc = store_begin(st, err);
    if (rc)
        return rc;
    return hub_commit(st, hub_profile_write(st, actor, p, created, NULL, err), err);
}

int core_hub_profile_get(struct store *st, const char *country, store_hub_profile_cb cb, void *ctx,
                         struct err *err)
{
    char iso3[4];
    int found = country ? store_country_find(st, country, iso3, err) : 0;
    if (found < 0)
        return found;
    if (!found)
        return err_set(err, ERR_NOTFOUND, "no NMIRF profile for \"%.80s\"", country ? country : "");
    return store_hub_profile_get(st, iso3, cb, ctx, err);
}

int core_hub_profile_each(struct store *st, store_hub_profile_cb cb, void *ctx, struct err *err)
{
    return store_hub_profile_each(st, cb, ctx, err);
}

/* ---- library ------------------------------------------------------------------------------ */

int hub_doc_write(struct store *st, const struct core_actor *actor, const struct store_hub_doc *d,
                  long *id, enum store_put_outcome *outcome, struct err *err)
{
    enum text_lang lang;
    enum store_put_outcome what = STORE_PUT_UNCHANGED;
    int rc = fu_check_text("symbol", d->symbol, 1, CORE_HUB_NAME_MAX, 0, err);
    rc = rc ? rc : fu_check_text("title", d->title, 1, CORE_HUB_NAME_MAX, 0, err);
    rc = rc ? rc : fu_check_date("date", d->date, 0, err);
    rc = rc ? rc : fu_check_text("text", d->text, 1, CORE_HUB_DOC_MAX, 1, err);
    rc = rc ? rc : fu_check_text("source", d->source, 0, CORE_HUB_NAME_MAX, 0, err);
    if (!rc && (!d->lang || text_lang_parse(d->lang, &lang)))
        rc = err_set(err, ERR_INPUT, "lang \"%s\": expected en, fr or es", d->lang ? d->lang : "");
    rc = rc ? rc : store_hub_doc_put(st, d, core_now(), id, &what, err);
    if (outcome)
        *outcome = what;
    if (rc || what == STORE_PUT_UNCHANGED)
        return rc;
    struct buf after = BUF_INIT;
    struct jsonw w;
    char ref[24];
    snprintf(ref, sizeof ref, "%ld", *id);
    jsonw_init(&w, &after);
    jsonw_object(&w);
    jsonw_kv_int(&w, "id", *id);
    jsonw_kv_string(&w, "symbol", d->symbol);
    jsonw_kv_string(&w, "title", d->title);
    jsonw_kv_string(&w, "date", d->date);
    jsonw_kv_string(&w, "lang", d->lang);
    jsonw_kv_int(&w, "bytes", (long)strlen(d->text));
    jsonw_end(&w);
    rc = hub_audit(st, actor, what == STORE_PUT_INSERTED ? "create" : "update", "hub_doc", ref,
                   &after, err);
    buf_free(&after);
    return rc;
}

int core_hub_doc_put(struct store *st, const struct core_actor *actor,
                     const struct store_hub_doc *d, long *id, enum store_put_outcome *outcome,
                     struct err *err)
{
    if (!core_may(actor, CORE_HUB_EDIT, 0))
        return fu_denied(actor, "adding a document to the library",
                         "a coordinator or an administrator", err);
    int rc = store_begin(st, err);
    if (rc)
        return rc;
    return hub_commit(st, hub_doc_write(st, actor, d, id, outcome, err), err);
}

int core_hub_doc_get(struct store *st, long id, const char *symbol, store_hub_doc_cb cb, void *ctx,
                     struct err *err)
{
    return store_hub_doc_get(st, id, symbol, cb, ctx, err);
}

int core_hub_doc_each(struct store *st, store_hub_doc_cb cb, void *ctx, struct err *err)
{
    return store_hub_doc_each(st, cb, ctx, err);
}

/* ---- search ------------------------------------------------------------------------------- */

int core_hub_search(struct store *st, const struct core_actor *actor,
                    const struct core_hub_search *s, store_hub_hit_cb cb, void *ctx, long *total,
                    struct err *err)
{
    struct store_hub_search q = {.lang = -1, .kind = NULL, .limit = s->limit, .offset = s->offset};
    *total = 0;
    if (s->lang && *s->lang) {
        enum text_lang lang;
        if (text_lang_parse(s->lang, &lang))
            return err_set(err, ERR_USAGE, "lang %s: expected en, fr or es", s->lang);
        q.lang = (int)lang;
    }
    if (s->kind && *s->kind) {
        if (strcmp(s->kind, "practice") && strcmp(s->kind, "doc") && strcmp(s->kind, "profile"))
            return err_set(err, ERR_USAGE, "kind %.40s: expected practice, doc or profile",
                           s->kind);
        q.kind = s->kind;
    }
    q.drafts = core_may(actor, CORE_HUB_READ_DRAFTS, 0);
    q.author = actor && actor->user_id ? actor->login : NULL;
    struct text_query *query = NULL;
    int rc = text_query_parse(s->q ? s->q : "", &query, err);
    if (rc)
        return rc;
    q.query = query;
    rc = store_hub_search(st, &q, cb, ctx, total, err);
    text_query_free(query);
    return rc;
}
