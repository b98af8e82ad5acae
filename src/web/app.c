/*
 * app.c — what happens to every request before and after its handler: the thread's database
 * connection, the language (?lang=, cookie, Accept-Language), who is asking (session cookie
 * or bearer token), CSRF on every state-changing request, the permission the route needs,
 * security headers, ETags and 304s, and errors as JSON under /api/ or HTML elsewhere.
 */
#include "web/app.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/accounts.h"
#include "core/permissions.h"
#include "web/cache.h"
#include "web/handlers.h"
#include "web/i18n.h"
#include "web/layout.h"
#include "web/router.h"

enum { APP_MAX_THREADS = 256 };

struct app {
    struct app_options o;
    struct i18n *i18n;
    pthread_mutex_t lock;
    struct store *stores[APP_MAX_THREADS]; /* one per worker thread, closed by app_free */
    int nstores;
    struct resp_cache *caches[APP_MAX_THREADS]; /* one per worker thread, freed by app_free */
    int ncaches;
};

static __thread struct store *thread_store;
static __thread struct resp_cache *thread_cache;
static __thread struct app *thread_cache_owner;

int app_new(const struct app_options *o, struct app **out, struct err *err)
{
    *out = NULL;
    struct app *a = calloc(1, sizeof *a);
    if (!a)
        return err_set(err, ERR_NOMEM, "out of memory");
    a->o = *o;
    pthread_mutex_init(&a->lock, NULL);
    int rc = i18n_load(o->locale_dir, &a->i18n, err);
    if (rc) {
        app_free(a);
        return rc;
    }
    *out = a;
    return 0;
}

void app_free(struct app *a)
{
    if (!a)
        return;
    page_similar_cache_free(a);
    pthread_mutex_lock(&a->lock);
    for (int i = 0; i < a->ncaches; i++)
        resp_cache_free(a->caches[i]);
    pthread_mutex_unlock(&a->lock);
    for (int i = 0; i < a->nstores; i++)
        store_close(a->stores[i]);
    i18n_free(a->i18n);
    pthread_mutex_destroy(&a->lock);
    free(a);
}

const struct i18n *app_i18n(const struct app *a)
{
    return a->i18n;
}

const struct app_options *app_options(const struct app *a)
{
    return &a->o;
}

/* This worker thread's connection, opened on its first request. */
static struct store *thread_connection(struct app *a, struct err *err)
{
    if (thread_store)
        return thread_store;
    pthread_mutex_lock(&a->lock);
    int room = a->nstores < APP_MAX_THREADS;
    pthread_mutex_unlock(&a->lock);
    if (!room) {
        err_set(err, ERR_STORE, "too many worker threads");
        return NULL;
    }
    struct store *st;
    if (store_open(a->o.db, 0, &st, err))
        return NULL;
    pthread_mutex_lock(&a->lock);
    a->stores[a->nstores++] = st;
    pthread_mutex_unlock(&a->lock);
    return thread_store = st;
}

static void security_headers(struct req *r, struct resp *p)
{
    resp_header(p, "X-Content-Type-Options", "nosniff");
    resp_header(p, "Referrer-Policy", "same-origin");
    resp_header(p, "X-Frame-Options", "DENY");
    if (!r->api)
        resp_header(p, "Content-Security-Policy",
                    "default-src 'self'; img-src 'self' data:; style-src 'self'; "
                    "script-src 'self'; frame-ancestors 'none'; base-uri 'none'; "
                    "form-action 'self'");
}

/* ?lang= (remembered in a cookie), else the cookie, else Accept-Language, else English. */
static void choose_language(struct app *a, struct req *r, struct resp *p)
{
    enum text_lang lang = TEXT_LANG_EN;
    const char *asked = req_query(r, "lang");
    if (asked && !text_lang_parse(asked, &lang)) {
        char cookie[96];
        snprintf(cookie, sizeof cookie, "lang=%s; Path=/; Max-Age=31536000; SameSite=Strict%s",
                 text_lang_code(lang), a->o.secure_cookies ? "; Secure" : "");
        resp_header(p, "Set-Cookie", cookie);
    } else {
        const char *cookie = req_cookie(r, "lang");
        if (!cookie || text_lang_parse(cookie, &lang))
            i18n_lang_from_accept(req_header(r, "Accept-Language"), &lang);
    }
    r->lang = lang;
    r->tr = (struct i18n_tr){a->i18n, lang};
}

