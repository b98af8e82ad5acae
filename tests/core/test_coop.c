/*
 * test_coop.c — the cooperation repository (src/core/coop.c, coop_match.c): above all the
 * consent rule on EVERY read path, as one literal table of who sees which need (actor x
 * visibility) checked on each path (list, filter, show, ranking for a need, ranking for an
 * offer, match list, match by id, match history, the report's rows): a path that forgot the
 * rule fails the table. Then who may write what, the match workflow and its history, the link
 * back to the recommendations, the audit trail, and a need's own history (its State and
 * administrators only). Runs on the Slovenian demo recommendations.
 */
#include "followup_fixture.h"

#include "core/coop.h"
#include "core/match.h"
#include "core/permissions.h"

/* Recommendations of the demo file on violence against women (same themes, so that every need
 * is a candidate for the providers' offers). */
#define VAW_1 "SVN-UPR34-121.32"
#define VAW_2 "SVN-UPR34-121.31"
#define VAW_3 "SVN-UPR34-121.36"
#define VAW_4 "SVN-UPR34-121.37"
#define VAW_5 "SVN-UPR34-122.70"

enum { ACTORS = 9, NEEDS = 5 };

/* The needs, one per column of the table: private, registered, public, public but withdrawn,
 * private but proposed by the State to the UN provider's offer (the consent exception). */
enum { N_PRIVATE, N_REGISTERED, N_PUBLIC, N_WITHDRAWN, N_SHARED };

/* Who sees which need: Y yes, - no. The rule of core/coop.h, written out. */
static const struct {
    const char *who;
    const char *sees; /* private registered public withdrawn shared */
} expected[ACTORS] = {
    {"admin", "Y Y Y Y Y"},
    {"svn.coord (the State)", "Y Y Y Y Y"},
    {"svn.viewer (the State)", "Y Y Y Y Y"},
    {"fra.coord (another State)", "- Y Y - -"},
    {"undp.provider (UN entity)", "- Y Y - Y"},
    {"ngo.provider (NGO)", "- Y Y - -"},
    {"contributor without organisation", "- Y Y - -"},
    {"viewer without organisation", "- Y Y - -"},
    {"public", "- - Y - -"},
};

struct coop_fixture {
    struct fixture *f;
    long org_svn, org_fra, org_undp, org_ngo, org_eu;
    long users[ACTORS];
    char logins[ACTORS][32];
    struct core_actor actor[ACTORS];
    long need[NEEDS];
    long offer_undp, offer_ngo, offer_eu;
    long match_of[NEEDS]; /* a match on each need */
};

static struct coop_fixture cf;

static char sees(int actor, int need)
{
    return expected[actor].sees[2 * need];
}

static long add_org(const char *code, enum core_org_kind kind, const char *country)
{
    long id = 0;
    struct core_org o = {0, code, code, kind, country, NULL};
    OK(core_org_create(cf.f->st, &cf.f->admin, &o, &id, err));
    return id;
}

static struct core_actor add_user(int k, const char *login, const char *role, long org)
{
    struct core_user_in in = {login, NULL, role, 0, "a long enough password"};
    OK(core_user_create(cf.f->st, &cf.f->admin, &in, &cf.users[k], err));
    if (org)
        OK(core_org_link(cf.f->st, &cf.f->admin, cf.users[k], org, err));
    snprintf(cf.logins[k], sizeof cf.logins[k], "%s", login);
    return (struct core_actor){cf.users[k], cf.logins[k], role, 0, NULL};
}

static long add_need(const struct core_actor *who, const char *recs, const char *title,
                     enum core_visibility v)
{
    long id = 0;
    struct core_need in = {.title = title,
                           .description = "Training of police and prosecutors on violence "
                                          "against women, and data collection on cases",
                           .recs = recs,
                           .kinds = 1u << CORE_HELP_TRAINING | 1u << CORE_HELP_DATA_COLLECTION,
                           .languages = "en",
                           .visibility = v};
    OK(core_need_create(cf.f->st, who, &in, &id, err));
    return id;
}

static long add_offer(long org, const char *title)
{
    long id = 0;
    struct core_offer in = {.org_id = org,
                            .title = title,
                            .description = "Training for police on violence against women and "
                                           "gender-based violence; case data systems",
                            .themes = "Violence against women|Sexual & gender-based violence",
                            .sdgs = "5",
                            .kinds = 1u << CORE_HELP_TRAINING,
                            .modality = CORE_MOD_MIXED,
                            .languages = "en|fr"};
    OK(core_offer_create(cf.f->st, &cf.f->admin, &in, &id, err));
    return id;
}

static long propose(const struct core_actor *who, long need, long offer, enum core_match_side s)
{
    long id = 0;
    OK(core_match_propose(cf.f->st, who, need, offer, s, NULL, &id, err));
    return id;
}

