/*
 * coop_need.c — needs of the cooperation repository (coop.h): a State records one on its own
 * recommendations, sets its visibility (its consent) or withdraws it; everyone reads them
 * through the consent rule of coop.c, which list, filter and show apply before anything else.
 * Every write checks the actor and its organisation and is audited in the same transaction.
 */
#include "core/coop_internal.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/followup_internal.h"
#include "core/permissions.h"
#include "text/fold.h"
#include "util/jsonw.h"

/* ---- needs --------------------------------------------------------------------------------- */

void coopi_need_from_store(const struct store_need *s, struct core_need *n)
{
    *n = (struct core_need){
        .id = s->id,
        .org_id = s->org_id,
        .org_code = s->org_code,
        .org_name = s->org_name,
        .country = s->country,
        .region = s->region,
        .title = s->title,
        .description = s->description,
        .recs = s->recs,
        .themes = s->themes,
        .sdgs = s->sdgs,
        .kinds = coopi_help_mask(s->kinds),
        .providers = coopi_org_mask(s->providers),
        .languages = s->languages,
        .lang = s->lang,
        .time_from = s->time_from,
        .time_to = s->time_to,
        .visibility = (enum core_visibility)coopi_visibility_of(s->visibility),
        .status = (enum core_need_status)coopi_need_status_of(s->status),
        .shared_orgs = s->shared_orgs,
        .created_by = s->created_by,
        .created_at = s->created_at,
        .updated_at = s->updated_at,
    };
}

struct rec_country {
    char country[4];
};

static int rec_country_row(void *ctx, const struct store_rec *r)
{
    struct rec_country *c = ctx;
    snprintf(c->country, sizeof c->country, "%s", r->country ? r->country : "");
    return 0;
}

/* Every recommendation of the list exists and concerns country; normalised into out. */
static int check_recs(struct store *st, const char *list, const char *country, struct buf *out,
                      struct err *err)
{
    char id[256];
    for (const char *p = list; p && *p;) {
        size_t len = strcspn(p, "|, ");
        if (len >= sizeof id)
            return err_set(err, ERR_INPUT, "recommendation \"%.40s...\": id too long", p);
        if (len) {
            memcpy(id, p, len);
            id[len] = '\0';
            struct rec_country rc_ = {""};
            int rc = store_rec_get(st, id, rec_country_row, &rc_, err);
            if (rc == ERR_NOTFOUND)
                return err_set(err, ERR_INPUT, "recommendation \"%s\": no such recommendation", id);
            if (rc)
                return rc;
            if (strcmp(rc_.country, country))
                return err_set(err, ERR_INPUT,
                               "recommendation \"%s\" concerns %s, not %s: a State records "
                               "needs on its own recommendations",
                               id, *rc_.country ? rc_.country : "no known State", country);
            if (buf_printf(out, "%s%s", out->len ? "|" : "", id))
                return err_set(err, ERR_NOMEM, "out of memory");
        }
        p += len;
        if (*p)
            p++;
    }
    if (!out->len)
        return err_set(err, ERR_INPUT, "recommendations: give at least one");
    return 0;
}

static void json_need(struct buf *out, const struct store_need *n, long id)
{
    struct jsonw w;
    jsonw_init(&w, out);
    jsonw_object(&w);
    jsonw_kv_int(&w, "id", id);
    jsonw_kv_int(&w, "organisation_id", n->org_id);
    jsonw_kv_string(&w, "title", n->title);
    jsonw_kv_string(&w, "recommendations", n->recs);
    jsonw_kv_string(&w, "kinds", n->kinds);
    jsonw_kv_string(&w, "visibility", n->visibility);
    jsonw_kv_string(&w, "status", n->status);
    jsonw_end(&w);
}

