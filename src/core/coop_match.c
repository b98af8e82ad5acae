/*
 * coop_match.c — matches of the cooperation repository (coop.h) and the store-backed questions
 * of match.h: ranked offers for a need and needs for an offer, proposals and their workflow
 * with history, the match list and the annual report's rows. Every read starts from a
 * snapshot of needs and offers (coopi_snap.c) that already says which needs the consent rule
 * lets the actor see, before anything is ranked, listed or counted.
 */
#include "core/coop_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/followup_internal.h"
#include "core/permissions.h"

/* ---- ranked answers ------------------------------------------------------------------------- */

static int emit(core_match_result_cb cb, void *ctx, const struct core_need *need,
                const struct core_offer *offer, const struct core_match_score *score)
{
    struct buf why = {0};
    if (core_match_explain(score, &why)) {
        buf_free(&why);
        return ERR_NOMEM;
    }
    struct core_match_result r = {need, offer, *score, buf_str(&why)};
    int rc = cb(ctx, &r);
    buf_free(&why);
    return rc;
}

/* The actor's view (v) and the snapshot a question starts from: what actor may see (and, with
 * practice, the States' good practice for ranking). Nothing to free after an error. */
static int viewer_snap_load(struct store *st, const struct core_actor *actor, int practice,
                            struct core_coop_viewer *v, struct coopi_snap *s, struct err *err)
{
    int rc = core_coop_viewer_load(st, actor, v, err);
    if (rc)
        return rc;
    if ((rc = coopi_snap_load(st, v, s, err)) ||
        (practice && (rc = coopi_snap_practice(st, s, err))))
        coopi_snap_free(s);
    return rc;
}

/* The provider's own view of needs: a registered account (provider, which pv points to) of
 * organisation org_id. */
static int provider_view_load(struct store *st, long org_id, struct core_actor *provider,
                              struct core_coop_viewer *pv, struct err *err)
{
    struct coopi_org_ref org;
    *provider = (struct core_actor){1, "provider", "contributor", 0, NULL};
    int rc = coopi_org_load(st, org_id, &org, err);
    if (rc)
        return rc;
    *pv = (struct core_coop_viewer){provider, org.id, org.kind, ""};
    snprintf(pv->org_country, sizeof pv->org_country, "%s", org.country);
    return 0;
}

int core_match_for_need(struct store *st, const struct core_actor *actor, long need_id, size_t k,
                        core_match_result_cb cb, void *ctx, struct err *err)
{
    struct core_coop_viewer v;
    struct coopi_snap s;
    struct coopi_engine e = {0};
    int rc = viewer_snap_load(st, actor, 1, &v, &s, err);
    if (rc)
        return rc;
    long at = coopi_need_at(&s, need_id);
    if (at < 0 || !s.visible[at]) {
        coopi_snap_free(&s);
        return err_set(err, ERR_NOTFOUND, "no need with id %ld", need_id);
    }
    struct core_match_hit *hits = calloc(k ? k : 1, sizeof *hits);
    size_t nhits = 0, q = 0;
    if (!hits)
        rc = err_set(err, ERR_NOMEM, "matching: out of memory");
    if (!rc)
        rc = coopi_engine_build(&s, need_id, 0, &e, err);
    while (!rc && q < e.nneeds && e.need_of[q] != (size_t)at)
        q++;
    if (!rc)
        rc = core_match_index_for_need(e.idx, q, k, NULL, hits, &nhits, err);
    for (size_t i = 0; !rc && i < nhits; i++)
        rc = emit(cb, ctx, NULL, &s.offers[e.offer_of[hits[i].index]], &hits[i].score);
    if (rc == ERR_NOMEM)
        err_set(err, ERR_NOMEM, "matching: out of memory");
    free(hits);
    coopi_engine_free(&e);
    coopi_snap_free(&s);
    return rc;
}

