/*
 * test_workflow.c — the pure rules of src/core/workflow.c: every workflow transition for every
 * role, cell by cell, against the literal table below (changing a rule means changing this
 * table too), each asked for a report of the actor's own institution, of another one and of
 * none; and the names of statuses, workflow states, action statuses and cluster kinds.
 */
#include "test.h"

#include "core/followup.h"

/* Y: allowed; I: allowed only for a report of the actor's own institution; -: refused.
 * One line per `from` state, one cell per `to` state: draft submitted validated returned. */
static const struct {
    const char *role;
    const char *from[CORE_WF_COUNT];
} expected[] = {
    {"public", {"-  -  -  -", "-  -  -  -", "-  -  -  -", "-  -  -  -"}},
    {"viewer", {"-  -  -  -", "-  -  -  -", "-  -  -  -", "-  -  -  -"}},
    {"contributor", {"-  -  -  -", "-  -  -  -", "-  -  -  -", "-  -  -  -"}},
    {"focal_point", {"I  I  -  -", "-  -  -  -", "-  -  -  -", "-  I  -  I"}},
    {"coordinator", {"Y  Y  -  -", "-  -  Y  Y", "-  -  -  -", "-  Y  -  Y"}},
    {"admin", {"Y  Y  -  -", "-  -  Y  Y", "-  -  -  -", "-  Y  -  Y"}},
};

enum { OWN = 7, OTHER = 8 };

static char cell(const char *cells, int k)
{
    for (const char *p = cells; *p; p++)
        if (*p != ' ' && k-- == 0)
            return *p;
    fail_msg("table row \"%s\" has too few cells", cells);
    return 0;
}

static void test_every_transition_for_every_role_matches_the_table(void **state)
{
    (void)state;
    assert_int_equal(sizeof expected / sizeof expected[0], 6);
    for (size_t r = 0; r < sizeof expected / sizeof expected[0]; r++) {
        struct core_actor actor = {r ? 42 : 0, "someone", expected[r].role, OWN, NULL};
        for (int from = 0; from < CORE_WF_COUNT; from++) {
            for (int to = 0; to < CORE_WF_COUNT; to++) {
                char want = cell(expected[r].from[from], to);
                int own = core_workflow_may(&actor, from, to, OWN);
                int other = core_workflow_may(&actor, from, to, OTHER);
                int none = core_workflow_may(&actor, from, to, 0);
                int ok = want == 'Y'   ? own && other && none
                         : want == 'I' ? own && !other && !none
                                       : !own && !other && !none;
                if (!ok)
                    fail_msg("%s: %s -> %s: expected %c, got own=%d other=%d none=%d",
                             expected[r].role, core_workflow_name(from), core_workflow_name(to),
                             want, own, other, none);
            }
        }
    }
}

static void test_focal_point_without_institution_may_nothing(void **state)
{
    (void)state;
    struct core_actor fp = {5, "fp", "focal_point", 0, NULL};
    for (int from = 0; from < CORE_WF_COUNT; from++)
        for (int to = 0; to < CORE_WF_COUNT; to++)
            assert_false(core_workflow_may(&fp, from, to, 0));
}

static void test_unknown_actor_and_states_are_refused(void **state)
{
    (void)state;
    struct core_actor boss = {1, "boss", "superuser", 1, NULL};
    struct core_actor admin = {1, "root", "admin", 0, NULL};
    assert_false(core_workflow_may(NULL, CORE_WF_DRAFT, CORE_WF_SUBMITTED, 1));
    assert_false(core_workflow_may(&boss, CORE_WF_DRAFT, CORE_WF_SUBMITTED, 1));
    assert_false(core_workflow_may(&admin, CORE_WF_COUNT, CORE_WF_SUBMITTED, 1));
    assert_false(core_workflow_may(&admin, CORE_WF_DRAFT, CORE_WF_COUNT, 1));
    assert_false(core_workflow_may(&admin, (enum core_workflow) - 1, CORE_WF_DRAFT, 1));
}

static void test_names_round_trip_and_unknown_names_are_refused(void **state)
{
    (void)state;
    static const char *const statuses[] = {"not_started", "in_progress", "partially_implemented",
                                           "implemented", "not_accepted"};
    static const char *const workflows[] = {"draft", "submitted", "validated", "returned"};
    static const char *const actions[] = {"planned", "ongoing", "completed", "delayed",
                                          "cancelled"};
    static const char *const kinds[] = {"theme", "sdg", "affected", "body", "manual"};
    assert_int_equal(sizeof statuses / sizeof *statuses, CORE_STATUS_COUNT);
    assert_int_equal(sizeof workflows / sizeof *workflows, CORE_WF_COUNT);
    assert_int_equal(sizeof actions / sizeof *actions, CORE_ACTION_STATUS_COUNT);
    assert_int_equal(sizeof kinds / sizeof *kinds, CORE_CLUSTER_COUNT);
    for (int i = 0; i < CORE_STATUS_COUNT; i++) {
        enum core_status s;
        assert_string_equal(core_status_name(i), statuses[i]);
        assert_int_equal(core_status_parse(statuses[i], &s), 0);
        assert_int_equal(s, i);
    }
    for (int i = 0; i < CORE_WF_COUNT; i++) {
        enum core_workflow w;
        assert_string_equal(core_workflow_name(i), workflows[i]);
        assert_int_equal(core_workflow_parse(workflows[i], &w), 0);
        assert_int_equal(w, i);
    }
    for (int i = 0; i < CORE_ACTION_STATUS_COUNT; i++) {
        enum core_action_status a;
        assert_string_equal(core_action_status_name(i), actions[i]);
        assert_int_equal(core_action_status_parse(actions[i], &a), 0);
        assert_int_equal(a, i);
    }
    for (int i = 0; i < CORE_CLUSTER_COUNT; i++) {
        enum core_cluster_kind k;
        assert_string_equal(core_cluster_kind_name(i), kinds[i]);
        assert_int_equal(core_cluster_kind_parse(kinds[i], &k), 0);
        assert_int_equal(k, i);
    }
    enum core_status s;
    enum core_workflow w;
    enum core_action_status a;
    enum core_cluster_kind k;
    assert_int_equal(core_status_parse("Implemented", &s), ERR_INPUT);
    assert_int_equal(core_status_parse(NULL, &s), ERR_INPUT);
    assert_int_equal(core_workflow_parse("published", &w), ERR_INPUT);
    assert_int_equal(core_action_status_parse("", &a), ERR_INPUT);
    assert_int_equal(core_cluster_kind_parse("similar", &k), ERR_INPUT);
    assert_null(core_status_name(CORE_STATUS_COUNT));
    assert_null(core_workflow_name(CORE_WF_COUNT));
    assert_null(core_action_status_name(CORE_ACTION_STATUS_COUNT));
    assert_null(core_cluster_kind_name(CORE_CLUSTER_COUNT));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_transition_for_every_role_matches_the_table),
        cmocka_unit_test(test_focal_point_without_institution_may_nothing),
        cmocka_unit_test(test_unknown_actor_and_states_are_refused),
        cmocka_unit_test(test_names_round_trip_and_unknown_names_are_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
