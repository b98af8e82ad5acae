/*
 * api_coop.c — the technical-cooperation repository as JSON under /api/v1: needs (list with
 * filters, one, record, change visibility or withdraw, the offers ranked for one), offers
 * (list, one, record, the needs ranked for one); matches (list, one with its score parts and
 * history, propose, decide) are in api_coop_match.c. Conventions are api_recs.c's: lists are
 * {items, page, per_page, total}, errors {"error": {"code", "message"}}, ETags from app.c. Lists in
 * request bodies (recs, kinds, themes...) are strings separated by "|" or commas, as the command
 * line takes them. Every read goes through core, which leaves out the needs the caller may not see;
 * a need that may not be seen answers 404, never 403, so its existence is not disclosed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/match.h"
#include "core/permissions.h"
#include "web/api_coop.h"
#include "web/json_in.h"

enum { RANK_DEFAULT = 10, RANK_MAX = 50 };

/* "a|b|c" as a JSON array of strings. */
static void write_list(struct jsonw *w, const char *key, const char *list)
{
    jsonw_key(w, key);
    jsonw_array(w);
    struct buf one = BUF_INIT;
    for (const char *p = list ? list : ""; *p;) {
        size_t n = strcspn(p, "|");
        buf_reset(&one);
        buf_append(&one, p, n);
        if (n)
            jsonw_string(w, buf_str(&one));
        p += n + (p[n] == '|');
    }
    buf_free(&one);
    jsonw_end(w);
}

/* The names of the kinds of a mask (help kinds, or organisation kinds when org). */
static void write_mask(struct jsonw *w, const char *key, unsigned mask, int org)
{
    jsonw_key(w, key);
    jsonw_array(w);
    int n = org ? CORE_ORG_KIND_COUNT : CORE_HELP_KIND_COUNT;
    for (int i = 0; i < n; i++)
        if (mask & (1u << i))
            jsonw_string(w, org ? core_org_kind_name((enum core_org_kind)i)
                                : core_help_kind_name((enum core_help_kind)i));
    jsonw_end(w);
}

void api_coop_json_time(struct jsonw *w, const char *key, int64_t ms)
{
    char when[CORE_TIME_SIZE];
    core_time_format(ms, when);
    jsonw_kv_string(w, key, ms ? when : NULL);
}

/* Whether the caller acts for the need's State (or administers): it then sees who recorded. */
struct caller {
    struct core_coop_viewer v;
    int admin;
};

static int caller_load(struct req *r, struct caller *c, struct err *err)
{
    c->admin = core_role_parse(r->actor.role) == CORE_ROLE_ADMIN;
    return core_coop_viewer_load(r->store, &r->actor, &c->v, err);
}

static int own_state(const struct caller *c, const struct core_need *n)
{
    if (c->admin)
        return 1;
    if (!c->v.org_id)
        return 0;
    return c->v.org_id == n->org_id ||
           (c->v.org_kind == CORE_ORG_STATE && n->country && !strcmp(c->v.org_country, n->country));
}

/* The members of a need's object (the caller opens and closes it). */
static void write_need_fields(struct jsonw *w, const struct core_need *n, const struct caller *c)
{
    jsonw_kv_int(w, "id", n->id);
    jsonw_key(w, "org");
    jsonw_object(w);
    jsonw_kv_int(w, "id", n->org_id);
    jsonw_kv_string(w, "code", n->org_code);
    jsonw_kv_string(w, "name", n->org_name);
    jsonw_end(w);
    jsonw_kv_string(w, "country", n->country);
    jsonw_kv_string(w, "region", n->region);
    jsonw_kv_string(w, "title", n->title);
    jsonw_kv_string(w, "description", n->description);
    write_list(w, "recs", n->recs);
    write_list(w, "themes", n->themes);
    write_list(w, "sdgs", n->sdgs);
    write_mask(w, "kinds", n->kinds, 0);
    write_mask(w, "providers", n->providers, 1);
    write_list(w, "languages", n->languages);
    jsonw_kv_string(w, "lang", n->lang);
    jsonw_kv_string(w, "time_from", n->time_from);
    jsonw_kv_string(w, "time_to", n->time_to);
    jsonw_kv_string(w, "visibility", core_visibility_name(n->visibility));
    jsonw_kv_string(w, "status", core_need_status_name(n->status));
    if (c && own_state(c, n))
        jsonw_kv_string(w, "created_by", n->created_by);
    api_coop_json_time(w, "created_at", n->created_at);
    api_coop_json_time(w, "updated_at", n->updated_at);
}

