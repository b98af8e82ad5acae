/*
 * api_accounts.c — /api/v1/session (log in for a bearer token, log out), /api/v1/me,
 * /api/v1/users (admins), /api/v1/audit (admins). Bodies are JSON; the rules (who may, what
 * is valid, what is audited) are core/accounts.c's, whose messages reach the client.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/accounts.h"
#include "core/audit.h"
#include "web/handlers.h"
#include "web/json_in.h"

static void write_user_fields(struct jsonw *w, const struct store_user *u)
{
    char when[32];
    jsonw_kv_int(w, "id", u->id);
    jsonw_kv_string(w, "login", u->login);
    jsonw_kv_string(w, "name", u->name);
    jsonw_kv_string(w, "role", u->role);
    jsonw_kv_string(w, "institution", u->institution_code);
    jsonw_key(w, "active");
    jsonw_bool(w, u->active);
    core_time_format(u->created_at, when);
    jsonw_kv_string(w, "created_at", when);
    if (u->last_login_at) {
        core_time_format(u->last_login_at, when);
        jsonw_kv_string(w, "last_login_at", when);
    } else {
        jsonw_kv_string(w, "last_login_at", NULL);
    }
}

static int write_user(void *ctx, const struct store_user *u)
{
    struct jsonw *w = ctx;
    jsonw_object(w);
    write_user_fields(w, u);
    jsonw_end(w);
    return 0;
}

int api_login(struct req *r, struct resp *p)
{
    struct json_in *body;
    if (web_json_body(r, p, &body))
        return 0;
    const char *login = json_in_string(body, "login"), *password = json_in_string(body, "password");
    struct core_login out;
    struct err err = {0};
    int rc = login && password ? core_login(r->store, login, password, r->remote, &out, &err)
                               : err_set(&err, ERR_INPUT, "give login and password");
    json_in_free(body);
    if (rc == CORE_ERR_LOGIN_LIMITED) {
        char retry[24];
        snprintf(retry, sizeof retry, "%lld", (long long)((out.retry_at - core_now()) / 1000 + 1));
        resp_header(p, "Retry-After", retry);
        return web_error(r, p, 429, "too_many_attempts", err.msg);
    }
    if (rc == ERR_DENIED)
        return web_error(r, p, 401, "wrong_login", err.msg);
    if (rc)
        return web_fail(r, p, &err);
    struct jsonw w;
    char when[32];
    web_json_begin(p, &w);
    jsonw_object(&w);
    jsonw_kv_string(&w, "token", out.token);
    jsonw_kv_string(&w, "csrf", out.csrf);
    core_time_format(out.expires_at, when);
    jsonw_kv_string(&w, "expires_at", when);
    jsonw_kv_int(&w, "user_id", out.user_id);
    jsonw_end(&w);
    return 0;
}

int api_logout(struct req *r, struct resp *p)
{
    const char *auth = req_header(r, "Authorization");
    const char *token =
        auth && !strncasecmp(auth, "Bearer ", 7) ? auth + 7 : req_cookie(r, "suivi_session");
    struct err err = {0};
    if (token && core_logout(r->store, token, r->remote, &err))
        return web_fail(r, p, &err);
    struct jsonw w;
    web_json_begin(p, &w);
    jsonw_object(&w);
    jsonw_key(&w, "logged_out");
    jsonw_bool(&w, 1);
    jsonw_end(&w);
    return 0;
}

int api_me(struct req *r, struct resp *p)
{
    struct jsonw w;
    web_json_begin(p, &w);
    jsonw_object(&w);
    jsonw_kv_int(&w, "user_id", r->actor.user_id);
    jsonw_kv_string(&w, "login", r->actor.user_id ? r->actor.login : NULL);
    jsonw_kv_string(&w, "role", r->actor.role);
    jsonw_kv_string(&w, "lang", text_lang_code(r->lang));
    jsonw_end(&w);
    return 0;
}

/* A page of users: core lists them all (an NMIRF has tens of accounts), we slice. */
struct user_page {
    struct jsonw *w;
    long index, from, to;
};

static int page_user(void *ctx, const struct store_user *u)
{
    struct user_page *pg = ctx;
    if (pg->index >= pg->from && pg->index < pg->to)
        write_user(pg->w, u);
    pg->index++;
    return 0;
}

int api_users(struct req *r, struct resp *p)
{
    int page, per_page;
    if (web_page_params(r, p, &page, &per_page))
        return 0;
    struct jsonw w;
    struct err err = {0};
    struct user_page pg = {&w, 0, (long)(page - 1) * per_page, (long)page * per_page};
    web_json_items(p, &w);
    int rc = core_user_each(r->store, &r->actor, page_user, &pg, &err);
    web_json_items_end(&w, page, per_page, pg.index);
    return rc ? web_fail(r, p, &err) : 0;
}

int api_user(struct req *r, struct resp *p)
{
    long id = web_id(r->param[0]);
    if (!id)
        return web_error(r, p, 404, "not_found", "no such user");
    struct jsonw w;
    struct err err = {0};
    web_json_begin(p, &w);
    int rc = core_user_get(r->store, &r->actor, id, NULL, write_user, &w, &err);
    return rc ? web_fail(r, p, &err) : 0;
}

static int take_institution_id(void *ctx, const struct store_institution *in)
{
    *(long *)ctx = in->id;
    return 0;
}