int core_match_for_offer(struct store *st, const struct core_actor *actor, long offer_id, size_t k,
                         core_match_result_cb cb, void *ctx, struct err *err)
{
    struct core_coop_viewer v;
    struct coopi_snap s;
    struct coopi_engine e = {0};
    int rc = viewer_snap_load(st, actor, 1, &v, &s, err);
    if (rc)
        return rc;
    long at = coopi_offer_at(&s, offer_id);
    if (at < 0) {
        coopi_snap_free(&s);
        return err_set(err, ERR_NOTFOUND, "no offer with id %ld", offer_id);
    }
    /* only the needs the offer's organisation may see */
    struct core_actor provider;
    struct core_coop_viewer pv = {&provider, 0, CORE_ORG_NGO, ""};
    rc = provider_view_load(st, s.offers[at].org_id, &provider, &pv, err);
    struct core_match_hit *hits = calloc(k ? k : 1, sizeof *hits);
    unsigned char *allowed = NULL;
    size_t nhits = 0, q = 0;
    if (!rc && !hits)
        rc = err_set(err, ERR_NOMEM, "matching: out of memory");
    if (!rc)
        rc = coopi_engine_build(&s, 0, offer_id, &e, err);
    if (!rc && !(allowed = calloc(e.nneeds + 1, 1)))
        rc = err_set(err, ERR_NOMEM, "matching: out of memory");
    for (size_t i = 0; !rc && i < e.nneeds; i++) {
        size_t n = e.need_of[i];
        allowed[i] = s.visible[n] && core_coop_may_see_need(&pv, &s.needs[n]);
    }
    while (!rc && q < e.noffers && e.offer_of[q] != (size_t)at)
        q++;
    if (!rc)
        rc = core_match_index_for_offer(e.idx, q, k, allowed, hits, &nhits, err);
    for (size_t i = 0; !rc && i < nhits; i++)
        rc = emit(cb, ctx, &s.needs[e.need_of[hits[i].index]], NULL, &hits[i].score);
    if (rc == ERR_NOMEM)
        err_set(err, ERR_NOMEM, "matching: out of memory");
    free(allowed);
    free(hits);
    coopi_engine_free(&e);
    coopi_snap_free(&s);
    return rc;
}

int core_match_pair_score(struct store *st, long need_id, long offer_id,
                          struct core_match_score *out, struct err *err)
{
    struct coopi_snap s;
    struct coopi_engine e = {0};
    int rc = coopi_snap_load(st, NULL, &s, err);
    if (!rc)
        rc = coopi_snap_practice(st, &s, err);
    long n = rc ? -1 : coopi_need_at(&s, need_id), o = rc ? -1 : coopi_offer_at(&s, offer_id);
    if (!rc && n < 0)
        rc = err_set(err, ERR_NOTFOUND, "no need with id %ld", need_id);
    if (!rc && o < 0)
        rc = err_set(err, ERR_NOTFOUND, "no offer with id %ld", offer_id);
    if (!rc)
        rc = coopi_engine_build(&s, need_id, offer_id, &e, err);
    size_t qn = 0, qo = 0;
    while (!rc && qn < e.nneeds && e.need_of[qn] != (size_t)n)
        qn++;
    while (!rc && qo < e.noffers && e.offer_of[qo] != (size_t)o)
        qo++;
    if (!rc)
        core_match_index_score(e.idx, qn, qo, out);
    coopi_engine_free(&e);
    coopi_snap_free(&s);
    return rc;
}

/* ---- the workflow -----------------------------------------------------------------------------
 */

int core_match_may_move(enum core_match_side side, int admin, enum core_match_side proposer,
                        enum core_match_state from, enum core_match_state to)
{
    switch (from) {
    case CORE_MATCH_PROPOSED:
        if (to == CORE_MATCH_ACCEPTED || to == CORE_MATCH_DECLINED)
            return admin || side != proposer;
        return to == CORE_MATCH_WITHDRAWN;
    case CORE_MATCH_ACCEPTED:
        return to == CORE_MATCH_IN_PROGRESS || to == CORE_MATCH_WITHDRAWN;
    case CORE_MATCH_IN_PROGRESS:
        return to == CORE_MATCH_COMPLETED || to == CORE_MATCH_WITHDRAWN;
    default:
        return 0;
    }
}