static int setup(void **state)
{
    if (fixture_setup(state))
        return -1;
    memset(&cf, 0, sizeof cf);
    cf.f = *state;
    cf.org_svn = add_org("SVN", CORE_ORG_STATE, "SVN");
    cf.org_fra = add_org("FRA", CORE_ORG_STATE, "France");
    cf.org_undp = add_org("UNDP", CORE_ORG_UN_ENTITY, NULL);
    cf.org_ngo = add_org("NGO-1", CORE_ORG_NGO, NULL);
    cf.org_eu = add_org("EU", CORE_ORG_REGIONAL_BODY, NULL);
    cf.actor[0] = cf.f->admin;
    cf.actor[1] = add_user(1, "svn.coord", "coordinator", cf.org_svn);
    cf.actor[2] = add_user(2, "svn.viewer", "viewer", cf.org_svn);
    cf.actor[3] = add_user(3, "fra.coord", "coordinator", cf.org_fra);
    cf.actor[4] = add_user(4, "undp.provider", "contributor", cf.org_undp);
    cf.actor[5] = add_user(5, "ngo.provider", "contributor", cf.org_ngo);
    cf.actor[6] = add_user(6, "free.contributor", "contributor", 0);
    cf.actor[7] = add_user(7, "free.viewer", "viewer", 0);
    cf.actor[8] = core_actor_public;
    const struct core_actor *svn = &cf.actor[1];
    cf.need[N_PRIVATE] = add_need(svn, VAW_1, "Private need", CORE_VIS_PRIVATE);
    cf.need[N_REGISTERED] = add_need(svn, VAW_2, "Registered need", CORE_VIS_REGISTERED);
    cf.need[N_PUBLIC] = add_need(svn, VAW_3, "Public need", CORE_VIS_PUBLIC);
    cf.need[N_WITHDRAWN] = add_need(svn, VAW_4, "Withdrawn need", CORE_VIS_PUBLIC);
    cf.need[N_SHARED] = add_need(svn, VAW_5, "Shared need", CORE_VIS_PRIVATE);
    cf.offer_undp = add_offer(cf.org_undp, "UNDP police training");
    cf.offer_ngo = add_offer(cf.org_ngo, "NGO police training");
    cf.offer_eu = add_offer(cf.org_eu, "EU police training");
    /* every need has a match with the EU (which has no accounts); the shared one also goes to
     * UNDP, proposed by the State: its consent towards UNDP */
    for (int n = 0; n < NEEDS; n++)
        cf.match_of[n] = propose(svn, cf.need[n], cf.offer_eu, CORE_SIDE_NEED);
    propose(svn, cf.need[N_SHARED], cf.offer_undp, CORE_SIDE_NEED);
    OK(core_need_withdraw(cf.f->st, svn, cf.need[N_WITHDRAWN], err));
    return 0;
}

static int teardown(void **state)
{
    return fixture_teardown(state);
}

/* ---- the read paths, each answering "which of the needs did actor get?" ------------------ */

struct seen {
    int hit[NEEDS];
};

static void mark(struct seen *s, long need_id)
{
    for (int n = 0; n < NEEDS; n++)
        if (cf.need[n] == need_id)
            s->hit[n] = 1;
}

static int need_seen(void *ctx, const struct core_need *n)
{
    mark(ctx, n->id);
    return 0;
}

static struct seen path_list(const struct core_actor *a)
{
    struct seen s = {{0}};
    OK(core_need_list(cf.f->st, a, NULL, need_seen, &s, err));
    return s;
}

static struct seen path_filter(const struct core_actor *a)
{
    struct seen s = {{0}}, t = {{0}};
    struct core_need_filter f = {
        .theme = "Violence against women", .status = -1, .visibility = -1, .text = "POLICE"};
    OK(core_need_list(cf.f->st, a, &f, need_seen, &s, err));
    struct core_need_filter g = {.country = "SVN", .sdg = "5", .status = -1, .visibility = -1};
    OK(core_need_list(cf.f->st, a, &g, need_seen, &t, err));
    for (int n = 0; n < NEEDS; n++)
        if (s.hit[n] != t.hit[n])
            fail_msg("the two filters disagree on need %d", n);
    return s;
}

static struct seen path_show(const struct core_actor *a)
{
    struct seen s = {{0}};
    for (int n = 0; n < NEEDS; n++) {
        struct err e = {0};
        int rc = core_need_get(cf.f->st, a, cf.need[n], need_seen, &s, &e);
        if (rc && rc != ERR_NOTFOUND)
            fail_msg("core_need_get: %s", e.msg);
        if ((rc == 0) != s.hit[n])
            fail_msg("core_need_get returned %d but %s the need", rc,
                     s.hit[n] ? "gave" : "did not give");
    }
    return s;
}

static int result_seen(void *ctx, const struct core_match_result *r)
{
    if (r->need)
        mark(ctx, r->need->id);
    return 0;
}