static void write_need(struct jsonw *w, const struct core_need *n, const struct caller *c)
{
    jsonw_object(w);
    write_need_fields(w, n, c);
    jsonw_end(w);
}

static void write_offer(struct jsonw *w, const struct core_offer *o)
{
    jsonw_object(w);
    jsonw_kv_int(w, "id", o->id);
    jsonw_key(w, "org");
    jsonw_object(w);
    jsonw_kv_int(w, "id", o->org_id);
    jsonw_kv_string(w, "code", o->org_code);
    jsonw_kv_string(w, "name", o->org_name);
    jsonw_kv_string(w, "kind", core_org_kind_name(o->provider_kind));
    jsonw_kv_string(w, "country", o->country);
    jsonw_end(w);
    jsonw_kv_string(w, "title", o->title);
    jsonw_kv_string(w, "description", o->description);
    write_list(w, "themes", o->themes);
    write_list(w, "sdgs", o->sdgs);
    write_mask(w, "kinds", o->kinds, 0);
    jsonw_kv_string(w, "modality", core_modality_name(o->modality));
    write_list(w, "languages", o->languages);
    jsonw_kv_string(w, "lang", o->lang);
    write_list(w, "regions", o->regions);
    jsonw_kv_int(w, "capacity", o->capacity);
    jsonw_kv_string(w, "past_activities", o->past_activities);
    jsonw_kv_string(w, "status", core_offer_status_name(o->status));
    api_coop_json_time(w, "created_at", o->created_at);
    api_coop_json_time(w, "updated_at", o->updated_at);
    jsonw_end(w);
}

void api_coop_json_score(struct jsonw *w, const struct core_match_score *s, const char *why)
{
    jsonw_key(w, "score");
    jsonw_double(w, s->total);
    jsonw_key(w, "parts");
    jsonw_array(w);
    for (int i = 0; i < CORE_PART_COUNT; i++) {
        jsonw_object(w);
        jsonw_kv_string(w, "part", core_match_part_name((enum core_match_part)i));
        jsonw_key(w, "weight");
        jsonw_double(w, core_match_weight((enum core_match_part)i));
        jsonw_key(w, "value");
        jsonw_double(w, s->part[i]);
        jsonw_end(w);
    }
    jsonw_end(w);
    jsonw_kv_string(w, "explanation", why);
}

/* ---- lists ------------------------------------------------------------------------------ */

int api_coop_page_take(struct api_coop_page *pg)
{
    pg->total++;
    if (pg->skip > 0) {
        pg->skip--;
        return 0;
    }
    if (pg->room > 0) {
        pg->room--;
        return 1;
    }
    return 0;
}

struct page_out {
    struct jsonw *w;
    const struct caller *c;
    const char *language;
    struct api_coop_page pg;
};

static int list_need(void *ctx, const struct core_need *n)
{
    struct page_out *o = ctx;
    if (o->language && !web_list_has(n->languages, o->language))
        return 0;
    if (api_coop_page_take(&o->pg))
        write_need(o->w, n, o->c);
    return 0;
}

static int list_offer(void *ctx, const struct core_offer *of)
{
    struct page_out *o = ctx;
    if (o->language && !web_list_has(of->languages, o->language))
        return 0;
    if (api_coop_page_take(&o->pg))
        write_offer(o->w, of);
    return 0;
}