static int constant_time_equal(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    unsigned char diff = (unsigned char)(la != lb);
    for (size_t i = 0; i < la && i < lb; i++)
        diff |= (unsigned char)(a[i] ^ b[i]);
    return diff == 0;
}

static int state_changing(const char *method)
{
    return strcmp(method, "GET") && strcmp(method, "HEAD") && strcmp(method, "OPTIONS");
}

/* Who is asking: a bearer token (API clients, no CSRF needed) or the session cookie. Returns
 * 1 when the request came with a cookie session (CSRF applies). */
static int identify(struct req *r)
{
    r->actor = core_actor_public;
    r->actor.ip = r->remote;
    const char *auth = req_header(r, "Authorization");
    struct err err = {0};
    const char *token = NULL;
    int cookie = 0;
    if (auth && !strncasecmp(auth, "Bearer ", 7)) {
        token = auth + 7;
    } else if ((token = req_cookie(r, APP_SESSION_COOKIE))) {
        cookie = 1;
    }
    if (!token || core_session_check(r->store, token, r->remote, &r->session, &err) ||
        !r->session.actor.user_id)
        return 0;
    r->actor = r->session.actor;
    if (!cookie)
        return 0;
    r->csrf = r->session.csrf;
    return 1;
}

/* CSRF: a cookie session must send its token back (form field "csrf" or X-CSRF-Token); a
 * visitor without a session (the login form) must send back the suivi_csrf cookie's value. */
static int csrf_ok(struct req *r, int cookie_session)
{
    const char *sent = req_form(r, "csrf");
    if (!sent)
        sent = req_header(r, "X-CSRF-Token");
    if (!sent || !*sent)
        return 0;
    if (cookie_session)
        return core_session_csrf_ok(&r->session, sent);
    const char *cookie = req_cookie(r, APP_CSRF_COOKIE);
    return cookie && *cookie && constant_time_equal(sent, cookie);
}

static void etag_of(const struct buf *body, char tag[24]);

/* Strong ETag of the body (already known for cached answers); a matching If-None-Match
 * turns the answer into 304. */
static void etag(struct req *r, struct resp *p)
{
    if (!r->etag[0])
        etag_of(&p->body, r->etag);
    resp_header(p, "ETag", r->etag);
    const char *match = req_header(r, "If-None-Match");
    if (match && strstr(match, r->etag)) {
        p->status = 304;
        buf_reset(&p->body);
        p->body.len = 0;
    }
}

/* GET routes whose answer depends only on URL, language and role (not on who exactly asks):
 * their responses are cached per thread until the data changes. Pages only for visitors who
 * are not logged in (a signed-in page names its user and carries a CSRF token). */
static int cacheable(const struct route *route, const struct req *r)
{
    static const char *const api[] = {"/api/v1/search",
                                      "/api/v1/recommendations",
                                      "/api/v1/recommendations/:id",
                                      "/api/v1/taxonomies",
                                      "/api/v1/taxonomies/:vocabulary",
                                      "/api/v1/countries",
                                      "/api/v1/bodies",
                                      "/api/v1/stats",
                                      "/api/v1/openapi.json"};
    static const char *const pages[] = {"/",
                                        "/search",
                                        "/recommendations/:id",
                                        "/browse/:dimension",
                                        "/browse/:dimension/:value",
                                        "/dashboard"};
    if (strcmp(r->method, "GET"))
        return 0;
    for (size_t i = 0; i < sizeof api / sizeof api[0]; i++)
        if (!strcmp(route->pattern, api[i]))
            return 1;
    for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++)
        if (!strcmp(route->pattern, pages[i]))
            return !r->actor.user_id;
    return 0;
}

