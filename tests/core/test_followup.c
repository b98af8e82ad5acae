/*
 * test_followup.c — follow-up through core/followup.h on the Slovenian demo recommendations:
 * clusters by theme, SDG and hand; assignments directly and through clusters; who may write
 * (a focal point of another institution is refused every write); an audit event with before
 * and after for every write; what the public sees (validated reports only); the workflow with
 * its review rules; independent assessments beside the State's reports; reminders into the
 * outbox with a clock the test sets; the matrix. Evidence files: test_evidence.c.
 */
#include "followup_fixture.h"

#include <math.h>

#include "core/read.h"

/* ---- clusters ---------------------------------------------------------------------------- */

static int count_rec(void *ctx, const struct store_rec *r)
{
    (void)r;
    ++*(long *)ctx;
    return 0;
}

struct ids {
    int n;
    char id[400][32];
};

static int collect_id(void *ctx, const char *rec_id)
{
    struct ids *ids = ctx;
    assert_true(ids->n < 400);
    snprintf(ids->id[ids->n++], 32, "%s", rec_id);
    return 0;
}

static int has_id(const struct ids *ids, const char *rec_id)
{
    for (int i = 0; i < ids->n; i++)
        if (!strcmp(ids->id[i], rec_id))
            return 1;
    return 0;
}

static int copy_cluster(void *ctx, const struct core_cluster *c)
{
    *(long *)ctx = c->members;
    return 0;
}

static long members(struct fixture *f, long cluster)
{
    long n = -1;
    OK(core_cluster_get(f->st, cluster, NULL, copy_cluster, &n, err));
    return n;
}

static void test_theme_and_sdg_clusters_gather_what_is_tagged(void **state)
{
    struct fixture *f = *state;
    long theme = 0, sdg = 0, want_theme = 0, want_sdg = 0;
    struct core_cluster t = {.name = "Violence against women",
                             .kind = CORE_CLUSTER_THEME,
                             .criterion = "Violence against women",
                             .country = "Slovenia"};
    struct core_cluster g = {
        .name = "Gender equality (SDG 5)", .kind = CORE_CLUSTER_SDG, .criterion = "5"};
    OK(core_cluster_create(f->st, &f->coord, &t, &theme, err));
    OK(core_cluster_create(f->st, &f->coord, &g, &sdg, err));
    struct store_filter by_theme = {.theme = "Violence against women"}, by_sdg = {.sdg = "5"};
    OK(core_rec_each(f->st, &by_theme, count_rec, &want_theme, err));
    OK(core_rec_each(f->st, &by_sdg, count_rec, &want_sdg, err));
    assert_true(want_theme > 10);
    assert_true(want_sdg > 10);
    assert_int_equal(members(f, theme), want_theme);
    assert_int_equal(members(f, sdg), want_sdg);
    struct ids ids = {0};
    OK(core_cluster_members(f->st, sdg, collect_id, &ids, err));
    assert_int_equal(ids.n, want_sdg);
    for (int i = 1; i < ids.n; i++)
        assert_true(strcmp(ids.id[i - 1], ids.id[i]) < 0);
    /* the country is stored as ISO3, whatever name was typed */
    struct err e = {0};
    struct core_cluster nowhere = {
        .name = "x", .kind = CORE_CLUSTER_SDG, .criterion = "5", .country = "Atlantis"};
    long id = 0;
    assert_int_equal(core_cluster_create(f->st, &f->coord, &nowhere, &id, &e), ERR_INPUT);
    assert_non_null(strstr(e.msg, "Atlantis"));
    assert_int_equal(core_cluster_create(f->st, &f->coord, &t, &id, &e), ERR_INPUT);
    assert_non_null(strstr(e.msg, "already taken"));
}

