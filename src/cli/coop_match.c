/*
 * coop_match.c (cli) — `suivi match`: ranked offers for a need and needs for an offer with
 * their explained scores (core/match.h), proposals and the moves of an exchange, the match
 * list and a match's history (core/coop.h). Options and --as are cli/coop.h's.
 */
#include "cli/coop.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/followup.h"
#include "core/audit.h"
#include "core/coop.h"
#include "core/match.h"
#include "util/buf.h"
#include "util/jsonw.h"

/* ---- suivi match ----------------------------------------------------------------------------- */

static const char match_help[] =
    "usage: suivi --db FILE match for-need NEED_ID [--top N] [--json]\n"
    "       suivi --db FILE match for-offer OFFER_ID [--top N] [--json]\n"
    "       suivi --db FILE match propose NEED_ID OFFER_ID --side need|offer [--comment TEXT]\n"
    "       suivi --db FILE match accept|decline|start|complete|withdraw MATCH_ID\n"
    "                             [--comment TEXT]\n"
    "       suivi --db FILE match list [--need ID] [--offer ID] [--state STATE] [--json]\n"
    "       suivi --db FILE match history MATCH_ID [--json]\n"
    "\n"
    "for-need ranks the open offers for a need, for-offer the open needs for an offer (only needs\n"
    "both you and the offer's organisation may see); each score is explained by its parts (theme,\n"
    "sdg, text, kind, language, region, provider, peer; docs/cooperation.md). Either side\n"
    "proposes (--side: which side you act for), the other accepts or declines; then start and\n"
    "complete (completing marks the need met and, for a public need, adds a comment to its\n"
    "recommendations). Every move is kept in the history and the audit trail.\n";

static int result_row(void *ctx, const struct core_match_result *r)
{
    struct co_rows *p = ctx;
    p->rank++;
    long id = r->offer ? r->offer->id : r->need->id;
    const char *title = r->offer ? r->offer->title : r->need->title;
    const char *who = r->offer ? r->offer->org_code : r->need->country;
    if (!p->json) {
        printf("%2d. %-5ld %.3f  %-12s %s\n    %s\n", p->rank, id, r->score.total, who ? who : "-",
               title, r->explanation);
        return 0;
    }
    jsonw_object(&p->w);
    jsonw_kv_int(&p->w, "rank", p->rank);
    jsonw_kv_int(&p->w, r->offer ? "offer_id" : "need_id", id);
    jsonw_kv_string(&p->w, "title", title);
    jsonw_kv_string(&p->w, r->offer ? "organisation" : "country", who);
    jsonw_key(&p->w, "score");
    jsonw_double(&p->w, r->score.total);
    jsonw_key(&p->w, "parts");
    jsonw_object(&p->w);
    for (int k = 0; k < CORE_PART_COUNT; k++) {
        jsonw_key(&p->w, core_match_part_name((enum core_match_part)k));
        jsonw_double(&p->w, r->score.part[k]);
    }
    jsonw_end(&p->w);
    jsonw_end(&p->w);
    return 0;
}

static int match_rank(struct store *st, const struct core_actor *me, const struct co_opts *o,
                      int for_need, struct err *err)
{
    long id, top = 10;
    int rc = fu_parse_id(for_need ? "NEED_ID" : "OFFER_ID", o->args[0], &id, err);
    if (!rc && o->top)
        rc = fu_parse_id("--top", o->top, &top, err);
    if (rc)
        return rc;
    struct co_rows p;
    co_rows_begin(&p, o->json, 1, 0);
    fflush(stdout);
    rc = for_need ? core_match_for_need(st, me, id, (size_t)top, result_row, &p, err)
                  : core_match_for_offer(st, me, id, (size_t)top, result_row, &p, err);
    return co_rows_end(&p, rc, err);
}

static int match_for_need(struct store *st, const struct core_actor *me, const struct co_opts *o,
                          struct err *err)
{
    return match_rank(st, me, o, 1, err);
}

static int match_for_offer(struct store *st, const struct core_actor *me, const struct co_opts *o,
                           struct err *err)
{
    return match_rank(st, me, o, 0, err);
}

static int match_propose(struct store *st, const struct core_actor *me, const struct co_opts *o,
                         struct err *err)
{
    long need, offer, id;
    int rc = fu_parse_id("NEED_ID", o->args[0], &need, err);
    if (!rc)
        rc = fu_parse_id("OFFER_ID", o->args[1], &offer, err);
    if (rc)
        return rc;
    enum core_match_side side;
    if (!o->side)
        return err_set(err, ERR_USAGE,
                       "match propose: give --side need|offer (the side you act "
                       "for)");
    if (!strcmp(o->side, "need"))
        side = CORE_SIDE_NEED;
    else if (!strcmp(o->side, "offer"))
        side = CORE_SIDE_OFFER;
    else
        return err_set(err, ERR_USAGE, "--side %s: expected need or offer", o->side);
    if ((rc = core_match_propose(st, me, need, offer, side, o->comment, &id, err)))
        return rc;
    printf("match %ld: proposed\n", id);
    return 0;
}

