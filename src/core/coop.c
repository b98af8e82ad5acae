/*
 * coop.c — the cooperation repository of coop.h: its vocabularies, organisations, who is
 * looking (core_coop_viewer_load), THE consent rule (core_coop_may_see_need), and the checks
 * the other files share. Needs are in coop_need.c, offers in coop_offer.c, matches, their
 * workflow and the report's data in coop_match.c over the snapshots of coopi_snap.c; what they
 * share is in coop_internal.h. Every write checks permissions.h and the actor's organisation, and
 * records an audit event in the same transaction (followup_internal.h's fu_audit_commit).
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

/* ---- vocabularies ------------------------------------------------------------------------ */

static const char *const org_kinds[CORE_ORG_KIND_COUNT] = {"state", "un_entity", "nhri", "ngo",
                                                           "regional_body"};
static const char *const help_kinds[CORE_HELP_KIND_COUNT] = {
    "legal_drafting", "data_collection", "training",   "institution_building",
    "policy_advice",  "awareness",       "monitoring", "other"};
static const char *const visibilities[CORE_VIS_COUNT] = {"private", "registered", "public"};
static const char *const need_statuses[CORE_NEED_STATUS_COUNT] = {"open", "met", "withdrawn"};
static const char *const offer_statuses[CORE_OFFER_STATUS_COUNT] = {"open", "closed"};
static const char *const modalities[CORE_MOD_COUNT] = {"remote", "in_person", "mixed"};
static const char *const match_states[CORE_MATCH_STATE_COUNT] = {
    "proposed", "accepted", "in_progress", "completed", "declined", "withdrawn"};
static const char *const sides[CORE_SIDE_COUNT] = {"need", "offer"};

static const char *name_of(const char *const *names, int count, int v)
{
    return v >= 0 && v < count ? names[v] : NULL;
}

/* The index of name in names, or -1. */
static int index_of(const char *const *names, int count, const char *name, size_t len)
{
    for (int i = 0; name && i < count; i++)
        if (strlen(names[i]) == len && !strncmp(names[i], name, len))
            return i;
    return -1;
}

static int parse_one(const char *const *names, int count, const char *what, const char *name,
                     int *out, struct err *err)
{
    int i = index_of(names, count, name, name ? strlen(name) : 0);
    if (i >= 0) {
        *out = i;
        return 0;
    }
    struct buf expected = {0};
    for (int k = 0; k < count; k++)
        buf_printf(&expected, "%s%s", k ? ", " : "", names[k]);
    err_set(err, ERR_INPUT, "%s \"%.40s\": expected one of %s", what, name ? name : "",
            expected.len ? buf_str(&expected) : "");
    buf_free(&expected);
    return ERR_INPUT;
}

const char *core_org_kind_name(enum core_org_kind k)
{
    return name_of(org_kinds, CORE_ORG_KIND_COUNT, k);
}

int core_org_kind_parse(const char *name, enum core_org_kind *out, struct err *err)
{
    int v;
    int rc = parse_one(org_kinds, CORE_ORG_KIND_COUNT, "organisation kind", name, &v, err);
    if (!rc)
        *out = (enum core_org_kind)v;
    return rc;
}

const char *core_help_kind_name(enum core_help_kind k)
{
    return name_of(help_kinds, CORE_HELP_KIND_COUNT, k);
}

/* A mask from a list of names (separated by '|' or ','). */
static int mask_parse(const char *const *names, int count, const char *what, const char *list,
                      unsigned *mask, struct err *err)
{
    *mask = 0;
    for (const char *p = list; p && *p;) {
        size_t len = strcspn(p, "|,");
        while (len && *p == ' ')
            p++, len--;
        while (len && p[len - 1] == ' ')
            len--;
        if (len) {
            int i = index_of(names, count, p, len);
            if (i < 0) {
                char one[64];
                snprintf(one, sizeof one, "%.*s", (int)(len < 60 ? len : 60), p);
                return parse_one(names, count, what, one, &i, err);
            }
            *mask |= 1u << i;
        }
        p += strcspn(p, "|,");
        if (*p)
            p++;
    }
    return 0;
}