static void test_manual_members_are_added_by_hand_and_kept_by_refresh(void **state)
{
    struct fixture *f = *state;
    long manual = 0, body = 0;
    struct core_cluster m = {.name = "Ratifications", .kind = CORE_CLUSTER_MANUAL};
    struct core_cluster b = {.name = "UPR", .kind = CORE_CLUSTER_BODY, .criterion = "UPR"};
    OK(core_cluster_create(f->st, &f->coord, &m, &manual, err));
    assert_int_equal(members(f, manual), 0);
    OK(core_cluster_add(f->st, &f->coord, manual, REC_A, err));
    OK(core_cluster_add(f->st, &f->coord, manual, REC_B, err));
    OK(core_cluster_add(f->st, &f->coord, manual, REC_B, err)); /* twice is once */
    assert_int_equal(members(f, manual), 2);
    OK(core_cluster_remove(f->st, &f->coord, manual, REC_B, err));
    assert_int_equal(members(f, manual), 1);
    struct err e = {0};
    assert_int_equal(core_cluster_remove(f->st, &f->coord, manual, REC_B, &e), ERR_NOTFOUND);
    assert_int_equal(core_cluster_add(f->st, &f->coord, manual, "NOPE-1", &e), ERR_NOTFOUND);
    assert_non_null(strstr(e.msg, "NOPE-1"));
    OK(core_cluster_create(f->st, &f->coord, &b, &body, err));
    long all = members(f, body);
    assert_int_equal(all, 215);
    OK(core_cluster_remove(f->st, &f->coord, body, REC_A, err));
    assert_int_equal(members(f, body), all - 1);
    OK(core_cluster_refresh(f->st, &f->coord, body, err)); /* the criterion brings it back */
    assert_int_equal(members(f, body), all);
    OK(core_cluster_refresh(f->st, &f->coord, manual, err)); /* hand-picked ones stay */
    assert_int_equal(members(f, manual), 1);
}

/* ---- assignments ------------------------------------------------------------------------- */

struct assignments_seen {
    int n, leads;
    long institution[8], cluster[8];
    int lead[8];
};

static int collect_assignment(void *ctx, const struct core_assignment *a)
{
    struct assignments_seen *s = ctx;
    assert_true(s->n < 8);
    s->institution[s->n] = a->institution_id;
    s->cluster[s->n] = a->cluster_id;
    s->lead[s->n] = a->lead;
    s->leads += a->lead && !a->cluster_id;
    assert_non_null(a->institution_code);
    s->n++;
    return 0;
}

static void test_assignment_through_a_cluster_reaches_its_members(void **state)
{
    struct fixture *f = *state;
    long cluster = 0;
    struct core_cluster c = {.name = "Disappearances",
                             .kind = CORE_CLUSTER_THEME,
                             .criterion = "Enforced disappearances"};
    OK(core_cluster_create(f->st, &f->coord, &c, &cluster, err));
    struct ids in_cluster = {0}, assigned = {0};
    OK(core_cluster_members(f->st, cluster, collect_id, &in_cluster, err));
    assert_true(in_cluster.n >= 2);
    assert_true(has_id(&in_cluster, REC_A));
    fixture_assign(f, NULL, cluster, f->moj);
    OK(core_assigned_to(f->st, f->moj, collect_id, &assigned, err));
    assert_int_equal(assigned.n, in_cluster.n);
    for (int i = 0; i < in_cluster.n; i++)
        assert_true(has_id(&assigned, in_cluster.id[i]));
    struct assignments_seen seen = {0};
    OK(core_assignments_of(f->st, REC_A, collect_assignment, &seen, err));
    assert_int_equal(seen.n, 1);
    assert_int_equal(seen.institution[0], f->moj);
    assert_int_equal(seen.cluster[0], cluster);
    /* the cluster's institution may now report on each member */
    long p = fixture_draft(f, &f->fp_moj, in_cluster.id[1], f->moj);
    assert_true(p > 0);
    /* and nothing of it reaches another institution */
    struct ids other = {0};
    OK(core_assigned_to(f->st, f->mlsa, collect_id, &other, err));
    assert_int_equal(other.n, 0);
}

static void test_a_new_lead_makes_the_old_lead_supporting(void **state)
{
    struct fixture *f = *state;
    long first = fixture_assign(f, REC_A, 0, f->moj);
    long second = fixture_assign(f, REC_A, 0, f->mlsa);
    assert_true(first != second);
    struct assignments_seen seen = {0};
    OK(core_assignments_of(f->st, REC_A, collect_assignment, &seen, err));
    assert_int_equal(seen.n, 2);
    assert_int_equal(seen.leads, 1);
    assert_int_equal(seen.institution[0], f->mlsa); /* lead first */
    assert_int_equal(seen.lead[0], 1);
    assert_int_equal(seen.lead[1], 0);
    struct audit_seen demoted = fixture_audit(f, "assignment", first);
    assert_string_equal(demoted.action, "update");
    assert_non_null(strstr(demoted.before, "\"lead\":true"));
    assert_non_null(strstr(demoted.after, "\"lead\":false"));
    struct err e = {0};
    struct core_assignment both = {.rec_id = REC_A, .cluster_id = 1, .institution_id = f->moj};
    long id = 0;
    assert_int_equal(core_assign(f->st, &f->coord, &both, &id, &e), ERR_INPUT);
    struct core_assignment bad_date = {
        .rec_id = REC_A, .institution_id = f->moj, .deadline = "2024-02-30"};
    assert_int_equal(core_assign(f->st, &f->coord, &bad_date, &id, &e), ERR_INPUT);
    assert_non_null(strstr(e.msg, "YYYY-MM-DD"));
    OK(core_unassign(f->st, &f->coord, second, err));
    assert_int_equal(fixture_audit(f, "assignment", second).with_before, 1);
}

