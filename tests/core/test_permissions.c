/*
 * test_permissions.c — the whole role x action matrix of src/core/permissions.c, cell by cell,
 * against the literal table below: changing a rule means changing this table too. Each cell is
 * asked for a resource of the actor's own institution, of another one and of none.
 */
#include "test.h"

#include "core/permissions.h"

/* Y: allowed; I: allowed only on the actor's own institution; -: refused. */
static const struct {
    enum core_action action;
    const char *name;
    const char *cells; /* public viewer contributor focal_point coordinator admin */
} expected[] = {
    {CORE_READ_PUBLISHED, "read_published", "Y  Y  Y  Y  Y  Y"},
    {CORE_READ_ALL, "read_all", "-  Y  -  I  Y  Y"},
    {CORE_SEARCH, "search", "Y  Y  Y  Y  Y  Y"},
    {CORE_READ_TAXONOMY, "read_taxonomy", "Y  Y  Y  Y  Y  Y"},
    {CORE_IMPORT, "import", "-  -  -  -  Y  Y"},
    {CORE_TAG, "tag", "-  -  -  -  Y  Y"},
    {CORE_MANAGE_USERS, "manage_users", "-  -  -  -  -  Y"},
    {CORE_READ_AUDIT, "read_audit", "-  -  -  -  -  Y"},
    {CORE_MANAGE_INSTITUTIONS, "manage_institutions", "-  -  -  -  Y  Y"},
    {CORE_EDIT_PROGRESS, "edit_progress", "-  -  -  I  Y  Y"},
    {CORE_VALIDATE_PROGRESS, "validate_progress", "-  -  -  -  Y  Y"},
    {CORE_COMMENT, "comment", "-  -  Y  Y  Y  Y"},
    {CORE_ASSESS_INDEPENDENTLY, "assess_independently", "-  -  Y  -  -  -"},
    {CORE_MANAGE_ORGS, "manage_orgs", "-  -  -  -  -  Y"},
    {CORE_RECORD_NEED, "record_need", "-  -  -  -  Y  Y"},
    {CORE_RECORD_OFFER, "record_offer", "-  -  Y  Y  Y  Y"},
    {CORE_COOP_MATCH, "coop_match", "-  -  Y  Y  Y  Y"},
    {CORE_HUB_PROPOSE, "hub_propose", "-  -  Y  Y  Y  Y"},
    {CORE_HUB_READ_DRAFTS, "hub_read_drafts", "-  Y  -  -  Y  Y"},
    {CORE_HUB_EDIT, "hub_edit", "-  -  -  -  Y  Y"},
};

static const char *const roles[] = {"public",      "viewer",      "contributor",
                                    "focal_point", "coordinator", "admin"};

enum { OWN = 5, OTHER = 6 };

/* The cell of row for role r, skipping the spaces that align the table. */
static char cell(const char *cells, int r)
{
    for (const char *p = cells; *p; p++)
        if (*p != ' ' && r-- == 0)
            return *p;
    fail_msg("table row \"%s\" has too few cells", cells);
    return 0;
}

static void test_every_action_and_role_is_in_the_table(void **state)
{
    (void)state;
    assert_int_equal(sizeof expected / sizeof expected[0], CORE_ACTION_COUNT);
    assert_int_equal(sizeof roles / sizeof roles[0], CORE_ROLE_COUNT);
    for (int a = 0; a < CORE_ACTION_COUNT; a++) {
        assert_int_equal(expected[a].action, a);
        assert_string_equal(core_action_name(expected[a].action), expected[a].name);
    }
    for (int r = 0; r < CORE_ROLE_COUNT; r++) {
        assert_int_equal(core_role_parse(roles[r]), r);
        assert_string_equal(core_role_name((enum core_role)r), roles[r]);
    }
}

static void test_matrix_matches_cell_by_cell(void **state)
{
    (void)state;
    for (int a = 0; a < CORE_ACTION_COUNT; a++) {
        for (int r = 0; r < CORE_ROLE_COUNT; r++) {
            struct core_actor actor = {r ? 42 : 0, "someone", roles[r], OWN, NULL};
            char want = cell(expected[a].cells, r);
            int own = core_may(&actor, expected[a].action, OWN);
            int other = core_may(&actor, expected[a].action, OTHER);
            int none = core_may(&actor, expected[a].action, 0);
            int ok = want == 'Y'   ? own && other && none
                     : want == 'I' ? own && !other && !none
                                   : !own && !other && !none;
            if (!ok)
                fail_msg("%s may %s: expected %c, got own=%d other=%d none=%d", roles[r],
                         expected[a].name, want, own, other, none);
        }
    }
}

static void test_focal_point_without_institution_gets_no_institution_rights(void **state)
{
    (void)state;
    struct core_actor fp = {3, "fp", "focal_point", 0, NULL};
    assert_false(core_may(&fp, CORE_EDIT_PROGRESS, 0));
    assert_false(core_may(&fp, CORE_READ_ALL, 0));
    assert_true(core_may(&fp, CORE_COMMENT, 0));
}

static void test_nobody_and_unknown_roles_are_public(void **state)
{
    (void)state;
    struct core_actor odd = {9, "x", "superuser", OWN, NULL};
    struct core_actor none = {9, "x", NULL, OWN, NULL};
    for (int a = 0; a < CORE_ACTION_COUNT; a++) {
        int pub = cell(expected[a].cells, 0) == 'Y';
        assert_int_equal(core_may(NULL, (enum core_action)a, OWN), pub);
        assert_int_equal(core_may(&odd, (enum core_action)a, OWN), pub);
        assert_int_equal(core_may(&none, (enum core_action)a, OWN), pub);
        assert_int_equal(core_may(&core_actor_public, (enum core_action)a, OWN), pub);
    }
    assert_int_equal(core_role_parse("Admin"), CORE_ROLE_COUNT); /* exact names only */
    assert_int_equal(core_role_parse(NULL), CORE_ROLE_COUNT);
    assert_false(core_may(NULL, CORE_ACTION_COUNT, 0));
    assert_null(core_action_name(CORE_ACTION_COUNT));
    assert_null(core_role_name(CORE_ROLE_COUNT));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_action_and_role_is_in_the_table),
        cmocka_unit_test(test_matrix_matches_cell_by_cell),
        cmocka_unit_test(test_focal_point_without_institution_gets_no_institution_rights),
        cmocka_unit_test(test_nobody_and_unknown_roles_are_public),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