/* Which sides the actor may act for on need x offer: bit 1 need, bit 2 offer. */
static int sides_of(const struct core_coop_viewer *v, const struct core_need *n, long offer_org)
{
    if (!core_may(v->actor, CORE_COOP_MATCH, 0))
        return 0;
    int sides = 0;
    if (coopi_is_own_state(v, n))
        sides |= 1 << CORE_SIDE_NEED;
    if (v->org_id && v->org_id == offer_org)
        sides |= 1 << CORE_SIDE_OFFER;
    return sides;
}

static void json_match(struct buf *out, long id, long need, long offer, const char *state)
{
    buf_printf(out, "{\"id\":%ld,\"need_id\":%ld,\"offer_id\":%ld,\"state\":\"%s\"}", id, need,
               offer, state);
}

int core_match_propose(struct store *st, const struct core_actor *actor, long need_id,
                       long offer_id, enum core_match_side side, const char *comment, long *id,
                       struct err *err)
{
    const char *doing = "proposing a match";
    if (side != CORE_SIDE_NEED && side != CORE_SIDE_OFFER)
        return err_set(err, ERR_INPUT, "%s: side out of range", doing);
    int rc = fu_check_text("comment", comment, 0, FU_TEXT_MAX, 1, err);
    struct core_coop_viewer v;
    struct coopi_snap s;
    if (rc || (rc = viewer_snap_load(st, actor, 0, &v, &s, err)))
        return rc;
    long n = coopi_need_at(&s, need_id), o = coopi_offer_at(&s, offer_id);
    if (n < 0 || !s.visible[n])
        rc = err_set(err, ERR_NOTFOUND, "no need with id %ld", need_id);
    else if (o < 0)
        rc = err_set(err, ERR_NOTFOUND, "no offer with id %ld", offer_id);
    else if (s.needs[n].status != CORE_NEED_OPEN)
        rc = err_set(err, ERR_INPUT, "%s: need %ld is %s, not open", doing, need_id,
                     core_need_status_name(s.needs[n].status));
    else if (s.offers[o].status != CORE_OFFER_OPEN)
        rc = err_set(err, ERR_INPUT, "%s: offer %ld is closed", doing, offer_id);
    else if (!coopi_is_admin(actor) &&
             !(sides_of(&v, &s.needs[n], s.offers[o].org_id) & (1 << side)))
        rc = fu_denied(actor, doing,
                       side == CORE_SIDE_NEED ? "the need's State or an administrator"
                                              : "the offer's organisation or an administrator",
                       err);
    if (!rc && side == CORE_SIDE_OFFER) {
        /* the provider must be one the State lets see the need */
        struct core_actor provider;
        struct core_coop_viewer pv;
        if (!(rc = provider_view_load(st, s.offers[o].org_id, &provider, &pv, err)) &&
            !core_coop_may_see_need(&pv, &s.needs[n]))
            rc = err_set(err, ERR_NOTFOUND, "no need with id %ld", need_id);
    }
    coopi_snap_free(&s);
    struct core_match_score score = {0};
    struct buf why = {0}, after = {0};
    if (!rc)
        rc = core_match_pair_score(st, need_id, offer_id, &score, err);
    if (!rc && core_match_explain(&score, &why))
        rc = err_set(err, ERR_NOMEM, "out of memory");
    if (!rc && !(rc = store_begin(st, err))) {
        struct store_match m = {.need_id = need_id,
                                .offer_id = offer_id,
                                .state = "proposed",
                                .proposed_by = core_match_side_name(side),
                                .score = score.total,
                                .explanation = buf_str(&why),
                                .comment = comment && *comment ? comment : NULL};
        int64_t now = core_now();
        char login[CORE_LOGIN_MAX + 8];
        rc = store_match_put(st, &m, now, id, err);
        if (!rc) {
            struct store_match_event ev = {*id,  now,        fu_login(actor, login, sizeof login),
                                           NULL, "proposed", m.comment};
            rc = store_match_event_add(st, &ev, err);
        }
        if (!rc)
            json_match(&after, *id, need_id, offer_id, "proposed");
        rc = fu_audit_commit(st, actor, rc, "propose", "match", rc ? 0 : *id, NULL, &after, err);
    }
    buf_free(&why);
    buf_free(&after);
    return rc;
}

