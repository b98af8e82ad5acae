/*
 * api_hub.c — the knowledge hub under /api/v1/hub: good practices (list with filters country
 * and tag, one with its files, POST to propose, PATCH to publish or withdraw), NMIRF profiles,
 * library documents and the hub's search. Objects are those of core/hub_json.c (the same as
 * `suivi hub ... --json`); what a caller may see and do is decided by core/hub.c, so the
 * public never receives an unpublished entry, not even as a search hit.
 */
#include <stdlib.h>
#include <string.h>

#include "core/hub.h"
#include "web/handlers.h"
#include "web/json_in.h"

/* ---- good practices ----------------------------------------------------------------------- */

struct practice_call {
    struct jsonw *w;
    int with_body;
    struct store *st;
};

static int write_file(void *ctx, const struct store_hub_file *f)
{
    core_hub_json_file(ctx, f);
    return 0;
}

static int write_practice(void *ctx, const struct store_hub_practice *pr)
{
    struct practice_call *c = ctx;
    core_hub_json_practice(c->w, pr, c->with_body);
    return 0;
}

int api_hub_practices(struct req *r, struct resp *p)
{
    int page, per_page;
    if (web_page_params(r, p, &page, &per_page))
        return 0;
    struct store_hub_filter f = {.limit = per_page, .offset = (page - 1) * per_page};
    struct err err = {0};
    char iso3[4], vocab[16];
    const char *country = web_query(r, "country"), *tag = web_query(r, "tag");
    if (country) {
        int found = store_country_find(r->store, country, iso3, &err);
        if (found <= 0)
            return found ? web_fail(r, p, &err)
                         : web_error(r, p, 400, "bad_request", "country: no such State");
        f.country = iso3;
    }
    if (tag) {
        const char *colon = strchr(tag, ':');
        if (!colon || (size_t)(colon - tag) >= sizeof vocab)
            return web_error(r, p, 400, "bad_request", "tag: expected VOCAB:CODE, e.g. sdg:16.6");
        memcpy(vocab, tag, (size_t)(colon - tag));
        vocab[colon - tag] = '\0';
        f.vocab = vocab;
        f.code = colon + 1;
    }
    struct jsonw w;
    struct practice_call c = {&w, 0, r->store};
    long total = 0;
    web_json_items(p, &w);
    int rc = core_hub_practice_each(r->store, &r->actor, &f, write_practice, &c, &total, &err);
    web_json_items_end(&w, page, per_page, total);
    return rc ? web_fail(r, p, &err) : 0;
}

/* The entry with its texts and, as "file_list", its files. */
static int write_practice_full(void *ctx, const struct store_hub_practice *pr)
{
    struct practice_call *c = ctx;
    struct err err;
    jsonw_object(c->w);
    core_hub_json_practice_fields(c->w, pr, 1);
    jsonw_key(c->w, "file_list");
    jsonw_array(c->w);
    int rc = core_hub_files_of(c->st, pr->id, write_file, c->w, &err);
    jsonw_end(c->w);
    jsonw_end(c->w);
    return rc;
}

int api_hub_practice(struct req *r, struct resp *p)
{
    long id = web_id(r->param[0]);
    struct err err = {0};
    struct jsonw w;
    struct practice_call c = {&w, 1, r->store};
    web_json_begin(p, &w);
    int rc = id ? core_hub_practice_get(r->store, &r->actor, id, write_practice_full, &c, &err)
                : err_set(&err, ERR_NOTFOUND, "no good practice with id \"%s\"", r->param[0]);
    return rc ? web_fail(r, p, &err) : 0;
}

/* Reads the texts, country, tags and published flag of a JSON body into in (tags into tags). */
static int practice_from_json(struct req *r, const struct json_in *body,
                              struct core_hub_practice_in *in, struct core_hub_tags *tags,
                              struct err *err)
{
    static const char *const keys[STORE_LANG_COUNT][2] = {
        {"title_en", "body_en"}, {"title_fr", "body_fr"}, {"title_es", "body_es"}};
    long published = 0;
    memset(in, 0, sizeof *in);
    for (int l = 0; l < STORE_LANG_COUNT; l++) {
        in->title[l] = json_in_string(body, keys[l][0]);
        in->body[l] = json_in_string(body, keys[l][1]);
    }
    in->country = json_in_string(body, "country");
    if (json_in_int(body, "published", &published))
        in->published = published != 0;
    in->tags = tags;
    return core_hub_tags_parse(r->store, json_in_string(body, "tags"), tags, err);
}

