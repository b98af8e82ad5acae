/*
 * test_bundle.c — tests of the exchange bundle (src/import/bundle.c reads it,
 * src/report/bundle.c writes it, src/store/sqlite_bundle_*.c keep it): the fixture
 * tests/fixtures/bundle/svn-small.json (five Slovenian recommendations with a whole follow-up)
 * is imported into an empty database and exported again byte for byte; a second import changes
 * nothing; a published-only export leaves drafts, comments, suggestions and files out; bad
 * bundles (wrong types, missing members, unknown version, duplicates, dangling references,
 * every truncation) are refused with the JSON path and leave the database as it was.
 */
#include "test.h"

#include <math.h>

#include "core/recommendation.h"
#include "import/bundle.h"
#include "import/import.h"
#include "report/bundle.h"
#include "util/file.h"
#include "util/json.h"

#define FIXTURE "tests/fixtures/bundle/svn-small.json"
#define FIXTURE_CREATED_AT 1780000000000LL

struct db {
    char path[256];
    struct store *st;
};

static void db_open(struct db *d, int with_demo)
{
    struct err err = {0};
    test_tmp_db(d->path, sizeof d->path);
    if (store_open(d->path, STORE_CREATE, &d->st, &err) || import_taxonomies(d->st, "data", &err))
        fail_msg("database: %s", err.msg);
    if (!with_demo)
        return;
    struct core_import run;
    struct import_options o = {0};
    if (core_import_begin(&run, d->st, &err) ||
        import_thematic_list(&run, "data/demo/slovenia-upr-cycle3-thematic-list.md", &o, &err) ||
        core_import_commit(&run, &err))
        fail_msg("demo: %s", err.msg);
}

static void db_close(struct db *d)
{
    store_close(d->st);
    test_rm_db(d->path);
}

static char *fixture(size_t *n)
{
    struct buf b = BUF_INIT;
    struct err err = {0};
    if (file_read_all(FIXTURE, 1 << 24, &b, &err))
        fail_msg("%s", err.msg);
    *n = b.len;
    return buf_detach(&b);
}

/* The bundle of d as the fixture was made (--all --with-files --state SVN). */
static char *export_all(struct db *d, int all, size_t *n)
{
    char *text = NULL;
    FILE *f = open_memstream(&text, n);
    assert_non_null(f);
    struct report_bundle_options o = {.state = "SVN",
                                      .all = all,
                                      .with_files = all,
                                      .deployment = "Slovenia NMIRF (test)",
                                      .created_at = FIXTURE_CREATED_AT};
    struct err err = {0};
    int rc = report_bundle_write(d->st, &o, f, NULL, &err);
    fclose(f);
    if (rc)
        fail_msg("export: %s", err.msg);
    return text;
}

static long rows(struct db *d, const char *entity)
{
    struct err err = {0};
    long n = -1;
    int rc = !strcmp(entity, "recommendation") ? store_count(d->st, entity, &n, &err)
                                               : store_followup_count(d->st, entity, &n, &err);
    if (rc)
        fail_msg("count %s: %s", entity, err.msg);
    return n;
}

static long audit_events(struct db *d)
{
    struct err err = {0};
    long n = -1;
    if (store_audit_count(d->st, NULL, &n, &err))
        fail_msg("%s", err.msg);
    return n;
}

static int import_text(struct db *d, const char *text, size_t n, struct import_bundle_result *res,
                       struct err *err)
{
    return import_bundle_text(d->st, "bundle.json", text, n, NULL, res, err);
}