/* Kinds of help from ?kind= ("training" or "training,legal_drafting"). */
static int kinds_param(const struct req *r, unsigned *mask, struct err *err)
{
    *mask = 0;
    const char *k = web_query(r, "kind");
    return k ? core_help_kinds_parse(k, mask, err) : 0;
}

int api_coop_needs(struct req *r, struct resp *p)
{
    int page, per_page;
    if (web_page_params(r, p, &page, &per_page))
        return 0;
    struct err err = {0};
    struct caller c;
    struct core_need_filter f = {.country = web_query(r, "country"),
                                 .region = web_query(r, "region"),
                                 .theme = web_query(r, "theme"),
                                 .sdg = web_query(r, "sdg"),
                                 .status = -1,
                                 .visibility = -1,
                                 .text = web_query(r, "q")};
    int rc = caller_load(r, &c, &err);
    rc = rc ? rc : kinds_param(r, &f.kinds, &err);
    const char *status = web_query(r, "status"), *vis = web_query(r, "visibility");
    for (int i = 0; status && i < CORE_NEED_STATUS_COUNT; i++)
        if (!strcmp(status, core_need_status_name((enum core_need_status)i)))
            f.status = i;
    if (!rc && status && f.status < 0)
        rc = err_set(&err, ERR_INPUT, "status \"%.20s\": expected open, met or withdrawn", status);
    if (!rc && vis) {
        enum core_visibility v;
        rc = core_visibility_parse(vis, &v, &err);
        f.visibility = (int)v;
    }
    if (rc)
        return web_fail(r, p, &err);
    struct jsonw w;
    struct page_out o = {
        &w, &c, web_query(r, "language"), {(long)(page - 1) * per_page, per_page, 0}};
    web_json_items(p, &w);
    rc = core_need_list(r->store, &r->actor, &f, list_need, &o, &err);
    web_json_items_end(&w, page, per_page, o.pg.total);
    return web_json_finish(r, p, rc, &err);
}

/* Where needs are written, and for whom (own_state). */
struct need_out {
    struct jsonw *w;
    const struct caller *c;
};

static int one_need(void *ctx, const struct core_need *n)
{
    struct need_out *o = ctx;
    write_need(o->w, n, o->c);
    return 0;
}

/* For GET /api/v1/needs/{id}: the need, and whether its history is for this caller. */
struct need_and_history {
    struct jsonw *w;
    const struct caller *c;
    int history;
};

static int need_fields(void *ctx, const struct core_need *n)
{
    struct need_and_history *o = ctx;
    write_need_fields(o->w, n, o->c);
    o->history = core_coop_may_see_need_history(&o->c->v, n);
    return 0;
}

static int need_event_row(void *ctx, const struct core_need_event *e)
{
    struct jsonw *w = ctx;
    jsonw_object(w);
    api_coop_json_time(w, "at", e->at);
    jsonw_kv_string(w, "actor", e->actor_login);
    jsonw_kv_string(w, "action", e->action);
    /* -1 (not recorded) is out of range: the names are NULL, written as null */
    jsonw_kv_string(w, "visibility_before", core_visibility_name(e->visibility_before));
    jsonw_kv_string(w, "visibility_after", core_visibility_name(e->visibility_after));
    jsonw_kv_string(w, "status_before", core_need_status_name(e->status_before));
    jsonw_kv_string(w, "status_after", core_need_status_name(e->status_after));
    jsonw_end(w);
    return 0;
}

/* One need; for its State's accounts and administrators also "history": what happened to the
 * need itself (core_need_history), which nobody else is given. */