/* ---- who may write ----------------------------------------------------------------------- */

static void test_focal_point_of_another_institution_is_refused_every_write(void **state)
{
    struct fixture *f = *state;
    fixture_assign(f, REC_A, 0, f->moj);
    long report = fixture_draft(f, &f->fp_moj, REC_A, f->moj);
    long action = 0, indicator = 0, id = 0;
    struct core_plan_action a = {
        .rec_id = REC_A, .institution_id = f->moj, .description = "Draft the bill", .budget = NAN};
    struct core_indicator ind = {
        .rec_id = REC_A, .institution_id = f->moj, .name = "Bills", .baseline = NAN, .target = NAN};
    OK(core_action_put(f->st, &f->fp_moj, &a, &action, err));
    OK(core_indicator_put(f->st, &f->fp_moj, &ind, &indicator, err));
    long audit_before = 0;
    OK(store_audit_count(f->st, NULL, &audit_before, err));

    const struct core_actor *other = &f->fp_mlsa;
    struct err e = {0};
    struct core_plan_action a2 = a;
    a2.id = action;
    struct core_indicator ind2 = ind;
    ind2.id = indicator;
    struct core_indicator_value v = {indicator, "2024-01-01", 3, NULL};
    struct core_progress p = {.rec_id = REC_A,
                              .institution_id = f->moj,
                              .status = CORE_STATUS_IMPLEMENTED,
                              .narrative = "done"};
    struct core_cluster c = {.name = "mine", .kind = CORE_CLUSTER_MANUAL};
    struct core_assignment as = {.rec_id = REC_B, .institution_id = f->mlsa, .lead = 1};
    struct core_deadline d = {0, "UPR mid-term report", "UPR", "2024-12-01"};
    int refused[] = {
        core_action_put(f->st, other, &a, &id, &e),
        core_action_put(f->st, other, &a2, &id, &e),
        core_indicator_put(f->st, other, &ind, &id, &e),
        core_indicator_put(f->st, other, &ind2, &id, &e),
        core_indicator_value_put(f->st, other, &v, &e),
        core_progress_draft(f->st, other, &p, &id, &e),
        core_progress_edit(f->st, other, report, CORE_STATUS_IMPLEMENTED, "x", &e),
        core_progress_move(f->st, other, report, CORE_WF_SUBMITTED, NULL, &e),
        core_evidence_add(f->st, other, report, "a.txt", "text/plain", "hello", 5, &id, &e),
        core_cluster_create(f->st, other, &c, &id, &e),
        core_cluster_add(f->st, other, 1, REC_B, &e),
        core_assign(f->st, other, &as, &id, &e),
        core_deadline_put(f->st, other, &d, &id, &e),
        core_institution_branch_set(f->st, other, f->mlsa, "executive", &e),
    };
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++)
        if (refused[i] != ERR_DENIED)
            fail_msg("write %zu: expected ERR_DENIED, got %d", i, refused[i]);
    /* the message says why */
    assert_int_equal(core_progress_move(f->st, other, report, CORE_WF_SUBMITTED, NULL, &e),
                     ERR_DENIED);
    assert_non_null(strstr(e.msg, "own institution only"));
    long audit_after = 0;
    OK(store_audit_count(f->st, NULL, &audit_after, err));
    assert_int_equal(audit_after, audit_before);
    /* nor may the focal point work on what is not assigned to their institution */
    struct core_progress unassigned = {.rec_id = REC_B,
                                       .institution_id = f->mlsa,
                                       .status = CORE_STATUS_IMPLEMENTED,
                                       .narrative = "x"};
    assert_int_equal(core_progress_draft(f->st, other, &unassigned, &id, &e), ERR_DENIED);
    assert_non_null(strstr(e.msg, "not assigned"));
}