static void test_fixture_round_trip_is_byte_identical(void **state)
{
    (void)state;
    struct db d;
    db_open(&d, 0);
    size_t n, m;
    char *text = fixture(&n);
    struct import_bundle_result res;
    struct err err = {0};
    if (import_text(&d, text, n, &res, &err))
        fail_msg("%s", err.msg);
    assert_int_equal(res.records[IMPORT_BUNDLE_RECOMMENDATIONS], 5);
    assert_int_equal(res.records[IMPORT_BUNDLE_PROGRESS], 2);
    assert_int_equal(res.records[IMPORT_BUNDLE_FILES], 1);
    assert_int_equal(res.updated, 0);
    assert_int_equal(res.unchanged, 1); /* the second need's organisation, added by the first */
    assert_int_equal(res.evidence_without_file, 0);
    assert_int_equal(rows(&d, "evidence"), 1);
    assert_int_equal(rows(&d, "note"), 2);
    char *again = export_all(&d, 1, &m);
    assert_int_equal(m, n);
    assert_memory_equal(again, text, n);
    free(again);
    free(text);
    db_close(&d);
}

static void test_second_import_changes_nothing(void **state)
{
    (void)state;
    struct db d;
    db_open(&d, 0);
    size_t n;
    char *text = fixture(&n);
    struct import_bundle_result res;
    struct err err = {0};
    assert_int_equal(import_text(&d, text, n, &res, &err), 0);
    long events = audit_events(&d);
    assert_int_equal(events > 0, 1); /* the first import is audited */
    long rows_read = res.inserted + res.unchanged;
    assert_int_equal(res.updated, 0);
    assert_int_equal(import_text(&d, text, n, &res, &err), 0);
    assert_int_equal(res.inserted, 0);
    assert_int_equal(res.updated, 0);
    assert_int_equal(res.unchanged, rows_read);
    assert_int_equal(audit_events(&d), events); /* nothing changed: nothing to audit */
    free(text);
    db_close(&d);
}

static void test_merge_into_a_database_that_has_the_recommendations(void **state)
{
    (void)state;
    struct db d;
    db_open(&d, 1);
    long recs = rows(&d, "recommendation");
    size_t n;
    char *text = fixture(&n);
    struct import_bundle_result res;
    struct err err = {0};
    if (import_text(&d, text, n, &res, &err))
        fail_msg("%s", err.msg);
    assert_int_equal(rows(&d, "recommendation"), recs); /* merged by stable id */
    assert_int_equal(rows(&d, "progress"), 2);
    /* the recommendations themselves were there already, unchanged (their tags as a set) */
    assert_int_equal(res.unchanged >= 5, 1);
    free(text);
    db_close(&d);
}

static void test_published_only_leaves_out_drafts_comments_suggestions_and_files(void **state)
{
    (void)state;
    struct db d;
    db_open(&d, 0);
    size_t n, m;
    char *text = fixture(&n);
    struct import_bundle_result res;
    struct err err = {0};
    assert_int_equal(import_text(&d, text, n, &res, &err), 0);
    char *pub = export_all(&d, 0, &m);
    struct jsonr_doc *doc;
    if (jsonr_parse(pub, m, "published", &doc, &err))
        fail_msg("%s", err.msg);
    const struct jsonr *root = jsonr_root(doc);
    assert_string_equal(jsonr_string(jsonr_get(root, "scope"), NULL), "published");
    assert_int_equal(jsonr_size(jsonr_get(root, "recommendations")), 5);
    assert_int_equal(jsonr_size(jsonr_get(root, "suggestions")), 0);
    assert_int_equal(jsonr_size(jsonr_get(root, "files")), 0);
    const struct jsonr *progress = jsonr_get(root, "progress");
    assert_int_equal(jsonr_size(progress), 1);
    assert_string_equal(jsonr_string(jsonr_get(jsonr_at(progress, 0), "workflow"), NULL),
                        "validated");
    const struct jsonr *notes = jsonr_get(root, "notes");
    assert_int_equal(jsonr_size(notes), 1);
    int independent = 0;
    assert_int_equal(jsonr_bool(jsonr_get(jsonr_at(notes, 0), "independent"), &independent), 1);
    assert_int_equal(independent, 1);
    jsonr_free(doc);
    /* a hub reading it keeps the evidence's description only when it has the file */
    struct db hub;
    db_open(&hub, 0);
    if (import_text(&hub, pub, m, &res, &err))
        fail_msg("%s", err.msg);
    assert_int_equal(res.evidence_without_file, 1);
    assert_int_equal(rows(&hub, "progress"), 1);
    db_close(&hub);
    free(pub);
    free(text);
    db_close(&d);
}