static int mask_format(const char *const *names, int count, unsigned mask, struct buf *out)
{
    int first = 1;
    for (int i = 0; i < count; i++)
        if (mask & (1u << i)) {
            if (buf_printf(out, "%s%s", first ? "" : "|", names[i]))
                return ERR_NOMEM;
            first = 0;
        }
    return 0;
}

int core_help_kinds_parse(const char *list, unsigned *mask, struct err *err)
{
    return mask_parse(help_kinds, CORE_HELP_KIND_COUNT, "kind of help", list, mask, err);
}

int core_help_kinds_format(unsigned mask, struct buf *out)
{
    return mask_format(help_kinds, CORE_HELP_KIND_COUNT, mask, out);
}

int coopi_org_kinds_parse(const char *list, unsigned *mask, struct err *err)
{
    return mask_parse(org_kinds, CORE_ORG_KIND_COUNT, "provider kind", list, mask, err);
}

int coopi_org_kinds_format(unsigned mask, struct buf *out)
{
    return mask_format(org_kinds, CORE_ORG_KIND_COUNT, mask, out);
}

/* The mask of a stored list (names that are not known are ignored). */
static unsigned stored_mask(const char *const *names, int count, const char *list)
{
    unsigned mask = 0;
    struct err ignored;
    if (mask_parse(names, count, "stored list", list, &mask, &ignored))
        mask = 0;
    return mask;
}

unsigned coopi_help_mask(const char *list)
{
    return stored_mask(help_kinds, CORE_HELP_KIND_COUNT, list);
}

unsigned coopi_org_mask(const char *list)
{
    return stored_mask(org_kinds, CORE_ORG_KIND_COUNT, list);
}

const char *core_visibility_name(enum core_visibility v)
{
    return name_of(visibilities, CORE_VIS_COUNT, v);
}

int core_visibility_parse(const char *name, enum core_visibility *out, struct err *err)
{
    int v;
    int rc = parse_one(visibilities, CORE_VIS_COUNT, "visibility", name, &v, err);
    if (!rc)
        *out = (enum core_visibility)v;
    return rc;
}

const char *core_need_status_name(enum core_need_status s)
{
    return name_of(need_statuses, CORE_NEED_STATUS_COUNT, s);
}

const char *core_offer_status_name(enum core_offer_status s)
{
    return name_of(offer_statuses, CORE_OFFER_STATUS_COUNT, s);
}

const char *core_modality_name(enum core_modality m)
{
    return name_of(modalities, CORE_MOD_COUNT, m);
}

int core_modality_parse(const char *name, enum core_modality *out, struct err *err)
{
    int v;
    int rc = parse_one(modalities, CORE_MOD_COUNT, "modality", name, &v, err);
    if (!rc)
        *out = (enum core_modality)v;
    return rc;
}

const char *core_match_state_name(enum core_match_state s)
{
    return name_of(match_states, CORE_MATCH_STATE_COUNT, s);
}

int core_match_state_parse(const char *name, enum core_match_state *out, struct err *err)
{
    int v;
    int rc = parse_one(match_states, CORE_MATCH_STATE_COUNT, "match state", name, &v, err);
    if (!rc)
        *out = (enum core_match_state)v;
    return rc;
}

const char *core_match_side_name(enum core_match_side s)
{
    return name_of(sides, CORE_SIDE_COUNT, s);
}

int coopi_stored_enum(const char *const *names, int count, const char *name)
{
    int i = index_of(names, count, name, name ? strlen(name) : 0);
    return i < 0 ? 0 : i;
}

int coopi_visibility_of(const char *name)
{
    return coopi_stored_enum(visibilities, CORE_VIS_COUNT, name);
}

int coopi_need_status_of(const char *name)
{
    return coopi_stored_enum(need_statuses, CORE_NEED_STATUS_COUNT, name);
}