/* The ranking for a need answers only when the need may be seen. */
static struct seen path_for_need(const struct core_actor *a)
{
    struct seen s = {{0}};
    for (int n = 0; n < NEEDS; n++) {
        struct err e = {0};
        struct seen ignored = {{0}};
        int rc = core_match_for_need(cf.f->st, a, cf.need[n], 10, result_seen, &ignored, &e);
        if (rc && rc != ERR_NOTFOUND)
            fail_msg("core_match_for_need: %s", e.msg);
        s.hit[n] = rc == 0;
    }
    return s;
}

/* Ranked needs for the UN provider's offer (only open needs are ranked). */
static struct seen path_for_offer(const struct core_actor *a)
{
    struct seen s = {{0}};
    OK(core_match_for_offer(cf.f->st, a, cf.offer_undp, 100, result_seen, &s, err));
    return s;
}

static int match_seen(void *ctx, const struct core_match *m)
{
    mark(ctx, m->need_id);
    return 0;
}

static struct seen path_match_list(const struct core_actor *a)
{
    struct seen s = {{0}};
    struct core_match_filter f = {0, cf.offer_eu, -1};
    OK(core_match_list(cf.f->st, a, &f, match_seen, &s, err));
    return s;
}

static int event_seen(void *ctx, const struct core_match_event *e)
{
    (*(int *)ctx)++;
    (void)e;
    return 0;
}

static struct seen path_history(const struct core_actor *a)
{
    struct seen s = {{0}};
    for (int n = 0; n < NEEDS; n++) {
        struct err e = {0};
        int events = 0;
        int rc = core_match_history(cf.f->st, a, cf.match_of[n], event_seen, &events, &e);
        if (rc && rc != ERR_NOTFOUND)
            fail_msg("core_match_history: %s", e.msg);
        s.hit[n] = rc == 0 && events > 0;
    }
    return s;
}

/* One match by id answers only when its need may be seen, and gives that match. */
static struct seen path_match_get(const struct core_actor *a)
{
    struct seen s = {{0}};
    for (int n = 0; n < NEEDS; n++) {
        struct err e = {0};
        struct seen one = {{0}};
        int rc = core_match_get(cf.f->st, a, cf.match_of[n], match_seen, &one, &e);
        if (rc && rc != ERR_NOTFOUND)
            fail_msg("core_match_get: %s", e.msg);
        if ((rc == 0) != one.hit[n])
            fail_msg("core_match_get returned %d but %s the match", rc,
                     one.hit[n] ? "gave" : "did not give");
        s.hit[n] = rc == 0;
    }
    return s;
}

static int row_seen(void *ctx, const struct core_coop_row *row)
{
    mark(ctx, row->need->id);
    for (size_t i = 0; i < row->nmatches; i++)
        if (row->matches[i].need_id != row->need->id)
            fail_msg("report row of need %ld holds a match of need %ld", row->need->id,
                     row->matches[i].need_id);
    return 0;
}

static struct seen path_report(const struct core_actor *a)
{
    struct seen s = {{0}};
    OK(core_coop_report_each(cf.f->st, a, row_seen, &s, err));
    return s;
}

static const struct {
    const char *name;
    struct seen (*run)(const struct core_actor *a);
    int open_and_provider_only; /* ranks open needs the UN provider may see too */
} paths[] = {
    {"list", path_list, 0},
    {"filter", path_filter, 0},
    {"show", path_show, 0},
    {"match for-need", path_for_need, 0},
    {"match for-offer", path_for_offer, 1},
    {"match list", path_match_list, 0},
    {"match by id", path_match_get, 0},
    {"match history", path_history, 0},
    {"report data", path_report, 0},
};

static void test_every_read_path_applies_the_consent_rule(void **state)
{
    (void)state;
    enum { PROVIDER = 4 };
    for (size_t p = 0; p < sizeof paths / sizeof paths[0]; p++) {
        for (int a = 0; a < ACTORS; a++) {
            struct seen got = paths[p].run(&cf.actor[a]);
            for (int n = 0; n < NEEDS; n++) {
                int want = sees(a, n) == 'Y';
                if (paths[p].open_and_provider_only)
                    want = want && sees(PROVIDER, n) == 'Y' && n != N_WITHDRAWN;
                if (got.hit[n] != want)
                    fail_msg("%s, read path \"%s\", need %d: expected %s, got %s", expected[a].who,
                             paths[p].name, n, want ? "seen" : "hidden",
                             got.hit[n] ? "seen" : "hidden");
            }
        }
    }
}

