/*
 * hub_json.c — the JSON form of the knowledge hub's records, one for every face: the API
 * (web/api_hub.c) and `suivi hub ... --json` (cli/hub.c) write the same objects, documented in
 * docs/hub.md.
 */
#include <stdio.h>

#include "core/audit.h"
#include "core/hub.h"

static const char *const lang_codes[STORE_LANG_COUNT] = {"en", "fr", "es"};

static void kv_time(struct jsonw *w, const char *key, int64_t ms)
{
    char text[CORE_TIME_SIZE];
    if (!ms) {
        jsonw_key(w, key);
        jsonw_null(w);
        return;
    }
    core_time_format(ms, text);
    jsonw_kv_string(w, key, text);
}

void core_hub_json_profile(struct jsonw *w, const struct store_hub_profile *p)
{
    jsonw_object(w);
    jsonw_kv_string(w, "country", p->country);
    jsonw_kv_string(w, "name", p->name);
    jsonw_kv_string(w, "lang", p->lang);
    jsonw_kv_string(w, "standing", p->standing);
    jsonw_kv_string(w, "legal_basis", p->legal_basis);
    jsonw_kv_string(w, "secretariat", p->secretariat);
    jsonw_key(w, "members");
    jsonw_object(w);
    for (int b = 0; b < STORE_HUB_BRANCH_COUNT; b++)
        jsonw_kv_string(w, core_hub_branch_name((enum store_hub_branch)b), p->members[b]);
    jsonw_end(w);
    jsonw_key(w, "participation");
    jsonw_object(w);
    for (int k = 0; k < STORE_HUB_PARTY_COUNT; k++) {
        jsonw_key(w, core_hub_party_name((enum store_hub_party)k));
        jsonw_object(w);
        jsonw_key(w, "takes_part");
        if (p->party[k].takes_part < 0)
            jsonw_null(w);
        else
            jsonw_bool(w, p->party[k].takes_part);
        jsonw_kv_string(w, "how", p->party[k].how);
        jsonw_end(w);
    }
    jsonw_end(w);
    jsonw_kv_string(w, "tracking_tool", p->tracking_tool);
    jsonw_kv_string(w, "reporting_record", p->reporting_record);
    jsonw_key(w, "demo");
    jsonw_bool(w, p->demo);
    jsonw_kv_string(w, "updated_by", p->updated_by);
    kv_time(w, "updated_at", p->updated_at);
    jsonw_end(w);
}

void core_hub_json_practice(struct jsonw *w, const struct store_hub_practice *p, int with_body)
{
    jsonw_object(w);
    core_hub_json_practice_fields(w, p, with_body);
    jsonw_end(w);
}

void core_hub_json_practice_fields(struct jsonw *w, const struct store_hub_practice *p,
                                   int with_body)
{
    jsonw_kv_int(w, "id", p->id);
    jsonw_kv_string(w, "slug", p->slug);
    jsonw_kv_string(w, "country", p->country);
    jsonw_kv_string(w, "author", p->author);
    jsonw_key(w, "published");
    jsonw_bool(w, p->published);
    jsonw_key(w, "demo");
    jsonw_bool(w, p->demo);
    jsonw_key(w, "texts");
    jsonw_object(w);
    for (int l = 0; l < STORE_LANG_COUNT; l++) {
        if (!p->title[l])
            continue;
        jsonw_key(w, lang_codes[l]);
        jsonw_object(w);
        jsonw_kv_string(w, "title", p->title[l]);
        if (with_body)
            jsonw_kv_string(w, "body", p->body[l]);
        jsonw_end(w);
    }
    jsonw_end(w);
    jsonw_key(w, "tags");
    jsonw_array(w);
    for (size_t i = 0; i < p->ntags; i++) {
        jsonw_object(w);
        jsonw_kv_string(w, "vocab", p->tags[i].vocab);
        jsonw_kv_string(w, "code", p->tags[i].code);
        jsonw_end(w);
    }
    jsonw_end(w);
    jsonw_kv_int(w, "files", p->nfiles);
    kv_time(w, "created_at", p->created_at);
    kv_time(w, "updated_at", p->updated_at);
}

void core_hub_json_file(struct jsonw *w, const struct store_hub_file *f)
{
    jsonw_object(w);
    jsonw_kv_int(w, "id", f->id);
    jsonw_kv_string(w, "file_name", f->file_name);
    jsonw_kv_string(w, "content_type", f->content_type);
    jsonw_kv_int(w, "size", (long)f->size);
    jsonw_kv_string(w, "uploaded_by", f->uploaded_by);
    kv_time(w, "uploaded_at", f->uploaded_at);
    jsonw_end(w);
}

void core_hub_json_doc(struct jsonw *w, const struct store_hub_doc *d)
{
    jsonw_object(w);
    jsonw_kv_int(w, "id", d->id);
    jsonw_kv_string(w, "symbol", d->symbol);
    jsonw_kv_string(w, "title", d->title);
    jsonw_kv_string(w, "date", d->date);
    jsonw_kv_string(w, "lang", d->lang);
    jsonw_kv_string(w, "source", d->source);
    if (d->text)
        jsonw_kv_string(w, "text", d->text);
    kv_time(w, "updated_at", d->updated_at);
    jsonw_end(w);
}

void core_hub_json_hit(struct jsonw *w, const struct store_hub_hit *h)
{
    jsonw_object(w);
    jsonw_kv_string(w, "kind", h->kind);
    jsonw_kv_string(w, "ref", h->ref);
    jsonw_kv_string(w, "lang", h->lang);
    jsonw_kv_string(w, "title", h->title);
    jsonw_kv_string(w, "snippet", h->snippet);
    jsonw_key(w, "score");
    jsonw_double(w, h->score);
    jsonw_end(w);
}