/* ---- the audit trail --------------------------------------------------------------------- */

static void test_every_write_records_an_audit_event_with_before_and_after(void **state)
{
    struct fixture *f = *state;
    long cluster = 0, action = 0, indicator = 0, note = 0, deadline = 0;
    struct core_cluster c = {.name = "By hand", .kind = CORE_CLUSTER_MANUAL};
    OK(core_cluster_create(f->st, &f->coord, &c, &cluster, err));
    OK(core_cluster_add(f->st, &f->coord, cluster, REC_A, err));
    long assignment = fixture_assign(f, REC_A, 0, f->moj);
    struct core_plan_action a = {.rec_id = REC_A,
                                 .institution_id = f->moj,
                                 .description = "Train judges",
                                 .due_date = "2024-06-01",
                                 .budget = 1200,
                                 .currency = "EUR"};
    OK(core_action_put(f->st, &f->fp_moj, &a, &action, err));
    a.id = action;
    a.status = CORE_ACTION_ONGOING;
    OK(core_action_put(f->st, &f->fp_moj, &a, &action, err));
    struct core_indicator ind = {.rec_id = REC_A,
                                 .institution_id = f->moj,
                                 .name = "Judges",
                                 .baseline = 0,
                                 .target = 100,
                                 .sdg_indicator = "16.3.1"};
    OK(core_indicator_put(f->st, &f->fp_moj, &ind, &indicator, err));
    struct core_indicator_value v = {indicator, "2024-02-01", 40, "first course"};
    OK(core_indicator_value_put(f->st, &f->fp_moj, &v, err));
    v.value = 45;
    OK(core_indicator_value_put(f->st, &f->fp_moj, &v, err));
    long report = fixture_draft(f, &f->fp_moj, REC_A, f->moj);
    OK(core_progress_edit(f->st, &f->fp_moj, report, CORE_STATUS_IMPLEMENTED, NULL, err));
    OK(core_progress_move(f->st, &f->fp_moj, report, CORE_WF_SUBMITTED, NULL, err));
    OK(core_progress_move(f->st, &f->coord, report, CORE_WF_VALIDATED, "well done", err));
    struct core_note n = {.rec_id = REC_A, .body = "Seen."};
    OK(core_note_add(f->st, &f->nhri, &n, &note, err));
    struct core_deadline d = {0, "UPR mid-term report", "UPR", "2024-12-01"};
    OK(core_deadline_put(f->st, &f->coord, &d, &deadline, err));
    OK(core_institution_branch_set(f->st, &f->coord, f->moj, "executive", err));

    struct {
        const char *entity;
        long id;
        const char *latest;
        int events, before, after;
    } want[] = {
        {"cluster", cluster, "add_member", 2, 0, 2},
        {"assignment", assignment, "create", 1, 0, 1},
        {"action", action, "update", 2, 1, 2},
        {"indicator", indicator, "value", 3, 1, 3},
        {"progress", report, "validate", 4, 3, 4},
        {"note", note, "create", 1, 0, 1},
        {"deadline", deadline, "create", 1, 0, 1},
        {"institution", f->moj, "update", 2, 1, 2}, /* created by the fixture, then branch */
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        struct audit_seen s = fixture_audit(f, want[i].entity, want[i].id);
        if (s.n != want[i].events || s.with_before != want[i].before ||
            s.with_after != want[i].after || strcmp(s.action, want[i].latest))
            fail_msg("%s %ld: %d events (%d before, %d after), latest %s", want[i].entity,
                     want[i].id, s.n, s.with_before, s.with_after, s.action);
    }
    struct audit_seen p = fixture_audit(f, "progress", report);
    assert_non_null(strstr(p.before, "\"workflow\":\"submitted\""));
    assert_non_null(strstr(p.after, "\"workflow\":\"validated\""));
    assert_non_null(strstr(p.after, "\"reviewed_by\":\"coord\""));
    struct audit_seen value = fixture_audit(f, "indicator", indicator);
    assert_non_null(strstr(value.before, "\"value\":40"));
    assert_non_null(strstr(value.after, "\"value\":45"));
    struct audit_seen branch = fixture_audit(f, "institution", f->moj);
    assert_string_equal(branch.before, "{\"branch\":null}");
    assert_string_equal(branch.after, "{\"branch\":\"executive\"}");
}