/* The rule itself, on needs that never went through the store. */
static void test_consent_rule_is_pure_and_total(void **state)
{
    (void)state;
    struct core_actor viewer = {5, "v", "viewer", 0, NULL};
    struct core_coop_viewer pub = {NULL, 0, 0, ""}, reg = {&viewer, 0, 0, ""};
    struct core_coop_viewer prov = {&viewer, 7, CORE_ORG_NGO, ""};
    struct core_coop_viewer state_acc = {&viewer, 8, CORE_ORG_STATE, "SVN"};
    struct core_need n = {.id = 1, .org_id = 3, .country = "SVN", .shared_orgs = "2|7"};
    for (int v = 0; v < CORE_VIS_COUNT; v++) {
        n.visibility = (enum core_visibility)v;
        n.status = CORE_NEED_OPEN;
        assert_int_equal(core_coop_may_see_need(&pub, &n), v == CORE_VIS_PUBLIC);
        assert_int_equal(core_coop_may_see_need(&reg, &n), v != CORE_VIS_PRIVATE);
        assert_true(core_coop_may_see_need(&prov, &n)); /* shared with organisation 7 */
        assert_true(core_coop_may_see_need(&state_acc, &n));
        n.status = CORE_NEED_WITHDRAWN;
        assert_false(core_coop_may_see_need(&pub, &n));
        assert_false(core_coop_may_see_need(&reg, &n));
        assert_false(core_coop_may_see_need(&prov, &n));
        assert_true(core_coop_may_see_need(&state_acc, &n));
    }
    /* "17" is not "7" */
    struct core_coop_viewer other = {&viewer, 17, CORE_ORG_NGO, ""};
    n.status = CORE_NEED_OPEN;
    n.visibility = CORE_VIS_PRIVATE;
    assert_false(core_coop_may_see_need(&other, &n));
}

/* ---- writes ------------------------------------------------------------------------------ */

static void test_who_may_record_needs_and_offers(void **state)
{
    (void)state;
    struct err e = {0};
    long id;
    struct core_need in = {.title = "t", .description = "d", .recs = VAW_1, .kinds = 1};
    /* a provider, a State viewer, the public: no */
    assert_int_equal(core_need_create(cf.f->st, &cf.actor[4], &in, &id, &e), ERR_DENIED);
    assert_int_equal(core_need_create(cf.f->st, &cf.actor[2], &in, &id, &e), ERR_DENIED);
    assert_int_equal(core_need_create(cf.f->st, &core_actor_public, &in, &id, &e), ERR_DENIED);
    /* another State's coordinator: not on Slovenia's recommendations */
    assert_int_equal(core_need_create(cf.f->st, &cf.actor[3], &in, &id, &e), ERR_INPUT);
    assert_non_null(strstr(e.msg, "concerns SVN"));
    /* a coordinator for an organisation that is not theirs */
    in.org_id = cf.org_svn;
    assert_int_equal(core_need_create(cf.f->st, &cf.actor[3], &in, &id, &e), ERR_DENIED);
    /* an administrator must name the State */
    in.org_id = 0;
    assert_int_equal(core_need_create(cf.f->st, &cf.f->admin, &in, &id, &e), ERR_INPUT);
    in.org_id = cf.org_undp;
    assert_int_equal(core_need_create(cf.f->st, &cf.f->admin, &in, &id, &e), ERR_INPUT);
    in.org_id = cf.org_svn;
    in.recs = "SVN-NO-SUCH";
    assert_int_equal(core_need_create(cf.f->st, &cf.f->admin, &in, &id, &e), ERR_INPUT);
    assert_non_null(strstr(e.msg, "SVN-NO-SUCH"));
    in.recs = VAW_1;
    in.kinds = 0;
    assert_int_equal(core_need_create(cf.f->st, &cf.f->admin, &in, &id, &e), ERR_INPUT);
    assert_non_null(strstr(e.msg, "kinds"));

    struct core_offer o = {
        .title = "t", .description = "d", .themes = "Violence against women", .kinds = 1};
    /* a contributor without organisation, a viewer: no; a provider's contributor: yes */
    assert_int_equal(core_offer_create(cf.f->st, &cf.actor[6], &o, &id, &e), ERR_DENIED);
    assert_int_equal(core_offer_create(cf.f->st, &cf.actor[7], &o, &id, &e), ERR_DENIED);
    OK(core_offer_create(cf.f->st, &cf.actor[5], &o, &id, err));
    o.themes = "No such theme";
    assert_int_equal(core_offer_create(cf.f->st, &cf.actor[5], &o, &id, &e), ERR_INPUT);
    assert_non_null(strstr(e.msg, "No such theme"));
    o.themes = "Violence against women";
    o.regions = "WEOG|Atlantis";
    assert_int_equal(core_offer_create(cf.f->st, &cf.actor[5], &o, &id, &e), ERR_INPUT);
    assert_non_null(strstr(e.msg, "Atlantis"));
    o.regions = NULL;
    o.languages = "english";
    assert_int_equal(core_offer_create(cf.f->st, &cf.actor[5], &o, &id, &e), ERR_INPUT);
    /* organisations: administrators only */
    struct core_org org = {0, "X", "X", CORE_ORG_NGO, NULL, NULL};
    assert_int_equal(core_org_create(cf.f->st, &cf.actor[1], &org, &id, &e), ERR_DENIED);
    org.kind = CORE_ORG_STATE;
    assert_int_equal(core_org_create(cf.f->st, &cf.f->admin, &org, &id, &e), ERR_INPUT);
    assert_int_equal(core_org_link(cf.f->st, &cf.actor[1], cf.users[6], cf.org_ngo, &e),
                     ERR_DENIED);
}

