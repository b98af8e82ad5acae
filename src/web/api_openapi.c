/*
 * api_openapi.c — /api/v1/openapi.json, generated from the route table (router.c) plus what
 * this file says of each route's parameters, so the document cannot list a route that is not
 * served or miss one that is; tests/web/test_api.sh requests every documented operation.
 */
#include <string.h>

#include "web/handlers.h"
#include "web/router.h"

/* Query parameters of the API routes, by pattern. */
static const struct {
    const char *pattern;
    const char *const params[12];
} query_params[] = {
    {"/api/v1/recommendations",
     {"country", "body", "theme", "sdg", "response", "kind", "page", "per_page", NULL}},
    {"/api/v1/search",
     {"q", "lang", "country", "body", "theme", "sdg", "response", "kind", "facets", "page",
      "per_page", NULL}},
    {"/api/v1/audit", {"entity", "id", "actor", "action", "page", "per_page", NULL}},
    {"/api/v1/users", {"page", "per_page", NULL}},
    {"/api/v1/hub/practices", {"country", "tag", "page", "per_page", NULL}},
    {"/api/v1/hub/search", {"q", "lang", "kind", "page", "per_page", NULL}},
    {"/api/v1/needs",
     {"q", "country", "region", "theme", "sdg", "kind", "language", "status", "visibility", "page",
      "per_page", NULL}},
    {"/api/v1/offers",
     {"q", "theme", "sdg", "region", "kind", "provider", "language", "status", "page", "per_page",
      NULL}},
    {"/api/v1/needs/:id/offers", {"top", NULL}},
    {"/api/v1/offers/:id/needs", {"top", NULL}},
    {"/api/v1/matches", {"need", "offer", "state", "page", "per_page", NULL}},
};

/* Where a parameter means something else on one route than param_help says. */
static const char *const route_param_help[][3] = {
    {"/api/v1/hub/search", "kind", "practice, profile or document"},
    {"/api/v1/hub/search", "lang", "en, fr or es: entries in this language only"},
    {"/api/v1/hub/practices", "tag", "SDG or UHRI theme code or label, or a free tag"},
    {"/api/v1/needs", "kind", "kinds of help, comma-separated: training, legal_drafting, ..."},
    {"/api/v1/offers", "kind", "kinds of help, comma-separated: training, legal_drafting, ..."},
    {"/api/v1/needs", "status", "open, met or withdrawn"},
    {"/api/v1/offers", "status", "open or closed"},
    {"/api/v1/needs", "q", "words in the need's title and description"},
    {"/api/v1/offers", "q", "words in the offer's title and description"},
};

static const char *const param_help[][2] = {
    {"q", "search words: stemmed, AND/OR/NOT, \"phrases\", prefix*"},
    {"lang", "en, fr or es: texts in this language only"},
    {"country", "State concerned: ISO3, ISO2 or name"},
    {"body", "UPR, CEDAW, CRC, ..."},
    {"theme", "UHRI theme or UPR Info issue, code or label"},
    {"sdg", "SDG goal (5) or target (5.2)"},
    {"response", "supported, noted, partially_supported"},
    {"kind", "recommendation or pledge"},
    {"facets", "1 to add counts by body, country, response, theme, issue, SDG, affected group"},
    {"page", "page number, from 1"},
    {"per_page", "items per page, 1 to 100 (default 20)"},
    {"entity", "kind of entity: user, session, import, ..."},
    {"id", "entity id"},
    {"actor", "login of who acted"},
    {"action", "create, update, login, ..."},
    {"region", "UN regional group (AG, APG, EEG, GRULAC, WEOG) or ISO3 code"},
    {"language", "two-letter code of a working language: en, fr, es, ..."},
    {"visibility", "private, registered or public"},
    {"provider", "state, un_entity, nhri, ngo or regional_body"},
    {"top", "how many ranked answers, 1 to 50 (default 10)"},
    {"need", "need id"},
    {"offer", "offer id"},
    {"state", "proposed, accepted, in_progress, completed, declined or withdrawn"},
};

static const char *help_for(const char *pattern, const char *param)
{
    for (size_t i = 0; i < sizeof route_param_help / sizeof route_param_help[0]; i++)
        if (!strcmp(route_param_help[i][0], pattern) && !strcmp(route_param_help[i][1], param))
            return route_param_help[i][2];
    for (size_t i = 0; i < sizeof param_help / sizeof param_help[0]; i++)
        if (!strcmp(param_help[i][0], param))
            return param_help[i][1];
    return "";
}

/* "/api/v1/users/:id" -> "/users/{id}" (paths are relative to the server URL /api/v1). */
static void openapi_path(const char *pattern, struct buf *out)
{
    for (const char *p = pattern + strlen("/api/v1"); *p; p++) {
        if (*p == ':') {
            const char *end = strchr(p, '/');
            size_t n = end ? (size_t)(end - p - 1) : strlen(p + 1);
            buf_putc(out, '{');
            buf_append(out, p + 1, n);
            buf_putc(out, '}');
            p += n;
        } else {
            buf_putc(out, *p);
        }
    }
}