/* ---- publication and the workflow -------------------------------------------------------- */

struct reports_seen {
    int n;
    enum core_workflow workflow[8];
};

static int collect_report(void *ctx, const struct core_progress *p)
{
    struct reports_seen *s = ctx;
    assert_true(s->n < 8);
    s->workflow[s->n++] = p->workflow;
    return 0;
}

static int seen_by(struct fixture *f, const struct core_actor *actor, const char *rec_id)
{
    struct reports_seen s = {0};
    OK(core_progress_of(f->st, actor, rec_id, collect_report, &s, err));
    return s.n;
}

static int copy_row_status(void *ctx, const struct core_matrix_row *row)
{
    *(int *)ctx = row->status_known ? (int)row->status : -1;
    return 0;
}

static void test_the_public_sees_validated_progress_only(void **state)
{
    struct fixture *f = *state;
    fixture_assign(f, REC_A, 0, f->moj);
    long report = fixture_draft(f, &f->fp_moj, REC_A, f->moj);
    enum core_status status = CORE_STATUS_COUNT;
    int known = 1, row_status = 0;
    struct core_matrix_filter only_moj = {.institution_id = f->moj};
    OK(core_progress_move(f->st, &f->fp_moj, report, CORE_WF_SUBMITTED, NULL, err));
    assert_int_equal(seen_by(f, &f->publik, REC_A), 0);
    assert_int_equal(seen_by(f, &f->nhri, REC_A), 0);
    assert_int_equal(seen_by(f, &f->fp_mlsa, REC_A), 0); /* another institution's draft */
    assert_int_equal(seen_by(f, &f->fp_moj, REC_A), 1);
    assert_int_equal(seen_by(f, &f->viewer, REC_A), 1);
    assert_int_equal(seen_by(f, &f->coord, REC_A), 1);
    OK(core_status_of(f->st, REC_A, &status, &known, err));
    assert_int_equal(known, 0);
    OK(core_matrix_each(f->st, &f->publik, &only_moj, copy_row_status, &row_status, err));
    assert_int_equal(row_status, -1);
    struct err e = {0};
    struct reports_seen got = {0};
    assert_int_equal(core_progress_get(f->st, &f->publik, report, collect_report, &got, &e),
                     ERR_NOTFOUND);
    OK(core_progress_get(f->st, &f->fp_moj, report, collect_report, &got, err));
    assert_int_equal(got.n, 1);
    OK(core_progress_move(f->st, &f->coord, report, CORE_WF_VALIDATED, NULL, err));
    assert_int_equal(seen_by(f, &f->publik, REC_A), 1);
    assert_int_equal(seen_by(f, &f->fp_mlsa, REC_A), 1);
    OK(core_status_of(f->st, REC_A, &status, &known, err));
    assert_int_equal(known, 1);
    assert_int_equal(status, CORE_STATUS_IN_PROGRESS);
    OK(core_matrix_each(f->st, &f->publik, &only_moj, copy_row_status, &row_status, err));
    assert_int_equal(row_status, CORE_STATUS_IN_PROGRESS);
    /* a newer draft does not change what is published */
    long newer = fixture_draft(f, &f->fp_moj, REC_A, f->moj);
    OK(core_progress_edit(f->st, &f->fp_moj, newer, CORE_STATUS_IMPLEMENTED, "All done.", err));
    OK(core_status_of(f->st, REC_A, &status, &known, err));
    assert_int_equal(status, CORE_STATUS_IN_PROGRESS);
    assert_int_equal(seen_by(f, &f->publik, REC_A), 1);
    assert_int_equal(seen_by(f, &f->fp_moj, REC_A), 2);
}

