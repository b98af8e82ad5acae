/*
 * coop_offer.c — offers of the cooperation repository (coop.h): a provider records what it can
 * bring (themes and SDGs checked against the vocabularies, regions against the UN regional
 * groups and the countries), closes it; offers are public and read by anyone.
 */
#include "core/coop_internal.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/followup_internal.h"
#include "core/permissions.h"
#include "text/fold.h"
#include "util/jsonw.h"

/* ---- offers -------------------------------------------------------------------------------- */

void coopi_offer_from_store(const struct store_offer *s, struct core_offer *o)
{
    *o = (struct core_offer){
        .id = s->id,
        .org_id = s->org_id,
        .org_code = s->org_code,
        .org_name = s->org_name,
        .provider_kind = (enum core_org_kind)coopi_org_kind_of(s->org_kind),
        .country = s->country,
        .title = s->title,
        .description = s->description,
        .themes = s->themes,
        .sdgs = s->sdgs,
        .kinds = coopi_help_mask(s->kinds),
        .modality = (enum core_modality)coopi_modality_of(s->modality),
        .languages = s->languages,
        .lang = s->lang,
        .regions = s->regions,
        .capacity = s->capacity,
        .past_activities = s->past_activities,
        .status = (enum core_offer_status)coopi_offer_status_of(s->status),
        .created_by = s->created_by,
        .created_at = s->created_at,
        .updated_at = s->updated_at,
    };
}

/* Terms of vocabs (a code or any label; separated by any of seps) into out as codes. */
static int check_terms(struct store *st, const char *field, const char *const *vocabs,
                       const char *seps, const char *list, struct buf *out, struct err *err)
{
    char name[256], code[128];
    for (const char *p = list; p && *p;) {
        size_t len = strcspn(p, seps);
        while (len && *p == ' ')
            p++, len--;
        size_t n = len;
        while (n && p[n - 1] == ' ')
            n--;
        if (n >= sizeof name)
            return err_set(err, ERR_INPUT, "%s \"%.40s...\": too long", field, p);
        if (n) {
            memcpy(name, p, n);
            name[n] = '\0';
            int found = 0, rc = 0;
            for (size_t v = 0; vocabs[v] && !found; v++) {
                if ((rc = store_term_find(st, vocabs[v], name, code, sizeof code, err)) < 0)
                    return rc;
                found = rc;
            }
            if (!found)
                return err_set(err, ERR_INPUT,
                               "%s \"%s\": not in the vocabulary (a code or a label)", field, name);
            if (!coopi_list_has(buf_str(out), code, strlen(code)) &&
                buf_printf(out, "%s%s", out->len ? "|" : "", code))
                return err_set(err, ERR_NOMEM, "out of memory");
        }
        p += len;
        if (*p)
            p++;
    }
    return 0;
}

static const char *const regional_groups[] = {"AG", "APG", "EEG", "GRULAC", "WEOG"};

static int check_regions(struct store *st, const char *list, struct buf *out, struct err *err)
{
    char name[128];
    for (const char *p = list; p && *p;) {
        size_t len = strcspn(p, "|,");
        while (len && *p == ' ')
            p++, len--;
        size_t n = len;
        while (n && p[n - 1] == ' ')
            n--;
        if (n >= sizeof name)
            return err_set(err, ERR_INPUT, "region \"%.40s...\": too long", p);
        if (n) {
            memcpy(name, p, n);
            name[n] = '\0';
            const char *code = NULL;
            char iso3[4];
            for (size_t g = 0; g < sizeof regional_groups / sizeof *regional_groups; g++)
                if (!strcmp(name, regional_groups[g]))
                    code = regional_groups[g];
            if (!code) {
                int rc = store_country_find(st, name, iso3, err);
                if (rc < 0)
                    return rc;
                if (!rc)
                    return err_set(err, ERR_INPUT,
                                   "region \"%s\": expected AG, APG, EEG, GRULAC, WEOG or a "
                                   "country",
                                   name);
                code = iso3;
            }
            if (buf_printf(out, "%s%s", out->len ? "|" : "", code))
                return err_set(err, ERR_NOMEM, "out of memory");
        }
        p += len;
        if (*p)
            p++;
    }
    return 0;
}

static void json_offer(struct buf *out, const struct store_offer *o, long id)
{
    struct jsonw w;
    jsonw_init(&w, out);
    jsonw_object(&w);
    jsonw_kv_int(&w, "id", id);
    jsonw_kv_int(&w, "organisation_id", o->org_id);
    jsonw_kv_string(&w, "title", o->title);
    jsonw_kv_string(&w, "themes", o->themes);
    jsonw_kv_string(&w, "sdgs", o->sdgs);
    jsonw_kv_string(&w, "kinds", o->kinds);
    jsonw_kv_string(&w, "status", o->status);
    jsonw_end(&w);
}

