/*
 * test_config.c — cli/config.c: the configuration file of `suivi serve`. Every key with its
 * values, comments (whole-line and after a blank, never inside a word), blanks and CRLF, and
 * each refusal naming FILE:LINE (unknown key, missing '=', empty value, a key given twice, bad
 * numbers and booleans, NUL and control bytes, a line too long); nothing leaks on refusal; the
 * value checks serve applies to its options; loading a file from disk.
 */
#include "test.h"

#include "cli/config.h"

static int parse(const char *text, struct cli_config *c, struct err *err)
{
    return cli_config_parse(text, strlen(text), "suivi.conf", c, err);
}

/* Parsing text must fail with exactly want as the message. */
static void refused(const char *text, const char *want)
{
    struct cli_config c;
    struct err err = {0};
    int rc = parse(text, &c, &err);
    if (rc != ERR_INPUT || strcmp(err.msg, want) != 0)
        fail_msg("input \"%s\": rc %d, message \"%s\", want \"%s\"", text, rc, err.msg, want);
    assert_int_equal(c.set, 0);
    assert_null(c.db);
    assert_null(c.listen);
    assert_null(c.access_log);
}

static void test_every_key_is_read(void **state)
{
    (void)state;
    struct cli_config c;
    struct err err = {0};
    assert_int_equal(parse("db = /var/lib/suivi/suivi.db\n"
                           "listen = 0.0.0.0:8080\n"
                           "threads = 8\n"
                           "access-log = /var/log/suivi/access.log\n"
                           "secure-cookies = yes\n"
                           "max-body = 24M\n",
                           &c, &err),
                     0);
    assert_string_equal(c.db, "/var/lib/suivi/suivi.db");
    assert_string_equal(c.listen, "0.0.0.0:8080");
    assert_int_equal(c.threads, 8);
    assert_string_equal(c.access_log, "/var/log/suivi/access.log");
    assert_int_equal(c.secure_cookies, 1);
    assert_int_equal(c.max_body, (size_t)24 << 20);
    assert_int_equal(c.set, CLI_CONFIG_DB | CLI_CONFIG_LISTEN | CLI_CONFIG_THREADS |
                                CLI_CONFIG_ACCESS_LOG | CLI_CONFIG_SECURE_COOKIES |
                                CLI_CONFIG_MAX_BODY);
    cli_config_free(&c);
    assert_null(c.db);
}

static void test_keys_not_given_stay_unset(void **state)
{
    (void)state;
    struct cli_config c;
    struct err err = {0};
    assert_int_equal(parse("listen = [::1]:9000", &c, &err), 0); /* no final newline */
    assert_int_equal(c.set, CLI_CONFIG_LISTEN);
    assert_string_equal(c.listen, "[::1]:9000");
    assert_null(c.db);
    assert_int_equal(c.threads, 0);
    assert_int_equal(c.max_body, 0);
    cli_config_free(&c);
    assert_int_equal(parse("", &c, &err), 0);
    assert_int_equal(c.set, 0);
    cli_config_free(&c);
}

static void test_comments_blanks_and_crlf(void **state)
{
    (void)state;
    struct cli_config c;
    struct err err = {0};
    assert_int_equal(parse("# suivi serve\r\n"
                           "\r\n"
                           "   # indented comment\n"
                           "\tlisten\t=\t127.0.0.1:8081   # inline comment\r\n"
                           "access_log = /srv/log#1/access.log\n" /* '#' inside a word */
                           "secure-cookies=off\n",
                           &c, &err),
                     0);
    assert_string_equal(c.listen, "127.0.0.1:8081");
    assert_string_equal(c.access_log, "/srv/log#1/access.log");
    assert_int_equal(c.secure_cookies, 0);
    assert_true(c.set & CLI_CONFIG_SECURE_COOKIES);
    cli_config_free(&c);
}

static void test_values_keep_inner_spaces(void **state)
{
    (void)state;
    struct cli_config c;
    struct err err = {0};
    assert_int_equal(parse("db = /srv/my data/suivi.db  \n", &c, &err), 0);
    assert_string_equal(c.db, "/srv/my data/suivi.db");
    cli_config_free(&c);
}

static void test_refusals_name_file_and_line(void **state)
{
    (void)state;
    refused("listen = 127.0.0.1:8080\n\nlistn = x\n",
            "suivi.conf:3: unknown key 'listn' (known: db, listen, threads, access-log, "
            "secure-cookies, max-body)");
    refused("# ok\nlisten 127.0.0.1:8080\n",
            "suivi.conf:2: expected 'key = value', got 'listen 127.0.0.1:8080'");
    refused("threads =\n", "suivi.conf:1: 'threads' needs a value");
    refused("threads = 4 # four\nthreads = 2\n",
            "suivi.conf:2: 'threads' given twice (first on line 1)");
    refused("threads = 0\n", "suivi.conf:1: threads: expected a number of threads from 1 to 1024");
    refused("threads = 4x\n", "suivi.conf:1: threads: expected a number of threads from 1 to 1024");
    refused("threads = -1\n", "suivi.conf:1: threads: expected a number of threads from 1 to 1024");
    refused("secure-cookies = maybe\n", "suivi.conf:1: secure-cookies: expected yes or no");
    refused("max-body = 2G\n", "suivi.conf:1: max-body: expected a size in bytes from 1 to 1 GiB "
                               "(suffix K, M or G allowed)");
    refused("max-body = 99999999999999999999\n",
            "suivi.conf:1: max-body: expected a size in bytes from 1 to 1 GiB (suffix K, M or G "
            "allowed)");
    refused("listen = localhost\n",
            "suivi.conf:1: listen: expected ADDR:PORT, e.g. 127.0.0.1:8080");
    refused("listen = 1.2.3.4:99999\n",
            "suivi.conf:1: listen: the port must be a number from 0 to 65535");
    refused("listen=[::=[#::1\n", /* found by fuzz_config: '#' inside a word is no comment */
            "suivi.conf:1: listen: expected ADDR:PORT, e.g. 127.0.0.1:8080");
    refused("listen = 1.2.3.4:80 extra\n",
            "suivi.conf:1: listen: expected ADDR:PORT, e.g. 127.0.0.1:8080");
    refused("= value\n", "suivi.conf:1: unknown key '' (known: db, listen, threads, access-log, "
                         "secure-cookies, max-body)");
    refused("db = a\x01"
            "b\n",
            "suivi.conf:1: control character (byte 1) in the line");
}