static void test_reviews_need_another_coordinator_and_returns_a_comment(void **state)
{
    struct fixture *f = *state;
    fixture_assign(f, REC_A, 0, f->moj);
    long report = fixture_draft(f, &f->coord, REC_A, f->moj);
    struct err e = {0};
    assert_int_equal(core_progress_move(f->st, &f->coord, report, CORE_WF_VALIDATED, NULL, &e),
                     ERR_INPUT); /* not submitted yet */
    OK(core_progress_move(f->st, &f->coord, report, CORE_WF_SUBMITTED, NULL, err));
    assert_int_equal(core_progress_move(f->st, &f->coord, report, CORE_WF_VALIDATED, NULL, &e),
                     ERR_DENIED);
    assert_non_null(strstr(e.msg, "you submitted it"));
    assert_int_equal(core_progress_move(f->st, &f->fp_moj, report, CORE_WF_VALIDATED, NULL, &e),
                     ERR_DENIED);
    assert_int_equal(core_progress_move(f->st, &f->coord2, report, CORE_WF_RETURNED, "", &e),
                     ERR_INPUT);
    assert_non_null(strstr(e.msg, "comment"));
    assert_int_equal(
        core_progress_edit(f->st, &f->fp_moj, report, CORE_STATUS_IMPLEMENTED, NULL, &e),
        ERR_INPUT); /* submitted: frozen */
    OK(core_progress_move(f->st, &f->coord2, report, CORE_WF_RETURNED, "Add the figures.", err));
    OK(core_progress_edit(f->st, &f->fp_moj, report, CORE_STATUS_PARTIALLY_IMPLEMENTED,
                          "Figures: 12 courts.", err));
    OK(core_progress_move(f->st, &f->fp_moj, report, CORE_WF_SUBMITTED, NULL, err));
    /* an administrator may validate what they submitted; here coord may now, fp_moj submitted */
    OK(core_progress_move(f->st, &f->coord, report, CORE_WF_VALIDATED, NULL, err));
    assert_int_equal(
        core_progress_edit(f->st, &f->coord, report, CORE_STATUS_IMPLEMENTED, NULL, &e), ERR_INPUT);
    assert_non_null(strstr(e.msg, "validated"));
    assert_int_equal(core_progress_move(f->st, &f->admin, report, CORE_WF_RETURNED, "x", &e),
                     ERR_INPUT);
    long mine = fixture_draft(f, &f->admin, REC_A, f->moj);
    OK(core_progress_move(f->st, &f->admin, mine, CORE_WF_SUBMITTED, NULL, err));
    OK(core_progress_move(f->st, &f->admin, mine, CORE_WF_VALIDATED, NULL, err));
}

/* ---- notes ------------------------------------------------------------------------------- */

struct notes_seen {
    int n, independent;
    enum core_status status;
    char organisation[64];
};

static int collect_note(void *ctx, const struct core_note *n)
{
    struct notes_seen *s = ctx;
    s->n++;
    if (n->independent) {
        s->independent++;
        s->status = n->status;
        snprintf(s->organisation, sizeof s->organisation, "%s",
                 n->organisation ? n->organisation : "");
    }
    return 0;
}

static void test_independent_assessment_stands_beside_the_states_report(void **state)
{
    struct fixture *f = *state;
    fixture_assign(f, REC_A, 0, f->moj);
    long report = fixture_draft(f, &f->fp_moj, REC_A, f->moj), id = 0;
    OK(core_progress_move(f->st, &f->fp_moj, report, CORE_WF_SUBMITTED, NULL, err));
    OK(core_progress_move(f->st, &f->coord, report, CORE_WF_VALIDATED, NULL, err));
    struct core_note assessment = {.rec_id = REC_A,
                                   .organisation = "Human Rights Ombudsman",
                                   .independent = 1,
                                   .status = CORE_STATUS_NOT_STARTED,
                                   .body = "No bill has reached parliament."};
    struct core_note comment = {.rec_id = REC_A, .body = "Thank you."};
    struct err e = {0};
    assert_int_equal(core_note_add(f->st, &f->coord, &assessment, &id, &e), ERR_DENIED);
    assert_int_equal(core_note_add(f->st, &f->publik, &comment, &id, &e), ERR_DENIED);
    assert_int_equal(core_note_add(f->st, &f->viewer, &comment, &id, &e), ERR_DENIED);
    struct core_progress p = {.rec_id = REC_A, .institution_id = f->moj, .narrative = "x"};
    assert_int_equal(core_progress_draft(f->st, &f->nhri, &p, &id, &e), ERR_DENIED);
    OK(core_note_add(f->st, &f->nhri, &assessment, &id, err));
    OK(core_note_add(f->st, &f->fp_moj, &comment, &id, err));
    struct notes_seen notes = {0};
    OK(core_notes_of(f->st, REC_A, collect_note, &notes, err));
    assert_int_equal(notes.n, 2);
    assert_int_equal(notes.independent, 1);
    assert_int_equal(notes.status, CORE_STATUS_NOT_STARTED);
    assert_string_equal(notes.organisation, "Human Rights Ombudsman");
    /* beside, not instead: the published status is still the State's */
    enum core_status status;
    int known = 0;
    OK(core_status_of(f->st, REC_A, &status, &known, err));
    assert_int_equal(known, 1);
    assert_int_equal(status, CORE_STATUS_IN_PROGRESS);
    struct core_note no_status = assessment;
    no_status.status = CORE_STATUS_COUNT;
    assert_int_equal(core_note_add(f->st, &f->nhri, &no_status, &id, &e), ERR_INPUT);
}

