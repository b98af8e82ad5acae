/*
 * api_recs.c — /api/v1/recommendations (filtered, paginated), /api/v1/recommendations/{id},
 * and /api/v1/search (full-text, filters, facets). Filters are the same query parameters
 * everywhere: country, body, theme, sdg, response, kind (and lang, q for search); they are
 * checked by core/search.c, whose messages reach the client as 400 errors.
 */
#include <stdlib.h>
#include <string.h>

#include "core/read.h"
#include "report/export.h"
#include "web/handlers.h"
#include "web/html.h"

/* The search/listing request from the query string. */
static struct core_search search_from_query(const struct req *r, int page, int per_page)
{
    struct core_search s = {
        .query = req_query(r, "q"),
        .lang = req_query(r, "lang"),
        .country = req_query(r, "country"),
        .body = req_query(r, "body"),
        .theme = req_query(r, "theme"),
        .sdg = req_query(r, "sdg"),
        .response = req_query(r, "response"),
        .kind = req_query(r, "kind"),
        .limit = per_page,
        .offset = (page - 1) * per_page,
    };
    /* empty parameters (from forms) mean "no filter" */
    const char **v[] = {&s.lang, &s.country, &s.body, &s.theme, &s.sdg, &s.response, &s.kind};
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
        if (*v[i] && !**v[i])
            *v[i] = NULL;
    return s;
}

struct rec_list {
    struct jsonw *w;
    struct buf one;
};

static int write_rec(void *ctx, const struct store_rec *rec)
{
    struct rec_list *l = ctx;
    buf_reset(&l->one);
    int rc = report_export_json(&l->one, rec);
    if (rc || l->one.oom)
        return ERR_NOMEM;
    jsonw_raw(l->w, buf_str(&l->one));
    return 0;
}

int api_recommendations(struct req *r, struct resp *p)
{
    int page, per_page;
    if (web_page_params(r, p, &page, &per_page))
        return 0;
    struct core_search s = search_from_query(r, page, per_page);
    s.query = NULL;
    struct core_search_plan plan;
    struct err err = {0};
    struct jsonw w;
    struct rec_list l = {&w, BUF_INIT};
    long total = 0;
    if (core_search_plan(r->store, &s, &plan, &err))
        return web_fail(r, p, &err);
    web_json_items(p, &w);
    int rc = core_rec_page(r->store, &plan, write_rec, &l, &total, &err);
    web_json_items_end(&w, page, per_page, total);
    core_search_plan_free(&plan);
    buf_free(&l.one);
    if (rc) {
        buf_reset(&p->body);
        return web_fail(r, p, &err);
    }
    return 0;
}

int api_recommendation(struct req *r, struct resp *p)
{
    struct err err = {0};
    struct jsonw w;
    struct rec_list l = {&w, BUF_INIT};
    web_json_begin(p, &w);
    int rc = core_rec_get(r->store, r->param[0], write_rec, &l, &err);
    buf_free(&l.one);
    if (rc) {
        buf_reset(&p->body);
        return web_fail(r, p, &err);
    }
    return 0;
}

static int write_hit(void *ctx, const struct store_hit *h)
{
    struct jsonw *w = ctx;
    jsonw_object(w);
    jsonw_kv_string(w, "id", h->id);
    jsonw_kv_string(w, "country", h->country);
    jsonw_kv_string(w, "body", h->body);
    jsonw_kv_string(w, "response", h->response);
    jsonw_kv_string(w, "lang", h->lang);
    jsonw_key(w, "score");
    jsonw_double(w, h->score);
    jsonw_kv_string(w, "text", h->text);
    struct buf plain = BUF_INIT, marked = BUF_INIT;
    for (const char *c = h->snippet; *c; c++)
        if (*c != '\x02' && *c != '\x03')
            buf_putc(&plain, *c);
    html_snippet(&marked, h->snippet);
    jsonw_kv_string(w, "snippet", buf_str(&plain));
    jsonw_kv_string(w, "snippet_html", buf_str(&marked));
    buf_free(&plain);
    buf_free(&marked);
    jsonw_end(w);
    return w->out->oom ? ERR_NOMEM : 0;
}

static int write_count(void *ctx, enum store_dim dim, const char *value, const char *label,
                       long count)
{
    (void)dim;
    struct jsonw *w = ctx;
    jsonw_object(w);
    jsonw_kv_string(w, "value", value);
    jsonw_kv_string(w, "label", label ? label : value);
    jsonw_kv_int(w, "count", count);
    jsonw_end(w);
    return 0;
}

/* Writes "facets": {dimension: [{value, label, count}...]} for the plan's matches. */
static int write_facets(struct req *r, const struct core_search_plan *plan, struct jsonw *w,
                        struct err *err)
{
    static const enum store_dim dims[] = {STORE_DIM_BODY,    STORE_DIM_COUNTRY, STORE_DIM_RESPONSE,
                                          STORE_DIM_THEME,   STORE_DIM_ISSUE,   STORE_DIM_SDG,
                                          STORE_DIM_AFFECTED};
    jsonw_key(w, "facets");
    jsonw_object(w);
    int rc = 0;
    for (size_t i = 0; i < sizeof dims / sizeof dims[0] && !rc; i++) {
        jsonw_key(w, store_dim_name(dims[i]));
        jsonw_array(w);
        rc = core_count_by(r->store, plan, dims[i], (int)r->lang, write_count, w, err);
        jsonw_end(w);
    }
    jsonw_end(w);
    return rc;
}

int api_search(struct req *r, struct resp *p)
{
    int page, per_page;
    if (web_page_params(r, p, &page, &per_page))
        return 0;
    struct core_search s = search_from_query(r, page, per_page);
    if (!s.query)
        return web_error(r, p, 400, "bad_request", "give the search words in q");
    const char *facets = req_query(r, "facets");
    struct core_search_plan plan;
    struct err err = {0};
    struct jsonw w;
    long total = 0;
    if (core_search_plan(r->store, &s, &plan, &err))
        return web_fail(r, p, &err);
    web_json_items(p, &w);
    int rc = core_search_run(r->store, &plan, write_hit, &w, &total, &err);
    jsonw_end(&w);
    web_json_page(&w, page, per_page, total);
    if (!rc && facets && strcmp(facets, "0") && strcmp(facets, "false"))
        rc = write_facets(r, &plan, &w, &err);
    jsonw_end(&w);
    core_search_plan_free(&plan);
    if (rc) {
        buf_reset(&p->body);
        return web_fail(r, p, &err);
    }
    return 0;
}