static int match_to(struct store *st, const struct core_actor *me, const struct co_opts *o,
                    enum core_match_state to, struct err *err)
{
    long id;
    int rc = fu_parse_id("MATCH_ID", o->args[0], &id, err);
    if (!rc)
        rc = core_match_move(st, me, id, to, o->comment, err);
    if (!rc)
        printf("match %ld: %s\n", id, core_match_state_name(to));
    return rc;
}

#define MOVE(fn, state)                                                                            \
    static int fn(struct store *st, const struct core_actor *me, const struct co_opts *o,          \
                  struct err *err)                                                                 \
    {                                                                                              \
        return match_to(st, me, o, state, err);                                                    \
    }
MOVE(match_accept, CORE_MATCH_ACCEPTED)
MOVE(match_decline, CORE_MATCH_DECLINED)
MOVE(match_start, CORE_MATCH_IN_PROGRESS)
MOVE(match_complete, CORE_MATCH_COMPLETED)
MOVE(match_withdraw, CORE_MATCH_WITHDRAWN)
#undef MOVE

static int match_row(void *ctx, const struct core_match *m)
{
    struct co_rows *p = ctx;
    if (!p->json) {
        printf("%-5ld need %-5ld offer %-5ld %-11s by %-5s %.3f  %s / %s\n", m->id, m->need_id,
               m->offer_id, core_match_state_name(m->state), core_match_side_name(m->proposed_by),
               m->score, m->need_title, m->offer_title);
        return 0;
    }
    jsonw_object(&p->w);
    jsonw_kv_int(&p->w, "id", m->id);
    jsonw_kv_int(&p->w, "need_id", m->need_id);
    jsonw_kv_int(&p->w, "offer_id", m->offer_id);
    jsonw_kv_string(&p->w, "state", core_match_state_name(m->state));
    jsonw_kv_string(&p->w, "proposed_by", core_match_side_name(m->proposed_by));
    jsonw_key(&p->w, "score");
    jsonw_double(&p->w, m->score);
    jsonw_kv_string(&p->w, "explanation", m->explanation);
    jsonw_kv_string(&p->w, "need_title", m->need_title);
    jsonw_kv_string(&p->w, "offer_title", m->offer_title);
    jsonw_end(&p->w);
    return 0;
}

static int match_list(struct store *st, const struct core_actor *me, const struct co_opts *o,
                      struct err *err)
{
    struct core_match_filter f = {0, 0, -1};
    int rc = o->need ? fu_parse_id("--need", o->need, &f.need_id, err) : 0;
    if (!rc && o->offer)
        rc = fu_parse_id("--offer", o->offer, &f.offer_id, err);
    enum core_match_state s;
    if (!rc && o->state && !(rc = core_match_state_parse(o->state, &s, err)))
        f.state = (int)s;
    if (rc)
        return rc;
    struct co_rows p;
    co_rows_begin(&p, o->json, 1, 0);
    return co_rows_end(&p, core_match_list(st, me, &f, match_row, &p, err), err);
}

static int event_row(void *ctx, const struct core_match_event *e)
{
    struct co_rows *p = ctx;
    char at[CORE_TIME_SIZE];
    core_time_format(e->at, at);
    const char *from = e->from < CORE_MATCH_STATE_COUNT ? core_match_state_name(e->from) : NULL;
    if (!p->json) {
        printf("%s  %-16s %s -> %s%s%s\n", at, e->actor_login, from ? from : "(new)",
               core_match_state_name(e->to), e->comment ? "  " : "", e->comment ? e->comment : "");
        return 0;
    }
    jsonw_object(&p->w);
    jsonw_kv_string(&p->w, "at", at);
    jsonw_kv_string(&p->w, "actor", e->actor_login);
    jsonw_kv_string(&p->w, "from", from);
    jsonw_kv_string(&p->w, "to", core_match_state_name(e->to));
    jsonw_kv_string(&p->w, "comment", e->comment);
    jsonw_end(&p->w);
    return 0;
}

static int match_history(struct store *st, const struct core_actor *me, const struct co_opts *o,
                         struct err *err)
{
    long id;
    int rc = fu_parse_id("MATCH_ID", o->args[0], &id, err);
    if (rc)
        return rc;
    struct co_rows p;
    co_rows_begin(&p, o->json, 1, 0);
    return co_rows_end(&p, core_match_history(st, me, id, event_row, &p, err), err);
}

int cli_match(struct cli *cli, int argc, char **argv)
{
    static const struct co_sub subs[] = {
        {"for-need", 1, match_for_need}, {"for-offer", 1, match_for_offer},
        {"propose", 2, match_propose},   {"accept", 1, match_accept},
        {"decline", 1, match_decline},   {"start", 1, match_start},
        {"complete", 1, match_complete}, {"withdraw", 1, match_withdraw},
        {"list", 0, match_list},         {"history", 1, match_history},
    };
    return co_command(cli, argc, argv, match_help, subs, sizeof subs / sizeof *subs);
}