int coopi_offer_status_of(const char *name)
{
    return coopi_stored_enum(offer_statuses, CORE_OFFER_STATUS_COUNT, name);
}

int coopi_modality_of(const char *name)
{
    return coopi_stored_enum(modalities, CORE_MOD_COUNT, name);
}

int coopi_org_kind_of(const char *name)
{
    return coopi_stored_enum(org_kinds, CORE_ORG_KIND_COUNT, name);
}

int coopi_match_state_of(const char *name)
{
    return coopi_stored_enum(match_states, CORE_MATCH_STATE_COUNT, name);
}

int coopi_side_of(const char *name)
{
    return coopi_stored_enum(sides, CORE_SIDE_COUNT, name);
}

/* ---- lists ------------------------------------------------------------------------------- */

int coopi_list_has(const char *list, const char *item, size_t len)
{
    for (const char *p = list; p && *p;) {
        size_t n = strcspn(p, "|");
        if (n == len && !strncmp(p, item, len))
            return 1;
        p += n;
        if (*p)
            p++;
    }
    return 0;
}

/* Whether the SDG list holds code: "5" matches 5 and every 5.x; "5.2" the target and below. */
int coopi_sdg_has(const char *list, const char *code)
{
    size_t len = strlen(code);
    for (const char *p = list; p && *p;) {
        size_t n = strcspn(p, "|");
        if (n >= len && !strncmp(p, code, len) && (n == len || p[len] == '.'))
            return 1;
        p += n;
        if (*p)
            p++;
    }
    return 0;
}

/* ---- organisations and viewers ----------------------------------------------------------- */

int coopi_is_admin(const struct core_actor *actor)
{
    return actor && core_role_parse(actor->role) == CORE_ROLE_ADMIN;
}

static int logged_in(const struct core_actor *actor)
{
    enum core_role r = core_role_parse(actor ? actor->role : NULL);
    return r != CORE_ROLE_PUBLIC && r != CORE_ROLE_COUNT;
}

static int check_code(const char *code, struct err *err)
{
    size_t n = code ? strlen(code) : 0;
    if (!n || n > 32)
        return err_set(err, ERR_INPUT, "organisation code \"%.40s\": expected 1 to 32 characters",
                       code ? code : "");
    for (size_t i = 0; i < n; i++)
        if (!isalnum((unsigned char)code[i]) && !strchr("._-", code[i]))
            return err_set(err, ERR_INPUT,
                           "organisation code \"%.40s\": expected letters, digits, . _ -", code);
    return 0;
}

static void json_org(struct buf *out, const struct store_org *o, long id)
{
    struct jsonw w;
    jsonw_init(&w, out);
    jsonw_object(&w);
    jsonw_kv_int(&w, "id", id);
    jsonw_kv_string(&w, "code", o->code);
    jsonw_kv_string(&w, "name", o->name);
    jsonw_kv_string(&w, "kind", o->kind);
    jsonw_kv_string(&w, "country", o->country);
    jsonw_end(&w);
}

int core_org_create(struct store *st, const struct core_actor *actor, const struct core_org *in,
                    long *id, struct err *err)
{
    if (!core_may(actor, CORE_MANAGE_ORGS, 0))
        return fu_denied(actor, "creating an organisation", "only an administrator", err);
    int rc = check_code(in->code, err);
    if (!rc)
        rc = fu_check_text("organisation name", in->name, 1, FU_NAME_MAX, 0, err);
    if (rc)
        return rc;
    if (!core_org_kind_name(in->kind))
        return err_set(err, ERR_INPUT, "organisation kind: out of range");
    char iso3[4] = "";
    if (in->country && *in->country) {
        if ((rc = store_country_find(st, in->country, iso3, err)) < 0)
            return rc;
        if (!rc)
            return err_set(err, ERR_INPUT, "country \"%.40s\": no such country (ISO code or name)",
                           in->country);
    } else if (in->kind == CORE_ORG_STATE) {
        return err_set(err, ERR_INPUT, "country: a State's organisation needs its country");
    }
    struct store_org o = {
        0, in->code, in->name, core_org_kind_name(in->kind), *iso3 ? iso3 : NULL, NULL, core_now()};
    if ((rc = store_begin(st, err)))
        return rc;
    rc = store_org_put(st, &o, id, err);
    struct buf after = {0};
    if (!rc)
        json_org(&after, &o, *id);
    rc = fu_audit_commit(st, actor, rc, "create", "organisation", rc ? 0 : *id, NULL, &after, err);
    buf_free(&after);
    return rc;
}

