/*
 * handlers.h — every route handler of the application, and the helpers they share to answer
 * (JSON, errors, pagination). The route table is in router.c; handlers live in api_*.c (JSON
 * under /api/v1) and pages_*.c (HTML).
 */
#ifndef SUIVI_WEB_HANDLERS_H
#define SUIVI_WEB_HANDLERS_H

#include "core/permissions.h"
#include "util/jsonw.h"
#include "web/layout.h"
#include "web/web.h"

/* ---- answering -------------------------------------------------------------------------- */

/* An error as JSON ({"error":{"code","message"}}) under /api/, as an HTML page elsewhere.
 * Returns 0 so handlers can `return web_error(...)`. code is a stable machine word. */
int web_error(struct req *r, struct resp *p, int status, const char *code, const char *message);

/* Starts a JSON response (status 200, content type set) and its writer. */
void web_json_begin(struct resp *p, struct jsonw *w);

/* Pagination from ?page= (from 1) and ?per_page= (1..100, default 20). Returns 0, or answers
 * 400 and returns 1. */
int web_page_params(struct req *r, struct resp *p, int *page, int *per_page);

/* The page frame (title, navigation by role, language links) for this request. */
struct layout_page web_layout(const struct req *r, const char *title);

/* Writes "page", "per_page", "total" keys into the current object. */
void web_json_page(struct jsonw *w, int page, int per_page, long total);

/* ---- API (api_*.c) ---------------------------------------------------------------------- */
int api_recommendations(struct req *r, struct resp *p);
int api_recommendation(struct req *r, struct resp *p);
int api_search(struct req *r, struct resp *p);
int api_taxonomies(struct req *r, struct resp *p);
int api_taxonomy(struct req *r, struct resp *p);
int api_countries(struct req *r, struct resp *p);
int api_bodies(struct req *r, struct resp *p);
int api_stats(struct req *r, struct resp *p);
int api_openapi(struct req *r, struct resp *p);
int api_hello(struct req *r, struct resp *p);
int api_login(struct req *r, struct resp *p);
int api_logout(struct req *r, struct resp *p);
int api_me(struct req *r, struct resp *p);
int api_users(struct req *r, struct resp *p);
int api_user(struct req *r, struct resp *p);
int api_user_create(struct req *r, struct resp *p);
int api_user_update(struct req *r, struct resp *p);
int api_audit(struct req *r, struct resp *p);

/* ---- pages (pages_*.c) ------------------------------------------------------------------ */
int page_css(struct req *r, struct resp *p);

#endif