struct match_copy {
    long id, need_id, offer_id;
    enum core_match_state state;
    enum core_match_side proposer;
};

static int match_copy_row(void *ctx, const struct store_match *m)
{
    struct match_copy *c = ctx;
    c->id = m->id;
    c->need_id = m->need_id;
    c->offer_id = m->offer_id;
    c->state = (enum core_match_state)coopi_match_state_of(m->state);
    c->proposer = (enum core_match_side)coopi_side_of(m->proposed_by);
    return 0;
}

/* Writes the move of match m to `to`, with its event (inside the caller's transaction). */
static int match_write(struct store *st, const struct core_actor *actor, const struct match_copy *m,
                       enum core_match_state to, const char *comment, struct err *err)
{
    struct store_match sm = {.id = m->id, .state = core_match_state_name(to)};
    int64_t now = core_now();
    long same;
    char login[CORE_LOGIN_MAX + 8];
    int rc = store_match_put(st, &sm, now, &same, err);
    if (!rc) {
        struct store_match_event ev = {m->id,
                                       now,
                                       fu_login(actor, login, sizeof login),
                                       core_match_state_name(m->state),
                                       core_match_state_name(to),
                                       comment && *comment ? comment : NULL};
        rc = store_match_event_add(st, &ev, err);
    }
    return rc;
}

struct live_call {
    struct match_copy *live;
    size_t n, cap;
};

static int live_row(void *ctx, const struct store_match *m)
{
    struct live_call *c = ctx;
    struct match_copy mc;
    match_copy_row(&mc, m);
    if (mc.state != CORE_MATCH_PROPOSED && mc.state != CORE_MATCH_ACCEPTED &&
        mc.state != CORE_MATCH_IN_PROGRESS)
        return 0;
    if (c->n == c->cap) {
        size_t cap = c->cap ? 2 * c->cap : 8;
        struct match_copy *n = realloc(c->live, cap * sizeof *n);
        if (!n)
            return ERR_NOMEM;
        c->live = n;
        c->cap = cap;
    }
    c->live[c->n++] = mc;
    return 0;
}

int coopi_withdraw_matches_of_need(struct store *st, const struct core_actor *actor, long id,
                                   struct err *err)
{
    struct live_call c = {0};
    int rc = store_match_each(st, id, 0, live_row, &c, err);
    if (rc == ERR_NOMEM)
        rc = err_set(err, ERR_NOMEM, "out of memory");
    for (size_t i = 0; !rc && i < c.n; i++)
        rc =
            match_write(st, actor, &c.live[i], CORE_MATCH_WITHDRAWN, "the need was withdrawn", err);
    free(c.live);
    return rc;
}

/* The need's recommendations get a comment saying what was done (only for a public need: notes
 * are public, and a private need's cooperation must not show through them). */
static int link_back(struct store *st, const struct core_actor *actor, const struct coopi_snap *s,
                     long n, long o, long match_id, struct err *err)
{
    const struct core_need *need = &s->needs[n];
    const struct core_offer *offer = &s->offers[o];
    if (need->visibility != CORE_VIS_PUBLIC || !need->recs)
        return 0;
    struct buf body = {0};
    char login[CORE_LOGIN_MAX + 8];
    buf_printf(&body,
               "Technical cooperation completed (match %ld): \"%s\" by %s, for the need \"%s\".",
               match_id, offer->title, offer->org_name, need->title);
    int rc = body.oom ? err_set(err, ERR_NOMEM, "out of memory") : 0;
    char rec[256];
    for (const char *p = need->recs; !rc && *p;) {
        size_t len = strcspn(p, "|");
        snprintf(rec, sizeof rec, "%.*s", (int)(len < 255 ? len : 255), p);
        struct store_note note = {0,
                                  rec,
                                  fu_login(actor, login, sizeof login),
                                  offer->org_name,
                                  0,
                                  NULL,
                                  buf_str(&body),
                                  core_now()};
        long note_id;
        rc = store_note_put(st, &note, &note_id, err);
        if (!rc) { /* every write is audited: the note too, in the same transaction */
            char id_text[24];
            snprintf(id_text, sizeof id_text, "%ld", note_id);
            struct buf after = {0};
            buf_printf(&after, "{\"rec_id\":");
            buf_put_json_string(&after, rec);
            buf_printf(&after, ",\"match_id\":%ld}", match_id);
            rc = after.oom ? err_set(err, ERR_NOMEM, "out of memory")
                           : core_audit_record(st, actor, "create", "note", id_text, NULL,
                                               buf_str(&after), err);
            buf_free(&after);
        }
        p += len;
        if (*p)
            p++;
    }
    buf_free(&body);
    return rc;
}

