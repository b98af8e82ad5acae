/*
 * answer.c — the ways handlers answer that are the same everywhere: errors (JSON under /api/,
 * a translated HTML page elsewhere; a core error mapped to its HTTP status), JSON responses,
 * pagination parameters; and the ways they read requests: a JSON body, a query parameter that
 * may be empty, an id, a "|"-separated list.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/handlers.h"
#include "web/html.h"
#include "web/json_in.h"
#include "web/layout.h"

void web_json_begin(struct resp *p, struct jsonw *w)
{
    p->status = 200;
    p->content_type = "application/json";
    buf_reset(&p->body);
    jsonw_init(w, &p->body);
}

/* The title and explanation of an HTML error page, translated. */
static void error_words(const struct req *r, int status, const char **title, const char **text)
{
    switch (status) {
    case 401:
    case 403:
        *title = T(&r->tr, "Not allowed");
        *text = T(&r->tr, "You do not have access to this page.");
        break;
    case 404:
    case 405:
        *title = T(&r->tr, "Page not found");
        *text = T(&r->tr, "The page you asked for does not exist or has moved.");
        break;
    case 400:
    case 413:
    case 414:
        *title = T(&r->tr, "Bad request");
        *text = T(&r->tr, "The request could not be understood.");
        break;
    default:
        *title = T(&r->tr, "Server error");
        *text = T(&r->tr, "Something went wrong on our side. Please try again later.");
    }
}

int web_error(struct req *r, struct resp *p, int status, const char *code, const char *message)
{
    p->status = status;
    buf_reset(&p->body);
    if (r->api) {
        struct jsonw w;
        p->content_type = "application/json";
        jsonw_init(&w, &p->body);
        jsonw_object(&w);
        jsonw_key(&w, "error");
        jsonw_object(&w);
        jsonw_kv_string(&w, "code", code);
        jsonw_kv_string(&w, "message", message);
        jsonw_end(&w);
        jsonw_end(&w);
        return 0;
    }
    const char *title, *text;
    error_words(r, status, &title, &text);
    p->content_type = "text/html; charset=utf-8";
    struct layout_page page = web_layout(r, title);
    layout_begin(&p->body, &page);
    html_printf(&p->body, "<h1>%s</h1>\n<p>%s</p>\n", title, text);
    if (status == 401)
        html_printf(&p->body, "<p><a href=\"/login?next=%u\">%s</a></p>\n", r->path,
                    T(&r->tr, "Log in"));
    else if (status == 400 && message)
        html_printf(&p->body, "<p class=\"error\">%s</p>\n", message);
    html_printf(&p->body, "<p><a href=\"/\">%s</a></p>\n", T(&r->tr, "Back to the home page"));
    layout_end(&p->body, &page);
    return 0;
}

static int parse_positive(const char *s, long max, long *out)
{
    if (!s)
        return 0;
    char *end;
    long v = strtol(s, &end, 10);
    if (!*s || *end || v < 1 || v > max)
        return ERR_INPUT;
    *out = v;
    return 0;
}

int web_page_params(struct req *r, struct resp *p, int *page, int *per_page)
{
    long pg = 1, pp = 20;
    if (parse_positive(req_query(r, "page"), 100000, &pg)) {
        web_error(r, p, 400, "bad_request", "page: expected a number from 1");
        return 1;
    }
    if (parse_positive(req_query(r, "per_page"), 100, &pp)) {
        web_error(r, p, 400, "bad_request", "per_page: expected a number from 1 to 100");
        return 1;
    }
    *page = (int)pg;
    *per_page = (int)pp;
    return 0;
}

void web_json_page(struct jsonw *w, int page, int per_page, long total)
{
    jsonw_kv_int(w, "page", page);
    jsonw_kv_int(w, "per_page", per_page);
    jsonw_kv_int(w, "total", total);
}

void web_json_items(struct resp *p, struct jsonw *w)
{
    web_json_begin(p, w);
    jsonw_object(w);
    jsonw_key(w, "items");
    jsonw_array(w);
}

void web_json_items_end(struct jsonw *w, int page, int per_page, long total)
{
    jsonw_end(w);
    if (page > 0)
        web_json_page(w, page, per_page, total);
    jsonw_end(w);
}

struct layout_page web_layout(const struct req *r, const char *title)
{
    unsigned flags = 0;
    if (r->actor.user_id) {
        flags |= LAYOUT_SIGNED_IN | LAYOUT_SHOW_FOLLOWUP;
        if (core_may(&r->actor, CORE_MANAGE_USERS, 0))
            flags |= LAYOUT_SHOW_USERS;
        if (core_may(&r->actor, CORE_READ_AUDIT, 0))
            flags |= LAYOUT_SHOW_AUDIT;
    }
    return (struct layout_page){.tr = &r->tr,
                                .title = title,
                                .path = r->path,
                                .query = r->query,
                                .flags = flags,
                                .site_name = "suivi",
                                .user_name = r->actor.user_id ? r->actor.login : NULL,
                                .csrf_token = r->csrf};
}

int web_fail(struct req *r, struct resp *p, const struct err *err)
{
    switch (err->code) {
    case ERR_USAGE:
    case ERR_INPUT:
        return web_error(r, p, 400, "bad_request", err->msg);
    case ERR_NOTFOUND:
        return web_error(r, p, 404, "not_found", err->msg);
    case ERR_DENIED:
        return web_error(r, p, 403, "forbidden", err->msg);
    default:
        return web_error(r, p, 500, "server_error", err->msg);
    }
}

int web_json_finish(struct req *r, struct resp *p, int rc, const struct err *err)
{
    if (!rc && p->body.oom)
        return web_error(r, p, 500, "server_error", "out of memory");
    if (rc) {
        buf_reset(&p->body);
        p->content_type = NULL;
        return web_fail(r, p, err);
    }
    return 0;
}

int web_json_created(struct req *r, struct resp *p, const char *base, long id)
{
    char location[80];
    struct jsonw w;
    snprintf(location, sizeof location, "%s/%ld", base, id);
    web_json_begin(p, &w);
    p->status = 201;
    jsonw_object(&w);
    jsonw_kv_int(&w, "id", id);
    jsonw_end(&w);
    resp_header(p, "Location", location);
    return p->body.oom ? web_error(r, p, 500, "server_error", "out of memory") : 0;
}

int web_json_body(struct req *r, struct resp *p, struct json_in **body)
{
    struct err err = {0};
    if (json_in_parse(r->body, r->body_len, body, &err)) {
        web_error(r, p, 400, "bad_request", err.msg);
        return 1;
    }
    return 0;
}

const char *web_query(const struct req *r, const char *name)
{
    const char *v = req_query(r, name);
    return v && *v ? v : NULL;
}

long web_id(const char *s)
{
    if (!s || !*s)
        return 0;
    char *end;
    long v = strtol(s, &end, 10);
    return *end || v <= 0 ? 0 : v;
}

int web_list_has(const char *list, const char *item)
{
    size_t n = item ? strlen(item) : 0;
    for (const char *p = list ? list : ""; *p && n;) {
        size_t len = strcspn(p, "|");
        if (len == n && !strncmp(p, item, n))
            return 1;
        p += len + (p[len] == '|');
    }
    return 0;
}