/* ---- reminders --------------------------------------------------------------------------- */

static long add_user(struct fixture *f, const char *login, const char *role, long institution)
{
    struct store_user u = {.login = login,
                           .role = role,
                           .institution_id = institution,
                           .active = 1,
                           .created_at = fixture_now};
    long id = 0;
    OK(store_user_put(f->st, &u, &id, err));
    return id;
}

struct outbox_seen {
    int n;
    char line[16][160];
};

static int collect_notification(void *ctx, const struct core_notification *n)
{
    struct outbox_seen *s = ctx;
    assert_true(s->n < 16);
    snprintf(s->line[s->n++], 160, "%s %s %s", n->to_login, n->kind,
             n->to_email ? n->to_email : "-");
    return 0;
}

static int outbox_has(const struct outbox_seen *s, const char *line)
{
    for (int i = 0; i < s->n; i++)
        if (!strcmp(s->line[i], line))
            return 1;
    return 0;
}

static void test_outbox_reminds_what_is_due_or_overdue_once_a_day(void **state)
{
    struct fixture *f = *state;
    long fp = add_user(f, "fp_moj", "focal_point", f->moj);
    add_user(f, "fp_mlsa", "focal_point", f->mlsa);
    add_user(f, "coord", "coordinator", 0);
    OK(core_user_email_set(f->st, &f->admin, fp, "fp@justice.example", err));
    fixture_assign(f, REC_A, 0, f->moj);
    long id = 0;
    struct core_plan_action due = {.rec_id = REC_A,
                                   .institution_id = f->moj,
                                   .description = "Due soon",
                                   .due_date = "2024-03-04"};
    struct core_plan_action late = due, far = due, done = due;
    late.description = "Late";
    late.due_date = "2024-02-20";
    far.description = "Far away";
    far.due_date = "2024-06-01";
    done.description = "Done";
    done.due_date = "2024-02-01";
    done.status = CORE_ACTION_COMPLETED;
    const struct core_plan_action *actions[] = {&due, &late, &far, &done};
    for (int i = 0; i < 4; i++)
        OK(core_action_put(f->st, &f->fp_moj, actions[i], &id, err));
    struct core_deadline d = {0, "CEDAW periodic report", "CEDAW", "2024-03-05"};
    OK(core_deadline_put(f->st, &f->coord, &d, &id, err));
    long report = fixture_draft(f, &f->fp_moj, REC_A, f->moj);
    OK(core_progress_move(f->st, &f->fp_moj, report, CORE_WF_SUBMITTED, NULL, err));

    long queued = 0;
    OK(core_remind(f->st, 7, &queued, err));
    assert_int_equal(queued, 4);
    struct outbox_seen s = {0};
    OK(core_outbox_each(f->st, &f->admin, 1, collect_notification, &s, err));
    assert_int_equal(s.n, 4);
    assert_true(outbox_has(&s, "fp_moj action_due fp@justice.example"));
    assert_true(outbox_has(&s, "fp_moj action_overdue fp@justice.example"));
    assert_true(outbox_has(&s, "coord deadline_due -"));
    assert_true(outbox_has(&s, "coord progress_submitted -"));
    OK(core_remind(f->st, 7, &queued, err)); /* the same day: nothing new */
    assert_int_equal(queued, 0);
    fixture_now += DAY_MS;
    OK(core_remind(f->st, 7, &queued, err));
    assert_int_equal(queued, 4);
    fixture_now += 120 * DAY_MS; /* everything overdue now; the deadline is past */
    OK(core_remind(f->st, 7, &queued, err));
    assert_int_equal(queued, 4); /* three actions overdue, the report still waiting */
    /* a focal point sees their own notifications only; the public none */
    struct core_actor fp_user = f->fp_moj;
    fp_user.user_id = fp;
    struct outbox_seen mine = {0};
    struct err e = {0};
    OK(core_outbox_each(f->st, &fp_user, 0, collect_notification, &mine, err));
    assert_int_equal(mine.n, 7);
    assert_int_equal(core_outbox_each(f->st, &f->publik, 0, collect_notification, &mine, &e),
                     ERR_DENIED);
    OK(core_outbox_mark_sent(f->st, 1, err));
    struct outbox_seen unsent = {0};
    OK(core_outbox_each(f->st, &f->admin, 1, collect_notification, &unsent, err));
    assert_int_equal(unsent.n, 11);
    assert_int_equal(fixture_audit(f, "notification", 1).n, 1);
    assert_int_equal(fixture_audit(f, "outbox", 0).n, 3);
}