int core_offer_create(struct store *st, const struct core_actor *actor, const struct core_offer *in,
                      long *id, struct err *err)
{
    const char *doing = "recording an offer";
    if (!core_may(actor, CORE_RECORD_OFFER, 0))
        return fu_denied(actor, doing, "an account acting for a provider or an administrator", err);
    struct coopi_org_ref org;
    int rc = coopi_acting_org(st, actor, in->org_id, &org, doing, err);
    if (rc)
        return rc;
    if ((rc = fu_check_text("title", in->title, 1, FU_NAME_MAX, 0, err)) ||
        (rc = fu_check_text("description", in->description, 1, FU_TEXT_MAX, 1, err)) ||
        (rc = fu_check_text("past activities", in->past_activities, 0, FU_TEXT_MAX, 1, err)) ||
        (rc = coopi_check_lang(in->lang, err)))
        return rc;
    if (!in->kinds)
        return err_set(err, ERR_INPUT, "kinds: give at least one kind of help offered");
    if (!core_modality_name(in->modality))
        return err_set(err, ERR_INPUT, "modality: out of range");
    if (in->capacity < 0)
        return err_set(err, ERR_INPUT, "capacity %d: expected 0 or more", in->capacity);
    static const char *const theme_vocabs[] = {"uhri_theme", "upr_issue", NULL};
    static const char *const sdg_vocabs[] = {"sdg", NULL};
    struct buf themes = {0}, sdgs = {0}, kinds = {0}, langs = {0}, regions = {0}, after = {0};
    char login[CORE_LOGIN_MAX + 8];
    rc = check_terms(st, "theme", theme_vocabs, "|", in->themes, &themes, err);
    if (!rc)
        rc = check_terms(st, "SDG", sdg_vocabs, "|, ", in->sdgs, &sdgs, err);
    if (!rc && !themes.len && !sdgs.len)
        rc = err_set(err, ERR_INPUT, "themes: give at least one theme or SDG of expertise");
    if (!rc)
        rc = coopi_check_languages(in->languages, &langs, err);
    if (!rc)
        rc = check_regions(st, in->regions, &regions, err);
    if (!rc && core_help_kinds_format(in->kinds, &kinds))
        rc = err_set(err, ERR_NOMEM, "out of memory");
    if (!rc && !(rc = store_begin(st, err))) {
        struct store_offer o = {
            .org_id = org.id,
            .title = in->title,
            .description = in->description,
            .themes = themes.len ? buf_str(&themes) : "",
            .sdgs = sdgs.len ? buf_str(&sdgs) : "",
            .kinds = buf_str(&kinds),
            .modality = core_modality_name(in->modality),
            .languages = langs.len ? buf_str(&langs) : "",
            .lang = in->lang && *in->lang ? in->lang : "en",
            .regions = regions.len ? buf_str(&regions) : "",
            .capacity = in->capacity,
            .past_activities = in->past_activities,
            .status = "open",
            .created_by = fu_login(actor, login, sizeof login),
        };
        rc = store_offer_put(st, &o, core_now(), id, err);
        if (!rc)
            json_offer(&after, &o, *id);
        rc = fu_audit_commit(st, actor, rc, "create", "offer", rc ? 0 : *id, NULL, &after, err);
    }
    buf_free(&themes);
    buf_free(&sdgs);
    buf_free(&kinds);
    buf_free(&langs);
    buf_free(&regions);
    buf_free(&after);
    return rc;
}

static int offer_org_row(void *ctx, const struct store_offer *o)
{
    *(long *)ctx = o->org_id;
    return 0;
}

int coopi_offer_org(struct store *st, long offer_id, long *org_id, struct err *err)
{
    return store_offer_get(st, offer_id, offer_org_row, org_id, err);
}

int core_offer_close(struct store *st, const struct core_actor *actor, long id, struct err *err)
{
    long org = 0;
    struct core_coop_viewer v;
    int rc = coopi_offer_org(st, id, &org, err);
    if (!rc)
        rc = core_coop_viewer_load(st, actor, &v, err);
    if (rc)
        return rc;
    if (!coopi_is_admin(actor) && !(v.org_id == org && core_may(actor, CORE_RECORD_OFFER, 0)))
        return fu_denied(actor, "closing an offer", "its organisation or an administrator", err);
    if ((rc = store_begin(st, err)))
        return rc;
    struct store_offer o = {.id = id, .status = "closed"};
    long same;
    rc = store_offer_put(st, &o, core_now(), &same, err);
    struct buf after = {0};
    buf_puts(&after, "{\"status\":\"closed\"}");
    rc = fu_audit_commit(st, actor, rc, "close", "offer", id, NULL, &after, err);
    buf_free(&after);
    return rc;
}

int coopi_offer_passes(const struct core_offer *o, const struct core_offer_filter *f)
{
    if (!f)
        return 1;
    if (f->theme && *f->theme && !coopi_list_has(o->themes, f->theme, strlen(f->theme)))
        return 0;
    if (f->sdg && *f->sdg && !coopi_sdg_has(o->sdgs, f->sdg))
        return 0;
    if (f->region && *f->region && *o->regions &&
        !coopi_list_has(o->regions, f->region, strlen(f->region)))
        return 0;
    if (f->provider_kind >= 0 && (int)o->provider_kind != f->provider_kind)
        return 0;
    if (f->kinds && !(f->kinds & o->kinds))
        return 0;
    if (f->status >= 0 && (int)o->status != f->status)
        return 0;
    return !f->text || !*f->text || coopi_words_in(f->text, o->title, o->description);
}

struct offer_list_call {
    const struct core_offer_filter *filter;
    core_offer_cb cb;
    void *ctx;
};

static int offer_list_row(void *ctx, const struct store_offer *s)
{
    struct offer_list_call *c = ctx;
    struct core_offer o;
    coopi_offer_from_store(s, &o);
    return coopi_offer_passes(&o, c->filter) ? c->cb(c->ctx, &o) : 0;
}

int core_offer_list(struct store *st, const struct core_offer_filter *f, core_offer_cb cb,
                    void *ctx, struct err *err)
{
    struct offer_list_call c = {f, cb, ctx};
    return store_offer_each(st, offer_list_row, &c, err);
}

int core_offer_get(struct store *st, long id, core_offer_cb cb, void *ctx, struct err *err)
{
    struct offer_list_call c = {NULL, cb, ctx};
    return store_offer_get(st, id, offer_list_row, &c, err);
}