/* The need's own event when a match of it completes (the State reads it in the need's
 * history, core_need_history): its status before and after, and the match that met it. */
static int need_met_audit(struct store *st, const struct core_actor *actor,
                          const struct core_need *need, long match_id, struct err *err)
{
    struct buf before = BUF_INIT, after = BUF_INIT;
    char id_text[24];
    snprintf(id_text, sizeof id_text, "%ld", need->id);
    const char *vis = core_visibility_name(need->visibility);
    buf_printf(&before, "{\"id\":%ld,\"visibility\":\"%s\",\"status\":\"%s\"}", need->id, vis,
               core_need_status_name(need->status));
    buf_printf(&after, "{\"id\":%ld,\"visibility\":\"%s\",\"status\":\"%s\",\"match_id\":%ld}",
               need->id, vis, core_need_status_name(CORE_NEED_MET), match_id);
    int rc = before.oom || after.oom ? err_set(err, ERR_NOMEM, "out of memory")
                                     : core_audit_record(st, actor, "met", "need", id_text,
                                                         buf_str(&before), buf_str(&after), err);
    buf_free(&before);
    buf_free(&after);
    return rc;
}

static const char *const move_names[CORE_MATCH_STATE_COUNT] = {"propose",  "accept",  "start",
                                                               "complete", "decline", "withdraw"};

int core_match_move(struct store *st, const struct core_actor *actor, long id,
                    enum core_match_state to, const char *comment, struct err *err)
{
    if (!core_match_state_name(to) || to == CORE_MATCH_PROPOSED)
        return err_set(err, ERR_INPUT, "moving a match: target state out of range");
    int rc = fu_check_text("comment", comment, 0, FU_TEXT_MAX, 1, err);
    struct core_coop_viewer v;
    struct coopi_snap s;
    struct match_copy m = {0};
    if (rc || (rc = core_coop_viewer_load(st, actor, &v, err)))
        return rc;
    if ((rc = store_begin(st, err)))
        return rc;
    if ((rc = coopi_snap_load(st, &v, &s, err)) ||
        (rc = store_match_get(st, id, match_copy_row, &m, err))) {
        coopi_snap_free(&s);
        store_rollback(st);
        return rc;
    }
    long n = coopi_need_at(&s, m.need_id), o = coopi_offer_at(&s, m.offer_id);
    char doing[64];
    snprintf(doing, sizeof doing, "%s match %ld", move_names[to], id);
    if (n < 0 || o < 0 || !s.visible[n]) {
        rc = err_set(err, ERR_NOTFOUND, "no match with id %ld", id);
    } else {
        int admin = coopi_is_admin(actor);
        int my = sides_of(&v, &s.needs[n], s.offers[o].org_id);
        enum core_match_side side = (my & (1 << CORE_SIDE_NEED)) && m.proposer != CORE_SIDE_NEED
                                        ? CORE_SIDE_NEED
                                    : (my & (1 << CORE_SIDE_OFFER)) ? CORE_SIDE_OFFER
                                                                    : CORE_SIDE_NEED;
        if (!admin && !my)
            rc = fu_denied(actor, doing, "the two sides of the match or an administrator", err);
        else if (!core_match_may_move(side, admin, m.proposer, m.state, to))
            rc = err_set(err, ERR_INPUT, "%s: not possible from %s%s", doing,
                         core_match_state_name(m.state),
                         m.state == CORE_MATCH_PROPOSED &&
                                 (to == CORE_MATCH_ACCEPTED || to == CORE_MATCH_DECLINED)
                             ? " (the other side answers a proposal)"
                             : "");
    }
    if (!rc)
        rc = match_write(st, actor, &m, to, comment, err);
    if (!rc && to == CORE_MATCH_COMPLETED) {
        struct store_need sn = {.id = m.need_id,
                                .visibility = core_visibility_name(s.needs[n].visibility),
                                .status = core_need_status_name(CORE_NEED_MET)};
        long same;
        rc = store_need_put(st, &sn, core_now(), &same, err);
        if (!rc)
            rc = need_met_audit(st, actor, &s.needs[n], id, err);
        if (!rc)
            rc = link_back(st, actor, &s, n, o, id, err);
    }
    struct buf before = {0}, after = {0};
    if (!rc) {
        json_match(&before, id, m.need_id, m.offer_id, core_match_state_name(m.state));
        json_match(&after, id, m.need_id, m.offer_id, core_match_state_name(to));
    }
    coopi_snap_free(&s);
    rc = fu_audit_commit(st, actor, rc, move_names[to], "match", id, &before, &after, err);
    buf_free(&before);
    buf_free(&after);
    return rc;
}