struct org_call {
    core_org_cb cb;
    void *ctx;
};

static int org_row(void *ctx, const struct store_org *o)
{
    struct org_call *c = ctx;
    struct core_org out = {
        o->id,      o->code,
        o->name,    (enum core_org_kind)coopi_stored_enum(org_kinds, CORE_ORG_KIND_COUNT, o->kind),
        o->country, o->region};
    return c->cb(c->ctx, &out);
}

int core_org_get(struct store *st, long id, const char *code, core_org_cb cb, void *ctx,
                 struct err *err)
{
    struct org_call c = {cb, ctx};
    return store_org_get(st, id, code, org_row, &c, err);
}

int core_org_each(struct store *st, core_org_cb cb, void *ctx, struct err *err)
{
    struct org_call c = {cb, ctx};
    return store_org_each(st, org_row, &c, err);
}

int core_org_link(struct store *st, const struct core_actor *actor, long user_id, long org_id,
                  struct err *err)
{
    if (!core_may(actor, CORE_MANAGE_ORGS, 0))
        return fu_denied(actor, "linking an account to an organisation", "only an administrator",
                         err);
    int rc;
    long before = 0;
    if ((rc = store_begin(st, err)))
        return rc;
    if (org_id) {
        struct coopi_org_ref ref;
        rc = coopi_org_load(st, org_id, &ref, err);
    }
    if (!rc)
        rc = store_account_org_get(st, user_id, &before, err);
    if (!rc)
        rc = store_account_org_set(st, user_id, org_id, err);
    struct buf b = {0}, a = {0};
    buf_printf(&b, "{\"organisation_id\":%ld}", before);
    buf_printf(&a, "{\"organisation_id\":%ld}", org_id);
    rc = fu_audit_commit(st, actor, rc, "link", "user", user_id, &b, &a, err);
    buf_free(&b);
    buf_free(&a);
    return rc;
}

static int org_ref_row(void *ctx, const struct store_org *o)
{
    struct coopi_org_ref *r = ctx;
    r->id = o->id;
    r->kind = (enum core_org_kind)coopi_stored_enum(org_kinds, CORE_ORG_KIND_COUNT, o->kind);
    snprintf(r->country, sizeof r->country, "%s", o->country ? o->country : "");
    return 0;
}

int coopi_org_load(struct store *st, long id, struct coopi_org_ref *out, struct err *err)
{
    memset(out, 0, sizeof *out);
    int rc = store_org_get(st, id, NULL, org_ref_row, out, err);
    if (rc == ERR_NOTFOUND)
        return err_set(err, ERR_INPUT, "organisation %ld: no such organisation", id);
    return rc;
}

int core_coop_viewer_load(struct store *st, const struct core_actor *actor,
                          struct core_coop_viewer *v, struct err *err)
{
    memset(v, 0, sizeof *v);
    v->actor = actor;
    if (!actor || actor->user_id <= 0)
        return 0;
    long org = 0;
    int rc = store_account_org_get(st, actor->user_id, &org, err);
    if (rc || !org)
        return rc;
    struct coopi_org_ref ref;
    if ((rc = coopi_org_load(st, org, &ref, err)))
        return rc;
    v->org_id = ref.id;
    v->org_kind = ref.kind;
    snprintf(v->org_country, sizeof v->org_country, "%s", ref.country);
    return 0;
}

/* ---- the consent rule -------------------------------------------------------------------- */