static void write_operation(struct jsonw *w, const struct route *rt)
{
    jsonw_key(w, rt->method[0] == 'G'                           ? "get"
                 : rt->method[0] == 'P' && rt->method[1] == 'O' ? "post"
                 : rt->method[0] == 'P'                         ? "patch"
                                                                : "delete");
    jsonw_object(w);
    jsonw_kv_string(w, "summary", rt->summary ? rt->summary : "");
    jsonw_key(w, "parameters");
    jsonw_array(w);
    for (const char *p = strchr(rt->pattern, ':'); p; p = strchr(p + 1, ':')) {
        const char *end = strchr(p, '/');
        struct buf name = BUF_INIT;
        buf_append(&name, p + 1, end ? (size_t)(end - p - 1) : strlen(p + 1));
        jsonw_object(w);
        jsonw_kv_string(w, "name", buf_str(&name));
        jsonw_kv_string(w, "in", "path");
        jsonw_key(w, "required");
        jsonw_bool(w, 1);
        jsonw_key(w, "schema");
        jsonw_object(w);
        jsonw_kv_string(w, "type", "string");
        jsonw_end(w);
        jsonw_end(w);
        buf_free(&name);
    }
    for (size_t i = 0; i < sizeof query_params / sizeof query_params[0]; i++) {
        if (strcmp(query_params[i].pattern, rt->pattern) || strcmp(rt->method, "GET"))
            continue;
        for (const char *const *q = query_params[i].params; *q; q++) {
            jsonw_object(w);
            jsonw_kv_string(w, "name", *q);
            jsonw_kv_string(w, "in", "query");
            jsonw_kv_string(w, "description", help_for(rt->pattern, *q));
            jsonw_key(w, "schema");
            jsonw_object(w);
            jsonw_kv_string(w, "type",
                            !strcmp(*q, "page") || !strcmp(*q, "per_page") || !strcmp(*q, "top")
                                ? "integer"
                                : "string");
            jsonw_end(w);
            jsonw_end(w);
        }
    }
    jsonw_end(w);
    jsonw_key(w, "responses");
    jsonw_object(w);
    static const char *const codes[][2] = {
        {"200", "OK (JSON)"},
        {"400", "Bad request: {\"error\":{\"code\",\"message\"}}"},
        {"401", "Log in first"},
        {"403", "Not allowed for this role, or CSRF token missing"},
        {"404", "Not found"}};
    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++) {
        jsonw_key(w, codes[i][0]);
        jsonw_object(w);
        jsonw_kv_string(w, "description", codes[i][1]);
        jsonw_end(w);
    }
    jsonw_end(w);
    jsonw_end(w);
}

int api_openapi(struct req *r, struct resp *p)
{
    (void)r;
    size_t n;
    const struct route *routes = router_routes(&n);
    struct jsonw w;
    web_json_begin(p, &w);
    jsonw_object(&w);
    jsonw_kv_string(&w, "openapi", "3.0.3");
    jsonw_key(&w, "info");
    jsonw_object(&w);
    jsonw_kv_string(&w, "title", "suivi API");
    jsonw_kv_string(&w, "version", "1");
    jsonw_kv_string(&w, "description",
                    "Recommendations of UN human-rights mechanisms and their follow-up. "
                    "Lists are {items, page, per_page, total}; errors are "
                    "{error: {code, message}}. Authenticate with POST /session, then "
                    "Authorization: Bearer TOKEN.");
    jsonw_end(&w);
    jsonw_key(&w, "servers");
    jsonw_array(&w);
    jsonw_object(&w);
    jsonw_kv_string(&w, "url", "/api/v1");
    jsonw_end(&w);
    jsonw_end(&w);
    jsonw_key(&w, "paths");
    jsonw_object(&w);
    /* Routes of one path are consecutive in the table's /api/v1 part, except where noted by
     * grouping here: collect each distinct pattern once, then its methods. */
    for (size_t i = 0; i < n; i++) {
        if (strncmp(routes[i].pattern, "/api/v1/", 8))
            continue;
        int seen = 0;
        for (size_t j = 0; j < i; j++)
            seen |= !strcmp(routes[j].pattern, routes[i].pattern);
        if (seen)
            continue;
        struct buf path = BUF_INIT;
        openapi_path(routes[i].pattern, &path);
        jsonw_key(&w, buf_str(&path));
        buf_free(&path);
        jsonw_object(&w);
        for (size_t j = i; j < n; j++)
            if (!strcmp(routes[j].pattern, routes[i].pattern))
                write_operation(&w, &routes[j]);
        jsonw_end(&w);
    }
    jsonw_end(&w);
    jsonw_end(&w);
    return 0;
}