/* ---- reading matches ------------------------------------------------------------------------ */

struct list_call {
    const struct coopi_snap *snap;
    const struct core_match_filter *filter;
    core_match_cb cb;
    void *ctx;
};

static int fill_match(const struct coopi_snap *s, const struct store_match *sm,
                      struct core_match *m)
{
    long n = coopi_need_at(s, sm->need_id), o = coopi_offer_at(s, sm->offer_id);
    if (n < 0 || o < 0 || !s->visible[n])
        return 0;
    *m = (struct core_match){
        .id = sm->id,
        .need_id = sm->need_id,
        .offer_id = sm->offer_id,
        .need_title = s->needs[n].title,
        .offer_title = s->offers[o].title,
        .need_country = s->needs[n].country,
        .offer_org_code = s->offers[o].org_code,
        .state = (enum core_match_state)coopi_match_state_of(sm->state),
        .proposed_by = (enum core_match_side)coopi_side_of(sm->proposed_by),
        .score = sm->score,
        .explanation = sm->explanation,
        .comment = sm->comment,
        .created_at = sm->created_at,
        .updated_at = sm->updated_at,
    };
    return 1;
}

static int list_row(void *ctx, const struct store_match *sm)
{
    struct list_call *c = ctx;
    struct core_match m;
    if (!fill_match(c->snap, sm, &m))
        return 0;
    if (c->filter && c->filter->state >= 0 && (int)m.state != c->filter->state)
        return 0;
    return c->cb(c->ctx, &m);
}

int core_match_list(struct store *st, const struct core_actor *actor,
                    const struct core_match_filter *f, core_match_cb cb, void *ctx, struct err *err)
{
    struct core_coop_viewer v;
    struct coopi_snap s;
    int rc = viewer_snap_load(st, actor, 0, &v, &s, err);
    if (rc)
        return rc;
    struct list_call c = {&s, f, cb, ctx};
    rc = store_match_each(st, f ? f->need_id : 0, f ? f->offer_id : 0, list_row, &c, err);
    coopi_snap_free(&s);
    return rc;
}

struct event_call {
    core_match_event_cb cb;
    void *ctx;
};

static int event_row(void *ctx, const struct store_match_event *se)
{
    struct event_call *c = ctx;
    struct core_match_event e = {se->match_id,
                                 se->at,
                                 se->actor_login,
                                 se->from_state
                                     ? (enum core_match_state)coopi_match_state_of(se->from_state)
                                     : CORE_MATCH_STATE_COUNT,
                                 (enum core_match_state)coopi_match_state_of(se->to_state),
                                 se->comment};
    return c->cb(c->ctx, &e);
}

/* One match with what core_match_get needs of its need and offer, copied out of the rows. */
struct match_one {
    const struct core_coop_viewer *viewer;
    struct core_match m;
    struct buf need_title, need_country, offer_title, offer_org, explanation, comment;
    int has_comment, visible, oom;
};

static void keep(struct match_one *o, struct buf *b, const char *s)
{
    o->oom |= buf_puts(b, s ? s : "") != 0;
}