/* The institution named by code in the body, as an id (0: none). 1 when answered (error). */
static int institution_of(struct req *r, struct resp *p, const char *code, long *id)
{
    *id = 0;
    if (!code || !*code)
        return 0;
    struct err err = {0};
    if (core_institution_get(r->store, 0, code, take_institution_id, id, &err)) {
        if (err.code == ERR_NOTFOUND)
            web_error(r, p, 400, "bad_request", err.msg);
        else
            web_fail(r, p, &err);
        return 1;
    }
    return 0;
}

int api_user_create(struct req *r, struct resp *p)
{
    struct json_in *body;
    if (web_json_body(r, p, &body))
        return 0;
    struct core_user_in in = {json_in_string(body, "login"), json_in_string(body, "name"),
                              json_in_string(body, "role"), 0, json_in_string(body, "password")};
    long id = 0;
    struct err err = {0};
    int rc = 0;
    if (institution_of(r, p, json_in_string(body, "institution"), &in.institution_id))
        rc = 1;
    else if (core_user_create(r->store, &r->actor, &in, &id, &err))
        rc = web_fail(r, p, &err) + 1;
    json_in_free(body);
    if (rc)
        return 0;
    struct jsonw w;
    web_json_begin(p, &w);
    p->status = 201;
    if (core_user_get(r->store, &r->actor, id, NULL, write_user, &w, &err))
        return web_fail(r, p, &err);
    return 0;
}

/* The user as stored, to merge a PATCH into. */
struct current {
    char login[CORE_LOGIN_MAX + 1], name[CORE_NAME_MAX + 1], role[16];
    long institution_id;
};

static int take_current(void *ctx, const struct store_user *u)
{
    struct current *c = ctx;
    snprintf(c->login, sizeof c->login, "%s", u->login);
    snprintf(c->name, sizeof c->name, "%s", u->name ? u->name : "");
    snprintf(c->role, sizeof c->role, "%s", u->role);
    c->institution_id = u->institution_id;
    return 0;
}

/* Applies name, role, institution of the body (those present) to user id. 1 when answered. */
static int patch_fields(struct req *r, struct resp *p, long id, const struct json_in *body)
{
    struct current c = {0};
    struct err err = {0};
    if (core_user_get(r->store, &r->actor, id, NULL, take_current, &c, &err)) {
        web_fail(r, p, &err);
        return 1;
    }
    struct core_user_in in = {c.login, c.name[0] ? c.name : NULL, c.role, c.institution_id, NULL};
    int changed = 0;
    if (json_in_has(body, "name")) {
        in.name = json_in_string(body, "name");
        changed = 1;
    }
    if (json_in_has(body, "role")) {
        in.role = json_in_string(body, "role");
        changed = 1;
    }
    if (json_in_has(body, "institution")) {
        if (institution_of(r, p, json_in_string(body, "institution"), &in.institution_id))
            return 1;
        changed = 1;
    }
    if (changed && core_user_update(r->store, &r->actor, id, &in, &err)) {
        web_fail(r, p, &err);
        return 1;
    }
    return 0;
}

int api_user_update(struct req *r, struct resp *p)
{
    long id = web_id(r->param[0]);
    if (!id)
        return web_error(r, p, 404, "not_found", "no such user");
    struct json_in *body;
    if (web_json_body(r, p, &body))
        return 0;
    struct err err = {0};
    int answered = patch_fields(r, p, id, body), rc = 0;
    long active;
    if (!answered && json_in_int(body, "active", &active))
        rc = active ? core_user_activate(r->store, &r->actor, id, &err)
                    : core_user_deactivate(r->store, &r->actor, id, &err);
    const char *password = json_in_string(body, "password");
    if (!answered && !rc && password)
        rc = core_user_password_set(r->store, &r->actor, id, password, &err);
    json_in_free(body);
    if (answered)
        return 0;
    if (rc)
        return web_fail(r, p, &err);
    struct jsonw w;
    web_json_begin(p, &w);
    if (core_user_get(r->store, &r->actor, id, NULL, write_user, &w, &err))
        return web_fail(r, p, &err);
    return 0;
}

static int write_event(void *ctx, const struct store_audit *a)
{
    struct jsonw *w = ctx;
    char when[32];
    core_time_format(a->at, when);
    jsonw_object(w);
    jsonw_kv_int(w, "id", a->id);
    jsonw_kv_string(w, "at", when);
    jsonw_kv_string(w, "actor", a->actor_login);
    jsonw_kv_string(w, "action", a->action);
    jsonw_kv_string(w, "entity", a->entity);
    jsonw_kv_string(w, "entity_id", a->entity_id);
    jsonw_key(w, "before");
    jsonw_raw(w, a->before_json);
    jsonw_key(w, "after");
    jsonw_raw(w, a->after_json);
    jsonw_kv_string(w, "ip", a->ip);
    jsonw_kv_string(w, "detail", a->detail);
    jsonw_end(w);
    return 0;
}

int api_audit(struct req *r, struct resp *p)
{
    int page, per_page;
    if (web_page_params(r, p, &page, &per_page))
        return 0;
    struct store_audit_filter f = {.entity = req_query(r, "entity"),
                                   .entity_id = req_query(r, "id"),
                                   .actor_login = req_query(r, "actor"),
                                   .action = req_query(r, "action"),
                                   .limit = per_page,
                                   .offset = (page - 1) * per_page};
    struct jsonw w;
    struct err err = {0};
    long total = 0;
    web_json_items(p, &w);
    int rc = core_audit_each(r->store, &r->actor, &f, write_event, &w, &total, &err);
    web_json_items_end(&w, page, per_page, total);
    return rc ? web_fail(r, p, &err) : 0;
}