static struct resp_cache *thread_response_cache(struct app *a)
{
    if (thread_cache && thread_cache_owner == a)
        return thread_cache;
    struct resp_cache *c = resp_cache_new();
    if (!c)
        return NULL;
    pthread_mutex_lock(&a->lock);
    if (a->ncaches < APP_MAX_THREADS) {
        a->caches[a->ncaches++] = c;
    } else {
        resp_cache_free(c);
        c = NULL;
    }
    pthread_mutex_unlock(&a->lock);
    thread_cache_owner = a;
    return thread_cache = c;
}

/* "role|institution|lang|path?query": everything a cacheable answer depends on. */
static void cache_key(const struct req *r, struct buf *key)
{
    buf_printf(key, "%s|%ld|%s|%s?%s", r->actor.role, r->actor.institution_id,
               text_lang_code(r->lang), r->path, r->query ? r->query : "");
}

static void etag_of(const struct buf *body, char tag[24])
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < body->len; i++)
        h = (h ^ (unsigned char)body->data[i]) * 0x100000001b3ULL;
    snprintf(tag, 24, "\"%016llx\"", (unsigned long long)h);
}

static int dispatch(struct app *a, struct req *r, struct resp *p)
{
    char storage[1024];
    if (strlen(r->path) >= sizeof storage)
        return web_error(r, p, 414, "uri_too_long", "the path is too long");
    int path_known;
    const struct route *route = router_match(r->method, r->path, storage, r->param, &path_known);
    if (!route)
        return path_known ? web_error(r, p, 405, "method_not_allowed", "method not allowed")
                          : web_error(r, p, 404, "not_found", "no such page");
    struct err err = {0};
    if (!strcmp(route->pattern, "/api/v1/hello") || !strcmp(route->pattern, "/static/suivi.css"))
        return route->handler(r, p); /* no database, no session: the benchmark baseline */
    if (!(r->store = thread_connection(a, &err)))
        return web_error(r, p, 503, "unavailable", err.msg);
    int cookie_session = identify(r);
    /* Logging out without a live session changes nothing, so it needs no token (an expired
     * session would otherwise get a CSRF error for pressing "Log out"). */
    int harmless = !cookie_session && !strcmp(route->pattern, "/logout");
    if (state_changing(r->method) && (cookie_session || !r->api) && !harmless &&
        !csrf_ok(r, cookie_session))
        return web_error(r, p, 403, "csrf", "missing or wrong CSRF token: reload the page");
    if (route->action != ROUTE_ANYONE && !core_may(&r->actor, (enum core_action)route->action, 0)) {
        if (!r->actor.user_id)
            return web_error(r, p, 401, "login_required", "log in to see this");
        return web_error(r, p, 403, "forbidden", "your role does not allow this");
    }
    struct resp_cache *cache = cacheable(route, r) ? thread_response_cache(a) : NULL;
    if (!cache)
        return route->handler(r, p);
    struct buf key = BUF_INIT;
    struct cached hit;
    uint64_t version = store_data_version(r->store);
    cache_key(r, &key);
    if (resp_cache_get(cache, buf_str(&key), version, &hit)) {
        buf_append(&p->body, hit.body, hit.len);
        p->content_type = hit.content_type;
        snprintf(r->etag, sizeof r->etag, "%s", hit.etag);
    } else {
        route->handler(r, p);
        if (p->status == 200 && p->content_type && !p->body.oom) {
            etag_of(&p->body, r->etag);
            resp_cache_put(cache, buf_str(&key), version, buf_str(&p->body), p->body.len,
                           p->content_type, r->etag);
        }
    }
    buf_free(&key);
    return 0;
}

void app_handle(struct app *a, struct req *r, struct resp *p)
{
    r->app = a;
    r->api = !strncmp(r->path, "/api/", 5);
    p->status = 200;
    choose_language(a, r, p);
    security_headers(r, p);
    dispatch(a, r, p);
    if (!p->content_type)
        p->content_type = r->api ? "application/json" : "text/html; charset=utf-8";
    if (p->status == 200 && (!strcmp(r->method, "GET") || !strcmp(r->method, "HEAD"))) {
        resp_header(p, "Cache-Control",
                    r->api || r->actor.user_id ? "private, no-cache" : "no-cache");
        etag(r, p);
    }
    if (!strcmp(r->method, "HEAD"))
        buf_reset(&p->body);
}