int core_need_create(struct store *st, const struct core_actor *actor, const struct core_need *in,
                     long *id, struct err *err)
{
    const char *doing = "recording a need";
    if (!core_may(actor, CORE_RECORD_NEED, 0))
        return fu_denied(actor, doing, "a State's coordinator or an administrator", err);
    struct coopi_org_ref org;
    int rc = coopi_acting_org(st, actor, in->org_id, &org, doing, err);
    if (rc)
        return rc;
    if (org.kind != CORE_ORG_STATE || !*org.country)
        return err_set(err, ERR_INPUT, "%s: organisation %ld is not a State's", doing, org.id);
    if ((rc = fu_check_text("title", in->title, 1, FU_NAME_MAX, 0, err)) ||
        (rc = fu_check_text("description", in->description, 1, FU_TEXT_MAX, 1, err)) ||
        (rc = fu_check_date("from", in->time_from, 0, err)) ||
        (rc = fu_check_date("to", in->time_to, 0, err)) || (rc = coopi_check_lang(in->lang, err)))
        return rc;
    if (in->time_from && in->time_to && *in->time_from && *in->time_to &&
        strcmp(in->time_from, in->time_to) > 0)
        return err_set(err, ERR_INPUT, "to %s: before from %s", in->time_to, in->time_from);
    if (!in->kinds)
        return err_set(err, ERR_INPUT, "kinds: give at least one kind of help sought");
    if (!core_visibility_name(in->visibility))
        return err_set(err, ERR_INPUT, "visibility: out of range");
    struct buf recs = {0}, langs = {0}, kinds = {0}, providers = {0}, after = {0};
    char login[CORE_LOGIN_MAX + 8];
    rc = check_recs(st, in->recs, org.country, &recs, err);
    if (!rc)
        rc = coopi_check_languages(in->languages, &langs, err);
    if (!rc && (core_help_kinds_format(in->kinds, &kinds) ||
                coopi_org_kinds_format(in->providers, &providers)))
        rc = err_set(err, ERR_NOMEM, "out of memory");
    if (!rc && !(rc = store_begin(st, err))) {
        struct store_need n = {
            .org_id = org.id,
            .title = in->title,
            .description = in->description,
            .recs = buf_str(&recs),
            .kinds = kinds.len ? buf_str(&kinds) : "",
            .providers = providers.len ? buf_str(&providers) : "",
            .languages = langs.len ? buf_str(&langs) : "",
            .lang = in->lang && *in->lang ? in->lang : "en",
            .time_from = in->time_from && *in->time_from ? in->time_from : NULL,
            .time_to = in->time_to && *in->time_to ? in->time_to : NULL,
            .visibility = core_visibility_name(in->visibility),
            .status = "open",
            .created_by = fu_login(actor, login, sizeof login),
        };
        rc = store_need_put(st, &n, core_now(), id, err);
        if (!rc)
            json_need(&after, &n, *id);
        rc = fu_audit_commit(st, actor, rc, "create", "need", rc ? 0 : *id, NULL, &after, err);
    }
    buf_free(&recs);
    buf_free(&langs);
    buf_free(&kinds);
    buf_free(&providers);
    buf_free(&after);
    return rc;
}

/* Not used across callbacks: the fields a write needs are copied into small buffers. */
struct need_state {
    long id, org_id;
    char country[4];
    enum core_visibility visibility;
    enum core_need_status status;
    char shared[512];
    struct buf json;
};

static int need_state_row(void *ctx, const struct store_need *s)
{
    struct need_state *ns = ctx;
    struct core_need n;
    coopi_need_from_store(s, &n);
    ns->id = s->id;
    ns->org_id = s->org_id;
    snprintf(ns->country, sizeof ns->country, "%s", s->country ? s->country : "");
    ns->visibility = n.visibility;
    ns->status = n.status;
    snprintf(ns->shared, sizeof ns->shared, "%s", s->shared_orgs);
    json_need(&ns->json, s, s->id);
    return 0;
}

int coopi_need_owner_check(struct store *st, const struct core_actor *actor, long id,
                           const char *doing, struct need_state_view *out, struct err *err)
{
    struct need_state ns = {0};
    int rc = store_need_get(st, id, need_state_row, &ns, err);
    struct core_coop_viewer v;
    if (!rc)
        rc = core_coop_viewer_load(st, actor, &v, err);
    if (!rc) {
        struct core_need n = {.id = ns.id,
                              .org_id = ns.org_id,
                              .country = ns.country,
                              .visibility = ns.visibility,
                              .status = ns.status,
                              .shared_orgs = ns.shared};
        if (!core_coop_may_see_need(&v, &n))
            rc = err_set(err, ERR_NOTFOUND, "no need with id %ld", id);
        else if (!coopi_is_admin(actor) &&
                 !(coopi_is_own_state(&v, &n) && core_may(actor, CORE_RECORD_NEED, 0)))
            rc = fu_denied(actor, doing, "the State's coordinators or an administrator", err);
    }
    if (!rc && out) {
        out->visibility = ns.visibility;
        out->status = ns.status;
        out->before = ns.json;
    } else {
        buf_free(&ns.json);
    }
    return rc;
}

