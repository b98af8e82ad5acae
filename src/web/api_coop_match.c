/*
 * api_coop_match.c — matches of the technical-cooperation repository as JSON under /api/v1
 * (api_coop.c has needs, offers and the rankings): the list (filters need, offer, state), one
 * match with its score parts and history, proposing one and deciding on it. What a caller may
 * see and move is core's answer (core_match_*); conventions are api_coop.c's.
 */
#include <stdlib.h>
#include <string.h>

#include "web/api_coop.h"
#include "web/json_in.h"

/* The parts of a stored explanation ("theme=0.71 ..."). */
static void parse_explanation(const char *why, struct core_match_score *s)
{
    memset(s, 0, sizeof *s);
    for (const char *p = why ? why : ""; *p;) {
        p += strspn(p, " ");
        size_t n = strcspn(p, "=");
        if (!p[n])
            break;
        for (int i = 0; i < CORE_PART_COUNT; i++) {
            const char *name = core_match_part_name((enum core_match_part)i);
            if (name && strlen(name) == n && !strncmp(p, name, n))
                s->part[i] = strtod(p + n + 1, NULL);
        }
        p += n + 1;
        p += strcspn(p, " ");
    }
}

static void write_match(struct jsonw *w, const struct core_match *m)
{
    struct core_match_score s;
    parse_explanation(m->explanation, &s);
    s.total = m->score;
    jsonw_kv_int(w, "id", m->id);
    jsonw_kv_int(w, "need_id", m->need_id);
    jsonw_kv_int(w, "offer_id", m->offer_id);
    jsonw_kv_string(w, "need_title", m->need_title);
    jsonw_kv_string(w, "offer_title", m->offer_title);
    jsonw_kv_string(w, "need_country", m->need_country);
    jsonw_kv_string(w, "offer_org", m->offer_org_code);
    jsonw_kv_string(w, "state", core_match_state_name(m->state));
    jsonw_kv_string(w, "proposed_by", core_match_side_name(m->proposed_by));
    api_coop_json_score(w, &s, m->explanation);
    jsonw_kv_string(w, "comment", m->comment);
    api_coop_json_time(w, "created_at", m->created_at);
    api_coop_json_time(w, "updated_at", m->updated_at);
}

/* ---- matches ---------------------------------------------------------------------------- */

struct match_out {
    struct jsonw *w;
    long id; /* one match: its id; 0: a page of them */
    struct api_coop_page pg;
};

static int list_match(void *ctx, const struct core_match *m)
{
    struct match_out *o = ctx;
    if (o->id) {
        if (m->id == o->id && !o->pg.total++)
            write_match(o->w, m);
        return 0;
    }
    if (api_coop_page_take(&o->pg)) {
        jsonw_object(o->w);
        write_match(o->w, m);
        jsonw_end(o->w);
    }
    return 0;
}

int api_coop_matches(struct req *r, struct resp *p)
{
    int page, per_page;
    if (web_page_params(r, p, &page, &per_page))
        return 0;
    struct err err = {0};
    struct core_match_filter f = {web_id(web_query(r, "need")), web_id(web_query(r, "offer")), -1};
    const char *state = web_query(r, "state");
    int rc = 0;
    if (state) {
        enum core_match_state s;
        rc = core_match_state_parse(state, &s, &err);
        f.state = (int)s;
    }
    if (rc)
        return web_fail(r, p, &err);
    struct jsonw w;
    struct match_out o = {&w, 0, {(long)(page - 1) * per_page, per_page, 0}};
    web_json_items(p, &w);
    rc = core_match_list(r->store, &r->actor, &f, list_match, &o, &err);
    web_json_items_end(&w, page, per_page, o.pg.total);
    return web_json_finish(r, p, rc, &err);
}

static int history_row(void *ctx, const struct core_match_event *e)
{
    struct jsonw *w = ctx;
    jsonw_object(w);
    api_coop_json_time(w, "at", e->at);
    jsonw_kv_string(w, "actor", e->actor_login);
    jsonw_kv_string(w, "from",
                    e->from < CORE_MATCH_STATE_COUNT ? core_match_state_name(e->from) : NULL);
    jsonw_kv_string(w, "to", core_match_state_name(e->to));
    jsonw_kv_string(w, "comment", e->comment);
    jsonw_end(w);
    return 0;
}

int api_coop_match(struct req *r, struct resp *p)
{
    struct err err = {0};
    struct jsonw w;
    long id = web_id(r->param[0]);
    if (!id)
        return web_error(r, p, 404, "not_found", "no such match");
    struct match_out o = {&w, id, {0, 0, 0}};
    web_json_begin(p, &w);
    jsonw_object(&w);
    int rc = core_match_get(r->store, &r->actor, id, list_match, &o, &err);
    if (!rc) {
        jsonw_key(&w, "history");
        jsonw_array(&w);
        rc = core_match_history(r->store, &r->actor, id, history_row, &w, &err);
        jsonw_end(&w);
    }
    jsonw_end(&w);
    return web_json_finish(r, p, rc, &err);
}

int api_coop_match_create(struct req *r, struct resp *p)
{
    struct json_in *body;
    if (web_json_body(r, p, &body))
        return 0;
    struct err err = {0};
    long need = 0, offer = 0, id = 0;
    const char *side = json_in_string(body, "side");
    int rc = 0;
    if (!json_in_int(body, "need_id", &need) || !json_in_int(body, "offer_id", &offer))
        rc = err_set(&err, ERR_INPUT, "give need_id and offer_id (numbers)");
    if (!rc && (!side || (strcmp(side, "need") && strcmp(side, "offer"))))
        rc = err_set(&err, ERR_INPUT,
                     "side: expected \"need\" (the State) or \"offer\" (the "
                     "provider)");
    rc = rc ? rc
            : core_match_propose(r->store, &r->actor, need, offer,
                                 !strcmp(side, "need") ? CORE_SIDE_NEED : CORE_SIDE_OFFER,
                                 json_in_string(body, "comment"), &id, &err);
    json_in_free(body);
    return rc ? web_fail(r, p, &err) : web_json_created(r, p, "/api/v1/matches", id);
}

int api_coop_match_decision(struct req *r, struct resp *p)
{
    struct json_in *body;
    long id = web_id(r->param[0]);
    if (!id)
        return web_error(r, p, 404, "not_found", "no such match");
    if (web_json_body(r, p, &body))
        return 0;
    struct err err = {0};
    const char *state = json_in_string(body, "state");
    enum core_match_state to;
    int rc = core_match_state_parse(state ? state : "", &to, &err);
    rc = rc ? rc
            : core_match_move(r->store, &r->actor, id, to, json_in_string(body, "comment"), &err);
    json_in_free(body);
    if (rc)
        return web_fail(r, p, &err);
    struct jsonw w;
    web_json_begin(p, &w);
    jsonw_object(&w);
    jsonw_kv_int(&w, "id", id);
    jsonw_kv_string(&w, "state", core_match_state_name(to));
    jsonw_end(&w);
    return p->body.oom ? web_error(r, p, 500, "server_error", "out of memory") : 0;
}