struct need_vis {
    enum core_visibility v;
    enum core_need_status s;
};

static int copy_need(void *ctx, const struct core_need *n)
{
    struct need_vis *nv = ctx;
    nv->v = n->visibility;
    nv->s = n->status;
    return 0;
}

static void test_lowering_visibility_takes_effect_and_is_audited(void **state)
{
    (void)state;
    struct err e = {0};
    long id = add_need(&cf.actor[1], VAW_1, "Soon private", CORE_VIS_PUBLIC);
    struct need_vis nv;
    OK(core_need_get(cf.f->st, &core_actor_public, id, copy_need, &nv, err));
    /* only the State (or an administrator) changes it */
    assert_int_equal(core_need_set_visibility(cf.f->st, &cf.actor[3], id, CORE_VIS_PRIVATE, &e),
                     ERR_DENIED);
    assert_int_equal(core_need_set_visibility(cf.f->st, &cf.actor[2], id, CORE_VIS_PRIVATE, &e),
                     ERR_DENIED);
    OK(core_need_set_visibility(cf.f->st, &cf.actor[1], id, CORE_VIS_PRIVATE, err));
    assert_int_equal(core_need_get(cf.f->st, &core_actor_public, id, copy_need, &nv, &e),
                     ERR_NOTFOUND);
    assert_int_equal(core_need_get(cf.f->st, &cf.actor[4], id, copy_need, &nv, &e), ERR_NOTFOUND);
    /* someone who cannot see it cannot learn that it exists by changing it */
    assert_int_equal(core_need_set_visibility(cf.f->st, &cf.actor[4], id, CORE_VIS_PUBLIC, &e),
                     ERR_NOTFOUND);
    struct audit_seen a = fixture_audit(cf.f, "need", id);
    assert_string_equal(a.action, "visibility");
    assert_non_null(strstr(a.before, "\"visibility\":\"public\""));
    assert_non_null(strstr(a.after, "\"visibility\":\"private\""));
    assert_int_equal(a.n, 2); /* create, visibility */
}

struct state_of_match {
    long id;
    enum core_match_state state;
};

static int state_of(void *ctx, const struct core_match *m)
{
    struct state_of_match *s = ctx;
    if (m->id == s->id)
        s->state = m->state;
    return 0;
}

static enum core_match_state match_state(long match_id, long need, long offer)
{
    struct state_of_match s = {match_id, CORE_MATCH_STATE_COUNT};
    struct core_match_filter f = {need, offer, -1};
    OK(core_match_list(cf.f->st, &cf.f->admin, &f, state_of, &s, err));
    return s.state;
}

static int count_notes(void *ctx, const struct core_note *n)
{
    if (strstr(n->body, "Technical cooperation completed"))
        (*(int *)ctx)++;
    return 0;
}

static int notes_on(const char *rec)
{
    int n = 0;
    OK(core_notes_of(cf.f->st, rec, count_notes, &n, err));
    return n;
}