static void test_a_valid_line_after_a_refused_one_is_not_kept(void **state)
{
    (void)state;
    refused("db = /tmp/x.db\nlisten = nope\n",
            "suivi.conf:2: listen: expected ADDR:PORT, e.g. 127.0.0.1:8080");
}

static void test_nul_byte_and_long_line_refused(void **state)
{
    (void)state;
    struct cli_config c;
    struct err err = {0};
    const char with_nul[] = "listen = 127.0.0.1:80\ndb = a\0b\n";
    assert_int_equal(cli_config_parse(with_nul, sizeof with_nul - 1, "x.conf", &c, &err),
                     ERR_INPUT);
    assert_string_equal(err.msg, "x.conf:2: NUL byte: not a text file");
    assert_null(c.listen);

    size_t n = CLI_CONFIG_MAX_LINE + 10;
    char *long_line = malloc(n + 1);
    assert_non_null(long_line);
    memcpy(long_line, "db = ", 5);
    memset(long_line + 5, 'a', n - 5);
    long_line[n] = '\0';
    assert_int_equal(parse(long_line, &c, &err), ERR_INPUT);
    assert_string_equal(err.msg, "suivi.conf:1: line longer than 4096 bytes");
    free(long_line);
}

static void test_value_checks_shared_with_options(void **state)
{
    (void)state;
    struct err err = {0};
    size_t bytes = 0;
    int n = 0, b = -1;
    assert_int_equal(cli_config_bytes("1048576", "--max-body", &bytes, &err), 0);
    assert_int_equal(bytes, 1048576);
    assert_int_equal(cli_config_bytes("512k", "--max-body", &bytes, &err), 0);
    assert_int_equal(bytes, 512 * 1024);
    assert_int_equal(cli_config_bytes("1GiB", "--max-body", &bytes, &err), 0);
    assert_int_equal(bytes, (size_t)1 << 30);
    assert_int_equal(cli_config_bytes("0", "--max-body", &bytes, &err), ERR_INPUT);
    assert_int_equal(cli_config_bytes("M", "--max-body", &bytes, &err), ERR_INPUT);
    assert_int_equal(cli_config_bytes("10 M", "--max-body", &bytes, &err), ERR_INPUT);
    assert_int_equal(strncmp(err.msg, "--max-body: ", 12), 0);
    assert_int_equal(cli_config_threads("1024", "--threads", &n, &err), 0);
    assert_int_equal(n, 1024);
    assert_int_equal(cli_config_threads("1025", "--threads", &n, &err), ERR_INPUT);
    assert_int_equal(cli_config_threads("", "--threads", &n, &err), ERR_INPUT);
    assert_int_equal(cli_config_listen(":0", "--listen", &err), 0);
    assert_int_equal(cli_config_listen("127.0.0.1:", "--listen", &err), ERR_INPUT);
    assert_int_equal(cli_config_bool("TRUE", "x", &b, &err), 0);
    assert_int_equal(b, 1);
    assert_int_equal(cli_config_bool("0", "x", &b, &err), 0);
    assert_int_equal(b, 0);
    assert_int_equal(cli_config_bool("", "x", &b, &err), ERR_INPUT);
}

static void test_load_reads_a_file_and_names_it(void **state)
{
    (void)state;
    char path[64];
    snprintf(path, sizeof path, "/tmp/suivi-test-config-%d.conf", (int)getpid());
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("# sample\nlisten = 127.0.0.1:8090\nthreads = two\n", f);
    fclose(f);
    struct cli_config c;
    struct err err = {0};
    assert_int_equal(cli_config_load(path, &c, &err), ERR_INPUT);
    char want[160];
    snprintf(want, sizeof want, "%s:3: threads: expected a number of threads from 1 to 1024", path);
    assert_string_equal(err.msg, want);
    f = fopen(path, "w");
    assert_non_null(f);
    fputs("listen = 127.0.0.1:8090\n", f);
    fclose(f);
    assert_int_equal(cli_config_load(path, &c, &err), 0);
    assert_string_equal(c.listen, "127.0.0.1:8090");
    cli_config_free(&c);
    unlink(path);
    assert_int_equal(cli_config_load(path, &c, &err), ERR_IO);
    assert_non_null(strstr(err.msg, path));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_key_is_read),
        cmocka_unit_test(test_keys_not_given_stay_unset),
        cmocka_unit_test(test_comments_blanks_and_crlf),
        cmocka_unit_test(test_values_keep_inner_spaces),
        cmocka_unit_test(test_refusals_name_file_and_line),
        cmocka_unit_test(test_a_valid_line_after_a_refused_one_is_not_kept),
        cmocka_unit_test(test_nul_byte_and_long_line_refused),
        cmocka_unit_test(test_value_checks_shared_with_options),
        cmocka_unit_test(test_load_reads_a_file_and_names_it),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
