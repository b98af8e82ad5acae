/*
 * api_meta.c — the reference data of the API: /api/v1/taxonomies (and each vocabulary with
 * its terms in EN/FR/ES), /api/v1/countries, /api/v1/bodies, /api/v1/stats; and /api/v1/hello,
 * the no-database route that benchmarks compare the others with.
 */
#include <string.h>

#include "core/read.h"
#include "web/handlers.h"

static const char *const vocabularies[] = {"sdg", "uhri_theme", "affected_person", "upr_issue",
                                           "body"};

static int known_vocab(const char *v)
{
    for (size_t i = 0; i < sizeof vocabularies / sizeof vocabularies[0]; i++)
        if (!strcmp(v, vocabularies[i]))
            return 1;
    return 0;
}

int api_taxonomies(struct req *r, struct resp *p)
{
    (void)r;
    struct jsonw w;
    web_json_begin(p, &w);
    jsonw_object(&w);
    jsonw_key(&w, "items");
    jsonw_array(&w);
    for (size_t i = 0; i < sizeof vocabularies / sizeof vocabularies[0]; i++) {
        jsonw_object(&w);
        jsonw_kv_string(&w, "vocabulary", vocabularies[i]);
        struct buf href = BUF_INIT;
        buf_printf(&href, "/api/v1/taxonomies/%s", vocabularies[i]);
        jsonw_kv_string(&w, "href", buf_str(&href));
        buf_free(&href);
        jsonw_end(&w);
    }
    jsonw_end(&w);
    jsonw_end(&w);
    return 0;
}

static void write_labels(struct jsonw *w, const char *const label[3])
{
    jsonw_key(w, "label");
    jsonw_object(w);
    jsonw_kv_string(w, "en", label[0]);
    jsonw_kv_string(w, "fr", label[1] ? label[1] : label[0]);
    jsonw_kv_string(w, "es", label[2] ? label[2] : label[0]);
    jsonw_end(w);
}

static int write_term(void *ctx, const struct store_term *t)
{
    struct jsonw *w = ctx;
    jsonw_object(w);
    jsonw_kv_string(w, "code", t->code);
    jsonw_kv_string(w, "parent", t->parent);
    write_labels(w, t->label);
    jsonw_end(w);
    return 0;
}

static int write_terms(struct req *r, struct resp *p, const char *vocab)
{
    struct jsonw w;
    struct err err = {0};
    web_json_begin(p, &w);
    jsonw_object(&w);
    jsonw_kv_string(&w, "vocabulary", vocab);
    jsonw_key(&w, "items");
    jsonw_array(&w);
    int rc = core_term_each(r->store, vocab, write_term, &w, &err);
    jsonw_end(&w);
    jsonw_end(&w);
    if (rc) {
        buf_reset(&p->body);
        return web_error(r, p, 500, "server_error", err.msg);
    }
    return 0;
}

int api_taxonomy(struct req *r, struct resp *p)
{
    if (!known_vocab(r->param[0]))
        return web_error(r, p, 404, "not_found",
                         "no such vocabulary (sdg, uhri_theme, affected_person, upr_issue, body)");
    return write_terms(r, p, r->param[0]);
}

int api_bodies(struct req *r, struct resp *p)
{
    return write_terms(r, p, "body");
}

static int write_country(void *ctx, const struct store_country *c)
{
    struct jsonw *w = ctx;
    jsonw_object(w);
    jsonw_kv_string(w, "iso3", c->iso3);
    jsonw_kv_string(w, "iso2", c->iso2);
    jsonw_kv_string(w, "m49", c->m49);
    jsonw_key(w, "name");
    jsonw_object(w);
    jsonw_kv_string(w, "en", c->name[0]);
    jsonw_kv_string(w, "fr", c->name[1]);
    jsonw_kv_string(w, "es", c->name[2]);
    jsonw_end(w);
    jsonw_kv_string(w, "regional_group", c->regional_group);
    jsonw_kv_string(w, "status", c->status);
    jsonw_end(w);
    return 0;
}

int api_countries(struct req *r, struct resp *p)
{
    struct jsonw w;
    struct err err = {0};
    web_json_begin(p, &w);
    jsonw_object(&w);
    jsonw_key(&w, "items");
    jsonw_array(&w);
    int rc = core_country_each(r->store, write_country, &w, &err);
    jsonw_end(&w);
    jsonw_end(&w);
    if (rc) {
        buf_reset(&p->body);
        return web_error(r, p, 500, "server_error", err.msg);
    }
    return 0;
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

int api_stats(struct req *r, struct resp *p)
{
    static const enum store_dim dims[] = {STORE_DIM_KIND,    STORE_DIM_BODY,    STORE_DIM_RESPONSE,
                                          STORE_DIM_COUNTRY, STORE_DIM_THEME,   STORE_DIM_ISSUE,
                                          STORE_DIM_SDG,     STORE_DIM_AFFECTED};
    struct jsonw w;
    struct err err = {0};
    long total = 0;
    int rc = core_count(r->store, "recommendation", &total, &err);
    web_json_begin(p, &w);
    jsonw_object(&w);
    jsonw_kv_int(&w, "recommendations", total);
    for (size_t i = 0; i < sizeof dims / sizeof dims[0] && !rc; i++) {
        jsonw_key(&w, store_dim_name(dims[i]));
        jsonw_array(&w);
        rc = core_count_by(r->store, NULL, dims[i], (int)r->lang, write_count, &w, &err);
        jsonw_end(&w);
    }
    jsonw_end(&w);
    if (rc) {
        buf_reset(&p->body);
        return web_error(r, p, 500, "server_error", err.msg);
    }
    return 0;
}

int api_hello(struct req *r, struct resp *p)
{
    (void)r;
    struct jsonw w;
    web_json_begin(p, &w);
    jsonw_object(&w);
    jsonw_kv_string(&w, "hello", "suivi");
    jsonw_end(&w);
    return 0;
}
