/*
 * router.c — the route table (see router.h) and matching. The table is the one place that says
 * which URL does what and who may call it; the OpenAPI document is generated from its /api/v1
 * entries and a test checks both agree.
 */
#include "web/router.h"

#include <string.h>

#include "core/permissions.h"
#include "web/handlers.h"

static const struct route routes[] = {
    /* JSON API */
    {"GET", "/api/v1/hello", api_hello, ROUTE_ANYONE, "Liveness check (no database)"},
    {"GET", "/api/v1/openapi.json", api_openapi, ROUTE_ANYONE, "This API's OpenAPI 3 document"},
    {"GET", "/api/v1/recommendations", api_recommendations, CORE_READ_PUBLISHED,
     "Recommendations, filtered and paginated"},
    {"GET", "/api/v1/recommendations/:id", api_recommendation, CORE_READ_PUBLISHED,
     "One recommendation with texts, recommending States and tags"},
    {"GET", "/api/v1/search", api_search, CORE_SEARCH, "Full-text search with filters and facets"},
    {"GET", "/api/v1/taxonomies", api_taxonomies, CORE_READ_TAXONOMY, "The vocabularies"},
    {"GET", "/api/v1/taxonomies/:vocabulary", api_taxonomy, CORE_READ_TAXONOMY,
     "The terms of a vocabulary, labelled in EN/FR/ES"},
    {"GET", "/api/v1/countries", api_countries, CORE_READ_TAXONOMY,
     "UN member and observer States"},
    {"GET", "/api/v1/bodies", api_bodies, CORE_READ_TAXONOMY, "Mechanisms and bodies"},
    {"GET", "/api/v1/stats", api_stats, CORE_READ_PUBLISHED,
     "Counts by body, country, response, theme, SDG"},
    {"POST", "/api/v1/session", api_login, ROUTE_ANYONE, "Log in: returns a bearer token"},
    {"DELETE", "/api/v1/session", api_logout, ROUTE_ANYONE, "Log out"},
    {"GET", "/api/v1/me", api_me, ROUTE_ANYONE, "Who is asking"},
    {"GET", "/api/v1/users", api_users, CORE_MANAGE_USERS, "Accounts"},
    {"POST", "/api/v1/users", api_user_create, CORE_MANAGE_USERS, "Create an account"},
    {"GET", "/api/v1/users/:id", api_user, CORE_MANAGE_USERS, "One account"},
    {"PATCH", "/api/v1/users/:id", api_user_update, CORE_MANAGE_USERS,
     "Change an account's role, name, institution, activity or password"},
    {"GET", "/api/v1/audit", api_audit, CORE_READ_AUDIT, "The audit trail, filtered"},
    /* HTML pages */
    {"GET", "/static/suivi.css", page_css, ROUTE_ANYONE, NULL},
    {"GET", "/", page_home, ROUTE_ANYONE, NULL},
    {"GET", "/search", page_search, CORE_SEARCH, NULL},
    {"GET", "/recommendations/:id", page_recommendation, CORE_READ_PUBLISHED, NULL},
    {"GET", "/browse/:dimension", page_browse, CORE_READ_PUBLISHED, NULL},
    {"GET", "/browse/:dimension/:value", page_browse_value, CORE_READ_PUBLISHED, NULL},
    {"GET", "/dashboard", page_dashboard, CORE_READ_PUBLISHED, NULL},
    {"GET", "/login", page_login_form, ROUTE_ANYONE, NULL},
    {"POST", "/login", page_login, ROUTE_ANYONE, NULL},
    {"POST", "/logout", page_logout, ROUTE_ANYONE, NULL},
    {"GET", "/users", page_users, CORE_MANAGE_USERS, NULL},
    {"POST", "/users", page_users_post, CORE_MANAGE_USERS, NULL},
    {"GET", "/audit", page_audit, CORE_READ_AUDIT, NULL},
    {"GET", "/history/:entity/:id", page_history, CORE_READ_AUDIT, NULL},
};

const struct route *router_routes(size_t *n)
{
    *n = sizeof routes / sizeof routes[0];
    return routes;
}

/* Matches pattern against path; fills params (pointing into storage) on success. */
static int match(const char *pattern, const char *path, char *storage,
                 const char *params[WEB_MAX_PARAMS])
{
    int np = 0;
    const char *pp = pattern, *sp = path;
    char *out = storage;
    while (*pp && *sp) {
        if (*pp != '/' || *sp != '/')
            return 0;
        pp++;
        sp++;
        const char *pend = strchr(pp, '/'), *send = strchr(sp, '/');
        size_t plen = pend ? (size_t)(pend - pp) : strlen(pp);
        size_t slen = send ? (size_t)(send - sp) : strlen(sp);
        if (plen && pp[0] == ':') {
            if (!slen || np >= WEB_MAX_PARAMS)
                return 0;
            memcpy(out, sp, slen);
            out[slen] = '\0';
            params[np++] = out;
            out += slen + 1;
        } else if (plen != slen || memcmp(pp, sp, plen)) {
            return 0;
        }
        pp += plen;
        sp += slen;
    }
    return !*pp && !*sp;
}

const struct route *router_match(const char *method, const char *path, char *storage,
                                 const char *params[WEB_MAX_PARAMS], int *path_known)
{
    *path_known = 0;
    for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++) {
        if (!match(routes[i].pattern, path, storage, params))
            continue;
        if (!strcmp(routes[i].method, method) ||
            (!strcmp(method, "HEAD") && !strcmp(routes[i].method, "GET")))
            return &routes[i];
        *path_known = 1;
    }
    return NULL;
}