/* ---- the matrix -------------------------------------------------------------------------- */

struct matrix_seen {
    int rows, with_actions, with_indicators, with_clusters, lead_moj;
    char first[32];
};

static int collect_row(void *ctx, const struct core_matrix_row *row)
{
    struct matrix_seen *s = ctx;
    if (!s->rows++)
        snprintf(s->first, sizeof s->first, "%s", row->rec->id);
    s->with_actions += row->nactions > 0;
    s->with_indicators += row->nindicators > 0;
    s->with_clusters += row->nclusters > 0;
    for (size_t i = 0; i < row->nassignments; i++)
        s->lead_moj +=
            row->assignments[i].lead && !strcmp(row->assignments[i].institution_code, "MOJ");
    assert_non_null(row->rec->text[0]);
    return 0;
}

static void test_matrix_rows_carry_plans_and_filter_by_institution_and_cluster(void **state)
{
    struct fixture *f = *state;
    long cluster = 0, id = 0;
    struct core_cluster c = {.name = "Two", .kind = CORE_CLUSTER_MANUAL};
    OK(core_cluster_create(f->st, &f->coord, &c, &cluster, err));
    OK(core_cluster_add(f->st, &f->coord, cluster, REC_B, err));
    OK(core_cluster_add(f->st, &f->coord, cluster, REC_C, err));
    fixture_assign(f, REC_A, 0, f->moj);
    fixture_assign(f, NULL, cluster, f->moj);
    struct core_plan_action cluster_action = {
        .cluster_id = cluster, .institution_id = f->moj, .description = "For both"};
    OK(core_action_put(f->st, &f->fp_moj, &cluster_action, &id, err));
    struct core_indicator ind = {
        .rec_id = REC_A, .institution_id = f->moj, .name = "Courts", .baseline = NAN, .target = 10};
    OK(core_indicator_put(f->st, &f->fp_moj, &ind, &id, err));
    struct matrix_seen all = {0}, moj = {0}, two = {0};
    struct core_matrix_filter by_country = {.country = "SVN"};
    struct core_matrix_filter by_moj = {.institution_id = f->moj};
    struct core_matrix_filter by_cluster = {.cluster_id = cluster};
    OK(core_matrix_each(f->st, &f->publik, &by_country, collect_row, &all, err));
    OK(core_matrix_each(f->st, &f->publik, &by_moj, collect_row, &moj, err));
    OK(core_matrix_each(f->st, &f->publik, &by_cluster, collect_row, &two, err));
    assert_int_equal(all.rows, 215);
    assert_int_equal(moj.rows, 3);
    assert_string_equal(moj.first, REC_A);
    assert_int_equal(moj.with_actions, 2); /* the cluster's action reaches its members */
    assert_int_equal(moj.with_indicators, 1);
    assert_int_equal(moj.lead_moj, 3);
    assert_int_equal(two.rows, 2);
    assert_int_equal(two.with_clusters, 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, fixture_setup, fixture_teardown)
        T(test_theme_and_sdg_clusters_gather_what_is_tagged),
        T(test_manual_members_are_added_by_hand_and_kept_by_refresh),
        T(test_assignment_through_a_cluster_reaches_its_members),
        T(test_a_new_lead_makes_the_old_lead_supporting),
        T(test_focal_point_of_another_institution_is_refused_every_write),
        T(test_every_write_records_an_audit_event_with_before_and_after),
        T(test_the_public_sees_validated_progress_only),
        T(test_reviews_need_another_coordinator_and_returns_a_comment),
        T(test_independent_assessment_stands_beside_the_states_report),
        T(test_outbox_reminds_what_is_due_or_overdue_once_a_day),
        T(test_matrix_rows_carry_plans_and_filter_by_institution_and_cluster),
#undef T
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