static int one_match_row(void *ctx, const struct store_match *sm)
{
    struct match_one *o = ctx;
    o->m = (struct core_match){.id = sm->id,
                               .need_id = sm->need_id,
                               .offer_id = sm->offer_id,
                               .state = (enum core_match_state)coopi_match_state_of(sm->state),
                               .proposed_by = (enum core_match_side)coopi_side_of(sm->proposed_by),
                               .score = sm->score,
                               .created_at = sm->created_at,
                               .updated_at = sm->updated_at};
    keep(o, &o->explanation, sm->explanation);
    keep(o, &o->comment, sm->comment);
    o->has_comment = sm->comment != NULL;
    return 0;
}

/* The consent rule, applied to the match's need as core_match_list's snapshot does. */
static int one_need_row(void *ctx, const struct store_need *s)
{
    struct match_one *o = ctx;
    struct core_need n;
    coopi_need_from_store(s, &n);
    o->visible = core_coop_may_see_need(o->viewer, &n);
    keep(o, &o->need_title, n.title);
    keep(o, &o->need_country, n.country);
    return 0;
}

static int one_offer_row(void *ctx, const struct store_offer *so)
{
    struct match_one *o = ctx;
    keep(o, &o->offer_title, so->title);
    keep(o, &o->offer_org, so->org_code);
    return 0;
}

int core_match_get(struct store *st, const struct core_actor *actor, long id, core_match_cb cb,
                   void *ctx, struct err *err)
{
    struct core_coop_viewer v;
    struct match_one o = {.viewer = &v};
    int rc = core_coop_viewer_load(st, actor, &v, err);
    rc = rc ? rc : store_match_get(st, id, one_match_row, &o, err);
    rc = rc ? rc : store_need_get(st, o.m.need_id, one_need_row, &o, err);
    rc = rc ? rc : store_offer_get(st, o.m.offer_id, one_offer_row, &o, err);
    /* a match whose need may not be seen is not there, for this actor */
    if (rc == ERR_NOTFOUND || (!rc && !o.visible))
        rc = err_set(err, ERR_NOTFOUND, "no match with id %ld", id);
    if (!rc && o.oom)
        rc = err_set(err, ERR_NOMEM, "out of memory");
    if (!rc) {
        o.m.need_title = buf_str(&o.need_title);
        o.m.need_country = buf_str(&o.need_country);
        o.m.offer_title = buf_str(&o.offer_title);
        o.m.offer_org_code = buf_str(&o.offer_org);
        o.m.explanation = buf_str(&o.explanation);
        o.m.comment = o.has_comment ? buf_str(&o.comment) : NULL;
        rc = cb(ctx, &o.m);
    }
    buf_free(&o.need_title);
    buf_free(&o.need_country);
    buf_free(&o.offer_title);
    buf_free(&o.offer_org);
    buf_free(&o.explanation);
    buf_free(&o.comment);
    return rc;
}

static int ignore_match(void *ctx, const struct core_match *m)
{
    (void)ctx;
    (void)m;
    return 0;
}

int core_match_history(struct store *st, const struct core_actor *actor, long id,
                       core_match_event_cb cb, void *ctx, struct err *err)
{
    int rc = core_match_get(st, actor, id, ignore_match, NULL, err);
    if (rc)
        return rc;
    struct event_call c = {cb, ctx};
    return store_match_event_each(st, id, event_row, &c, err);
}

/* ---- the annual report's rows ---------------------------------------------------------------- */

struct collected {
    struct core_match *m;
    long *offer_index;
    char **expl, **comment;
    size_t n, cap;
};

