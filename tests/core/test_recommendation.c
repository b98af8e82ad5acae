/*
 * test_recommendation.c — import runs: response words, stable ids, linking printed names to
 * countries and terms (and keeping what cannot be linked), one transaction per run.
 */
#include "test.h"

#include "core/read.h"
#include "core/recommendation.h"

static void test_response_words_map_to_the_domain_vocabulary(void **state)
{
    (void)state;
    const char *r;
    assert_int_equal(core_response_parse("Accepted", &r), 0);
    assert_string_equal(r, "supported");
    assert_int_equal(core_response_parse(" Supported ", &r), 0);
    assert_string_equal(r, "supported");
    assert_int_equal(core_response_parse("NOTED", &r), 0);
    assert_string_equal(r, "noted");
    assert_int_equal(core_response_parse("Partially supported", &r), 0);
    assert_string_equal(r, "partially_supported");
    assert_int_equal(core_response_parse("", &r), 0);
    assert_null(r);
    assert_int_equal(core_response_parse(NULL, &r), 0);
    assert_int_equal(core_response_parse("Maybe", &r), ERR_INPUT);
}

static void test_ids_are_stable_and_ignore_spacing(void **state)
{
    (void)state;
    const char *from = "Austria";
    struct core_rec_in a = {.country = "Afghanistan",
                            .session = 5,
                            .text = {"Enact  laws "},
                            .states = &from,
                            .nstates = 1};
    struct core_rec_in b = a;
    b.text[0] = "Enact laws";
    struct buf x = BUF_INIT, y = BUF_INIT, z = BUF_INIT;
    assert_int_equal(core_rec_make_id(&a, "AFG", 0, &x), 0);
    assert_int_equal(core_rec_make_id(&b, "AFG", 0, &y), 0);
    assert_string_equal(buf_str(&x), buf_str(&y));
    assert_int_equal(strncmp(buf_str(&x), "AFG-UPR05-", 10), 0);
    assert_int_equal(strlen(buf_str(&x)), 20);
    assert_int_equal(core_rec_make_id(&a, "AFG", 1, &z), 0);
    assert_non_null(strstr(buf_str(&z), "-2"));
    buf_reset(&y);
    b.text[0] = "Enact other laws";
    assert_int_equal(core_rec_make_id(&b, "AFG", 0, &y), 0);
    assert_string_not_equal(buf_str(&x), buf_str(&y));
    buf_free(&x);
    buf_free(&y);
    buf_free(&z);
}

struct fixture {
    char path[256];
    struct store *st;
};

static int setup(void **state)
{
    static struct fixture f;
    struct err err = {0};
    test_tmp_db(f.path, sizeof f.path);
    if (store_open(f.path, STORE_CREATE, &f.st, &err))
        return -1;
    struct store_country c = {
        "AFG", "AF",    "004", {"Afghanistan", "Afghanistan", "Afganistán"}, {NULL, NULL, NULL},
        "APG", "member"};
    struct store_country d = {
        "AUT",  "AT",    "040", {"Austria", "Autriche", "Austria"}, {NULL, NULL, NULL},
        "WEOG", "member"};
    struct store_term t = {"upr_issue", "womens-rights", NULL, {"Women's rights", NULL, NULL}};
    if (store_country_put(f.st, &c, &err) || store_country_put(f.st, &d, &err) ||
        store_term_put(f.st, &t, &err))
        return -1;
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    store_close(f->st);
    test_rm_db(f->path);
    return 0;
}

struct seen {
    char country[8], state[8], tag_code[64];
    int unlinked_tags;
};

static int on_rec(void *ctx, const struct store_rec *r)
{
    struct seen *s = ctx;
    snprintf(s->country, sizeof s->country, "%s", r->country ? r->country : "-");
    snprintf(s->state, sizeof s->state, "%s",
             r->nstates && r->states[0].iso3 ? r->states[0].iso3 : "-");
    for (size_t i = 0; i < r->ntags; i++) {
        if (r->tags[i].code)
            snprintf(s->tag_code, sizeof s->tag_code, "%s", r->tags[i].code);
        else
            s->unlinked_tags++;
    }
    return 0;
}