int api_coop_need(struct req *r, struct resp *p)
{
    struct err err = {0};
    struct caller c;
    struct jsonw w;
    long id = web_id(r->param[0]);
    int rc = id ? caller_load(r, &c, &err)
                : err_set(&err, ERR_NOTFOUND, "no need with id %.20s", r->param[0]);
    if (rc)
        return web_fail(r, p, &err);
    struct need_and_history o = {&w, &c, 0};
    web_json_begin(p, &w);
    jsonw_object(&w);
    rc = core_need_get(r->store, &r->actor, id, need_fields, &o, &err);
    if (!rc && o.history) {
        jsonw_key(&w, "history");
        jsonw_array(&w);
        rc = core_need_history(r->store, &r->actor, id, need_event_row, &w, &err);
        jsonw_end(&w);
    }
    jsonw_end(&w);
    return web_json_finish(r, p, rc, &err);
}

/* Organisation kinds ("state,ngo") into a mask. */
static int org_kinds(const char *list, unsigned *mask, struct err *err)
{
    *mask = 0;
    struct buf one = BUF_INIT;
    int rc = 0;
    for (const char *p = list ? list : ""; *p && !rc;) {
        p += strspn(p, ",| ");
        size_t n = strcspn(p, ",| ");
        if (!n)
            break;
        buf_reset(&one);
        buf_append(&one, p, n);
        enum core_org_kind k;
        rc = core_org_kind_parse(buf_str(&one), &k, err);
        if (!rc)
            *mask |= 1u << k;
        p += n;
    }
    buf_free(&one);
    return rc;
}

/* "a, b" or "a|b" as "a|b" into out. */
static int bar_list(const char *list, struct buf *out)
{
    for (const char *p = list ? list : ""; *p;) {
        p += strspn(p, ",| \t\n");
        size_t n = strcspn(p, ",| \t\n");
        if (!n)
            break;
        if (out->len)
            buf_putc(out, '|');
        buf_append(out, p, n);
        p += n;
    }
    return out->oom ? ERR_NOMEM : 0;
}

struct org_id {
    long id;
};

static int org_id_row(void *ctx, const struct core_org *o)
{
    ((struct org_id *)ctx)->id = o->id;
    return 0;
}

/* The organisation an administrator names by "org" (a code), 0 when not named. */
static int named_org(struct req *r, const struct json_in *body, long *id, struct err *err)
{
    const char *code = json_in_string(body, "org");
    struct org_id o = {0};
    *id = 0;
    if (!code || !*code)
        return 0;
    int rc = core_org_get(r->store, 0, code, org_id_row, &o, err);
    if (rc == ERR_NOTFOUND)
        return err_set(err, ERR_INPUT, "org \"%.40s\": no such organisation", code);
    *id = o.id;
    return rc;
}

int api_coop_need_create(struct req *r, struct resp *p)
{
    struct json_in *body;
    if (web_json_body(r, p, &body))
        return 0;
    struct err err = {0};
    struct buf recs = BUF_INIT, languages = BUF_INIT;
    struct core_need in = {.title = json_in_string(body, "title"),
                           .description = json_in_string(body, "description"),
                           .lang = json_in_string(body, "lang"),
                           .time_from = json_in_string(body, "time_from"),
                           .time_to = json_in_string(body, "time_to"),
                           .visibility = CORE_VIS_PRIVATE};
    const char *vis = json_in_string(body, "visibility"), *kinds = json_in_string(body, "kinds");
    int rc = named_org(r, body, &in.org_id, &err);
    if (!rc && (bar_list(json_in_string(body, "recs"), &recs) ||
                bar_list(json_in_string(body, "languages"), &languages)))
        rc = err_set(&err, ERR_NOMEM, "out of memory");
    if (!rc && vis)
        rc = core_visibility_parse(vis, &in.visibility, &err);
    rc = rc ? rc : core_help_kinds_parse(kinds ? kinds : "", &in.kinds, &err);
    rc = rc ? rc : org_kinds(json_in_string(body, "providers"), &in.providers, &err);
    in.recs = buf_str(&recs);
    in.languages = buf_str(&languages);
    long id = 0;
    rc = rc ? rc : core_need_create(r->store, &r->actor, &in, &id, &err);
    buf_free(&recs);
    buf_free(&languages);
    json_in_free(body);
    return rc ? web_fail(r, p, &err) : web_json_created(r, p, "/api/v1/needs", id);
}