static int need_change(struct store *st, const struct core_actor *actor, long id,
                       enum core_visibility vis, enum core_need_status status, const char *action,
                       const char *doing, struct err *err)
{
    struct need_state_view view;
    int rc = store_begin(st, err);
    if (rc)
        return rc;
    if ((rc = coopi_need_owner_check(st, actor, id, doing, &view, err))) {
        store_rollback(st);
        return rc;
    }
    struct store_need n = {
        .id = id, .visibility = core_visibility_name(vis), .status = core_need_status_name(status)};
    long same;
    rc = store_need_put(st, &n, core_now(), &same, err);
    if (!rc && status == CORE_NEED_WITHDRAWN)
        rc = coopi_withdraw_matches_of_need(st, actor, id, err);
    struct buf after = {0};
    struct need_state ns = {0};
    if (!rc && !(rc = store_need_get(st, id, need_state_row, &ns, err)))
        after = ns.json;
    rc = fu_audit_commit(st, actor, rc, action, "need", id, &view.before, &after, err);
    buf_free(&view.before);
    buf_free(&after);
    return rc;
}

int core_need_set_visibility(struct store *st, const struct core_actor *actor, long id,
                             enum core_visibility v, struct err *err)
{
    if (!core_visibility_name(v))
        return err_set(err, ERR_INPUT, "visibility: out of range");
    struct need_state ns = {0};
    int rc = store_need_get(st, id, need_state_row, &ns, err);
    buf_free(&ns.json);
    if (rc)
        return rc;
    return need_change(st, actor, id, v, ns.status, "visibility", "changing a need's visibility",
                       err);
}

int core_need_withdraw(struct store *st, const struct core_actor *actor, long id, struct err *err)
{
    struct need_state ns = {0};
    int rc = store_need_get(st, id, need_state_row, &ns, err);
    buf_free(&ns.json);
    if (rc)
        return rc;
    return need_change(st, actor, id, ns.visibility, CORE_NEED_WITHDRAWN, "withdraw",
                       "withdrawing a need", err);
}

int coopi_need_passes(const struct core_need *n, const struct core_need_filter *f)
{
    if (!f)
        return 1;
    if (f->country && *f->country && (!n->country || strcmp(f->country, n->country)))
        return 0;
    if (f->region && *f->region && (!n->region || strcmp(f->region, n->region)))
        return 0;
    if (f->theme && *f->theme && !coopi_list_has(n->themes, f->theme, strlen(f->theme)))
        return 0;
    if (f->sdg && *f->sdg && !coopi_sdg_has(n->sdgs, f->sdg))
        return 0;
    if (f->kinds && !(f->kinds & n->kinds))
        return 0;
    if (f->status >= 0 && (int)n->status != f->status)
        return 0;
    if (f->visibility >= 0 && (int)n->visibility != f->visibility)
        return 0;
    return !f->text || !*f->text || coopi_words_in(f->text, n->title, n->description);
}

struct need_list_call {
    const struct core_coop_viewer *viewer;
    const struct core_need_filter *filter;
    core_need_cb cb;
    void *ctx;
    long shown;
};

static int need_list_row(void *ctx, const struct store_need *s)
{
    struct need_list_call *c = ctx;
    struct core_need n;
    coopi_need_from_store(s, &n);
    if (!core_coop_may_see_need(c->viewer, &n) || !coopi_need_passes(&n, c->filter))
        return 0;
    c->shown++;
    return c->cb(c->ctx, &n);
}

int core_need_list(struct store *st, const struct core_actor *actor,
                   const struct core_need_filter *f, core_need_cb cb, void *ctx, struct err *err)
{
    struct core_coop_viewer v;
    int rc = core_coop_viewer_load(st, actor, &v, err);
    if (rc)
        return rc;
    struct need_list_call c = {&v, f, cb, ctx, 0};
    return store_need_each(st, need_list_row, &c, err);
}

int core_need_get(struct store *st, const struct core_actor *actor, long id, core_need_cb cb,
                  void *ctx, struct err *err)
{
    struct core_coop_viewer v;
    int rc = core_coop_viewer_load(st, actor, &v, err);
    if (rc)
        return rc;
    struct need_list_call c = {&v, NULL, cb, ctx, 0};
    if ((rc = store_need_get(st, id, need_list_row, &c, err)))
        return rc;
    /* a need that may not be seen is not there, for this actor */
    return c.shown ? 0 : err_set(err, ERR_NOTFOUND, "no need with id %ld", id);
}

/* ---- a need's own history ----------------------------------------------------------------- */

int core_coop_may_see_need_history(const struct core_coop_viewer *v, const struct core_need *n)
{
    return core_coop_may_see_need(v, n) && (coopi_is_admin(v->actor) || coopi_is_own_state(v, n));
}