static void test_match_workflow_history_and_link_back(void **state)
{
    (void)state;
    struct err e = {0};
    const struct core_actor *svn = &cf.actor[1], *ngo = &cf.actor[5], *fra = &cf.actor[3];
    long pub = add_need(svn, VAW_2, "Public, to complete", CORE_VIS_PUBLIC);
    long priv = add_need(svn, VAW_4, "Private, to complete", CORE_VIS_PRIVATE);
    long id;
    /* the provider proposes on a need it sees; not on one it does not */
    assert_int_equal(
        core_match_propose(cf.f->st, ngo, priv, cf.offer_ngo, CORE_SIDE_OFFER, NULL, &id, &e),
        ERR_NOTFOUND);
    /* nor for someone else's offer, nor for the need side */
    assert_int_equal(
        core_match_propose(cf.f->st, ngo, pub, cf.offer_undp, CORE_SIDE_OFFER, NULL, &id, &e),
        ERR_DENIED);
    assert_int_equal(
        core_match_propose(cf.f->st, fra, pub, cf.offer_ngo, CORE_SIDE_NEED, NULL, &id, &e),
        ERR_DENIED);
    long m = propose(ngo, pub, cf.offer_ngo, CORE_SIDE_OFFER);
    /* one live match per pair */
    assert_int_equal(
        core_match_propose(cf.f->st, svn, pub, cf.offer_ngo, CORE_SIDE_NEED, NULL, &id, &e),
        ERR_INPUT);
    /* the proposer does not accept its own proposal; a third party does nothing */
    assert_int_equal(core_match_move(cf.f->st, ngo, m, CORE_MATCH_ACCEPTED, NULL, &e), ERR_INPUT);
    assert_int_equal(core_match_move(cf.f->st, fra, m, CORE_MATCH_ACCEPTED, NULL, &e), ERR_DENIED);
    assert_int_equal(core_match_move(cf.f->st, svn, m, CORE_MATCH_COMPLETED, NULL, &e), ERR_INPUT);
    OK(core_match_move(cf.f->st, svn, m, CORE_MATCH_ACCEPTED, "welcome", err));
    OK(core_match_move(cf.f->st, ngo, m, CORE_MATCH_IN_PROGRESS, NULL, err));
    assert_int_equal(notes_on(VAW_2), 0);
    OK(core_match_move(cf.f->st, svn, m, CORE_MATCH_COMPLETED, "120 officers trained", err));
    assert_int_equal(match_state(m, pub, cf.offer_ngo), CORE_MATCH_COMPLETED);
    assert_int_equal(core_match_move(cf.f->st, svn, m, CORE_MATCH_WITHDRAWN, NULL, &e), ERR_INPUT);
    struct need_vis nv;
    OK(core_need_get(cf.f->st, svn, pub, copy_need, &nv, err));
    assert_int_equal(nv.s, CORE_NEED_MET);
    assert_int_equal(notes_on(VAW_2), 1); /* public need: the recommendation says so */
    int events = 0;
    OK(core_match_history(cf.f->st, ngo, m, event_seen, &events, err));
    assert_int_equal(events, 4);
    struct audit_seen a = fixture_audit(cf.f, "match", m);
    assert_int_equal(a.n, 4);
    assert_string_equal(a.action, "complete");

    /* a private need completes without a word on its (public) recommendation */
    long m2 = propose(svn, priv, cf.offer_ngo, CORE_SIDE_NEED);
    OK(core_match_move(cf.f->st, ngo, m2, CORE_MATCH_ACCEPTED, NULL, err));
    OK(core_match_move(cf.f->st, ngo, m2, CORE_MATCH_IN_PROGRESS, NULL, err));
    OK(core_match_move(cf.f->st, ngo, m2, CORE_MATCH_COMPLETED, NULL, err));
    assert_int_equal(notes_on(VAW_4), 0);

    /* declined, and withdrawn with the need */
    long p2 = add_need(svn, VAW_3, "To decline", CORE_VIS_REGISTERED);
    long m3 = propose(svn, p2, cf.offer_ngo, CORE_SIDE_NEED);
    OK(core_match_move(cf.f->st, ngo, m3, CORE_MATCH_DECLINED, "no capacity", err));
    long m4 = propose(svn, p2, cf.offer_ngo, CORE_SIDE_NEED); /* again, after a decline */
    OK(core_need_withdraw(cf.f->st, svn, p2, err));
    assert_int_equal(match_state(m4, p2, cf.offer_ngo), CORE_MATCH_WITHDRAWN);
}

static int copy_match(void *ctx, const struct core_match *m)
{
    struct core_match *out = ctx;
    *out = *m;
    out->need_title = out->offer_title = out->need_country = out->offer_org_code = NULL;
    out->explanation = out->comment = NULL;
    return 0;
}

static void test_match_get_gives_one_match_or_not_found(void **state)
{
    (void)state;
    struct err e = {0};
    struct core_match m = {0};
    /* the provider the State proposed to reads the match, with its fields */
    long shared = 0;
    OK(core_match_propose(cf.f->st, &cf.actor[1], cf.need[N_PUBLIC], cf.offer_undp, CORE_SIDE_NEED,
                          "On the public need", &shared, err));
    OK(core_match_get(cf.f->st, &cf.actor[4], shared, copy_match, &m, err));
    assert_int_equal(m.id, shared);
    assert_int_equal(m.need_id, cf.need[N_PUBLIC]);
    assert_int_equal(m.offer_id, cf.offer_undp);
    assert_int_equal(m.state, CORE_MATCH_PROPOSED);
    assert_int_equal(m.proposed_by, CORE_SIDE_NEED);
    /* absent */
    assert_int_equal(core_match_get(cf.f->st, &cf.f->admin, 999999, copy_match, &m, &e),
                     ERR_NOTFOUND);
    /* the need goes private: the provider's match by id is gone with it (404, not 403) */
    OK(core_need_set_visibility(cf.f->st, &cf.actor[1], cf.need[N_PUBLIC], CORE_VIS_PRIVATE, err));
    assert_int_equal(core_match_get(cf.f->st, &cf.actor[5], shared, copy_match, &m, &e),
                     ERR_NOTFOUND);
    OK(core_match_get(cf.f->st, &cf.actor[1], shared, copy_match, &m, err));
    OK(core_need_set_visibility(cf.f->st, &cf.actor[1], cf.need[N_PUBLIC], CORE_VIS_PUBLIC, err));
    OK(core_match_move(cf.f->st, &cf.actor[1], shared, CORE_MATCH_WITHDRAWN, NULL, err));
}