int api_coop_need_update(struct req *r, struct resp *p)
{
    struct json_in *body;
    long id = web_id(r->param[0]);
    if (!id)
        return web_error(r, p, 404, "not_found", "no such need");
    if (web_json_body(r, p, &body))
        return 0;
    struct err err = {0};
    const char *vis = json_in_string(body, "visibility"), *status = json_in_string(body, "status");
    int rc = 0;
    if (!vis && !status)
        rc = err_set(&err, ERR_INPUT, "give visibility, or status \"withdrawn\"");
    if (!rc && status && strcmp(status, "withdrawn"))
        rc = err_set(&err, ERR_INPUT, "status \"%.20s\": only \"withdrawn\" can be set", status);
    if (!rc && vis) {
        enum core_visibility v;
        rc = core_visibility_parse(vis, &v, &err);
        rc = rc ? rc : core_need_set_visibility(r->store, &r->actor, id, v, &err);
    }
    if (!rc && status)
        rc = core_need_withdraw(r->store, &r->actor, id, &err);
    json_in_free(body);
    if (rc)
        return web_fail(r, p, &err);
    struct caller c;
    struct jsonw w;
    rc = caller_load(r, &c, &err);
    struct need_out o = {&w, &c};
    web_json_begin(p, &w);
    rc = rc ? rc : core_need_get(r->store, &r->actor, id, one_need, &o, &err);
    return web_json_finish(r, p, rc, &err);
}

/* ---- ranking ---------------------------------------------------------------------------- */

static int ranked(void *ctx, const struct core_match_result *res)
{
    struct need_out *k = ctx;
    jsonw_object(k->w);
    if (res->offer) {
        jsonw_key(k->w, "offer");
        write_offer(k->w, res->offer);
    }
    if (res->need) {
        jsonw_key(k->w, "need");
        write_need(k->w, res->need, k->c);
    }
    api_coop_json_score(k->w, &res->score, res->explanation);
    jsonw_end(k->w);
    return 0;
}

static int rank(struct req *r, struct resp *p, int for_need)
{
    struct err err = {0};
    struct caller c;
    long id = web_id(r->param[0]), top = RANK_DEFAULT;
    const char *k = web_query(r, "top");
    if (k && ((top = web_id(k)) == 0 || top > RANK_MAX))
        return web_error(r, p, 400, "bad_request", "top: expected a number from 1 to 50");
    if (!id)
        return web_error(r, p, 404, "not_found", "no such record");
    int rc = caller_load(r, &c, &err);
    if (rc)
        return web_fail(r, p, &err);
    struct jsonw w;
    struct need_out x = {&w, &c};
    web_json_items(p, &w);
    rc = for_need ? core_match_for_need(r->store, &r->actor, id, (size_t)top, ranked, &x, &err)
                  : core_match_for_offer(r->store, &r->actor, id, (size_t)top, ranked, &x, &err);
    web_json_items_end(&w, 0, 0, 0);
    return web_json_finish(r, p, rc, &err);
}

int api_coop_need_offers(struct req *r, struct resp *p)
{
    return rank(r, p, 1);
}

int api_coop_offer_needs(struct req *r, struct resp *p)
{
    return rank(r, p, 0);
}

/* ---- offers ----------------------------------------------------------------------------- */