int coopi_is_own_state(const struct core_coop_viewer *v, const struct core_need *n)
{
    if (!v->org_id)
        return 0;
    if (v->org_id == n->org_id)
        return 1;
    return v->org_kind == CORE_ORG_STATE && *v->org_country && n->country &&
           !strcmp(v->org_country, n->country);
}

int core_coop_may_see_need(const struct core_coop_viewer *v, const struct core_need *n)
{
    if (coopi_is_admin(v->actor) || coopi_is_own_state(v, n))
        return 1;
    if (n->status == CORE_NEED_WITHDRAWN)
        return 0;
    if (n->visibility == CORE_VIS_PUBLIC)
        return 1;
    if (n->visibility == CORE_VIS_REGISTERED && logged_in(v->actor))
        return 1;
    if (v->org_id && logged_in(v->actor)) {
        char id[24];
        int len = snprintf(id, sizeof id, "%ld", v->org_id);
        return coopi_list_has(n->shared_orgs, id, (size_t)len);
    }
    return 0;
}

/* ---- checks the need and offer files share ---------------------------------------------- */

/* A language list: two-letter lower-case codes, normalised into out ("|"-separated). */
int coopi_check_languages(const char *list, struct buf *out, struct err *err)
{
    for (const char *p = list; p && *p;) {
        size_t len = strcspn(p, "|, ");
        if (len && (len != 2 || !islower((unsigned char)p[0]) || !islower((unsigned char)p[1])))
            return err_set(err, ERR_INPUT,
                           "language \"%.*s\": expected a two-letter code such as en, fr, es",
                           (int)(len < 20 ? len : 20), p);
        if (len && buf_printf(out, "%s%.2s", out->len ? "|" : "", p))
            return err_set(err, ERR_NOMEM, "out of memory");
        p += len;
        if (*p)
            p++;
    }
    return 0;
}

int coopi_check_lang(const char *lang, struct err *err)
{
    enum text_lang l;
    if (lang && *lang && text_lang_parse(lang, &l))
        return err_set(err, ERR_INPUT, "language of the text \"%.20s\": expected en, fr or es",
                       lang);
    return 0;
}

/* The organisation an actor records for: its own, or (administrators) the one named. */
int coopi_acting_org(struct store *st, const struct core_actor *actor, long named,
                     struct coopi_org_ref *out, const char *doing, struct err *err)
{
    struct core_coop_viewer v;
    int rc = core_coop_viewer_load(st, actor, &v, err);
    if (rc)
        return rc;
    long id = named ? named : v.org_id;
    if (!id)
        return err_set(err, coopi_is_admin(actor) ? ERR_INPUT : ERR_DENIED, "%s: %s", doing,
                       coopi_is_admin(actor) ? "name the organisation"
                                             : "your account acts for no organisation (an "
                                               "administrator links it: suivi org link)");
    if (!coopi_is_admin(actor) && id != v.org_id)
        return err_set(err, ERR_DENIED, "%s: you act for organisation %ld only", doing, v.org_id);
    return coopi_org_load(st, id, out, err);
}

/* Whether word occurs in text, ASCII letters compared without case. */
static int contains(const char *text, const char *word)
{
    size_t n = strlen(word);
    for (const char *p = text; p && *p; p++) {
        size_t i = 0;
        while (i < n && p[i] && tolower((unsigned char)p[i]) == tolower((unsigned char)word[i]))
            i++;
        if (i == n)
            return 1;
    }
    return 0;
}

/* Whether every word of query appears in one of the texts (ASCII case folded). */
int coopi_words_in(const char *query, const char *a, const char *b)
{
    char word[64];
    for (const char *p = query; p && *p;) {
        while (*p == ' ')
            p++;
        size_t len = strcspn(p, " ");
        if (!len)
            break;
        snprintf(word, sizeof word, "%.*s", (int)(len < 63 ? len : 63), p);
        if (!contains(a, word) && !contains(b, word))
            return 0;
        p += len;
    }
    return 1;
}
