/*
 * test_upr_info.c — the UPR Info importer on the real exports (when ../shared/data is there):
 * counts, pledges kept apart, fields of sampled rows equal to the source files, MacRoman
 * originals and the UTF-8 flattening giving the same recommendations, and bad files refused
 * with FILE:LINE and nothing stored.
 */
#include "test.h"

#include "core/read.h"
#include "import/csv.h"
#include "import/import.h"

struct fixture {
    char path[256];
    struct store *st;
};

static int setup(void **state)
{
    static struct fixture f;
    struct err err = {0};
    test_tmp_db(f.path, sizeof f.path);
    if (store_open(f.path, STORE_CREATE, &f.st, &err) || import_taxonomies(f.st, "data", &err)) {
        fprintf(stderr, "%s\n", err.msg);
        return -1;
    }
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

static int import_file(struct store *st, const char *path, struct core_import *run, struct err *err)
{
    int rc = core_import_begin(run, st, err);
    if (rc)
        return rc;
    rc = import_upr_info(run, path, NULL, err);
    if (rc) {
        core_import_abort(run);
        return rc;
    }
    return core_import_commit(run, err);
}

struct kind_count {
    long recommendation, pledge;
};

static int on_kind(void *ctx, enum store_dim dim, const char *value, const char *label, long n)
{
    struct kind_count *k = ctx;
    (void)dim;
    (void)label;
    if (!strcmp(value, "recommendation"))
        k->recommendation = n;
    else if (!strcmp(value, "pledge"))
        k->pledge = n;
    return 0;
}

static struct kind_count kinds(struct store *st)
{
    struct kind_count k = {0};
    struct err err = {0};
    assert_int_equal(core_count_by(st, NULL, STORE_DIM_KIND, 0, on_kind, &k, &err), 0);
    return k;
}

static void test_raw_macroman_files_and_utf8_file_give_the_same_recommendations(void **state)
{
    struct fixture *f = *state;
    char p[512];
    static const char *const raw[] = {"upr-info/1-5.csv", "upr-info/6-9.csv", "upr-info/10-13.csv",
                                      "upr-info/14-17.csv"};
    if (!test_shared(raw[0], p, sizeof p))
        skip();
    struct err err = {0};
    struct core_import run;
    long rows = 0;
    for (size_t i = 0; i < 4; i++) {
        assert_non_null(test_shared(raw[i], p, sizeof p));
        if (import_file(f->st, p, &run, &err))
            fail_msg("%s", err.msg);
        rows += run.rows;
    }
    assert_int_equal(rows, 33082);
    struct kind_count k = kinds(f->st);
    assert_int_equal(k.recommendation, 33082);
    assert_int_equal(k.pledge, 0);
    /* the UTF-8 flattening holds the same rows plus 832 voluntary pledges: same ids */
    assert_non_null(test_shared("upr-info/upr_info_sessions_1-17_utf8.csv", p, sizeof p));
    if (import_file(f->st, p, &run, &err))
        fail_msg("%s", err.msg);
    assert_int_equal(run.rows, 33914);
    assert_int_equal(run.inserted, 832);
    assert_int_equal(run.updated, 33082);
    k = kinds(f->st);
    assert_int_equal(k.recommendation, 33082);
    assert_int_equal(k.pledge, 832);
    /* and once more: nothing changes */
    if (import_file(f->st, p, &run, &err))
        fail_msg("%s", err.msg);
    assert_int_equal(run.unchanged, 33914);
}

struct sample {
    const char *want_text, *want_country, *want_state, *want_response, *want_issue;
    int want_session, want_action, found;
};

static int check_rec(void *ctx, const struct store_rec *r)
{
    struct sample *s = ctx;
    if (!r->text[0] || strcmp(r->text[0], s->want_text))
        return 0;
    s->found++;
    assert_string_equal(r->country_label, s->want_country);
    assert_int_equal(r->nstates, 1);
    assert_string_equal(r->states[0].label, s->want_state);
    assert_int_equal(r->session, s->want_session);
    assert_int_equal(r->action_category, s->want_action);
    if (s->want_response)
        assert_string_equal(r->response, s->want_response);
    else
        assert_null(r->response);
    int has_issue = 0;
    for (size_t i = 0; i < r->ntags; i++)
        has_issue |= !strcmp(r->tags[i].label, s->want_issue) && r->tags[i].code != NULL;
    assert_true(has_issue);
    return 0;
}

/* Every 997th row of the UTF-8 file, read with the CSV reader, must be stored as it is there. */
static void test_sampled_rows_match_the_source_file(void **state)
{
    struct fixture *f = *state;
    char p[512];
    if (!test_shared("upr-info/upr_info_sessions_1-17_utf8.csv", p, sizeof p))
        skip();
    struct err err = {0};
    struct core_import run;
    if (import_file(f->st, p, &run, &err))
        fail_msg("%s", err.msg);
    struct csv_reader *reader;
    assert_int_equal(csv_open_file(p, NULL, &reader, &err), 0);
    struct csv_row row;
    assert_int_equal(csv_read_row(reader, &row, &err), 1);
    int checked = 0;
    for (long n = 0; csv_read_row(reader, &row, &err) == 1; n++) {
        if (n % 997)
            continue;
        const char *const *v = row.fields;
        if (strchr(v[4], '&'))
            continue; /* entities are decoded on import; compared elsewhere */
        char issue[128];
        snprintf(issue, sizeof issue, "%s", v[10]);
        char *bar = strchr(issue, '|');
        if (bar)
            *bar = '\0';
        struct sample s = {
            v[4],
            v[1],
            v[5],
            !strcmp(v[8], "Accepted") ? "supported" : !strcmp(v[8], "Noted") ? "noted" : NULL,
            issue,
            atoi(v[11]),
            atoi(v[9]),
            0};
        /* the id is made from the row, so the stored record is found by it */
        char iso3[4];
        assert_int_equal(store_country_find(f->st, v[1], iso3, &err), 1);
        const char *from = v[5];
        struct core_rec_in in = {.kind = !strcmp(v[8], "Voluntary Pledge") ? "pledge" : NULL,
                                 .country = v[1],
                                 .session = atoi(v[11]),
                                 .text = {v[4]},
                                 .states = &from,
                                 .nstates = 1};
        struct buf id = BUF_INIT;
        assert_int_equal(core_rec_make_id(&in, iso3, 0, &id), 0);
        if (core_rec_get(f->st, buf_str(&id), check_rec, &s, &err))
            fail_msg("row %ld: %s", n, err.msg);
        buf_free(&id);
        assert_int_equal(s.found, 1);
        checked++;
    }
    csv_close(reader);
    assert_true(checked >= 30);
}

static void test_bad_file_is_refused_with_line_and_nothing_stored(void **state)
{
    struct fixture *f = *state;
    static const struct {
        const char *content, *expect;
    } cases[] = {
        {"To,Text,From,Response,Action,Issue,Session\n"
         "Chad,Ratify the CAT,France,Accepted,5,Torture and other CID treatment,5\n"
         "Chad,\"Broken quote,France,Accepted,5,Justice,5\n",
         ":3:"},
        {"To,Text,From,Response,Action,Issue,Session\n"
         "Chad,Ratify the CAT,France,Accepted,9,Justice,5\n",
         "expected 1 to 5"},
        {"To,Text,From,Response,Action,Issue,Session\n"
         "Chad,Ratify the CAT,France,Perhaps,3,Justice,5\n",
         "Perhaps"},
        {"To,Text,From,Response,Action,Issue,Session\n"
         "Chad,Ratify the CAT,France,Accepted,3,Justice\n",
         ":2:"},
        {"State,Recommendation\nChad,Ratify\n", "no column"},
        {"To,Text,From,Response,Action,Issue,Session\n"
         "Chad,Ratify the \xff\xfe CAT,France,Accepted,3,Justice,5\n",
         ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char path[256];
        snprintf(path, sizeof path, "/tmp/suivi-test-bad-%d-%zu.csv", (int)getpid(), i);
        FILE *fp = fopen(path, "wb");
        fputs(cases[i].content, fp);
        fclose(fp);
        struct err err = {0};
        struct core_import run;
        int rc = import_file(f->st, path, &run, &err);
        unlink(path);
        if (i == 5 && rc == 0)
            continue; /* bytes that are valid CP1252/MacRoman are decoded, not refused */
        assert_int_not_equal(rc, 0);
        if (!strstr(err.msg, cases[i].expect))
            fail_msg("case %zu: \"%s\" does not name \"%s\"", i, err.msg, cases[i].expect);
        assert_non_null(strstr(err.msg, path));
        long n = -1;
        assert_int_equal(core_count(f->st, "recommendation", &n, &err), 0);
        assert_int_equal(n, 0);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(
            test_raw_macroman_files_and_utf8_file_give_the_same_recommendations, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sampled_rows_match_the_source_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_file_is_refused_with_line_and_nothing_stored,
                                        setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
