/*
 * coopi_snap.c — what the match files read: a snapshot of every need and offer copied out of the
 * store, with the consent rule's answer for the viewer on each need; the peer-to-peer figures
 * of the offering States; and the matching engine (match.c) built over the open ones.
 *
 * Peer-to-peer proxy (docs/cooperation.md): a State shows good practice on a theme when it made
 * at least PEER_MIN_MADE recommendations on it to other States in the UPR and supported at
 * least half of those it received on it (or received none).
 */
#include "core/coop_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PEER_MIN_MADE 3

/* ---- snapshots ------------------------------------------------------------------------------ */

static const char *keep(struct coopi_snap *s, const char *text)
{
    if (!text)
        return NULL;
    if (s->nstrings == s->capstrings) {
        size_t cap = s->capstrings ? 2 * s->capstrings : 256;
        char **n = realloc(s->strings, cap * sizeof *n);
        if (!n) {
            s->oom = 1;
            return NULL;
        }
        s->strings = n;
        s->capstrings = cap;
    }
    char *copy = strdup(text);
    if (!copy) {
        s->oom = 1;
        return NULL;
    }
    s->strings[s->nstrings++] = copy;
    return copy;
}

void coopi_snap_free(struct coopi_snap *s)
{
    for (size_t i = 0; i < s->nstrings; i++)
        free(s->strings[i]);
    free(s->strings);
    free(s->needs);
    free(s->need_text);
    free(s->visible);
    free(s->offers);
    free(s->practice);
}

struct snap_need_call {
    struct coopi_snap *snap;
    const struct core_coop_viewer *viewer;
};

static int snap_need(void *ctx, const struct store_need *sn)
{
    struct snap_need_call *c = ctx;
    struct coopi_snap *s = c->snap;
    if (s->nneeds == s->capneeds) {
        size_t cap = s->capneeds ? 2 * s->capneeds : 64;
        struct core_need *n = realloc(s->needs, cap * sizeof *n);
        char **t = n ? realloc(s->need_text, cap * sizeof *t) : NULL;
        unsigned char *v = t ? realloc(s->visible, cap) : NULL;
        if (n)
            s->needs = n;
        if (t)
            s->need_text = t;
        if (!v)
            return ERR_NOMEM;
        s->visible = v;
        s->capneeds = cap;
    }
    struct core_need *n = &s->needs[s->nneeds];
    coopi_need_from_store(sn, n);
    n->org_code = keep(s, n->org_code);
    n->org_name = keep(s, n->org_name);
    n->country = keep(s, n->country);
    n->region = keep(s, n->region);
    n->title = keep(s, n->title);
    n->description = keep(s, n->description);
    n->recs = keep(s, n->recs);
    n->themes = keep(s, n->themes);
    n->sdgs = keep(s, n->sdgs);
    n->languages = keep(s, n->languages);
    n->lang = keep(s, n->lang);
    n->time_from = keep(s, n->time_from);
    n->time_to = keep(s, n->time_to);
    n->shared_orgs = keep(s, n->shared_orgs);
    n->created_by = keep(s, n->created_by);
    s->need_text[s->nneeds] = (char *)keep(s, sn->rec_text);
    s->visible[s->nneeds] = c->viewer ? (unsigned char)core_coop_may_see_need(c->viewer, n) : 1;
    s->nneeds++;
    return s->oom ? ERR_NOMEM : 0;
}