/* ---- a need's own history ------------------------------------------------------------------ */

struct need_events {
    int n;
    char actions[8][16];
    struct core_need_event last[8];
};

static int need_event_seen(void *ctx, const struct core_need_event *e)
{
    struct need_events *x = ctx;
    if (x->n < 8) {
        snprintf(x->actions[x->n], sizeof x->actions[x->n], "%s", e->action);
        x->last[x->n] = *e;
        x->last[x->n].actor_login = x->last[x->n].action = NULL;
    }
    x->n++;
    return 0;
}

/* Who reads a need's own history: its State's accounts and administrators; nobody else, and
 * whoever may not see the need does not learn that it exists. */
static void test_need_history_is_for_its_state_only(void **state)
{
    (void)state;
    /* per actor (admin, svn.coord, svn.viewer, fra, undp, ngo, contributor, viewer, public),
     * on the public need: 0 the history, D denied; on the private need: 0, D or N not found */
    static const char on_public[] = "000DDDDDD", on_private[] = "000NNNNNN";
    for (int a = 0; a < ACTORS; a++) {
        for (int k = 0; k < 2; k++) {
            long id = cf.need[k ? N_PRIVATE : N_PUBLIC];
            char want = (k ? on_private : on_public)[a];
            struct err e = {0};
            struct need_events x = {0};
            int rc = core_need_history(cf.f->st, &cf.actor[a], id, need_event_seen, &x, &e);
            char got = rc == 0 ? '0' : rc == ERR_DENIED ? 'D' : rc == ERR_NOTFOUND ? 'N' : '?';
            if (got != want)
                fail_msg("%s, history of the %s need: expected %c, got %c (%s)", expected[a].who,
                         k ? "private" : "public", want, got, e.msg);
            if (rc && x.n)
                fail_msg("%s: refused, yet given %d events", expected[a].who, x.n);
        }
    }
    /* what it holds, oldest first: recorded, visibility changed, met, withdrawn */
    const struct core_actor *svn = &cf.actor[1], *ngo = &cf.actor[5];
    long id = add_need(svn, VAW_3, "With a history", CORE_VIS_PUBLIC);
    OK(core_need_set_visibility(cf.f->st, svn, id, CORE_VIS_REGISTERED, err));
    long m = propose(ngo, id, cf.offer_ngo, CORE_SIDE_OFFER);
    OK(core_match_move(cf.f->st, svn, m, CORE_MATCH_ACCEPTED, NULL, err));
    OK(core_match_move(cf.f->st, ngo, m, CORE_MATCH_IN_PROGRESS, NULL, err));
    OK(core_match_move(cf.f->st, ngo, m, CORE_MATCH_COMPLETED, NULL, err));
    OK(core_need_withdraw(cf.f->st, svn, id, err));
    struct need_events x = {0};
    OK(core_need_history(cf.f->st, &cf.actor[2], id, need_event_seen, &x, err));
    assert_int_equal(x.n, 4);
    assert_string_equal(x.actions[0], "create");
    assert_int_equal(x.last[0].visibility_before, -1);
    assert_int_equal(x.last[0].visibility_after, CORE_VIS_PUBLIC);
    assert_int_equal(x.last[0].status_after, CORE_NEED_OPEN);
    assert_string_equal(x.actions[1], "visibility");
    assert_int_equal(x.last[1].visibility_before, CORE_VIS_PUBLIC);
    assert_int_equal(x.last[1].visibility_after, CORE_VIS_REGISTERED);
    assert_string_equal(x.actions[2], "met");
    assert_int_equal(x.last[2].status_before, CORE_NEED_OPEN);
    assert_int_equal(x.last[2].status_after, CORE_NEED_MET);
    assert_string_equal(x.actions[3], "withdraw");
    assert_int_equal(x.last[3].status_before, CORE_NEED_MET);
    assert_int_equal(x.last[3].status_after, CORE_NEED_WITHDRAWN);
    assert_int_equal(x.last[3].need_id, id);
    /* the provider that completed the match sees the need, not its history */
    struct err e = {0};
    assert_int_equal(core_need_history(cf.f->st, ngo, id, need_event_seen, &x, &e), ERR_NOTFOUND);
}

struct report_count {
    int rows, met, matches, completed;
};

static int count_rows(void *ctx, const struct core_coop_row *row)
{
    struct report_count *c = ctx;
    c->rows++;
    c->met += row->met;
    c->matches += (int)row->nmatches;
    for (size_t i = 0; i < row->nmatches; i++) {
        c->completed += row->matches[i].state == CORE_MATCH_COMPLETED;
        if (row->offers[i].id != row->matches[i].offer_id)
            fail_msg("report row: offer %ld beside a match of offer %ld", row->offers[i].id,
                     row->matches[i].offer_id);
    }
    return 0;
}