int api_hub_practice_create(struct req *r, struct resp *p)
{
    struct json_in *body = NULL;
    struct err err = {0};
    if (web_json_body(r, p, &body))
        return 0;
    struct core_hub_practice_in in;
    struct core_hub_tags tags;
    long id = 0;
    int rc = practice_from_json(r, body, &in, &tags, &err);
    rc = rc ? rc : core_hub_practice_create(r->store, &r->actor, &in, &id, &err);
    json_in_free(body);
    if (rc)
        return web_fail(r, p, &err);
    struct jsonw w;
    struct practice_call c = {&w, 1, r->store};
    web_json_begin(p, &w);
    rc = core_hub_practice_get(r->store, &r->actor, id, write_practice_full, &c, &err);
    if (rc)
        return web_fail(r, p, &err);
    p->status = 201;
    return 0;
}

int api_hub_practice_update(struct req *r, struct resp *p)
{
    long id = web_id(r->param[0]), published = 0;
    struct json_in *body = NULL;
    struct err err = {0};
    if (!id)
        return web_error(r, p, 404, "not_found", "no such good practice");
    if (web_json_body(r, p, &body))
        return 0;
    int rc = 0;
    if (!json_in_int(body, "published", &published))
        rc = err_set(&err, ERR_INPUT, "published: expected true or false");
    json_in_free(body);
    rc = rc ? rc : core_hub_practice_publish(r->store, &r->actor, id, published != 0, &err);
    if (rc)
        return web_fail(r, p, &err);
    return api_hub_practice(r, p);
}

/* ---- profiles and documents --------------------------------------------------------------- */

static int write_profile(void *ctx, const struct store_hub_profile *pr)
{
    core_hub_json_profile(ctx, pr);
    return 0;
}

int api_hub_profiles(struct req *r, struct resp *p)
{
    struct err err = {0};
    struct jsonw w;
    web_json_items(p, &w);
    int rc = core_hub_profile_each(r->store, write_profile, &w, &err);
    web_json_items_end(&w, 0, 0, 0);
    return rc ? web_fail(r, p, &err) : 0;
}

int api_hub_profile(struct req *r, struct resp *p)
{
    struct err err = {0};
    struct jsonw w;
    web_json_begin(p, &w);
    int rc = core_hub_profile_get(r->store, r->param[0], write_profile, &w, &err);
    return rc ? web_fail(r, p, &err) : 0;
}

static int write_doc(void *ctx, const struct store_hub_doc *d)
{
    core_hub_json_doc(ctx, d);
    return 0;
}

int api_hub_documents(struct req *r, struct resp *p)
{
    struct err err = {0};
    struct jsonw w;
    web_json_items(p, &w);
    int rc = core_hub_doc_each(r->store, write_doc, &w, &err);
    web_json_items_end(&w, 0, 0, 0);
    return rc ? web_fail(r, p, &err) : 0;
}

int api_hub_document(struct req *r, struct resp *p)
{
    long id = web_id(r->param[0]);
    struct err err = {0};
    struct jsonw w;
    web_json_begin(p, &w);
    int rc = id ? core_hub_doc_get(r->store, id, NULL, write_doc, &w, &err)
                : err_set(&err, ERR_NOTFOUND, "no document with id \"%s\"", r->param[0]);
    return rc ? web_fail(r, p, &err) : 0;
}

/* ---- search ------------------------------------------------------------------------------- */

static int write_hit(void *ctx, const struct store_hub_hit *h)
{
    core_hub_json_hit(ctx, h);
    return 0;
}

int api_hub_search(struct req *r, struct resp *p)
{
    int page, per_page;
    if (web_page_params(r, p, &page, &per_page))
        return 0;
    if (!web_query(r, "q"))
        return web_error(r, p, 400, "bad_request", "q: give the words to search for");
    struct core_hub_search s = {.q = web_query(r, "q"),
                                .lang = web_query(r, "lang"),
                                .kind = web_query(r, "kind"),
                                .limit = per_page,
                                .offset = (page - 1) * per_page};
    struct err err = {0};
    struct jsonw w;
    long total = 0;
    web_json_items(p, &w);
    int rc = core_hub_search(r->store, &r->actor, &s, write_hit, &w, &total, &err);
    web_json_items_end(&w, page, per_page, total);
    return rc ? web_fail(r, p, &err) : 0;
}