static int snap_offer(void *ctx, const struct store_offer *so)
{
    struct coopi_snap *s = ctx;
    if (s->noffers == s->capoffers) {
        size_t cap = s->capoffers ? 2 * s->capoffers : 64;
        struct core_offer *o = realloc(s->offers, cap * sizeof *o);
        char **p = o ? realloc(s->practice, cap * sizeof *p) : NULL;
        if (o)
            s->offers = o;
        if (!p)
            return ERR_NOMEM;
        s->practice = p;
        s->capoffers = cap;
    }
    struct core_offer *o = &s->offers[s->noffers];
    coopi_offer_from_store(so, o);
    o->org_code = keep(s, o->org_code);
    o->org_name = keep(s, o->org_name);
    o->country = keep(s, o->country);
    o->title = keep(s, o->title);
    o->description = keep(s, o->description);
    o->themes = keep(s, o->themes);
    o->sdgs = keep(s, o->sdgs);
    o->languages = keep(s, o->languages);
    o->lang = keep(s, o->lang);
    o->regions = keep(s, o->regions);
    o->past_activities = keep(s, o->past_activities);
    o->created_by = keep(s, o->created_by);
    s->practice[s->noffers] = NULL;
    s->noffers++;
    return s->oom ? ERR_NOMEM : 0;
}

/* Every need (visible[] says which viewer may see; viewer NULL: all) and every offer. */
int coopi_snap_load(struct store *st, const struct core_coop_viewer *viewer, struct coopi_snap *s,
                    struct err *err)
{
    memset(s, 0, sizeof *s);
    struct snap_need_call c = {s, viewer};
    int rc = store_need_each(st, snap_need, &c, err);
    if (!rc)
        rc = store_offer_each(st, snap_offer, s, err);
    if (rc == ERR_NOMEM || s->oom)
        rc = err_set(err, ERR_NOMEM, "cooperation: out of memory");
    return rc;
}

/* The snapshot's needs and offers come by id (store_need_each, store_offer_each): found by
 * halving. -1 when absent. */
long coopi_need_at(const struct coopi_snap *s, long id)
{
    size_t lo = 0, hi = s->nneeds;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->needs[mid].id < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < s->nneeds && s->needs[lo].id == id ? (long)lo : -1;
}

long coopi_offer_at(const struct coopi_snap *s, long id)
{
    size_t lo = 0, hi = s->noffers;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->offers[mid].id < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < s->noffers && s->offers[lo].id == id ? (long)lo : -1;
}

/* ---- peer-to-peer practice ------------------------------------------------------------------ */

struct practice_call {
    struct coopi_snap *snap;
    struct buf *per_country; /* indexed like the offers */
};

static int practice_row(void *ctx, const char *iso3, const char *theme, long made, long received,
                        long supported)
{
    struct practice_call *c = ctx;
    if (made < PEER_MIN_MADE || (received > 0 && 2 * supported < received))
        return 0;
    for (size_t i = 0; i < c->snap->noffers; i++) {
        const struct core_offer *o = &c->snap->offers[i];
        if (o->provider_kind == CORE_ORG_STATE && o->country && !strcmp(o->country, iso3) &&
            buf_printf(&c->per_country[i], "%s%s", c->per_country[i].len ? "|" : "", theme))
            return ERR_NOMEM;
    }
    return 0;
}

/* Fills snap->practice for the offers of States. */
int coopi_snap_practice(struct store *st, struct coopi_snap *s, struct err *err)
{
    struct buf countries = {0};
    for (size_t i = 0; i < s->noffers; i++) {
        const struct core_offer *o = &s->offers[i];
        if (o->provider_kind == CORE_ORG_STATE && o->country &&
            !coopi_list_has(buf_str(&countries), o->country, strlen(o->country)))
            buf_printf(&countries, "%s%s", countries.len ? "|" : "", o->country);
    }
    int rc = 0;
    if (countries.len) {
        struct buf *per = calloc(s->noffers, sizeof *per);
        if (!per) {
            buf_free(&countries);
            return err_set(err, ERR_NOMEM, "cooperation: out of memory");
        }
        struct practice_call c = {s, per};
        rc = store_practice_each(st, buf_str(&countries), practice_row, &c, err);
        if (rc == ERR_NOMEM)
            err_set(err, ERR_NOMEM, "cooperation: out of memory");
        for (size_t i = 0; i < s->noffers; i++) {
            if (!rc && per[i].len)
                s->practice[i] = (char *)keep(s, buf_str(&per[i]));
            buf_free(&per[i]);
        }
        free(per);
    }
    buf_free(&countries);
    return rc ? rc : s->oom ? err_set(err, ERR_NOMEM, "cooperation: out of memory") : 0;
}

