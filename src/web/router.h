/*
 * router.h — the application's routes: method + path pattern -> handler, with the permission
 * (core/permissions.h) a visitor needs for it. Patterns are literal segments and ":name"
 * segments, captured in order into req->param.
 */
#ifndef SUIVI_WEB_ROUTER_H
#define SUIVI_WEB_ROUTER_H

#include "web/web.h"

struct route {
    const char *method;
    const char *pattern;
    web_handler handler;
    int action;          /* enum core_action needed, or ROUTE_ANYONE */
    const char *summary; /* one line, for the OpenAPI document of /api/v1 routes */
};

enum { ROUTE_ANYONE = -1 };

/* The route for method and path, capturing parameters into params (each NUL-terminated in
 * storage, which must hold strlen(path)+1 bytes). NULL when none matches; *path_known is set
 * when the path matches some route with another method (405 rather than 404). */
const struct route *router_match(const char *method, const char *path, char *storage,
                                 const char *params[WEB_MAX_PARAMS], int *path_known);

/* Every route, for the OpenAPI document and the tests; *n receives the count. */
const struct route *router_routes(size_t *n);

#endif