/* After the workflow test: what the report counts, for the State and for the public. */
static void test_report_rows_count_matches_and_needs_met(void **state)
{
    (void)state;
    struct report_count all = {0}, pub = {0};
    OK(core_coop_report_each(cf.f->st, &cf.actor[1], count_rows, &all, err));
    OK(core_coop_report_each(cf.f->st, &core_actor_public, count_rows, &pub, err));
    assert_int_equal(all.met, 2); /* the public and the private needs completed */
    assert_int_equal(all.completed, 2);
    assert_int_equal(pub.met, 1); /* the public one only */
    assert_true(all.rows > pub.rows && all.matches > pub.matches);
}

static void test_workflow_table(void **state)
{
    (void)state;
    enum core_match_side N = CORE_SIDE_NEED, O = CORE_SIDE_OFFER;
    /* answers come from the other side (or an administrator) */
    assert_true(core_match_may_move(O, 0, N, CORE_MATCH_PROPOSED, CORE_MATCH_ACCEPTED));
    assert_false(core_match_may_move(N, 0, N, CORE_MATCH_PROPOSED, CORE_MATCH_ACCEPTED));
    assert_true(core_match_may_move(N, 1, N, CORE_MATCH_PROPOSED, CORE_MATCH_ACCEPTED));
    assert_true(core_match_may_move(N, 0, O, CORE_MATCH_PROPOSED, CORE_MATCH_DECLINED));
    assert_false(core_match_may_move(O, 0, O, CORE_MATCH_PROPOSED, CORE_MATCH_DECLINED));
    /* the rest by either side, in order only */
    assert_true(core_match_may_move(N, 0, N, CORE_MATCH_PROPOSED, CORE_MATCH_WITHDRAWN));
    assert_true(core_match_may_move(O, 0, N, CORE_MATCH_ACCEPTED, CORE_MATCH_IN_PROGRESS));
    assert_true(core_match_may_move(N, 0, N, CORE_MATCH_IN_PROGRESS, CORE_MATCH_COMPLETED));
    assert_false(core_match_may_move(N, 1, N, CORE_MATCH_PROPOSED, CORE_MATCH_IN_PROGRESS));
    assert_false(core_match_may_move(N, 1, N, CORE_MATCH_ACCEPTED, CORE_MATCH_COMPLETED));
    for (int to = 0; to < CORE_MATCH_STATE_COUNT; to++) {
        assert_false(core_match_may_move(N, 1, N, CORE_MATCH_COMPLETED, (enum core_match_state)to));
        assert_false(core_match_may_move(N, 1, N, CORE_MATCH_DECLINED, (enum core_match_state)to));
        assert_false(core_match_may_move(N, 1, N, CORE_MATCH_WITHDRAWN, (enum core_match_state)to));
    }
}

static void test_vocabularies_round_trip(void **state)
{
    (void)state;
    struct err e = {0};
    unsigned mask;
    OK(core_help_kinds_parse("training, legal_drafting|monitoring", &mask, err));
    assert_int_equal(mask, 1u << CORE_HELP_TRAINING | 1u << CORE_HELP_LEGAL_DRAFTING |
                               1u << CORE_HELP_MONITORING);
    struct buf b = {0};
    assert_int_equal(core_help_kinds_format(mask, &b), 0);
    assert_string_equal(buf_str(&b), "legal_drafting|training|monitoring");
    buf_free(&b);
    assert_int_equal(core_help_kinds_parse("training,teaching", &mask, &e), ERR_INPUT);
    assert_non_null(strstr(e.msg, "teaching"));
    enum core_visibility v;
    assert_int_equal(core_visibility_parse("secret", &v, &e), ERR_INPUT);
    assert_non_null(strstr(e.msg, "private, registered, public"));
    for (int s = 0; s < CORE_MATCH_STATE_COUNT; s++) {
        enum core_match_state back;
        OK(core_match_state_parse(core_match_state_name((enum core_match_state)s), &back, err));
        assert_int_equal(back, s);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_read_path_applies_the_consent_rule),
        cmocka_unit_test(test_consent_rule_is_pure_and_total),
        cmocka_unit_test(test_who_may_record_needs_and_offers),
        cmocka_unit_test(test_lowering_visibility_takes_effect_and_is_audited),
        cmocka_unit_test(test_match_workflow_history_and_link_back),
        cmocka_unit_test(test_report_rows_count_matches_and_needs_met),
        cmocka_unit_test(test_match_get_gives_one_match_or_not_found),
        cmocka_unit_test(test_need_history_is_for_its_state_only),
        cmocka_unit_test(test_workflow_table),
        cmocka_unit_test(test_vocabularies_round_trip),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