/* The fixture with the first occurrence of from replaced by to. */
static char *edited(const char *text, const char *from, const char *to, size_t *n)
{
    const char *at = strstr(text, from);
    if (!at)
        fail_msg("fixture has no %s", from);
    struct buf b = BUF_INIT;
    buf_append(&b, text, (size_t)(at - text));
    buf_puts(&b, to);
    buf_puts(&b, at + strlen(from));
    *n = b.len;
    return buf_detach(&b);
}

static void test_bad_bundles_name_the_path_and_keep_nothing(void **state)
{
    (void)state;
    static const struct {
        const char *from, *to, *message;
    } cases[] = {
        {"\"texts\":{\"en\":\"Ratify", "\"texts\":{\"en\":5,\"x\":\"Ratify",
         "bundle.json: $.recommendations[0].texts.en: expected a string, not an integer"},
        {"\"id\":\"SVN-UPR34-121.11\",", "",
         "bundle.json: $.recommendations[1].id: missing, expected a string"},
        {"\"version\": 1", "\"version\": 2",
         "bundle.json: $.version: this bundle is in format version 2; this suivi reads version "
         "1 only"},
        {"\"version\": 1", "\"version\": \"1\"",
         "bundle.json: $.version: expected an integer, not a string"},
        {"\"format\": \"suivi-bundle\"", "\"format\": \"other\"",
         "bundle.json: $.format: \"other\": expected \"suivi-bundle\""},
        {"\"id\":\"SVN-UPR34-121.11\"", "\"id\":\"SVN-UPR34-121.1\"",
         "bundle.json: $.recommendations[1]: the same recommendation as $.recommendations[0]"},
        {"\"response\":\"supported\"", "\"response\":\"perhaps\"",
         "bundle.json: $.recommendations[0].response: \"perhaps\" is not one of supported, "
         "noted, partially_supported"},
        {"\"origin\":\"source\"", "\"origin\":\"oracle\"",
         "bundle.json: $.recommendations[0].tags[0].origin: \"oracle\" is not one of source, "
         "human, machine"},
        {"\"country\":\"SVN\"", "\"country\":\"ZZZ\"",
         "bundle.json: $.recommendations[0].country: \"ZZZ\" is not the ISO3 code of a country"},
        {"\"institution\":\"MOJ\"", "\"institution\":\"NOPE\"",
         "bundle.json: $.assignments[0]: no institution with code \"NOPE\""},
        {"\"workflow\":\"validated\"", "\"workflow\":\"approved\"",
         "bundle.json: $.progress[0].workflow: \"approved\" is not one of draft, submitted, "
         "validated, returned"},
        {"\"uploaded_at\":\"", "\"uploaded_at\":\"yesterday\",\"x\":\"",
         "bundle.json: $.progress[0].evidence[0].uploaded_at: \"yesterday\" is not a UTC time"},
        {"\"content_base64\":\"", "\"content_base64\":\"A",
         "bundle.json: $.files[0].content_base64: expected base64"},
        {"\"date\":\"2025-01-01\"", "\"date\":\"2024-01-01\"",
         "bundle.json: $.indicators[0].values[1].date: the same date as values[0]"},
        {"\"by_hand\":true", "\"by_hand\":\"yes\"",
         "bundle.json: $.cluster_members[0].by_hand: expected true or false, not a string"},
        {"\"actions\": [", "\"actions\": {\"a\": [",
         "bundle.json: line"}, /* broken JSON: jansson's line and column */
    };
    size_t n;
    char *text = fixture(&n);
    struct db d;
    db_open(&d, 0);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t m;
        char *bad = edited(text, cases[i].from, cases[i].to, &m);
        struct import_bundle_result res;
        struct err err = {0};
        int rc = import_text(&d, bad, m, &res, &err);
        if (rc != ERR_INPUT || !strstr(err.msg, cases[i].message))
            fail_msg("case %zu: rc %d, \"%s\", expected \"%s\"", i, rc, err.msg, cases[i].message);
        assert_int_equal(rows(&d, "recommendation"), 0);
        assert_int_equal(rows(&d, "cluster"), 0);
        assert_int_equal(audit_events(&d), 0);
        free(bad);
    }
    db_close(&d);
    free(text);
}