/* ---- the engine on a snapshot --------------------------------------------------------------- */

static void need_item(const struct coopi_snap *s, size_t i, struct buf *text,
                      struct core_match_item *it)
{
    const struct core_need *n = &s->needs[i];
    buf_reset(text);
    buf_printf(text, "%s\n%s\n%s", n->title ? n->title : "", n->description ? n->description : "",
               s->need_text[i] ? s->need_text[i] : "");
    *it = (struct core_match_item){.id = n->id,
                                   .themes = n->themes,
                                   .sdgs = n->sdgs,
                                   .kinds = n->kinds,
                                   .languages = n->languages,
                                   .country = n->country,
                                   .region = n->region,
                                   .providers = n->providers,
                                   .provider_kind = -1,
                                   .lang = n->lang};
}

static void offer_item(const struct coopi_snap *s, size_t i, struct buf *text,
                       struct core_match_item *it)
{
    const struct core_offer *o = &s->offers[i];
    buf_reset(text);
    buf_printf(text, "%s\n%s\n%s", o->title ? o->title : "", o->description ? o->description : "",
               o->past_activities ? o->past_activities : "");
    *it = (struct core_match_item){.id = o->id,
                                   .themes = o->themes,
                                   .sdgs = o->sdgs,
                                   .kinds = o->kinds,
                                   .languages = o->languages,
                                   .country = o->country,
                                   .regions = o->regions,
                                   .provider_kind = (int)o->provider_kind,
                                   .practice = s->practice[i],
                                   .lang = o->lang};
}

void coopi_engine_free(struct coopi_engine *e)
{
    core_match_index_free(e->idx);
    free(e->need_of);
    free(e->offer_of);
}

int coopi_engine_build(const struct coopi_snap *s, long keep_need, long keep_offer,
                       struct coopi_engine *e, struct err *err)
{
    memset(e, 0, sizeof *e);
    struct core_match_item *needs = calloc(s->nneeds + 1, sizeof *needs);
    struct core_match_item *offers = calloc(s->noffers + 1, sizeof *offers);
    struct buf *texts = calloc(s->nneeds + s->noffers + 1, sizeof *texts);
    e->need_of = calloc(s->nneeds + 1, sizeof *e->need_of);
    e->offer_of = calloc(s->noffers + 1, sizeof *e->offer_of);
    int rc = 0;
    if (!needs || !offers || !texts || !e->need_of || !e->offer_of)
        rc = err_set(err, ERR_NOMEM, "matching: out of memory");
    for (size_t i = 0; !rc && i < s->nneeds; i++)
        if (s->needs[i].status == CORE_NEED_OPEN || s->needs[i].id == keep_need) {
            e->need_of[e->nneeds] = i;
            need_item(s, i, &texts[e->nneeds], &needs[e->nneeds]);
            needs[e->nneeds].text = buf_str(&texts[e->nneeds]);
            e->nneeds++;
        }
    for (size_t i = 0; !rc && i < s->noffers; i++)
        if (s->offers[i].status == CORE_OFFER_OPEN || s->offers[i].id == keep_offer) {
            size_t t = e->nneeds + e->noffers;
            e->offer_of[e->noffers] = i;
            offer_item(s, i, &texts[t], &offers[e->noffers]);
            offers[e->noffers].text = buf_str(&texts[t]);
            e->noffers++;
        }
    for (size_t t = 0; !rc && texts && t < e->nneeds + e->noffers; t++)
        if (texts[t].oom)
            rc = err_set(err, ERR_NOMEM, "matching: out of memory");
    if (!rc)
        rc = core_match_index_new(needs, e->nneeds, offers, e->noffers, &e->idx, err);
    for (size_t t = 0; texts && t < s->nneeds + s->noffers; t++)
        buf_free(&texts[t]);
    free(texts);
    free(needs);
    free(offers);
    if (rc)
        coopi_engine_free(e);
    return rc;
}