static void test_import_links_names_and_keeps_unlinkable_labels(void **state)
{
    struct fixture *f = *state;
    struct err err = {0};
    struct core_import run;
    const char *from = "Autriche";
    struct core_tag_in tags[] = {{"upr_issue", "women's rights"}, {"upr_issue", "Martians"}};
    struct core_rec_in in = {.id = "T-1",
                             .country = "afghanistan",
                             .session = 5,
                             .response = "Accepted",
                             .text = {"Protect women"},
                             .states = &from,
                             .nstates = 1,
                             .tags = tags,
                             .ntags = 2};
    assert_int_equal(core_import_begin(&run, f->st, &err), 0);
    assert_int_equal(core_import_rec(&run, &in, &err), 0);
    assert_int_equal(run.unlinked_tags, 1);
    assert_int_equal(run.unlinked_countries, 0);
    assert_int_equal(core_import_commit(&run, &err), 0);
    struct seen s = {0};
    assert_int_equal(core_rec_get(f->st, "T-1", on_rec, &s, &err), 0);
    assert_string_equal(s.country, "AFG");
    assert_string_equal(s.state, "AUT");
    assert_string_equal(s.tag_code, "womens-rights");
    assert_int_equal(s.unlinked_tags, 1);
}

static void test_aborted_run_leaves_nothing(void **state)
{
    struct fixture *f = *state;
    struct err err = {0};
    struct core_import run;
    struct core_rec_in in = {.country = "Austria", .text = {"Ratify the Convention"}};
    assert_int_equal(core_import_begin(&run, f->st, &err), 0);
    assert_int_equal(core_import_rec(&run, &in, &err), 0);
    core_import_abort(&run);
    long n = -1;
    assert_int_equal(core_count(f->st, "recommendation", &n, &err), 0);
    assert_int_equal(n, 0);
}

static void test_missing_text_or_bad_response_is_refused_by_field(void **state)
{
    struct fixture *f = *state;
    struct err err = {0};
    struct core_import run;
    struct core_rec_in no_text = {.country = "Austria"};
    struct core_rec_in bad = {.country = "Austria", .text = {"x"}, .response = "Perhaps"};
    assert_int_equal(core_import_begin(&run, f->st, &err), 0);
    assert_int_equal(core_import_rec(&run, &no_text, &err), ERR_INPUT);
    assert_non_null(strstr(err.msg, "field text"));
    assert_int_equal(core_import_rec(&run, &bad, &err), ERR_INPUT);
    assert_non_null(strstr(err.msg, "Perhaps"));
    core_import_abort(&run);
}

static void test_identical_rows_get_numbered_ids(void **state)
{
    struct fixture *f = *state;
    struct err err = {0};
    struct core_import run;
    struct core_rec_in in = {.country = "Austria", .session = 9, .text = {"Same words"}};
    assert_int_equal(core_import_begin(&run, f->st, &err), 0);
    assert_int_equal(core_import_rec(&run, &in, &err), 0);
    assert_int_equal(core_import_rec(&run, &in, &err), 0);
    assert_int_equal(core_import_commit(&run, &err), 0);
    assert_int_equal(run.inserted, 2);
    /* the same file again: both recognised, nothing changes */
    assert_int_equal(core_import_begin(&run, f->st, &err), 0);
    assert_int_equal(core_import_rec(&run, &in, &err), 0);
    assert_int_equal(core_import_rec(&run, &in, &err), 0);
    assert_int_equal(core_import_commit(&run, &err), 0);
    assert_int_equal(run.unchanged, 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_response_words_map_to_the_domain_vocabulary),
        cmocka_unit_test(test_ids_are_stable_and_ignore_spacing),
        cmocka_unit_test_setup_teardown(test_import_links_names_and_keeps_unlinkable_labels, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_aborted_run_leaves_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_missing_text_or_bad_response_is_refused_by_field,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_identical_rows_get_numbered_ids, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