static void test_an_error_late_in_the_bundle_undoes_the_changes_before_it(void **state)
{
    (void)state;
    size_t n, m;
    char *text = fixture(&n);
    struct db d;
    db_open(&d, 0);
    struct import_bundle_result res;
    struct err err = {0};
    assert_int_equal(import_text(&d, text, n, &res, &err), 0);
    long events = audit_events(&d);
    /* a changed first text, then a note whose recommendation does not exist */
    char *one = edited(text, "Ratify the International", "Sign the International", &m);
    size_t k;
    char *two = edited(one, "\"notes\": [\n{\"recommendation\":\"SVN-UPR34-121.1\"",
                       "\"notes\": [\n{\"recommendation\":\"SVN-UPR99-1\"", &k);
    assert_int_equal(import_text(&d, two, k, &res, &err), ERR_INPUT);
    assert_non_null(strstr(err.msg, "bundle.json: $.notes[0]: no recommendation with id "
                                    "\"SVN-UPR99-1\""));
    size_t e;
    char *after = export_all(&d, 1, &e);
    assert_int_equal(e, n);
    assert_memory_equal(after, text, n); /* the first text as it was */
    assert_int_equal(audit_events(&d), events);
    free(after);
    free(two);
    free(one);
    free(text);
    db_close(&d);
}

static void test_every_truncation_is_refused(void **state)
{
    (void)state;
    size_t n;
    char *text = fixture(&n);
    struct db d;
    db_open(&d, 0);
    for (size_t cut = 0; cut < n - 1; cut += 53) {
        struct import_bundle_result res;
        struct err err = {0};
        int rc = import_text(&d, text, cut, &res, &err);
        if (rc != ERR_INPUT || strncmp(err.msg, "bundle.json: ", 13))
            fail_msg("cut at %zu: rc %d %s", cut, rc, err.msg);
    }
    assert_int_equal(rows(&d, "recommendation"), 0);
    free(text);
    db_close(&d);
}

static void test_numbers_are_written_shortest_and_exact(void **state)
{
    (void)state;
    const double values[] = {0, 0.1, 5000.25, 1.0 / 3, 1e-300, 123456789012345678.0, -2.5};
    const char *want[] = {"0", "0.1", "5000.25", NULL, "1e-300", NULL, "-2.5"};
    for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
        struct buf b = BUF_INIT;
        assert_int_equal(report_bundle_number(&b, values[i]), 0);
        assert_true(strtod(buf_str(&b), NULL) == values[i]);
        if (want[i])
            assert_string_equal(buf_str(&b), want[i]);
        buf_free(&b);
    }
    struct buf b = BUF_INIT;
    assert_int_equal(report_bundle_number(&b, NAN), 0);
    assert_string_equal(buf_str(&b), "null");
    buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fixture_round_trip_is_byte_identical),
        cmocka_unit_test(test_second_import_changes_nothing),
        cmocka_unit_test(test_merge_into_a_database_that_has_the_recommendations),
        cmocka_unit_test(test_published_only_leaves_out_drafts_comments_suggestions_and_files),
        cmocka_unit_test(test_bad_bundles_name_the_path_and_keep_nothing),
        cmocka_unit_test(test_an_error_late_in_the_bundle_undoes_the_changes_before_it),
        cmocka_unit_test(test_every_truncation_is_refused),
        cmocka_unit_test(test_numbers_are_written_shortest_and_exact),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