int api_coop_offers(struct req *r, struct resp *p)
{
    int page, per_page;
    if (web_page_params(r, p, &page, &per_page))
        return 0;
    struct err err = {0};
    struct core_offer_filter f = {.theme = web_query(r, "theme"),
                                  .sdg = web_query(r, "sdg"),
                                  .region = web_query(r, "region"),
                                  .provider_kind = -1,
                                  .status = -1,
                                  .text = web_query(r, "q")};
    int rc = kinds_param(r, &f.kinds, &err);
    const char *provider = web_query(r, "provider"), *status = web_query(r, "status");
    if (!rc && provider) {
        enum core_org_kind kind;
        rc = core_org_kind_parse(provider, &kind, &err);
        f.provider_kind = (int)kind;
    }
    if (!rc && status) {
        f.status = !strcmp(status, "open")     ? CORE_OFFER_OPEN
                   : !strcmp(status, "closed") ? CORE_OFFER_CLOSED
                                               : -1;
        if (f.status < 0)
            rc = err_set(&err, ERR_INPUT, "status \"%.20s\": expected open or closed", status);
    }
    if (rc)
        return web_fail(r, p, &err);
    struct jsonw w;
    struct page_out o = {
        &w, NULL, web_query(r, "language"), {(long)(page - 1) * per_page, per_page, 0}};
    web_json_items(p, &w);
    rc = core_offer_list(r->store, &f, list_offer, &o, &err);
    web_json_items_end(&w, page, per_page, o.pg.total);
    return web_json_finish(r, p, rc, &err);
}

static int one_offer(void *ctx, const struct core_offer *o)
{
    write_offer(ctx, o);
    return 0;
}

int api_coop_offer(struct req *r, struct resp *p)
{
    struct err err = {0};
    struct jsonw w;
    long id = web_id(r->param[0]);
    if (!id)
        return web_error(r, p, 404, "not_found", "no such offer");
    web_json_begin(p, &w);
    int rc = core_offer_get(r->store, id, one_offer, &w, &err);
    return web_json_finish(r, p, rc, &err);
}

int api_coop_offer_create(struct req *r, struct resp *p)
{
    struct json_in *body;
    if (web_json_body(r, p, &body))
        return 0;
    struct err err = {0};
    struct buf themes = BUF_INIT, sdgs = BUF_INIT, languages = BUF_INIT, regions = BUF_INIT;
    struct core_offer in = {.title = json_in_string(body, "title"),
                            .description = json_in_string(body, "description"),
                            .lang = json_in_string(body, "lang"),
                            .past_activities = json_in_string(body, "past_activities")};
    const char *kinds = json_in_string(body, "kinds"), *mod = json_in_string(body, "modality");
    long capacity = 0;
    int rc = named_org(r, body, &in.org_id, &err);
    if (!rc && (bar_list(json_in_string(body, "themes"), &themes) ||
                bar_list(json_in_string(body, "sdgs"), &sdgs) ||
                bar_list(json_in_string(body, "languages"), &languages) ||
                bar_list(json_in_string(body, "regions"), &regions)))
        rc = err_set(&err, ERR_NOMEM, "out of memory");
    rc = rc ? rc : core_help_kinds_parse(kinds ? kinds : "", &in.kinds, &err);
    if (!rc && mod)
        rc = core_modality_parse(mod, &in.modality, &err);
    if (!rc && json_in_has(body, "capacity") &&
        (!json_in_int(body, "capacity", &capacity) || capacity < 0 || capacity > 100000))
        rc = err_set(&err, ERR_INPUT, "capacity: expected a number from 0");
    in.capacity = (int)capacity;
    in.themes = buf_str(&themes);
    in.sdgs = buf_str(&sdgs);
    in.languages = buf_str(&languages);
    in.regions = buf_str(&regions);
    long id = 0;
    rc = rc ? rc : core_offer_create(r->store, &r->actor, &in, &id, &err);
    buf_free(&themes);
    buf_free(&sdgs);
    buf_free(&languages);
    buf_free(&regions);
    json_in_free(body);
    return rc ? web_fail(r, p, &err) : web_json_created(r, p, "/api/v1/offers", id);
}
