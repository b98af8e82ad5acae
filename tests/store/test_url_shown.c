/*
 * test_url_shown.c — store_url_shown: the database URL as logs and messages show it, with a
 * PostgreSQL password masked wherever the URL can carry one, and everything else kept.
 */
#include "test.h"

#include "store/store.h"

static void expect(const char *url, const char *want)
{
    char out[256];
    store_url_shown(url, out, sizeof out);
    assert_string_equal(out, want);
}

static void test_password_in_user_info_is_masked(void **state)
{
    (void)state;
    expect("postgresql://suivi_fji:s3cret@db.example.org:5432/hub?schema=fji",
           "postgresql://suivi_fji:***@db.example.org:5432/hub?schema=fji");
    expect("postgres://u:p@h/db", "postgres://u:***@h/db");
    expect("postgresql://u:p%40ss@h/db", "postgresql://u:***@h/db");
}

static void test_password_parameter_is_masked(void **state)
{
    (void)state;
    expect("postgresql:///hub?host=/run/pg&password=s3cret&schema=fji",
           "postgresql:///hub?host=/run/pg&password=***&schema=fji");
    expect("postgresql:///hub?password=s3cret", "postgresql:///hub?password=***");
}

static void test_urls_without_password_and_files_are_kept(void **state)
{
    (void)state;
    expect("postgresql://suivi_fji@db/hub?schema=fji", "postgresql://suivi_fji@db/hub?schema=fji");
    expect("postgresql:///suivi_test?host=/tmp/x&port=5433",
           "postgresql:///suivi_test?host=/tmp/x&port=5433");
    expect("/var/lib/suivi/suivi.db", "/var/lib/suivi/suivi.db");
    expect("sqlite:/tmp/a:b@c.db", "sqlite:/tmp/a:b@c.db");
    /* an @ or : after the host is not a password */
    expect("postgresql://h/db?application_name=a:b@c", "postgresql://h/db?application_name=a:b@c");
}

static void test_truncated_output_is_terminated(void **state)
{
    (void)state;
    char out[12];
    store_url_shown("postgresql://u:secret@h/db", out, sizeof out);
    assert_int_equal(strlen(out), sizeof out - 1);
    assert_null(strstr(out, "secret"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_password_in_user_info_is_masked),
        cmocka_unit_test(test_password_parameter_is_masked),
        cmocka_unit_test(test_urls_without_password_and_files_are_kept),
        cmocka_unit_test(test_truncated_output_is_terminated),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