/* The index of the vocabulary word stored under key in an audit event's JSON, -1 when absent.
 * The JSON is a flat object written here (json_need) or by need_met_audit (coop_match.c): a
 * quote inside a string value is escaped, so "key":" only occurs where the key is. */
static int json_word(const char *json, const char *key, const char *(*name)(int), int count)
{
    char pattern[32];
    snprintf(pattern, sizeof pattern, "\"%s\":\"", key);
    const char *at = json ? strstr(json, pattern) : NULL;
    if (!at)
        return -1;
    at += strlen(pattern);
    size_t len = strcspn(at, "\"");
    for (int i = 0; i < count; i++)
        if (strlen(name(i)) == len && !strncmp(name(i), at, len))
            return i;
    return -1;
}

static const char *visibility_word(int i)
{
    return core_visibility_name((enum core_visibility)i);
}

static const char *status_word(int i)
{
    return core_need_status_name((enum core_need_status)i);
}

struct need_history {
    struct core_need_event *v;
    char **strings; /* two per event: login, action */
    size_t n, cap;
};

static int need_history_row(void *ctx, const struct store_audit *a)
{
    struct need_history *h = ctx;
    if (h->n == h->cap) {
        size_t cap = h->cap ? 2 * h->cap : 16;
        struct core_need_event *v = realloc(h->v, cap * sizeof *v);
        if (v)
            h->v = v;
        char **s = v ? realloc(h->strings, 2 * cap * sizeof *s) : NULL;
        if (!s)
            return ERR_NOMEM;
        h->strings = s;
        h->cap = cap;
    }
    char *login = strdup(a->actor_login ? a->actor_login : "");
    char *action = strdup(a->action ? a->action : "");
    if (!login || !action) {
        free(login);
        free(action);
        return ERR_NOMEM;
    }
    h->strings[2 * h->n] = login;
    h->strings[2 * h->n + 1] = action;
    h->v[h->n++] = (struct core_need_event){
        .at = a->at,
        .actor_login = login,
        .action = action,
        .visibility_before =
            json_word(a->before_json, "visibility", visibility_word, CORE_VIS_COUNT),
        .visibility_after = json_word(a->after_json, "visibility", visibility_word, CORE_VIS_COUNT),
        .status_before = json_word(a->before_json, "status", status_word, CORE_NEED_STATUS_COUNT),
        .status_after = json_word(a->after_json, "status", status_word, CORE_NEED_STATUS_COUNT),
    };
    return 0;
}

struct history_gate {
    const struct core_coop_viewer *viewer;
    int answer; /* 0, ERR_NOTFOUND or ERR_DENIED */
};

static int need_history_gate(void *ctx, const struct store_need *s)
{
    struct history_gate *g = ctx;
    struct core_need n;
    coopi_need_from_store(s, &n);
    g->answer = !core_coop_may_see_need(g->viewer, &n)           ? ERR_NOTFOUND
                : !core_coop_may_see_need_history(g->viewer, &n) ? ERR_DENIED
                                                                 : 0;
    return 0;
}

int core_need_history(struct store *st, const struct core_actor *actor, long id,
                      core_need_event_cb cb, void *ctx, struct err *err)
{
    struct core_coop_viewer v;
    struct history_gate gate = {&v, ERR_NOTFOUND};
    int rc = core_coop_viewer_load(st, actor, &v, err);
    rc = rc ? rc : store_need_get(st, id, need_history_gate, &gate, err);
    if (rc == ERR_NOTFOUND || (!rc && gate.answer == ERR_NOTFOUND))
        return err_set(err, ERR_NOTFOUND, "no need with id %ld", id);
    if (!rc && gate.answer == ERR_DENIED)
        return fu_denied(actor, "reading a need's history",
                         "the State's accounts or an administrator", err);
    if (rc)
        return rc;
    /* read under core's rule above, not core_audit_each's (the whole trail: administrators) */
    char id_text[24];
    snprintf(id_text, sizeof id_text, "%ld", id);
    struct store_audit_filter f = {.entity = "need", .entity_id = id_text};
    struct need_history h = {0};
    rc = store_audit_each(st, &f, need_history_row, &h, err);
    if (rc == ERR_NOMEM)
        rc = err_set(err, ERR_NOMEM, "out of memory");
    for (size_t i = h.n; !rc && i > 0; i--) { /* the trail is newest first */
        h.v[i - 1].need_id = id;
        rc = cb(ctx, &h.v[i - 1]);
    }
    for (size_t i = 0; i < 2 * h.n; i++)
        free(h.strings[i]);
    free(h.strings);
    free(h.v);
    return rc;
}