static int collect_row(void *ctx, const struct store_match *sm)
{
    struct collected *c = ctx;
    if (c->n == c->cap) {
        size_t cap = c->cap ? 2 * c->cap : 64;
        struct core_match *m = realloc(c->m, cap * sizeof *m);
        if (m)
            c->m = m;
        char **e = m ? realloc(c->expl, cap * sizeof *e) : NULL;
        if (e)
            c->expl = e;
        char **k = e ? realloc(c->comment, cap * sizeof *k) : NULL;
        if (!k)
            return ERR_NOMEM;
        c->comment = k;
        c->cap = cap;
    }
    struct core_match *m = &c->m[c->n];
    *m = (struct core_match){.id = sm->id,
                             .need_id = sm->need_id,
                             .offer_id = sm->offer_id,
                             .state = (enum core_match_state)coopi_match_state_of(sm->state),
                             .proposed_by = (enum core_match_side)coopi_side_of(sm->proposed_by),
                             .score = sm->score,
                             .created_at = sm->created_at,
                             .updated_at = sm->updated_at};
    c->expl[c->n] = strdup(sm->explanation ? sm->explanation : "");
    c->comment[c->n] = sm->comment ? strdup(sm->comment) : NULL;
    if (!c->expl[c->n] || (sm->comment && !c->comment[c->n])) {
        free(c->expl[c->n]);
        free(c->comment[c->n]);
        return ERR_NOMEM;
    }
    m->explanation = c->expl[c->n];
    m->comment = c->comment[c->n];
    c->n++;
    return 0;
}

/* qsort has no context argument: the matches being ordered, for cmp_by_need (per thread, so
 * that two requests' reports never mix). */
static _Thread_local const struct core_match *by_need_of;

/* Orders match numbers by need, then newest first (the store's order: larger ids first). */
static int cmp_by_need(const void *a, const void *b)
{
    const struct core_match *x = &by_need_of[*(const size_t *)a];
    const struct core_match *y = &by_need_of[*(const size_t *)b];
    if (x->need_id != y->need_id)
        return x->need_id < y->need_id ? -1 : 1;
    return (x->id < y->id) - (x->id > y->id);
}

int core_coop_report_each(struct store *st, const struct core_actor *actor, core_coop_row_cb cb,
                          void *ctx, struct err *err)
{
    struct core_coop_viewer v;
    struct coopi_snap s;
    struct collected all = {0};
    int rc = core_coop_viewer_load(st, actor, &v, err);
    if (rc)
        return rc;
    if (!(rc = coopi_snap_load(st, &v, &s, err)))
        rc = store_match_each(st, 0, 0, collect_row, &all, err);
    if (rc == ERR_NOMEM)
        rc = err_set(err, ERR_NOMEM, "out of memory");
    struct core_match *mine = calloc(all.n + 1, sizeof *mine);
    struct core_offer *offers = calloc(all.n + 1, sizeof *offers);
    if (!rc && (!mine || !offers))
        rc = err_set(err, ERR_NOMEM, "out of memory");
    size_t *order = calloc(all.n + 1, sizeof *order);
    if (!rc && !order)
        rc = err_set(err, ERR_NOMEM, "out of memory");
    for (size_t j = 0; !rc && j < all.n; j++)
        order[j] = j;
    if (!rc) {
        by_need_of = all.m;
        qsort(order, all.n, sizeof *order, cmp_by_need);
    }
    size_t at = 0; /* the first match of the need in order */
    for (size_t i = 0; !rc && i < s.nneeds; i++) {
        long id = s.needs[i].id;
        while (at < all.n && all.m[order[at]].need_id < id)
            at++;
        struct core_coop_row row = {&s.needs[i], mine, offers, 0, 0};
        for (; at < all.n && all.m[order[at]].need_id == id; at++) {
            const struct core_match *m = &all.m[order[at]];
            long o = coopi_offer_at(&s, m->offer_id);
            if (o < 0 || !s.visible[i])
                continue;
            mine[row.nmatches] = *m;
            mine[row.nmatches].need_title = s.needs[i].title;
            mine[row.nmatches].need_country = s.needs[i].country;
            mine[row.nmatches].offer_title = s.offers[o].title;
            mine[row.nmatches].offer_org_code = s.offers[o].org_code;
            offers[row.nmatches] = s.offers[o];
            row.met |= m->state == CORE_MATCH_COMPLETED;
            row.nmatches++;
        }
        if (s.visible[i])
            rc = cb(ctx, &row);
    }
    free(order);
    for (size_t j = 0; j < all.n; j++) {
        free(all.expl[j]);
        free(all.comment[j]);
    }
    free(all.m);
    free(all.expl);
    free(all.comment);
    free(mine);
    free(offers);
    coopi_snap_free(&s);
    return rc;
}
